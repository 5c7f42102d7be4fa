/**
 * Seeded generator of SYNTHETIC 2021 microdata for the worked example
 * examples/participatiewet-2021 (report 1A of the seed).
 *
 *   npx tsx tools/examples/participatiewet-2021/generate.ts
 *
 * writes examples/participatiewet-2021/data/respondenten-2021.csv and its codebook
 * (respondenten-2021.codebook.yaml). Only this generator knows the published figures: it reads
 * the hand transcription test/fixtures/seed/report-1a.json. Nothing in src/ does.
 *
 * How the data are made so that the WEIGHTED tables reproduce the printed numbers:
 * - 702 respondents in 8 weighting cells (age class × sex) with a response that differs by cell;
 *   the raking weights of the study's weighting request (weighting.yaml) depend only on the cell,
 *   so a weighted percentage is a function of the answer counts per cell. The generator computes
 *   those weights itself (iterative proportional fitting, Deming & Stephan 1940).
 * - The questions are generated in questionnaire order. Who is asked follows the spec's own
 *   routing (`askedIf`, evaluated with the spec's expression language), so the tables' bases
 *   follow from the data exactly as the library will compute them. Of those asked, exactly the
 *   printed N answer (item non-response for the rest, spread over the cells proportionally).
 * - Per question the counts per cell and answer start from the printed shares, tilted by age
 *   and sex so that answers differ between cells as in a real survey (unweighted, about 40% of
 *   the printed cells come out wrong), apportioned by largest remainder, and are then improved
 *   by a seeded local search until every weighted percentage
 *   lies inside its rounding interval (with a safety margin), means round to the printed
 *   decimal, and the routed follow-up questions keep enough respondents.
 * - Everything is verified at the end from the respondent-level rows.
 * The PRNG is mulberry32 (Tommy Ettinger's 32-bit generator), written here from its
 * description; Math.random is never used, so the output is identical on every run.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildCatalog, evaluate, loadSpec, parseExpression, type Catalog } from '../../../src/spec/index.js';
import { mulberry32 } from '../random.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const EXAMPLE = join(ROOT, 'examples/participatiewet-2021');
const SEED_JSON = join(ROOT, 'test/fixtures/seed/report-1a.json');
/** Output folder: `--out DIR`, or SPIEGEL_EXAMPLE_OUT (used by the test that checks the committed data), or the example's data/. */
const outArg = process.argv.indexOf('--out');
const OUT_DIR = outArg >= 0 ? resolve(process.argv[outArg + 1]) : process.env.SPIEGEL_EXAMPLE_OUT ?? join(EXAMPLE, 'data');
const OUT_CSV = join(OUT_DIR, 'respondenten-2021.csv');
const OUT_CODEBOOK = join(OUT_DIR, 'respondenten-2021.codebook.yaml');
const SEED = 20210615;

// ---------------------------------------------------------------- PRNG (mulberry32)
const rand = mulberry32(SEED);
const randInt = (n: number): number => Math.floor(rand() * n);
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Largest-remainder apportionment of `total` over non-negative shares. */
function apportion(total: number, shares: readonly number[], caps?: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (sum > 0 ? (total * s) / sum : 0));
  const out = exact.map(Math.floor);
  if (caps) out.forEach((v, i) => (out[i] = Math.min(v, caps[i])));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  while (left > 0) {
    let moved = false;
    for (const [, i] of order) {
      if (left === 0) break;
      if (caps && out[i] >= caps[i]) continue;
      out[i]++;
      left--;
      moved = true;
    }
    if (!moved) throw new Error(`cannot apportion ${total}: caps too small`);
  }
  return out;
}

// ---------------------------------------------------------------- the seed's printed numbers
interface SeedRow { label: string; cells: (number | string)[] }
interface SeedTable { number: string; n: number | null; rows: SeedRow[]; columns: { label: string; n?: number }[]; textOnly?: Record<string, number> }
const seed = JSON.parse(readFileSync(SEED_JSON, 'utf8')) as { tables: SeedTable[] };
function table(no: string): SeedTable {
  const t = seed.tables.find((x) => x.number === no);
  if (!t) throw new Error(`report-1a.json has no Tabel ${no}`);
  return t;
}
function cell(no: string, row: number, col = 0): number {
  const v = table(no).rows[row].cells[col];
  if (typeof v !== 'number') throw new Error(`Tabel ${no} row ${row + 1} col ${col + 1} is not a number`);
  return v;
}
const lastCol = (no: string, row: number): number => cell(no, row, table(no).columns.length - 1);
function nOf(no: string): number {
  const n = table(no).n;
  if (n === null) throw new Error(`Tabel ${no} has no N`);
  return n;
}
/** Report 1A prints N rounded to tens except in Tabel 1, 35 and the N column of 26. */
const EXACT_N = new Set(['1', '35']);
/** Fewest respondents a routed follow-up needs so its N prints as the seed's (N-4 still rounds to N). */
const baseMin = (no: string): number => (EXACT_N.has(no) ? nOf(no) : nOf(no) - 4);

