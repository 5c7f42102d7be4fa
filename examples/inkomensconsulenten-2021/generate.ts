/**
 * Generator of the SYNTHETIC microdata of the example inkomensconsulenten-2021 (a reconstruction
 * of report 6 of the seed: income consultants, one per municipality). Seeded (mulberry32), so it
 * writes the same bytes every run; no real municipality or person is in the data. It does NOT try
 * to reproduce the seed's numbers: it only has the seed's structure (104 responding
 * municipalities: 17 small, 50 medium, 37 large) and some differences between small/medium and
 * large municipalities so that the significance marks have something to find.
 *
 *   npx tsx examples/inkomensconsulenten-2021/generate.ts [outfile]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mulberry32, pick, shuffle } from '../../tools/examples/random.js';

export function generate(seed = 20210701): string {
  const rand = mulberry32(seed);
  const sizes = [...Array<number>(17).fill(1), ...Array<number>(50).fill(2), ...Array<number>(37).fill(3)];
  const header = [
    'gemeente', 'grootteklasse',
    'taak_1', 'taak_2', 'taak_3', 'taak_4', 'taak_5', 'taak_6', 'taak_anders', 'taak_anders_tekst',
    'contact', 'wijkteam', 'opvatting',
    'toeg_1', 'toeg_2', 'toeg_3', 'toeg_4',
    'steun_geboden', 'steun',
    'reden_1', 'reden_2', 'reden_3', 'reden_4',
    'resp_1', 'resp_2', 'resp_3',
    'verr_1', 'verr_2', 'verr_3',
  ];
  const lines = [header.join(',')];
  sizes.forEach((size, i) => {
    const large = size === 3;
    // tasks: small/medium municipalities do more tasks outside income support (seed Tabel 2 text)
    const taskP = large ? [0.68, 0.68, 0.78, 0.35, 0.81, 0.3] : [0.85, 0.75, 0.88, 0.63, 0.93, 0.57];
    const tasks = taskP.map((p) => (rand() < p ? 1 : 0));
    const anders = rand() < 0.15 ? 1 : 0;
    const andersTekst = anders === 1 ? ['Tozo en TONK', 'klachtbehandeling', 'vraagbaak voor collega’s'][Math.floor(rand() * 3)] : '';
    const contact = 2; // every consultant has contact with clients: "Nooit 0%"
    const wijkteam = 1 + pick(rand, large ? [0.41, 0.54, 0.05] : [0.27, 0.4, 0.33]);
    const opvatting = 1 + pick(rand, [0.14, 0.5, 0.3, 0.06]);
    const toeg = [
      [0.16, 0.63, 0.17, 0.03, 0.01],
      [0.03, 0.31, 0.44, 0.21, 0.01],
      [0.14, 0.68, 0.16, 0.01, 0.01],
      large ? [0.45, 0.45, 0.05, 0.05, 0] : [0.22, 0.52, 0.08, 0.17, 0.01],
    ].map((p) => 1 + pick(rand, p));
    const steunGeboden = rand() < 0.92 ? 1 : 2;
    // list-encoded multiple response: the chosen codes separated by ";"
    const chosen = [1, 2, 3, 4].filter((c) => rand() < [0.51, 0.1, large ? 0.24 : 0.12, 0.29][c - 1]);
    // those offering support name at least one form of it
    const steun = steunGeboden === 1 ? (chosen.length > 0 ? chosen : [1]).join(';') : '';
    // ranking of four reasons: a permutation of the ranks 1-4, reason 1 usually first
    const ranks = rand() < 0.9 ? [1, ...shuffle(rand, [2, 3, 4])] : shuffle(rand, [1, 2, 3, 4]);
    const resp = [0, 1, 2].map(() => 1 + pick(rand, [0.25, 0.5, 0.15, 0.07, 0.02, 0.01])); // 6 = N.v.t.
    const verr = [0, 1, 2].map(() => 1 + pick(rand, [0.2, 0.45, 0.25, 0.1]));
    const row = [
      i + 1, size, ...tasks, anders, andersTekst, contact, wijkteam, opvatting, ...toeg,
      steunGeboden, steun, ...ranks, ...resp, ...verr,
    ];
    lines.push(row.join(','));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The sampling frame: 352 municipalities (78 small, 233 medium, 41 large, as report 6 Tabel 1),
 * synthetic inhabitants per size class, the stratified draw (all 41 large, 63 medium and 26
 * small at random) and the response (37, 50 and 17: the respondents of `generate`).
 */
export function generateFrame(seed = 20210615): string {
  const rand = mulberry32(seed);
  const strata = [
    { klasse: 1, n: 78, drawn: 26, responded: 17, lo: 3000, hi: 19999 },
    { klasse: 2, n: 233, drawn: 63, responded: 50, lo: 20000, hi: 85000 },
    { klasse: 3, n: 41, drawn: 41, responded: 37, lo: 85001, hi: 400000 },
  ];
  const lines = ['gemeente,grootteklasse,inwoners,steekproef,respons'];
  let id = 0;
  for (const s of strata) {
    const drawn = new Set(shuffle(rand, Array.from({ length: s.n }, (_, i) => i)).slice(0, s.drawn));
    const responded = new Set(shuffle(rand, [...drawn]).slice(0, s.responded));
    for (let i = 0; i < s.n; i++) {
      const inwoners = Math.round(s.lo + (s.hi - s.lo) * rand() ** 2);
      lines.push([++id, s.klasse, inwoners, drawn.has(i) ? 1 : 0, responded.has(i) ? 1 : 0].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'data');
  const out = process.argv[2] ?? join(dir, 'gemeenten-2021.csv');
  writeFileSync(out, generate());
  writeFileSync(join(dir, 'steekproefkader-2021.csv'), generateFrame());
  console.log(`wrote ${out} and the sampling frame`);
}
