import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from '../../src/files/spreadsheet.js';
import { escapeTerminal } from '../../src/files/terminal.js';

describe('escapeTerminal', () => {
  it('writes ESC, BEL, CR, DEL, C1 and bidi overrides as \\uXXXX and keeps newline and tab', () => {
    expect(escapeTerminal('a\u001b[31mred\u0007\r\u007f\u009b2J\u202eb\n\tc')).toBe('a\\u001b[31mred\\u0007\\u000d\\u007f\\u009b2J\\u202eb\n\tc');
  });

  it('keeps ordinary text, including accents and emoji, unchanged', () => {
    expect(escapeTerminal('Één “test” ✓ 😀')).toBe('Één “test” ✓ 😀');
  });

  it('property: no control character survives, and JSON output stays JSON with the same values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeTerminal(s);
        expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(out)).toBe(false);
        expect(JSON.parse(escapeTerminal(JSON.stringify(s)))).toBe(s);
      }),
    );
  });
});

describe('neutraliseFormula', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+31 6 1234', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
      expect(looksLikeFormula(s)).toBe(true);
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    }
  });

  it('leaves other text alone', () => {
    for (const s of ['Man', '', ' =1', '1=1', "'already"]) expect(neutraliseFormula(s)).toBe(s);
  });
});
