import { describe, expect, it } from 'vitest';
import {
  buildQuestionnaire,
  CSRF_FIELD,
  parsePage,
  questionnaireAssets,
  renderPage,
  renderSystemPage,
  REVISION_FIELD,
} from '../../../src/fieldwork/questionnaire/index.js';
import type { Answers, FieldError, PageContext } from '../../../src/fieldwork/types.js';
import { allTypesSpec } from './fixture.js';

const spec = allTypesSpec();
const q = buildQuestionnaire(spec);
const page = (id: string) => q.pages.find((p) => p.id === id)!;
const ctx = (id: string, extra: Partial<PageContext> = {}): PageContext => ({
  questionnaire: q,
  page: page(id),
  answers: {},
  errors: [],
  csrfToken: 'tok',
  action: `/q/${id}`,
  revision: 4,
  progress: { done: 2, total: 8 },
  ...extra,
});
const ids = (text: string): string[] => [...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);

describe('renderPage', () => {
  it('a complete document with hidden CSRF and revision fields, progress, back link and the assets', () => {
    const text = renderPage(ctx('werk', { back: '/q/vorige' }));
    expect(text.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(text).toContain(`<input type="hidden" name="${CSRF_FIELD}" value="tok">`);
    expect(text).toContain(`<input type="hidden" name="${REVISION_FIELD}" value="4">`);
    expect(text).toContain('<a class="back" href="/q/vorige">Vorige</a>');
    expect(text).toContain('2 van 8 pagina&#39;s klaar');
    expect(text).toContain('<progress aria-labelledby="progress-label" max="8" value="2">');
    for (const a of questionnaireAssets) expect(text).toContain(a.path);
    expect(text).not.toMatch(/<table|style=|<style/);
    expect(new Set(ids(text)).size).toBe(ids(text).length);
  });

  it('a grid is one fieldset per statement, showing only the statements the routing asks', () => {
    const notWorking = renderPage(ctx('reint', { answers: { werk: 2 } }));
    expect(notWorking.match(/<fieldset class="item"/g)).toHaveLength(2);
    expect(notWorking.match(/type="radio"/g)).toHaveLength(12);
    expect(notWorking).toContain('<legend>Ik vind de informatie over werk zoeken duidelijk</legend>');
    expect(notWorking).toContain('>N.v.t.</label>');
    expect(renderPage(ctx('reint', { answers: { werk: 1 } })).match(/<fieldset class="item"/g)).toHaveLength(3);
  });

  it('shows stored answers, and typed values after a failed submit', () => {
    const stored: Answers = { werk: 3, werk_anders: 'zzp', kanaal: [1, 8], belem_2: 1, cijfer: 7, tijd_1: 12.5 };
    expect(renderPage(ctx('werk', { answers: stored }))).toMatch(/value="3" checked>.*value="zzp"/s);
    expect(renderPage(ctx('kanaal', { answers: stored }))).toMatch(/id="kanaal" name="kanaal" value="1" checked>/);
    expect(renderPage(ctx('kanaal', { answers: stored }))).toMatch(/id="kanaal-4" name="kanaal" value="8" checked data-exclusive>/);
    expect(renderPage(ctx('belem', { answers: { ...stored, werk: 2 } }))).toMatch(/id="belem_2" name="belem_2" value="1" checked>/);
    expect(renderPage(ctx('cijfer', { answers: stored }))).toMatch(/id="cijfer-7" name="cijfer" value="7" checked>/);
    expect(renderPage(ctx('caseload', { answers: stored }))).toContain('id="tijd_1" name="tijd_1" value="12,5"');
    const submitted = { tijd_1: '12x', tijd_2: '5' };
    const parsed = parsePage(q, page('caseload'), submitted);
    const text = renderPage(ctx('caseload', { answers: stored, errors: parsed.errors, submitted }));
    expect(text).toContain('value="12x"');
    expect(text).toContain('value="5"');
  });

  it('validation: an error summary linking to each field, the message next to it, aria-describedby and aria-invalid', () => {
    const cases: [string, Record<string, string | string[]>][] = [
      ['werk', { werk: '1', werk_anders: 'x' }],
      ['uren', { uren: '100' }],
      ['belem', { belem_1: '1', belem_3: '1' }],
      ['kanaal', { kanaal: ['2', '8'] }],
      ['reint', { reint_2: '6' }],
      ['cijfer', { cijfer: '12' }],
      ['caseload', { tijd_2: 'veel' }],
      ['suggestie', { suggestie: 'x'.repeat(2001) }],
    ];
    for (const [id, body] of cases) {
      const errors: readonly FieldError[] = parsePage(q, page(id), body).errors;
      expect(errors, id).toHaveLength(1);
      const e = errors[0];
      const text = renderPage(ctx(id, { answers: { werk: id === 'uren' ? 1 : 2 }, errors, submitted: body }));
      expect(text, id).toContain(`<title>Fout: `);
      expect(text, id).toContain(`<li><a href="#${e.variable}">`);
      expect(ids(text), id).toContain(e.variable);
      expect(text, id).toContain(`<p class="error-message" id="${e.variable}-error"><span class="visually-hidden">Fout: </span>`);
      expect(text, id).toMatch(new RegExp(`aria-describedby="[^"]*${e.variable}-error`));
      if (['uren', 'caseload', 'suggestie'].includes(id)) expect(text, id).toMatch(new RegExp(`id="${e.variable}"[^>]*aria-invalid="true"`));
    }
  });

  it('multiple response: exclusive options after an "of" divider, marked for the script', () => {
    const text = renderPage(ctx('belem', { answers: { werk: 2 } }));
    expect(text).toContain('<p class="divider">of</p><div class="choice"><input type="checkbox" id="belem_3" name="belem_3" value="1" data-exclusive>');
    expect(text).toContain('Kies alles wat voor u geldt.');
  });

  it('several questions under a page title: the title is the h1 and the wordings h2', () => {
    const withTitle = { ...page('werk'), title: 'Over uw werk', questions: [page('werk').questions[0], page('suggestie').questions[0]] };
    const text = renderPage({ ...ctx('werk'), page: withTitle });
    expect(text.match(/<h1[ >]/g)).toHaveLength(1);
    expect(text).toContain('<h1>Over uw werk</h1>');
    expect(text).toContain('<h2 class="q-heading"><label for="suggestie">Heeft u tips voor de gemeente?</label></h2>');
  });

  it('English system texts around a Dutch questionnaire mark the questions as Dutch', () => {
    const en = buildQuestionnaire(spec, 2021, 'en');
    const text = renderPage({ ...ctx('uren'), questionnaire: en, answers: { werk: 1 } });
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('<div lang="nl">');
    expect(text).toContain('Enter a number from 0 to 80.');
    expect(text).toContain('>Next</button>');
  });
});

describe('renderSystemPage', () => {
  it('intro renders the spec intro as escaped Markdown with a start button', () => {
    const text = renderSystemPage({ kind: 'intro', spec, language: 'nl', action: '/q/werk' });
    expect(text).toContain('<p>Fijn dat u meedoet. Het invullen duurt ongeveer <strong>tien minuten</strong>.</p>');
    expect(text).toContain('<li>U kunt stoppen en later verder gaan.</li>');
    expect(text).toContain('<a class="button" href="/q/werk">Begin met de vragenlijst</a>');
  });

  it('login: a form with CSRF field, the code as typed and its error', () => {
    const text = renderSystemPage({ kind: 'login', spec, language: 'en', action: '/login', csrfToken: 'c', code: 'K7M-4XR', error: 'We do not know this code.' });
    expect(text).toContain('<form method="post" action="/login" novalidate>');
    expect(text).toContain('name="_csrf" value="c"');
    expect(text).toContain('id="code" name="code" value="K7M-4XR"');
    expect(text).toContain('<li><a href="#code">We do not know this code.</a></li>');
    expect(text).toContain('aria-describedby="code-hint code-error" aria-invalid="true"');
  });

  it('every kind has its own heading in both languages; the error page shows no message', () => {
    const seen = new Set<string>();
    for (const language of ['nl', 'en'] as const) {
      for (const kind of ['intro', 'login', 'thanks', 'closed', 'stale', 'invalid', 'error'] as const) {
        const text = renderSystemPage({ kind, spec, language, action: '/q', message: 'at Object.<anonymous> (server.ts:12)' });
        const h1 = /<h1>([^<]+)<\/h1>/.exec(text)![1];
        seen.add(`${language}:${h1}`);
        if (kind === 'error') expect(text).not.toContain('server.ts');
      }
    }
    expect(seen.size).toBe(14);
  });

  it('thanks shows the closing text of the spec', () => {
    expect(renderSystemPage({ kind: 'thanks', spec, language: 'nl' })).toContain('<p>Bedankt voor uw hulp.</p>');
  });

  it('invalid: the button says where it leads, the login page or the questionnaire', () => {
    expect(renderSystemPage({ kind: 'invalid', spec, language: 'nl', action: '/login' })).toContain('<a class="button" href="/login">Code uit de brief invullen</a>');
    expect(renderSystemPage({ kind: 'invalid', spec, language: 'en', action: '/login' })).toContain('<a class="button" href="/login">Enter the code from your letter</a>');
    expect(renderSystemPage({ kind: 'invalid', spec, language: 'nl', action: '/q' })).toContain('<a class="button" href="/q">Naar de vragenlijst</a>');
  });

  it("the banner, the tab and the intro show the questionnaire's title, never the study's (the report's) title", () => {
    const reportTitled = { ...spec, study: { ...spec.study, title: 'Onderzoeksverslag klantenquête' } };
    const shown = [
      renderSystemPage({ kind: 'intro', spec: reportTitled, language: 'nl', action: '/q/werk' }),
      renderSystemPage({ kind: 'thanks', spec: reportTitled, language: 'nl' }),
      renderPage({ ...ctx('werk'), questionnaire: { ...q, spec: reportTitled } }),
    ];
    for (const text of shown) {
      expect(text).toContain('<header class="banner"><p>Uw ervaringen met de bijstand</p></header>');
      expect(text).toMatch(/<title>[^<]* – Uw ervaringen met de bijstand<\/title>/);
      expect(text).not.toContain('Onderzoeksverslag');
    }
    expect(shown[0]).toContain('<h1>Uw ervaringen met de bijstand</h1>');
    // Without fieldwork.title: a plain "Vragenlijst" / "Questionnaire", still not the report's title.
    const untitled = { ...reportTitled, fieldwork: { ...reportTitled.fieldwork!, title: undefined } };
    const nl = renderSystemPage({ kind: 'intro', spec: untitled, language: 'nl', action: '/q/werk' });
    expect(nl).toContain('<header class="banner"><p>Vragenlijst</p></header>');
    expect(nl).not.toContain('Onderzoeksverslag');
    expect(renderSystemPage({ kind: 'thanks', spec: untitled, language: 'en' })).toContain('<header class="banner"><p>Questionnaire</p></header>');
  });
});
