/**
 * Hostile and broken inputs for the commands (issue 8), generated here rather than stored as
 * binaries. Each case is a folder of files and one command line; the corpus test runs every case
 * and checks the promises that hold for any input: a typed one-line error or success, never a
 * stack trace, no control characters on the terminal, inputs unchanged, no temporary files left.
 */
export interface HostileCase {
  readonly name: string;
  /** Files to create in the case's folder (name → content). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Folders to create. */
  readonly folders?: readonly string[];
  /** The command line; `@/` is replaced by the case's folder. */
  readonly args: readonly string[];
  /** The exit status, when the case pins it. */
  readonly code?: number;
}

const ESC = '\u001b';
const CSV = 'id,sex,age\n' + Array.from({ length: 30 }, (_, i) => `${i + 1},${i % 2 === 0 ? 'man' : 'vrouw'},${20 + i}`).join('\n') + '\n';
const FORMULAS = 'id,text\n1,=1+1\n2,+31 6 1234 5678\n3,-2\n4,@SUM(A1:A9)\n5,"=HYPERLINK(""http://x"",""y"")"\n6,\tx\n';
const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(',')}]`)].join('\n') + '\n';
const POST = { method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 'man', N: 500 }, { sex: 'vrouw', N: 500 }] }] };
const SRS = { method: 'srs', n: 5, key: 'id' };

/** Pseudo-random bytes, seeded, for garbage files. */
function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

export const hostileCases: readonly HostileCase[] = [
  // Terminal escapes in names, labels, values and file names.
  { name: 'describe: ESC sequences in header and values', files: { 'a.csv': `x${ESC}]0;PWNED\u0007,b${ESC}[2J\u009b\n1,${ESC}[31mred\n` }, args: ['describe', '@/a.csv'], code: 0 },
  { name: 'describe --json: ESC sequences', files: { 'a.csv': `x${ESC}[2J,b\u007f\n1,2\n` }, args: ['describe', '@/a.csv', '--json'], code: 0 },
  { name: 'describe: ESC in the file name', files: { [`e${ESC}[2J.csv`]: 'a\n1\n' }, args: ['describe', `@/e${ESC}[2J.csv`], code: 0 },
  { name: 'describe: missing file with ESC and newline in its name', files: {}, args: ['describe', `@/no${ESC}[2J\nsuch.csv`], code: 1 },
  { name: 'unknown option with ESC', files: { 'a.csv': CSV }, args: ['describe', '@/a.csv', `--x${ESC}[2J`], code: 2 },
  { name: 'codebook label with ESC', files: { 'a.csv': CSV, 'a.codebook.yaml': `variables:\n  sex:\n    label: "Sex${ESC}[8m hidden"\n` }, args: ['describe', '@/a.csv'], code: 0 },
  // Broken files.
  { name: 'describe: empty CSV', files: { 'a.csv': '' }, args: ['describe', '@/a.csv'] },
  { name: 'describe: BOM only', files: { 'a.csv': '\ufeff' }, args: ['describe', '@/a.csv'] },
  { name: 'describe: garbage .csv', files: { 'a.csv': garbage(4096, 1) }, args: ['describe', '@/a.csv'] },
  { name: 'describe: garbage .sav', files: { 'a.sav': garbage(4096, 2) }, args: ['describe', '@/a.sav'], code: 1 },
  { name: 'describe: .sav header only', files: { 'a.sav': '$FL2@(#) SPSS DATA FILE' }, args: ['describe', '@/a.sav'], code: 1 },
  { name: 'describe: a folder named .csv', files: {}, folders: ['d.csv'], args: ['describe', '@/d.csv'], code: 1 },
  { name: 'describe: codebook alias bomb', files: { 'a.csv': CSV, 'a.codebook.yaml': BOMB }, args: ['describe', '@/a.csv'], code: 1 },
  { name: 'describe: codebook that is not YAML', files: { 'a.csv': CSV, 'a.codebook.yaml': garbage(512, 3) }, args: ['describe', '@/a.csv'], code: 1 },
  // Outputs that cannot be written.
  { name: 'convert: output is an existing folder', files: { 'a.csv': CSV }, folders: ['out.csv'], args: ['convert', '@/a.csv', '@/out.csv'], code: 1 },
  { name: 'convert: output folder is a file', files: { 'a.csv': CSV }, args: ['convert', '@/a.csv', '@/a.csv/out.sav'], code: 1 },
  { name: 'convert: unknown output type', files: { 'a.csv': CSV }, args: ['convert', '@/a.csv', '@/out.xlsx'], code: 1 },
  { name: 'convert: .zsav output', files: { 'a.csv': CSV }, args: ['convert', '@/a.csv', '@/out.zsav'], code: 1 },
  // The output rule.
  { name: 'convert IN IN', files: { 'a.csv': CSV, 'a.codebook.yaml': '# mine\nvariables: {}\n' }, args: ['convert', '@/a.csv', '@/a.csv'], code: 1 },
  { name: 'convert: --out-codebook onto the input', files: { 'a.csv': CSV }, args: ['convert', '@/a.csv', '@/o.csv', '--out-codebook', '@/a.csv'], code: 1 },
  { name: 'convert: --out-codebook onto the output', files: { 'a.csv': CSV }, args: ['convert', '@/a.csv', '@/o.csv', '--out-codebook', '@/o.csv'], code: 1 },
  { name: 'convert: output through ../', files: { 'a.csv': CSV }, folders: ['sub'], args: ['convert', '@/a.csv', '@/sub/../a.csv'], code: 1 },
  { name: 'sample: --out onto --frame', files: { 'f.csv': CSV, 'd.json': JSON.stringify(SRS) }, args: ['sample', '--frame', '@/f.csv', '--design', '@/d.json', '--seed', '1', '--out', '@/f.csv'], code: 1 },
  { name: 'sample: --out onto --design', files: { 'f.csv': CSV, 'd.json': JSON.stringify(SRS) }, args: ['sample', '--frame', '@/f.csv', '--design', '@/d.json', '--seed', '1', '--out', '@/d.json'] },
  { name: 'weight: --out onto --data', files: { 'a.csv': CSV, 'w.json': JSON.stringify(POST) }, args: ['weight', '--data', '@/a.csv', '--request', '@/w.json', '--out', '@/a.csv'], code: 1 },
  { name: 'weight: --out onto --request', files: { 'a.csv': CSV, 'w.json': JSON.stringify(POST) }, args: ['weight', '--data', '@/a.csv', '--request', '@/w.json', '--out', '@/w.json'] },
  // Hostile requests and arguments.
  { name: 'weight: request nested 200,000 deep', files: { 'a.csv': CSV, 'w.json': '['.repeat(200_000) + ']'.repeat(200_000) }, args: ['weight', '--data', '@/a.csv', '--request', '@/w.json', '--out', '@/o.csv'] },
  { name: 'estimate: request nested 200,000 deep', files: { 'a.csv': CSV, 'r.json': '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000) }, args: ['estimate', '--data', '@/a.csv', '--request', '@/r.json'] },
  { name: 'weight: request with __proto__', files: { 'a.csv': CSV, 'w.json': '{"__proto__": {"polluted": true}, "method": "poststratify", "margins": []}' }, args: ['weight', '--data', '@/a.csv', '--request', '@/w.json', '--out', '@/o.csv'] },
  { name: 'weight: request is a binary file', files: { 'a.csv': CSV, 'w.json': garbage(2048, 4) }, args: ['weight', '--data', '@/a.csv', '--request', '@/w.json', '--out', '@/o.csv'], code: 1 },
  { name: 'sample: --seed -1', files: { 'f.csv': CSV, 'd.json': JSON.stringify(SRS) }, args: ['sample', '--frame', '@/f.csv', '--design', '@/d.json', '--seed', '-1', '--out', '@/s.csv'], code: 2 },
  { name: 'sample: --seed 1e3', files: { 'f.csv': CSV, 'd.json': JSON.stringify(SRS) }, args: ['sample', '--frame', '@/f.csv', '--design', '@/d.json', '--seed', '1e3', '--out', '@/s.csv'], code: 2 },
  { name: 'sample: --seed beyond 2^53', files: { 'f.csv': CSV, 'd.json': JSON.stringify(SRS) }, args: ['sample', '--frame', '@/f.csv', '--design', '@/d.json', '--seed', '99999999999999999999', '--out', '@/s.csv'], code: 2 },
  { name: 'report: spec is an alias bomb', files: { 's.yaml': BOMB }, args: ['report', '@/s.yaml', '--out', '@/r'], code: 1 },
  { name: 'report: spec is garbage', files: { 's.yaml': garbage(1024, 5) }, args: ['report', '@/s.yaml', '--out', '@/r'], code: 1 },
  // Values a spreadsheet would run are kept exactly in data-exchange files (checked by the test).
  { name: 'convert: formula-like text is kept exactly', files: { 'a.csv': FORMULAS }, args: ['convert', '@/a.csv', '@/o.csv'], code: 0 },
];