// ---------------------------------------------------------------- weighting cells and weights
const AGE_CLASSES = [1, 2, 3, 4];
const SEXES = [1, 2];
const CELLS = AGE_CLASSES.flatMap((age) => SEXES.map((sex) => ({ age, sex })));
/** Respondents per cell (men, women per age class): response rises with age and is higher among women. */
const SAMPLE = [40, 50, 70, 95, 85, 95, 125, 142];

interface Margin { variables: string[]; population: Record<string, number>[] }
const request = parseYaml(readFileSync(join(EXAMPLE, 'weighting.yaml'), 'utf8')) as { margins: Margin[] };

/** Raking of the cell counts to the request's one-variable margins (IPF until the margins hold to 1e-14). */
function rakeCellWeights(): number[] {
  const w = CELLS.map(() => 1);
  const varOf: Record<string, (c: { age: number; sex: number }) => number> = { leeftijd: (c) => c.age, geslacht: (c) => c.sex };
  for (let iter = 0; iter < 1000; iter++) {
    let worst = 0;
    for (const m of request.margins) {
      const v = m.variables[0];
      for (const p of m.population) {
        const idx = CELLS.map((c, i) => (varOf[v](c) === p[v] ? i : -1)).filter((i) => i >= 0);
        const now = idx.reduce((s, i) => s + SAMPLE[i] * w[i], 0);
        worst = Math.max(worst, Math.abs(now - p.N) / p.N);
        for (const i of idx) w[i] *= p.N / now;
      }
    }
    if (worst < 1e-14) return w;
  }
  throw new Error('raking did not converge');
}
const WEIGHT = rakeCellWeights();

// ---------------------------------------------------------------- respondents
type Value = number | string | null;
interface Respondent { cell: number; values: Map<string, Value> }
const respondents: Respondent[] = [];
CELLS.forEach((c, ci) => {
  for (let k = 0; k < SAMPLE[ci]; k++) {
    respondents.push({ cell: ci, values: new Map<string, Value>([['leeftijd', c.age], ['geslacht', c.sex]]) });
  }
});
shuffle(respondents);
respondents.forEach((r, i) => r.values.set('id', i + 1));

// ---------------------------------------------------------------- checks and plans
/** A weighted share (percent of those answering `base` codes) that must round to `pct`. */
interface ShareCheck { type: 'share'; codes: number[]; base?: number[]; pct: number; what: string }
/** A weighted mean that must round (one decimal) to `mean`. */
interface MeanCheck { type: 'mean'; mean: number; what: string }
/** An unweighted count that must reach `min` (so a routed follow-up question can have its N). */
interface MinCheck { codes: number[]; min: number; what: string }
type Check = ShareCheck | MeanCheck;

/** One variable with categories: its codes, the printed checks, and the start shares. */
interface CatPlan { variable: string; codes: number[]; checks: Check[]; start: number[]; mins: MinCheck[]; n?: number }
/** A multiple response set: exclusive options ("geen"), optional "nothing ticked", the rest. */
interface MrPlan {
  exclusive: number[];
  /** Start share of respondents who tick nothing (no printed figure; only when the seed has no "none" option). */
  noneShare: number;
  pct: number[];
  mins: { of: 'group' | 'anyTicked'; min: number; what: string }[];
}

const share = (codes: number[], pct: number, what: string, base?: number[]): ShareCheck => ({ type: 'share', codes, pct, what, base });
/** Checks for one row of a table whose columns are the codes in order. */
function rowChecks(no: string, row: number, codes: number[], base?: number[]): Check[] {
  return codes.map((c, k) => share([c], cell(no, row, k), `Tabel ${no} r${row + 1} c${k + 1}`, base));
}
/** Checks for a single-column table whose rows are the codes in order. */
function columnChecks(no: string, codes: number[], col = 0): Check[] {
  return codes.map((c, k) => share([c], cell(no, k, col), `Tabel ${no} r${k + 1}`));
}
const startFrom = (checks: Check[], codes: number[]): number[] =>
  codes.map((c) => {
    const ch = checks.find((x): x is ShareCheck => x.type === 'share' && x.codes.length === 1 && x.codes[0] === c && x.base === undefined);
    return ch ? Math.max(ch.pct, 0.2) : 1;
  });
function cat(variable: string, codes: number[], checks: Check[], extra: Partial<Pick<CatPlan, 'start' | 'mins' | 'n'>> = {}): CatPlan {
  return { variable, codes, checks, start: extra.start ?? startFrom(checks, codes), mins: extra.mins ?? [], n: extra.n };
}
const E5 = [1, 2, 3, 4, 5];
/** A Likert grid table: one CatPlan per item (row), plus trend checks "(helemaal) eens" per item. */
function likert(no: string, prefix: string, trend?: { no: string; items: number[] }): CatPlan[] {
  return table(no).rows.map((_, r) => {
    const checks = rowChecks(no, r, E5);
    const ti = trend?.items.indexOf(r + 1) ?? -1;
    if (trend && ti >= 0) checks.push(share([1, 2], lastCol(trend.no, ti), `Tabel ${trend.no} r${ti + 1} 2021`));
    return cat(`${prefix}_${r + 1}`, E5, checks);
  });
}

