/**
 * Generator of the SYNTHETIC data of the example werkgeversdienstverlening-2021 (a
 * reconstruction of report 4 of the seed: a census of the 35 labour-market regions). Seeded
 * (mulberry32), the same bytes every run; regions are numbered, not named. Structure as in the
 * seed: all 35 regions answer question 1; the one region without a joint employer-service point
 * is not asked the rest (N=34); 9 regions answer "Anders, namelijk" on the governance question,
 * and the text of 5 of them describes a regional portfolio-holders' meeting (report 4, footnote 4).
 *
 *   npx tsx examples/werkgeversdienstverlening-2021/generate.ts [outfile]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, pick, shuffle } from '../../tools/examples/random.js';

/** Open texts of the "Anders, namelijk" answers: five describe a portfolio-holders' meeting. */
export const OTHER_TEXTS: readonly string[] = [
  'Portefeuillehoudersoverleg werk en inkomen',
  'Regionaal portefeuillehoudersoverleg arbeidsmarkt',
  'Overleg van de wethouders werk (portefeuillehouders)',
  'Portefeuillehoudersoverleg sociaal domein',
  'Bestuurlijk overleg portefeuillehouders arbeidsmarktregio',
  'Algemeen Bestuur van de arbeidsmarktregio',
  'Regionaal Platform arbeidsmarktbeleid',
  'Bestuurlijk Overleg van de arbeidsmarktregio',
  'Stuurgroep werkgeversdienstverlening',
];

export function generate(seed = 20210601): string {
  const rand = mulberry32(seed);
  const header = ['regio', 'wsp', 'alle_gem', 'verankering', 'verankering_anders', 'vert_1', 'vert_2', 'vert_3', 'vert_4', 'st_1', 'st_2', 'st_3'];
  const lines = [header.join(',')];
  const without = 1 + Math.floor(rand() * 35); // the one region without a joint service point
  const asked = Array.from({ length: 35 }, (_, i) => i + 1).filter((r) => r !== without);
  // governance: 17 Regionaal Werkbedrijf, 8 portefeuillehoudersoverleg, 9 Anders (texts above)
  const gov = shuffle(rand, [...Array<number>(17).fill(1), ...Array<number>(8).fill(2), ...Array<number>(9).fill(3)]);
  const texts = shuffle(rand, OTHER_TEXTS);
  const notAll = asked[Math.floor(rand() * asked.length)];
  let k = 0;
  for (let r = 1; r <= 35; r++) {
    if (r === without) {
      lines.push([r, 2, '', '', '', '', '', '', '', '', '', ''].join(','));
      continue;
    }
    const g = gov[asked.indexOf(r)];
    const text = g === 3 ? texts[k++] : '';
    const vert = [0.97, 1, 0.68, 0.21].map((p) => (rand() < p ? 1 : 0));
    // agreement scale 1 Zeer mee eens … 5 Zeer mee oneens, 8 Weet ik niet
    const st = [
      [0.26, 0.21, 0.21, 0.15, 0.09, 0.08],
      [0.29, 0.47, 0.18, 0.06, 0, 0],
      [0.1, 0.3, 0.3, 0.2, 0.05, 0.05],
    ].map((p) => [1, 2, 3, 4, 5, 8][pick(rand, p)]);
    lines.push([r, 1, r === notAll ? 2 : 1, g, text, ...vert, ...st].join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'data', 'regios-2021.csv');
  writeFileSync(out, generate());
  console.log(`wrote ${out}`);
}
