import { describe, expect, it } from 'vitest';
import { escapeHtml, html, documentText } from '../../../src/fieldwork/questionnaire/escape.js';
import { buildQuestionnaire, parsePage, renderPage, renderSystemPage } from '../../../src/fieldwork/questionnaire/index.js';
import type { Answers, SystemPageKind } from '../../../src/fieldwork/types.js';
import { allTypesSpec, xssCorpus } from './fixture.js';

describe('escaping', () => {
  it('escapes the five HTML specials and the backtick; markup from html`` is kept, strings never', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(documentText(html`<p>${inner}${['<u>', html`<br>`]}${null}${false}${3}</p>`)).toBe('<p><b>&lt;i&gt;</b>&lt;u&gt;<br>3</p>');
    // an object that looks like markup is still escaped: only html`` can make markup
    const forged = { text: '<script>alert(1)</script>' } as unknown as string;
    expect(documentText(html`${forged}`)).toBe('[object Object]');
  });

  for (const [i, bad] of xssCorpus.entries()) {
    it(`hostile text ${i + 1} in labels, answers, typed values, messages and codes appears only escaped`, () => {
      const spec = allTypesSpec((s) => `${s} ${bad}`);
      const q = buildQuestionnaire(spec);
      const answers: Answers = { werk: 3, werk_anders: bad, suggestie: bad, uren: 3 };
      const pages: string[] = [];
      for (const page of q.pages) {
        const submitted = Object.fromEntries(Object.keys({ ...answers, reint_1: 1, tijd_1: 1, belem_1: 1, kanaal: 1, cijfer: 1 }).map((k) => [k, bad]));
        const parsed = parsePage(q, page, submitted);
        pages.push(
          renderPage({ questionnaire: q, page, answers, errors: [], csrfToken: bad, action: bad, back: bad, revision: 1, progress: { done: 1, total: 8 } }),
          renderPage({ questionnaire: q, page, answers, errors: [...parsed.errors, { variable: bad, message: bad }], submitted, csrfToken: 't', action: '/q/x', revision: 1, progress: { done: 1, total: 8 } }),
        );
      }
      const kinds: SystemPageKind[] = ['intro', 'login', 'thanks', 'closed', 'stale', 'invalid', 'error'];
      for (const kind of kinds) pages.push(renderSystemPage({ kind, spec, language: 'nl', csrfToken: bad, action: bad, message: bad, code: bad, error: bad }));
      for (const text of pages) {
        expect(text.includes(bad), 'the raw text is in the page').toBe(false);
        const tags = markup(text);
        expect(tags.map((t) => t.name).filter((n) => !ALLOWED.has(n))).toEqual([]);
        expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith('on') || a === 'style')).toEqual([]);
        expect(tags.filter((t) => t.name === 'script').length).toBe(1);
      }
    });
  }
});

const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'header', 'main', 'footer', 'p', 'a', 'div', 'h1', 'h2', 'ul', 'li', 'form', 'input', 'fieldset', 'legend', 'label', 'span', 'button', 'textarea', 'progress', 'strong']);

/**
 * Every tag of a page with its attribute names. Escaped text holds no "<" and escaped attribute
 * values no '"', so a tag that does not have this exact shape means something leaked.
 */
function markup(text: string): { name: string; attributes: string[] }[] {
  const out: { name: string; attributes: string[] }[] = [];
  for (const m of text.matchAll(/<(?!!DOCTYPE)(\/?)([^\s>/]*)([^>]*)>/g)) {
    if (m[1] === '/') continue;
    const rest = m[3];
    expect(rest, `tag <${m[2]}${rest}>`).toMatch(/^(\s+[a-z-]+(="[^"<>]*")?)*\s*$/);
    out.push({ name: m[2].toLowerCase(), attributes: [...rest.matchAll(/\s([a-z-]+)(?:="[^"]*")?/g)].map((a) => a[1]) });
  }
  return out;
}