/** What each question must reproduce. Questions not listed here are generated freely (none). */
/** `n`: the printed N of the question's table; `exact`: printed unrounded (else rounded to tens). */
interface QuestionPlan { n?: number; exact?: true; cats?: CatPlan[]; mr?: MrPlan; themes?: true }
const plans = new Map<string, QuestionPlan>();
plans.set('duur', {
  cats: [cat('duur', [1, 2, 3], [], { start: [0.22, 0.1, 0.68], mins: [{ codes: [1, 2], min: 222, what: 'pool of zelf' }, { codes: [2, 3], min: baseMin('2'), what: 'Tabel 2 base' }] })],
});
plans.set('zelf', { cats: [cat('zelf', [1, 2], [], { start: [2, 1], mins: [{ codes: [1], min: baseMin('1'), what: 'Tabel 1 base' }] })] });
plans.set('aanvr', { n: nOf('1'), exact: true, cats: likert('1', 'aanvr') });
plans.set('corona', { n: nOf('2'), cats: table('2').rows.map((_, r) => cat(`corona_${r + 1}`, [1, 2, 3, 8], rowChecks('2', r, [1, 2, 3, 8]))) });
plans.set('werk', { n: nOf('3'), cats: [cat('werk', [1, 2, 3, 4], columnChecks('3', [1, 2, 3, 4]), { mins: [{ codes: [2, 3, 4], min: baseMin('4'), what: 'Tabel 4/22a base' }] })] });
plans.set('zoek', { n: nOf('4'), cats: [cat('zoek', [1, 2, 3, 4], columnChecks('4', [1, 2, 3, 4]))] });
plans.set('stw', {
  n: nOf('5a'),
  cats: table('5a').rows.map((_, r) => {
    const checks: Check[] = [share([1, 2], cell('5a', r), `Tabel 5a r${r + 1}`)];
    const tr = [2, 8, 9].indexOf(r + 1);
    if (tr >= 0) checks.push(share([1, 2], lastCol('5b', tr), `Tabel 5b r${tr + 1} 2021`));
    const agree = cell('5a', r);
    // Only "(helemaal) eens" is printed; the other answers are spread over the scale.
    return cat(`stw_${r + 1}`, E5, checks, { start: [agree * 0.35, agree * 0.65, (100 - agree) * 0.35, (100 - agree) * 0.4, (100 - agree) * 0.25] });
  }),
});
plans.set('belem', { n: nOf('6a'), mr: { exclusive: [11], noneShare: 0, pct: table('6a').rows.map((_, r) => cell('6a', r)), mins: [] } });
plans.set('afspr', {
  n: nOf('7a'),
  mr: { exclusive: [11], noneShare: 0, pct: table('7a').rows.map((_, r) => cell('7a', r)), mins: [{ of: 'group', min: baseMin('8'), what: 'Tabel 8 base' }] },
});
plans.set('afsprst', { n: nOf('8'), cats: likert('8', 'afsprst') });
plans.set('steun', {
  n: nOf('9a'),
  mr: { exclusive: [], noneShare: 0.2, pct: table('9a').rows.map((_, r) => cell('9a', r)), mins: [{ of: 'anyTicked', min: baseMin('10'), what: 'Tabel 10 base' }] },
});
plans.set('hoogte', { n: nOf('10'), cats: [cat('hoogte', [1, 2, 3, 4, 8], columnChecks('10', [1, 2, 3, 4, 8]))] });
const t12 = table('12').columns.map((c) => c.n ?? 0);
plans.set('ontv', {
  n: nOf('11'),
  cats: [0, 1].map((r) => cat(`ontv_${r + 1}`, [1, 2], [share([1], cell('11', r), `Tabel 11 r${r + 1}`)], { start: [cell('11', r), 100 - cell('11', r)], mins: [{ codes: [1], min: t12[r], what: `Tabel 12 column ${r + 1} base` }] })),
});
// Tabel 12 prints its column Ns in the header: made exact (the table model keeps them unrounded).
plans.set('oordtr', { n: t12[0], exact: true, cats: [cat('oordtr', [1, 2, 3], columnChecks('12', [1, 2, 3], 0))] });
plans.set('oordwep', { n: t12[1], exact: true, cats: [cat('oordwep', [1, 2, 3], columnChecks('12', [1, 2, 3], 1))] });
plans.set('gespr', { n: nOf('13'), cats: [cat('gespr', [1, 2, 3, 4, 5], columnChecks('13', [1, 2, 3, 4, 5]), { mins: [{ codes: [1, 2, 3, 4], min: baseMin('29a'), what: 'Tabel 29a base' }] })] });
plans.set('gesproord', {
  n: nOf('14a'),
  cats: [cat('gesproord', [1, 2, 3], [...columnChecks('14a', [1, 2, 3]), ...[1, 2, 3].map((c, r) => share([c], lastCol('14b', r), `Tabel 14b r${r + 1} 2021`))])],
});
plans.set('uitk', { n: nOf('15a'), cats: likert('15a', 'uitk', { no: '15b', items: [1, 2, 3] }) });
plans.set('verr', { n: nOf('16'), cats: likert('16', 'verr') });
plans.set('ink', { n: nOf('17'), cats: [cat('ink', [1, 2, 3], columnChecks('17', [1, 2, 3]), { mins: [{ codes: [1, 2], min: baseMin('18'), what: 'Tabel 18 base' }] })] });
// Tabel 18 lacks its "Vaak" row (catalogue §5.4); the text gives 12%.
const vaak = table('18').textOnly?.Vaak ?? NaN;
plans.set('verrprobl', { n: nOf('18'), cats: [cat('verrprobl', [1, 2, 3, 4], [share([1], vaak, 'Tabel 18 text "Vaak"'), ...[2, 3, 4].map((c, r) => share([c], cell('18', r), `Tabel 18 r${r + 1}`))])] });
const NVT = [1, 2, 3, 4, 5, 9];
plans.set('reint', {
  n: nOf('19a'),
  cats: table('19a').rows.map((_, r) => {
    const checks = rowChecks('19a', r, NVT);
    // 19b: collapsed, N.v.t. excluded from the base; 19c's 2021 column is 19b's first column.
    [[1, 2], [3], [4, 5]].forEach((codes, k) => checks.push(share(codes, cell('19b', r, k), `Tabel 19b r${r + 1} c${k + 1}`, E5)));
    checks.push(share([1, 2], lastCol('19c', r), `Tabel 19c r${r + 1} 2021`, E5));
    return cat(`reint_${r + 1}`, NVT, checks);
  }),
});
const TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
plans.set('cijfer', {
  n: nOf('20a'),
  cats: [cat('cijfer', TEN, [...columnChecks('20a', TEN), { type: 'mean', mean: lastCol('20b', 0), what: 'Tabel 20b mean 2021' }, share([1, 2, 3, 4, 5], lastCol('20b', 1), 'Tabel 20b onvoldoendes 2021')])],
});
plans.set('recht', { n: nOf('21a'), cats: likert('21a', 'recht', { no: '21b', items: [1, 2, 3, 4, 6] }) });
plans.set('vrijst', { n: nOf('22a'), cats: [cat('vrijst', [1, 2, 3, 4], [...columnChecks('22a', [1, 2, 3, 4]), share([1, 2], lastCol('22b', 0), 'Tabel 22b r1 2021')])] });
const besch = table('22b').textOnly ?? {};
plans.set('beschikking', {
  cats: [cat('beschikking', [1, 2, 8], [share([1], lastCol('22b', 1), 'Tabel 22b r2 2021')], { start: [besch['beschikking Ja'], besch['beschikking Nee'], besch['beschikking Weet ik niet']] })],
});
plans.set('boete', { n: nOf('23'), cats: [cat('boete', [1, 2], columnChecks('23', [1, 2]), { mins: [{ codes: [1], min: baseMin('24'), what: 'Tabel 24 base' }] })] });
plans.set('boetereden', { n: nOf('24'), mr: { exclusive: [], noneShare: 0, pct: table('24').rows.map((_, r) => cell('24', r)), mins: [] } });
plans.set('voorz', {
  n: nOf('25a'),
  cats: table('25a').rows.map((_, r) => {
    const checks = rowChecks('25a', r, [1, 2, 3]);
    if (r < 2) checks.push(share([2, 3], lastCol('25b', r), `Tabel 25b r${r + 1} 2021`));
    return cat(`voorz_${r + 1}`, [1, 2, 3], checks, { mins: [{ codes: [3], min: cell('26', r, 3), what: `Tabel 26 r${r + 1} N` }] });
  }),
});
plans.set('voorztevr', { cats: table('26').rows.map((_, r) => cat(`voorztevr_${r + 1}`, [1, 2, 3], rowChecks('26', r, [1, 2, 3]), { n: cell('26', r, 3) })) });
plans.set('bezwaar', { n: nOf('27'), cats: [cat('bezwaar', [1, 2], columnChecks('27', [1, 2]), { mins: [{ codes: [1], min: baseMin('28'), what: 'Tabel 28 base' }] })] });
plans.set('bezwaartevr', { n: nOf('28'), cats: [cat('bezwaartevr', [1, 2], columnChecks('28', [1, 2]))] });
plans.set('bej', { n: nOf('29a'), cats: likert('29a', 'bej', { no: '29b', items: [2, 4] }) });
plans.set('hulp', {
  n: nOf('30'),
  mr: { exclusive: [8], noneShare: 0, pct: table('30').rows.map((_, r) => cell('30', r)), mins: [{ of: 'group', min: baseMin('31a'), what: 'Tabel 31a base' }] },
});
plans.set('samenw', { n: nOf('31a'), cats: likert('31a', 'samenw', { no: '31b', items: [1, 2, 3] }) });
plans.set('schuld', {
  n: nOf('32'),
  mr: { exclusive: [3], noneShare: 0, pct: table('32').rows.map((_, r) => cell('32', r)), mins: [{ of: 'group', min: baseMin('33'), what: 'Tabel 33 base' }] },
});
plans.set('shvcontact', { n: nOf('33'), cats: [cat('shvcontact', [1, 2, 3], columnChecks('33', [1, 2, 3]), { mins: [{ codes: [1, 2], min: baseMin('34'), what: 'Tabel 34 base' }] })] });
plans.set('shvgebruik', {
  n: nOf('34'),
  mr: { exclusive: [5, 6, 7, 8], noneShare: 0, pct: table('34').rows.map((_, r) => cell('34', r)), mins: [{ of: 'group', min: baseMin('35'), what: 'Tabel 35 base' }] },
});
plans.set('shvst', { n: nOf('35'), exact: true, cats: likert('35', 'shvst') });
plans.set('suggestie', { themes: true });

