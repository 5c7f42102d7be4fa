import { describe, expect, it } from 'vitest';
import { documentText } from '../../../src/fieldwork/questionnaire/escape.js';
import { placeholdersOf, templateHtml, templateLine, templateText, unknownPlaceholders } from '../../../src/fieldwork/contact/template.js';

const letter = `Beste {{naam}},

Wilt u **vóór {{closes}}** meedoen? Ga naar {{link}}.

- of ga naar {{loginUrl}}
- en typ de code **{{code}}**`;

describe('letter and e-mail templates', () => {
  it('lists placeholders and finds the ones that are neither fixed nor a contact column', () => {
    expect(placeholdersOf(letter)).toEqual(['naam', 'closes', 'link', 'loginUrl', 'code']);
    expect(unknownPlaceholders(letter, ['naam'])).toEqual([]);
    expect(unknownPlaceholders('{{ naam }} {{woonplaats}} {{adres}}', ['naam', 'adres'])).toEqual(['woonplaats']);
  });

  it('fills values as text in HTML: markup in a name stays literal, addresses become links', () => {
    const values = { naam: '<b>Jan</b> **de** Vries', closes: '15 augustus 2021', link: 'https://e.nl/s/abc', loginUrl: 'https://e.nl/login', code: 'K7M-4XR-9TC' };
    const out = documentText(templateHtml(letter, values));
    expect(out).toBe(
      '<p>Beste &lt;b&gt;Jan&lt;/b&gt; **de** Vries,</p>' +
        '<p>Wilt u <strong>vóór 15 augustus 2021</strong> meedoen? Ga naar <a href="https://e.nl/s/abc">https://e.nl/s/abc</a>.</p>' +
        '<ul><li>of ga naar <a href="https://e.nl/login">https://e.nl/login</a></li><li>en typ de code <strong>K7M-4XR-9TC</strong></li></ul>',
    );
    // a "link" that is not an http(s) address is text, never an href
    expect(documentText(templateHtml('{{link}}', { link: 'javascript:alert(1)' }))).toBe('<p>javascript:alert(1)</p>');
  });

  it('gives plain text without markup, and one-line fills for address lines and subjects', () => {
    expect(templateText(letter, { naam: 'Jan', closes: '15-08', link: 'L', loginUrl: 'U', code: 'C' })).toBe('Beste Jan,\n\nWilt u vóór 15-08 meedoen? Ga naar L.\n\n- of ga naar U\n- en typ de code C');
    expect(templateLine('{{postcode}}  {{woonplaats}}', { postcode: '1234 AB', woonplaats: 'Utrecht' })).toBe('1234 AB Utrecht');
    expect(templateLine('{{straat}} {{huisnummer}}', { straat: 'Dorpsstraat' })).toBe('Dorpsstraat');
  });
});
