import { describe, expect, it } from 'vitest';
import { captionText, formatCell, formatN, formatNumber, tableNotes } from '../../src/report/format.js';
import { count, mean, notAsked, pct, split, suppressed, text, trend, frequency } from '../fixtures/report/sample-report.js';

// Expected strings are the seed's own printing conventions (catalogue §2): "6,5", "4.000",
// whole percentages with "%", "0%" printed, "(N=680)", "Niet gevraagd" as a cell.
describe('Dutch number formatting', () => {
  it('prints means with a decimal comma and thousands with a dot', () => {
    expect(formatNumber(6.5, 1, 'nl-NL')).toBe('6,5');
    expect(formatNumber(4000, 0, 'nl-NL')).toBe('4.000');
    expect(formatNumber(17384, 0, 'nl-NL')).toBe('17.384');
    expect(formatNumber(6, 1, 'nl-NL')).toBe('6,0');
  });
  it('prints cells as the seed does', () => {
    expect(formatCell(pct(23), 'nl-NL').text).toBe('23%');
    expect(formatCell(pct(0), 'nl-NL').text).toBe('0%');
    expect(formatCell(pct(-0), 'nl-NL').text).toBe('0%');
    expect(formatCell(mean(6.5), 'nl-NL').text).toBe('6,5');
    expect(formatCell(count(4000), 'nl-NL').text).toBe('4.000');
    expect(formatCell(pct(41, { mark: '*' }), 'nl-NL').text).toBe('41%*');
    expect(formatCell(notAsked(), 'nl-NL')).toEqual({ text: 'Niet gevraagd', numeric: false });
    expect(formatCell(text('N.v.t.'), 'nl-NL')).toEqual({ text: 'N.v.t.', numeric: false });
  });
  it('never prints the number of a suppressed cell', () => {
    const c = suppressed(8);
    expect(c.shown).toBe(50);
    expect(formatCell(c, 'nl-NL').text).toBe('x');
  });
  it('prints N in the title as (N=680) and (N=4.000)', () => {
    expect(formatN(680, 'nl-NL')).toBe('(N=680)');
    expect(formatN(4000, 'nl-NL')).toBe('(N=4.000)');
    expect(captionText(frequency, 'nl-NL')).toBe('Tabel 3 Denkt u nu betaald werk te kunnen verrichten? (N=690)');
    expect(captionText(trend, 'nl-NL')).toBe('Tabel 5b Ontwikkelingen in de tijd in het aandeel dat het eens is met stellingen over werk');
  });
});

describe('English number formatting', () => {
  it('uses a decimal point and a thousands comma', () => {
    expect(formatCell(mean(6.5), 'en-GB').text).toBe('6.5');
    expect(formatCell(count(4000), 'en-GB').text).toBe('4,000');
    expect(formatN(4000, 'en-GB')).toBe('(N=4,000)');
    expect(formatCell({ ...notAsked(), text: undefined }, 'en-GB').text).toBe('Not asked');
    expect(captionText(frequency, 'en-GB').startsWith('Table 3 ')).toBe(true);
  });
});

describe('notes', () => {
  it('adds a legend for suppressed cells after the table\'s own notes', () => {
    const notes = tableNotes(split, 'nl-NL');
    expect(notes[0]).toBe('Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten');
    expect(notes[1]).toMatch(/^x = niet getoond/);
    expect(notes).toHaveLength(2);
  });
  it('adds nothing when no cell needs a legend', () => {
    expect(tableNotes(trend, 'nl-NL')).toEqual(trend.notes);
  });
});
