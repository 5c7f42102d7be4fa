import { describe, expect, it } from 'vitest';
import { renderText, renderTextTable } from '../../src/report/terminal.js';
import { frequency, sampleReport, split } from '../fixtures/report/sample-report.js';

describe('terminal renderer', () => {
  it('prints a caption, right-aligned numbers and a total row', () => {
    const lines = renderTextTable(frequency, 'nl-NL').split('\n');
    expect(lines[0]).toBe('Tabel 3 Denkt u nu betaald werk te kunnen verrichten? (N=690)');
    expect(lines[2]).toBe('Antwoord      Percentage  Aantal');
    expect(lines[4]).toBe('Ja                   23%     159');
    expect(lines[7]).toMatch(/^─+$/);
    expect(lines[8]).toBe('Totaal              100%     690');
  });

  it('centres group headers over their columns and prints suppressed cells and notes', () => {
    const text = renderTextTable(split, 'nl-NL');
    const lines = text.split('\n');
    expect(lines[3]).toMatch(/Kleine gemeenten .*Grote gemeenten/);
    expect(lines[4]).toContain('Vaak (N=40)');
    expect(text).toMatch(/  Meewerken aan het verkrijgen van arbeid\* +70%\* +25% +5% +x +x +x/);
    expect(text).toContain('Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten');
  });

  it('removes terminal control sequences from labels', () => {
    const evil = { ...frequency, title: 'Titel \u001b[2J\u001b[31mrood\u0007' };
    expect(renderTextTable(evil, 'nl-NL').split('\n')[0]).toBe('Tabel 3 Titel [2J[31mrood (N=690)');
  });

  it('prints a whole report with headings and text', () => {
    const text = renderText(sampleReport);
    expect(text.startsWith(`${sampleReport.title}\n===`)).toBe(true);
    expect(text).toContain('Werk en re-integratie\n---------------------');
    expect(text).toContain('De antwoorden zijn herwogen naar leeftijd en geslacht.');
  });
});

describe('terminal renderer, long labels', () => {
  it('wraps a long row label under itself and keeps the numbers on the first line', () => {
    const long = 'Sinds de coronacrisis is de ondersteuning die ik van de sociale dienst krijg op persoonlijk vlak veranderd';
    const table = { ...frequency, rows: [{ ...frequency.rows[0]!, label: long }] };
    const lines = renderTextTable(table, 'nl-NL').split('\n');
    expect(lines[4]).toMatch(/^Sinds de coronacrisis is de ondersteuning die ik van de +23% +159$/);
    expect(lines[5]).toBe('  sociale dienst krijg op persoonlijk vlak veranderd');
    for (const l of lines.slice(2, 6)) expect(l.length).toBeLessThanOrEqual(60 + 2 + 10 + 2 + 6);
  });
});