// ---------------------------------------------------------------- the local search
/** Margin kept from a rounding boundary, so that the library's rounding and tiny weight differences cannot flip a number. */
const PCT_MARGIN = 0.03;
const MEAN_MARGIN = 0.003;

/** Strength of the age/sex gradient of the answers (0 = the same distribution in every cell). */
const TILT = 0.35;
/** A score per weighting cell: older and female respondents lean to the later codes. */
function cellScore(c: number): number {
  const { age, sex } = CELLS[c];
  return (age - 2.5) / 1.5 + (sex === 2 ? 0.3 : -0.3);
}

function violation(value: number, target: number, half: number, margin: number): number {
  const lo = target - half + margin;
  const hi = target + half - margin;
  return value < lo ? lo - value : value > hi ? value - hi : 0;
}

/** Counts per cell × code for one variable, searched until every check holds. */
function solveCategorical(plan: CatPlan, answered: number[]): number[][] {
  const K = plan.codes.length;
  // Start shares differ by cell: answers go with age and sex (an ordered gradient over the
  // codes), as in a real survey, so that the weighting matters; the search then restores
  // every weighted figure.
  const counts = answered.map((a, c) => apportion(a, plan.start.map((p, k) => p * (1 + TILT * cellScore(c) * (K > 1 ? (2 * k) / (K - 1) - 1 : 0)))));
  const idx = (codes: number[]): number[] => codes.map((c) => plan.codes.indexOf(c));
  const compiled = plan.checks.map((ch) => ({ ch, num: ch.type === 'share' ? idx(ch.codes) : [], base: ch.type === 'share' && ch.base ? idx(ch.base) : null }));
  const mins = plan.mins.map((m) => ({ m, k: idx(m.codes) }));
  const loss = (): number => {
    let total = 0;
    for (const { ch, num, base } of compiled) {
      let top = 0;
      let bottom = 0;
      for (let c = 0; c < counts.length; c++) {
        const w = WEIGHT[c];
        if (ch.type === 'share') {
          for (const k of num) top += w * counts[c][k];
          if (base) for (const k of base) bottom += w * counts[c][k];
          else for (let k = 0; k < K; k++) bottom += w * counts[c][k];
        } else {
          for (let k = 0; k < K; k++) {
            top += w * counts[c][k] * plan.codes[k];
            bottom += w * counts[c][k];
          }
        }
      }
      if (bottom === 0) continue;
      total += ch.type === 'share' ? violation((100 * top) / bottom, ch.pct, 0.5, PCT_MARGIN) : 20 * violation(top / bottom, ch.mean, 0.05, MEAN_MARGIN);
    }
    for (const { m, k } of mins) {
      let n = 0;
      for (const row of counts) for (const j of k) n += row[j];
      if (n < m.min) total += 10 * (m.min - n);
    }
    return total;
  };
  let current = loss();
  for (let iter = 0; iter < 400000 && current > 0; iter++) {
    const c = randInt(counts.length);
    const from = randInt(K);
    const to = randInt(K);
    if (from === to || counts[c][from] === 0) continue;
    // Half of the moves are paired: the opposite move in another cell keeps the unweighted
    // counts and shifts only the weighted share (needed where a follow-up's N is tight).
    const c2 = rand() < 0.5 ? randInt(counts.length) : -1;
    if (c2 === c || (c2 >= 0 && counts[c2][to] === 0)) continue;
    counts[c][from]--;
    counts[c][to]++;
    if (c2 >= 0) {
      counts[c2][to]--;
      counts[c2][from]++;
    }
    const next = loss();
    if (next <= current || rand() < 0.002) current = next;
    else {
      counts[c][from]++;
      counts[c][to]--;
      if (c2 >= 0) {
        counts[c2][to]++;
        counts[c2][from]--;
      }
    }
  }
  if (current > 0) throw new Error(`${plan.variable}: no allocation satisfies the printed figures (loss ${current.toFixed(4)})`);
  return counts;
}

