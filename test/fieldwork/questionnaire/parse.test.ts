import { describe, expect, it } from 'vitest';
import { buildQuestionnaire, parseNumber, parsePage } from '../../../src/fieldwork/questionnaire/index.js';
import type { QuestionnairePage } from '../../../src/fieldwork/types.js';
import { allTypesSpec } from './fixture.js';

const q = buildQuestionnaire(allTypesSpec());
const page = (id: string): QuestionnairePage => q.pages.find((p) => p.id === id)!;

describe('parsePage', () => {
  it('leaves out questions whose waves exclude the wave, and keeps one question per page', () => {
    expect(q.wave).toBe(2021);
    expect(q.pages.map((p) => p.id)).toEqual(['werk', 'uren', 'belem', 'kanaal', 'reint', 'cijfer', 'caseload', 'suggestie']);
    expect(q.pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads a single choice and ignores every field that is not on the page', () => {
    const r = parsePage(q, page('werk'), { werk: '2', uren: '40', belem_1: '1', _csrf: 'x', __proto__: '1', constructor: 'y' });
    expect(r).toEqual({ answers: { werk: 2 }, skipped: [], errors: [] });
  });

  it('an empty page is "asked but skipped", not an error', () => {
    expect(parsePage(q, page('werk'), {})).toEqual({ answers: {}, skipped: ['werk'], errors: [] });
    expect(parsePage(q, page('reint'), { reint_1: '9' })).toEqual({ answers: { reint_1: 9 }, skipped: ['reint_2', 'reint_3'], errors: [] });
  });

  it('rejects an unknown code and a list where one answer belongs, in plain language', () => {
    expect(parsePage(q, page('werk'), { werk: '7' }).errors).toEqual([{ variable: 'werk', message: 'Kies een antwoord uit de lijst.' }]);
    expect(parsePage(q, page('werk'), { werk: ['1', '2'] }).errors).toEqual([{ variable: 'werk', message: 'Kies één antwoord.' }]);
    expect(parsePage(q, page('werk'), { werk: '1e0' }).errors[0].variable).toBe('werk');
    expect(parsePage(q, page('werk'), { werk: '1' }, 'en').answers).toEqual({ werk: 1 });
    expect(parsePage(q, page('werk'), { werk: 'x' }, 'en').errors[0].message).toBe('Choose an answer from the list.');
  });

  it('"Anders, namelijk": text with its box, text alone (counts as Anders), text with another answer (error)', () => {
    expect(parsePage(q, page('werk'), { werk: '3', werk_anders: '  zzp\u0007er ' })).toEqual({ answers: { werk: 3, werk_anders: 'zzper' }, skipped: [], errors: [] });
    expect(parsePage(q, page('werk'), { werk_anders: 'zzp' }).answers).toEqual({ werk: 3, werk_anders: 'zzp' });
    expect(parsePage(q, page('werk'), { werk: '3' })).toEqual({ answers: { werk: 3 }, skipped: ['werk_anders'], errors: [] });
    const r = parsePage(q, page('werk'), { werk: '1', werk_anders: 'zzp' });
    expect(r.errors).toEqual([{ variable: 'werk_anders', message: 'U heeft tekst getypt bij ‘Anders, namelijk’, maar een ander antwoord gekozen. Kies ‘Anders, namelijk’ of maak het vak leeg.' }]);
    expect(parsePage(q, page('werk'), { werk: '3', werk_anders: 'x'.repeat(201) }).errors[0].message).toContain('ten hoogste 200 tekens');
  });

  it('multiple response as 0/1 variables: ticked 1, others 0; exclusive option with another is an error', () => {
    expect(parsePage(q, page('belem'), { belem_2: '1' })).toEqual({ answers: { belem_1: 0, belem_2: 1, belem_3: 0 }, skipped: [], errors: [] });
    expect(parsePage(q, page('belem'), {})).toEqual({ answers: {}, skipped: ['belem_1', 'belem_2', 'belem_3'], errors: [] });
    expect(parsePage(q, page('belem'), { belem_1: '1', belem_3: '1' }).errors).toEqual([
      { variable: 'belem_3', message: '‘Geen van deze’ kunt u niet samen met een ander antwoord kiezen. Kies ‘Geen van deze’ of de andere antwoorden.' },
    ]);
    expect(parsePage(q, page('belem'), { belem_1: '2' }).errors[0].variable).toBe('belem_1');
  });

  it('multiple response as a list of codes, in item order, duplicates once; unknown codes refused', () => {
    expect(parsePage(q, page('kanaal'), { kanaal: ['3', '1', '3'] })).toEqual({ answers: { kanaal: [1, 3] }, skipped: [], errors: [] });
    expect(parsePage(q, page('kanaal'), {}).skipped).toEqual(['kanaal']);
    expect(parsePage(q, page('kanaal'), { kanaal: ['1', '5'] }).errors).toEqual([{ variable: 'kanaal', message: 'Kies een antwoord uit de lijst.' }]);
    expect(parsePage(q, page('kanaal'), { kanaal: ['8', '2'] }).errors[0].variable).toBe('kanaal-4');
  });

  it('numbers: decimal comma, range, not a number', () => {
    expect(parsePage(q, page('uren'), { uren: '32,5' }).answers).toEqual({ uren: 32.5 });
    expect(parsePage(q, page('uren'), { uren: '81' }).errors).toEqual([{ variable: 'uren', message: 'Vul een getal in van 0 tot en met 80.' }]);
    expect(parsePage(q, page('uren'), { uren: 'veertig' }).errors).toEqual([{ variable: 'uren', message: 'Vul een getal in, bijvoorbeeld 12.' }]);
    expect(parsePage(q, page('uren'), { uren: '1e3' }).errors[0].variable).toBe('uren');
    expect(parsePage(q, page('uren'), { uren: 'Infinity' }).errors[0].variable).toBe('uren');
    expect(parsePage(q, page('caseload'), { tijd_1: '60', tijd_2: '-1' })).toEqual({
      answers: { tijd_1: 60 },
      skipped: [],
      errors: [{ variable: 'tijd_2', message: 'Vul een getal in van 0 tot en met 100.' }],
    });
  });

  it('parseNumber reads what people type', () => {
    expect(parseNumber('12', 'nl')).toBe(12);
    expect(parseNumber(' 12,5 ', 'nl')).toBe(12.5);
    expect(parseNumber('12.5', 'nl')).toBe(12.5);
    expect(parseNumber('1.000', 'nl')).toBe(1000);
    expect(parseNumber('1,000', 'en')).toBe(1000);
    expect(parseNumber('1 000', 'nl')).toBe(1000);
    expect(parseNumber('−3', 'nl')).toBe(-3);
    for (const bad of ['', 'abc', '1,2,3', '0x10', '1e5', 'NaN', '9'.repeat(41)]) expect(parseNumber(bad, 'nl')).toBeNaN();
  });

  it('rating: whole numbers in the range and the extra categories only', () => {
    expect(parsePage(q, page('cijfer'), { cijfer: '7' }).answers).toEqual({ cijfer: 7 });
    expect(parsePage(q, page('cijfer'), { cijfer: '99' }).answers).toEqual({ cijfer: 99 });
    for (const bad of ['0', '11', '7.5', '-1']) {
      expect(parsePage(q, page('cijfer'), { cijfer: bad }).errors).toEqual([{ variable: 'cijfer', message: 'Kies een cijfer van 1 tot en met 10.' }]);
    }
  });

  it('open text: line ends unified, control characters dropped, length counted in characters', () => {
    expect(parsePage(q, page('suggestie'), { suggestie: 'Meer\r\nhulp\u0000 🙂' }).answers).toEqual({ suggestie: 'Meer\nhulp 🙂' });
    expect(parsePage(q, page('suggestie'), { suggestie: '🙂'.repeat(2000) }).errors).toEqual([]);
    const long = parsePage(q, page('suggestie'), { suggestie: 'a'.repeat(2001) });
    expect(long.errors).toEqual([{ variable: 'suggestie', message: 'Uw antwoord is te lang. U kunt ten hoogste 2000 tekens gebruiken. Het zijn er nu 2001.' }]);
    expect(long.answers).toEqual({});
  });

  it('forged bodies never throw', () => {
    const bodies: unknown[] = [
      null,
      'x',
      [],
      { werk: 5 },
      { werk: [null, {}, 1] },
      { werk: { toString: () => '1' } },
      { kanaal: 'not-a-list' },
      { belem_1: ['1', '1'] },
      { uren: ['1', '2'] },
      Object.create(null),
    ];
    for (const p of q.pages) for (const b of bodies) expect(() => parsePage(q, p, b as never)).not.toThrow();
  });
});

describe('parsePage with repeated fields', () => {
  it('a number or text field sent twice is refused, not glued together', () => {
    expect(parsePage(q, page('uren'), { uren: ['1', '2'] }).errors).toEqual([{ variable: 'uren', message: 'Vul een getal in, bijvoorbeeld 12.' }]);
    expect(parsePage(q, page('suggestie'), { suggestie: ['a', 'b'] }).errors[0].variable).toBe('suggestie');
    expect(parsePage(q, page('suggestie'), { suggestie: ['a', ''] }).answers).toEqual({ suggestie: 'a' });
  });
});
