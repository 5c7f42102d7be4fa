/**
 * The @stdlib distribution functions estimation uses, each loaded on its first call and from
 * its own function package: importing the namespace packages (`@stdlib/stats-base-dists-t` and
 * the like) loads every function of the distribution, about 0.25 s of CPU at the start of
 * `spiegel estimate` for the three of them, while a request with Wald intervals needs only the
 * t quantile. The function packages are dependencies of the namespace packages that
 * package.json names, so they are resolved from there.
 */
import { createRequire } from 'node:module';

type Distribution = 't' | 'normal' | 'beta';
type Fn = (x: number, a: number, b: number) => number;

const here = createRequire(import.meta.url);
const loaded = new Map<string, Fn>();

function load(dist: Distribution, fn: 'quantile' | 'cdf'): Fn {
  const name = `@stdlib/stats-base-dists-${dist}-${fn}`;
  let f = loaded.get(name);
  if (f === undefined) {
    f = createRequire(here.resolve(`@stdlib/stats-base-dists-${dist}`))(name) as Fn;
    loaded.set(name, f);
  }
  return f;
}

/** Quantile of Student's t with `df` degrees of freedom. */
export const studentQuantile = (p: number, df: number): number => load('t', 'quantile')(p, df, NaN);
/** Distribution function of Student's t. */
export const studentCdf = (x: number, df: number): number => load('t', 'cdf')(x, df, NaN);
/** Quantile of the standard normal distribution. */
export const normalQuantile = (p: number): number => load('normal', 'quantile')(p, 0, 1);
/** Distribution function of the standard normal distribution. */
export const normalCdf = (x: number): number => load('normal', 'cdf')(x, 0, 1);
/** Quantile of Beta(a, b). */
export const betaQuantile = (p: number, a: number, b: number): number => load('beta', 'quantile')(p, a, b);
/** Distribution function of Beta(a, b). */
export const betaCdf = (x: number, a: number, b: number): number => load('beta', 'cdf')(x, a, b);