interface MrCounts { exclusive: number[][]; none: number[]; options: number[][] }
/** Counts per cell for a multiple response set (exclusive options, nothing ticked, the other options). */
function solveMultiple(plan: MrPlan, answered: number[], name: string): MrCounts {
  const O = plan.pct.length;
  const multi = [...Array(O).keys()].filter((o) => !plan.exclusive.includes(o + 1));
  const exIdx = plan.exclusive.map((e) => e - 1);
  const exclShare = exIdx.map((o) => plan.pct[o]);
  const groupShare = 100 - exclShare.reduce((a, b) => a + b, 0) - plan.noneShare * 100;
  const st: MrCounts = { exclusive: [], none: [], options: [] };
  answered.forEach((a, c) => {
    const parts = apportion(a, [...exclShare, plan.noneShare * 100, groupShare]);
    st.exclusive.push(parts.slice(0, exIdx.length));
    st.none.push(parts[exIdx.length]);
    const g = parts[exIdx.length + 1];
    st.options.push(multi.map((o) => Math.min(g, Math.round((a * plan.pct[o]) / 100))));
  });
  const groupOf = (c: number): number => answered[c] - st.exclusive[c].reduce((x, y) => x + y, 0) - st.none[c];
  const loss = (): number => {
    let total = 0;
    const base = answered.reduce((s, a, c) => s + WEIGHT[c] * a, 0);
    exIdx.forEach((o, e) => {
      const top = st.exclusive.reduce((s, row, c) => s + WEIGHT[c] * row[e], 0);
      total += violation((100 * top) / base, plan.pct[o], 0.5, PCT_MARGIN);
    });
    multi.forEach((o, j) => {
      const top = st.options.reduce((s, row, c) => s + WEIGHT[c] * row[j], 0);
      total += violation((100 * top) / base, plan.pct[o], 0.5, PCT_MARGIN);
    });
    let group = 0;
    let ticked = 0;
    for (let c = 0; c < answered.length; c++) {
      const g = groupOf(c);
      const sum = st.options[c].reduce((x, y) => x + y, 0);
      if (g < 0) total += 100 * -g;
      if (sum < g) total += 10 * (g - sum); // everyone in the group ticks at least one option
      for (const m of st.options[c]) if (m > g) total += 10 * (m - g);
      group += g;
      ticked += answered[c] - st.none[c];
    }
    for (const m of plan.mins) {
      const n = m.of === 'group' ? group : ticked;
      if (n < m.min) total += 10 * (m.min - n);
    }
    return total;
  };
  let current = loss();
  const slots = exIdx.length + (plan.noneShare > 0 ? 1 : 0) + multi.length;
  for (let iter = 0; iter < 600000 && current > 0; iter++) {
    const c = randInt(answered.length);
    const s = randInt(slots);
    const d = rand() < 0.5 ? -1 : 1;
    const ref: [number[], number] = s < exIdx.length ? [st.exclusive[c], s] : s < exIdx.length + (plan.noneShare > 0 ? 1 : 0) ? [st.none, c] : [st.options[c], s - exIdx.length - (plan.noneShare > 0 ? 1 : 0)];
    if (ref[0][ref[1]] + d < 0) continue;
    ref[0][ref[1]] += d;
    const next = loss();
    if (next <= current || rand() < 0.002) current = next;
    else ref[0][ref[1]] -= d;
  }
  if (current > 0) throw new Error(`${name}: no allocation satisfies the printed figures (loss ${current.toFixed(4)})`);
  return st;
}

