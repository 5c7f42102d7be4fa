import { expect } from 'vitest';

/** Relative error at most 1e-9 (absolute for values near zero). */
export function expectClose(got: number | null | undefined, want: number, what: string, tol = 1e-9): void {
  expect(got, what).not.toBeNull();
  expect(got, what).toBeDefined();
  const g = got as number;
  const err = Math.abs(g - want) / Math.max(Math.abs(want), 1e-12);
  if (!(err <= tol) && !(Math.abs(g - want) <= 1e-14)) {
    expect.fail(`${what}: got ${g}, R gives ${want} (relative error ${err.toExponential(2)})`);
  }
}

export function rowKey(id: string, level: unknown, by: unknown): string {
  return `${id}|${JSON.stringify(level)}|${JSON.stringify(by)}`;
}
