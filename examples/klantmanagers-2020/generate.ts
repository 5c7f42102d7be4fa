/**
 * Generator of the SYNTHETIC microdata of the example klantmanagers-2020 (a reconstruction of
 * report 2 of the seed: survey of municipal client managers, N=103). Seeded (mulberry32), the
 * same bytes every run; no real person. It has the seed's structure (103 respondents; routing
 * to N=99, about 86 and about 52; small, medium and large municipalities), not its numbers, with
 * a built-in difference between small and large municipalities in one agreement item (Tabel 10)
 * so the significance mark has something to find.
 *
 *   npx tsx examples/klantmanagers-2020/generate.ts [outfile]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, pick } from '../../tools/examples/random.js';

/** Whole percentages that sum to 100, drawn around the given mean shares. */
function composition(rand: () => number, means: readonly number[]): number[] {
  const raw = means.map((m) => m * (0.4 + 1.2 * rand()));
  const sum = raw.reduce((a, b) => a + b, 0);
  const pct = raw.map((r) => Math.floor((100 * r) / sum));
  pct[pct.length - 1] += 100 - pct.reduce((a, b) => a + b, 0);
  return pct;
}

const clamp = (x: number): number => Math.max(0, Math.min(100, Math.round(x)));

export function generate(seed = 20200701): string {
  const rand = mulberry32(seed);
  const header = [
    'id', 'gemgrootte', 'caseload', 'ervaring',
    'av_1', 'av_2', 'av_3', 'av_4', 'av_5',
    'prop_1', 'prop_2', 'prop_3', 'prop_steun',
    'dgr', 'init_1', 'init_2', 'init_3',
    'afspr_1', 'afspr_2', 'afspr_3',
    'vrijg_pct', 'ontheffing', 'beschikking_pct', 'inf_1', 'inf_2', 'inf_3',
    'thema_1', 'thema_2', 'thema_3', 'thema_overig',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < 103; i++) {
    const size = 1 + pick(rand, [0.3, 0.4, 0.3]);
    const caseload = Math.round(30 + rand() * 140);
    const ervaring = 1 + pick(rand, [0.19, 0.45, 0.36]);
    const av = composition(rand, [0.09, 0.11, 0.23, 0.24, 0.33]);
    const props = [0.82, 0.77, 0.69, 0.67].map((m) => clamp(100 * m + (rand() - 0.5) * 40));
    const dgr = 1 + pick(rand, [0.55, 0.41, 0.04]); // 3 = Nooit: not asked the follow-up
    const init = dgr === 3 ? ['', '', ''] : [0.6, 0.45, 0.2].map((p) => (rand() < p ? 1 : 0));
    // Vaak / Soms / Nooit; small municipalities make agreements on item 1 more often
    const afspr = [
      1 + pick(rand, size === 1 ? [0.97, 0.03, 0] : size === 3 ? [0.65, 0.3, 0.05] : [0.85, 0.13, 0.02]),
      1 + pick(rand, [0.8, 0.18, 0.02]),
      1 + pick(rand, [0.37, 0.45, 0.18]),
    ];
    const vrijg = rand() < 0.16 ? 0 : clamp(rand() < 0.7 ? rand() * 25 : 25 + rand() * 60);
    const ontheffing = 1 + pick(rand, [0.5, 0.5]); // 1 = also informal, 2 = formal only
    const beschikking = vrijg === 0 ? '' : clamp(ontheffing === 2 ? 54 + (rand() - 0.5) * 60 : 30 + (rand() - 0.5) * 50);
    const inf = ontheffing === 1 ? [0.7, 0.5, 0.3].map((p) => (rand() < p ? 1 : 0)) : ['', '', ''];
    // coded open answers: number of remarks per theme (0, 1 or 2)
    const themes = [0.5, 0.35, 0.25, 0.12].map((p) => (rand() < p ? (rand() < 0.2 ? 2 : 1) : 0));
    lines.push([i + 1, size, caseload, ervaring, ...av, ...props, dgr, ...init, ...afspr, vrijg, ontheffing, beschikking, ...inf, ...themes].join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'data', 'klantmanagers-2020.csv');
  writeFileSync(out, generate());
  console.log(`wrote ${out}`);
}