// ---------------------------------------------------------------- generation in questionnaire order
const loaded = loadSpec(join(EXAMPLE, 'study.yaml'));
const catalog: Catalog = buildCatalog(loaded.spec);
const lookup = (r: Respondent) => (name: string): Value => r.values.get(name) ?? null;
const asked = (expr: string | undefined, pool: Respondent[]): Respondent[] => {
  if (expr === undefined) return pool;
  const e = parseExpression(expr);
  return pool.filter((r) => evaluate(e, lookup(r)));
};
const byCell = (rs: Respondent[]): Respondent[][] => CELLS.map((_, c) => shuffle(rs.filter((r) => r.cell === c)));

/** Of those asked, `n` answer: apportioned over the cells in proportion to those asked. */
function answering(pool: Respondent[], n: number | undefined, what: string, exact?: boolean): Respondent[][] {
  const cells = byCell(pool);
  if (n === undefined) return cells;
  if (pool.length < n - 4 || (exact && pool.length < n)) throw new Error(`${what}: ${pool.length} asked, but the seed prints N=${n}`);
  const sizes = apportion(Math.min(n, pool.length), cells.map((c) => c.length), cells.map((c) => c.length));
  return cells.map((c, i) => c.slice(0, sizes[i]));
}

function assignCategorical(variable: string, plan: CatPlan, cells: Respondent[][], all: Respondent[]): void {
  for (const r of all) r.values.set(variable, null);
  const counts = solveCategorical(plan, cells.map((c) => c.length));
  cells.forEach((members, c) => {
    let i = 0;
    counts[c].forEach((n, k) => {
      for (let j = 0; j < n; j++) members[i++].values.set(variable, plan.codes[k]);
    });
  });
}

