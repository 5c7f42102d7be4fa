/**
 * Screenshots of the example questionnaire (examples/participatiewet-2021) at 390 and 1280 px,
 * for looking at: `npx tsx test/fieldwork/questionnaire/screens.ts [outdir]`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildQuestionnaire, parsePage, renderPage, renderSystemPage } from '../../../src/fieldwork/questionnaire/index.js';
import type { Answers } from '../../../src/fieldwork/types.js';
import { loadSpec } from '../../../src/spec/load.js';
import { launch, viewer } from './browser.js';

const out = process.argv[2] ?? '/work/notes/screens/fieldpages';
mkdirSync(out, { recursive: true });
const { spec } = loadSpec('examples/participatiewet-2021/study.yaml');
const q = buildQuestionnaire(spec);
const answers: Answers = { duur: 1, zelf: 1, werk: 2, belem_1: 1, belem_2: 0, belem_11: 0, cijfer: 6 };
const at = (id: string) => {
  const page = q.pages.find((p) => p.id === id)!;
  const i = page.index;
  return { questionnaire: q, page, answers, errors: [], csrfToken: 'csrf', action: `/q/${id}`, revision: 2, progress: { done: i, total: q.pages.length }, ...(i > 0 ? { back: `/q/${q.pages[i - 1].id}` } : {}) };
};
const belemBad = { belem_1: '1', belem_11: '1' };
const shots: [string, string][] = [
  ['intro', renderSystemPage({ kind: 'intro', spec, language: 'nl', action: '/q/duur' })],
  ['login-error', renderSystemPage({ kind: 'login', spec, language: 'nl', action: '/login', csrfToken: 'c', code: 'K7M-4XR', error: 'Deze code kennen wij niet. Kijk of u de code goed hebt overgenomen uit de brief.' })],
  ['q-duur-single', renderPage(at('duur'))],
  ['q-aanvr-grid', renderPage(at('aanvr'))],
  ['q-belem-multiple', renderPage(at('belem'))],
  ['q-belem-error', renderPage({ ...at('belem'), errors: parsePage(q, at('belem').page, belemBad).errors, submitted: belemBad })],
  ['q-cijfer-rating', renderPage(at('cijfer'))],
  ['q-suggestie-open', renderPage(at('suggestie'))],
  ['stale', renderSystemPage({ kind: 'stale', spec, language: 'nl', action: '/q' })],
  ['thanks-en', renderSystemPage({ kind: 'thanks', spec, language: 'en' })],
];
const browser = await launch();
for (const width of [390, 1280]) {
  const tab = await viewer(browser, width);
  for (const [name, html] of shots) {
    await tab.show(html);
    await tab.page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
    if (tab.problems.length > 0) console.warn(name, tab.problems);
  }
  await tab.close();
}
await browser.close();
console.log(`wrote ${shots.length * 2} screenshots to ${out}`);
