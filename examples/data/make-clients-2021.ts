/**
 * Generates examples/data/clients-2021.csv: a synthetic client survey (Participatiewet, 2021) of
 * 400 respondents for the README demo and for trying spiegel. Nothing in it is real; the numbers
 * are drawn from a seeded generator, so the file is the same on every run.
 *
 *   npx tsx examples/data/make-clients-2021.ts
 *
 * The dictionary (labels, value labels, "N.v.t." as user-missing) is the hand-written
 * clients-2021.codebook.yaml beside the CSV.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { writeCsv } from '../../src/data/csv/write.js';
import { Dataset } from '../../src/data/dataset.js';

const ROWS = 400;
const rng = xoroshiro128plus(2021);
const int = (lo: number, hi: number): number => uniformInt(rng, lo, hi);
/** Index drawn with the given weights. */
const pick = (weights: readonly number[]): number => {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = int(1, total);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i;
  return weights.length - 1;
};

const answers = [
  'Mijn klantmanager luistert goed.',
  'Ik word vaak doorverwezen; niemand weet het antwoord.',
  'Te weinig contact, ik hoor maanden niets.',
  'De brief was niet te begrijpen ("juridische taal").',
  'Goede hulp bij het vinden van werk.',
  'Meer begrip voor mijn gezondheid graag.',
  'Het duurt lang voordat ik een reactie krijg',
  'Prima zo.',
  'Ik wil graag een vaste contactpersoon, niet steeds een ander.',
  'Hulp bij schulden was heel fijn',
];

const respnr = new Float64Array(ROWS);
const leeftijd = new Float64Array(ROWS);
const geslacht = new Float64Array(ROWS);
const doelgroep = new Float64Array(ROWS);
const contact = new Float64Array(ROWS);
const werk = new Float64Array(ROWS);
const urenWerk = new Float64Array(ROWS);
const afspraken = new Float64Array(ROWS);
const begrip = new Float64Array(ROWS);
const cijfer = new Float64Array(ROWS);
const toelichting: string[] = [];

for (let i = 0; i < ROWS; i++) {
  respnr[i] = 1001 + i;
  leeftijd[i] = 1 + pick([14, 33, 24, 29]);
  geslacht[i] = 1 + pick([46, 54]);
  doelgroep[i] = 1 + pick([70, 30]);
  contact[i] = [1, 2, 3, 4, 8][pick([22, 30, 25, 15, 8])];
  const working = pick(doelgroep[i] === 2 ? [45, 55] : [18, 82]) === 0;
  werk[i] = working ? 1 : 2;
  // Hours per week in halves ("12,5" in the Dutch CSV); only asked of those with work.
  urenWerk[i] = working ? int(8, 72) / 2 : NaN;
  // Likert 1-5; 9 = N.v.t. (no appointments made / no contact).
  const noContact = contact[i] === 4;
  const mood = int(-1, 1) + (contact[i] === 1 ? 1 : 0);
  const likert = (): number => Math.min(5, Math.max(1, 3 + mood + int(-1, 1)));
  const kept = pick([92, 3, 5]); // 0: answered, 1: N.v.t., 2: skipped
  afspraken[i] = noContact || kept === 1 ? 9 : kept === 2 ? NaN : likert();
  begrip[i] = noContact && int(0, 1) === 1 ? 9 : int(1, 40) === 1 ? NaN : likert();
  // Rapportcijfer 1-10, a few did not answer.
  cijfer[i] = int(1, 25) === 1 ? NaN : Math.min(10, Math.max(1, 6 + mood + int(-2, 2)));
  toelichting.push(int(1, 3) === 1 ? answers[int(0, answers.length - 1)] : '');
}

const data = new Dataset([
  numericColumn('respnr', respnr),
  categoricalColumn('leeftijd', leeftijd),
  categoricalColumn('geslacht', geslacht),
  categoricalColumn('doelgroep', doelgroep),
  categoricalColumn('contact', contact),
  categoricalColumn('werk', werk),
  numericColumn('uren_werk', urenWerk),
  categoricalColumn('afspraken', afspraken),
  categoricalColumn('begrip', begrip),
  numericColumn('cijfer', cijfer),
  stringColumn('toelichting', toelichting),
]);

const here = dirname(fileURLToPath(import.meta.url));
await writeCsv(data, join(here, 'clients-2021.csv'), { decimal: ',', separator: ';', codebook: false });
console.log(`wrote ${join(here, 'clients-2021.csv')} (${ROWS} rows)`);