function assignMultiple(variables: string[], plan: MrPlan, cells: Respondent[][], all: Respondent[], name: string): void {
  for (const r of all) for (const v of variables) r.values.set(v, null);
  const st = solveMultiple(plan, cells.map((c) => c.length), name);
  const multi = variables.map((_, o) => o).filter((o) => !plan.exclusive.includes(o + 1));
  cells.forEach((members, c) => {
    for (const r of members) for (const v of variables) r.values.set(v, 0);
    let i = 0;
    plan.exclusive.forEach((e, k) => {
      for (let j = 0; j < st.exclusive[c][k]; j++) members[i++].values.set(variables[e - 1], 1);
    });
    i += st.none[c];
    const group = members.slice(i);
    // Cyclic filling: each option goes to distinct members, and every member gets at least one.
    let next = 0;
    multi.forEach((o, j) => {
      for (let t = 0; t < st.options[c][j]; t++) {
        group[next % group.length].values.set(variables[o], 1);
        next++;
      }
    });
  });
}

const THEME_WORDS = ['bejegening', 'maatwerk', 'toegankelijkheid', 'dienstverlener', 'scholing en begeleiding', 'regels', 'informatie', 'bijstand', 'samenwerking', 'budget', 'niet-werkenden', 'indexeren', 'bedrijven', 'kinderen', 'plaats van het gesprek'];
function assignThemes(): void {
  const counts = table('36').rows.filter((r) => r.label !== 'Eindtotaal').map((r) => r.cells[0] as number);
  const withSuggestion = shuffle([...respondents]).slice(0, 150);
  for (const r of respondents) {
    r.values.set('suggestie', null);
    counts.forEach((_, t) => r.values.set(`thema_${t + 1}`, null));
  }
  for (const r of withSuggestion) counts.forEach((_, t) => r.values.set(`thema_${t + 1}`, 0));
  let next = 0;
  counts.forEach((n, t) => {
    for (let j = 0; j < n; j++) withSuggestion[next++ % withSuggestion.length].values.set(`thema_${t + 1}`, 1);
  });
  for (const r of withSuggestion) {
    const themes = counts.map((_, t) => t).filter((t) => r.values.get(`thema_${t + 1}`) === 1);
    r.values.set('suggestie', `[synthetisch antwoord] suggestie over ${themes.map((t) => THEME_WORDS[t]).join(' en ')}`);
  }
}

for (const q of loaded.spec.questions) {
  const plan = plans.get(q.id);
  const info = catalog.questions.get(q.id);
  if (!info) throw new Error(`catalog lacks ${q.id}`);
  if (plan?.themes) {
    assignThemes();
    continue;
  }
  const pool = asked(q.askedIf, respondents);
  if (q.type === 'multiple') {
    if (!plan?.mr) throw new Error(`no plan for multiple response question ${q.id}`);
    assignMultiple([...info.variables], plan.mr, answering(pool, plan.n, q.id, plan.exact), respondents, q.id);
    continue;
  }
  if (!plan?.cats) throw new Error(`no plan for question ${q.id}`);
  const items = q.items ?? [{ variable: q.variable ?? q.id, label: q.wording }];
  if (items.length !== plan.cats.length) throw new Error(`${q.id}: ${items.length} items in the spec, ${plan.cats.length} rows in the seed`);
  // A grid's items share one set of answering respondents, unless items are routed one by one.
  const shared = items.some((it) => 'askedIf' in it && it.askedIf !== undefined) ? null : answering(pool, plan.n, q.id, plan.exact);
  items.forEach((it, k) => {
    const p = plan.cats![k];
    const v = it.variable ?? q.id;
    if (p.variable !== v) throw new Error(`${q.id}: item ${k + 1} is ${v} in the spec but ${p.variable} in the plan`);
    const cells = shared ?? answering(asked('askedIf' in it ? it.askedIf : undefined, pool), p.n, v, true);
    assignCategorical(v, p, cells, respondents);
  });
}

// ---------------------------------------------------------------- verification from the rows
const nPrints = (n: number, printed: number, exact?: boolean): boolean => (exact ? n === printed : Math.abs(n - printed) <= 4);
function verify(): string[] {
  const bad: string[] = [];
  const wOf = (r: Respondent): number => WEIGHT[r.cell];
  for (const [qid, plan] of plans) {
    for (const p of plan.cats ?? []) {
      const rs = respondents.filter((r) => r.values.get(p.variable) !== null);
      if (p.n !== undefined && rs.length !== p.n) bad.push(`${p.variable}: N ${rs.length} ≠ ${p.n}`);
      if (plan.n !== undefined && !nPrints(rs.length, plan.n, plan.exact)) bad.push(`${p.variable}: N ${rs.length} does not print as ${plan.n}`);
      for (const ch of p.checks) {
        if (ch.type === 'share') {
          const inBase = rs.filter((r) => !ch.base || ch.base.includes(r.values.get(p.variable) as number));
          const top = inBase.filter((r) => ch.codes.includes(r.values.get(p.variable) as number)).reduce((s, r) => s + wOf(r), 0);
          const pct = (100 * top) / inBase.reduce((s, r) => s + wOf(r), 0);
          if (Math.round(pct) !== ch.pct) bad.push(`${ch.what}: ${pct.toFixed(2)} ≠ ${ch.pct}`);
        } else {
          const m = rs.reduce((s, r) => s + wOf(r) * (r.values.get(p.variable) as number), 0) / rs.reduce((s, r) => s + wOf(r), 0);
          if (Math.round(m * 10) / 10 !== ch.mean) bad.push(`${ch.what}: ${m.toFixed(3)} ≠ ${ch.mean}`);
        }
      }
    }
    if (plan.mr) {
      const vars = catalog.questions.get(qid)?.variables ?? [];
      const rs = respondents.filter((r) => r.values.get(vars[0]) !== null);
      if (plan.n !== undefined && !nPrints(rs.length, plan.n, plan.exact)) bad.push(`${qid}: N ${rs.length} does not print as ${plan.n}`);
      const base = rs.reduce((s, r) => s + wOf(r), 0);
      vars.forEach((v, o) => {
        const pct = (100 * rs.filter((r) => r.values.get(v) === 1).reduce((s, r) => s + wOf(r), 0)) / base;
        if (Math.round(pct) !== plan.mr!.pct[o]) bad.push(`${v}: ${pct.toFixed(2)} ≠ ${plan.mr!.pct[o]}`);
      });
      const noTick = rs.filter((r) => vars.every((v) => r.values.get(v) === 0)).length;
      if (plan.mr.noneShare === 0 && noTick > 0) bad.push(`${qid}: ${noTick} respondents ticked nothing`);
      for (const r of rs) {
        const ex = plan.mr.exclusive.filter((e) => r.values.get(vars[e - 1]) === 1).length;
        const other = vars.filter((v, o) => !plan.mr!.exclusive.includes(o + 1) && r.values.get(v) === 1).length;
        if (ex > 1 || (ex === 1 && other > 0)) bad.push(`${qid}: respondent ${String(r.values.get('id'))} ticked an exclusive option with another`);
      }
    }
  }
  return bad;
}
const problems = verify();
if (problems.length > 0) {
  console.error(problems.join('\n'));
  throw new Error(`${problems.length} generated figures differ from the seed`);
}

// ---------------------------------------------------------------- output (temp file, then rename)
const columns = ['id', 'leeftijd', 'geslacht', ...[...catalog.variables.keys()].filter((v) => !['leeftijd', 'geslacht'].includes(v) && catalog.variables.get(v)?.role !== 'derived')];
const csvField = (v: Value): string => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const sorted = [...respondents].sort((a, b) => (a.values.get('id') as number) - (b.values.get('id') as number));
const csv = [columns.join(','), ...sorted.map((r) => columns.map((c) => csvField(r.values.get(c) ?? null)).join(','))].join('\n') + '\n';

const yamlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const cb: string[] = [
  '# Codebook of the SYNTHETIC 2021 microdata of the worked example (report 1A of the seed).',
  '# Written by tools/examples/participatiewet-2021/generate.ts; do not edit by hand.',
  `# Seed ${SEED}; ${respondents.length} respondents; empty field = system-missing (not asked, or no answer).`,
  'encoding: utf-8',
  'separator: ","',
  'variables:',
  '  id: { type: numeric, label: Volgnummer respondent (synthetisch), measure: nominal, format: F4.0 }',
];
for (const name of columns.slice(1)) {
  const v = catalog.variables.get(name);
  if (!v) throw new Error(`no catalog entry for ${name}`);
  const label = yamlText(v.label.length > 200 ? `${v.label.slice(0, 197)}...` : v.label);
  if (v.role === 'open') cb.push(`  ${name}: { type: string, label: ${label}, measure: nominal }`);
  else if (v.role === 'rating') cb.push(`  ${name}: { type: numeric, label: ${label}, measure: ordinal, format: F2.0 }`);
  else if (v.role === 'option') cb.push(`  ${name}: { type: categorical, label: ${label}, measure: nominal, format: F1.0, values: { 0: Niet gekozen, 1: Gekozen } }`);
  else {
    const cats = v.categories ?? [];
    const values = cats.map((c) => `${c.code}: ${yamlText(c.label)}`).join(', ');
    cb.push(`  ${name}: { type: categorical, label: ${label}, measure: nominal, format: F1.0, values: { ${values} } }`);
  }
}

mkdirSync(dirname(OUT_CSV), { recursive: true });
for (const [path, text] of [[OUT_CSV, csv], [OUT_CODEBOOK, cb.join('\n') + '\n']] as const) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
console.log(`wrote ${respondents.length} respondents × ${columns.length} variables to ${OUT_CSV}`);
console.log(`cell weights (age class × sex): ${WEIGHT.map((w) => w.toFixed(2)).join(' ')}`);
