/**
 * The coding screen's script and styles, served under /static/ with a content hash in the name.
 * The script only adds keyboard shortcuts (elements carry `data-key`): digits tick a code, Enter
 * on a ticked box saves and goes on, j/k leaf through answers, u undoes. Every screen works
 * without it. "Geen code van toepassing" and the codes exclude each other, also on the server.
 */
import { createHash } from 'node:crypto';
import type { QuestionnaireAsset } from '../../fieldwork/questionnaire/assets.js';
import { spanCss, spanScript } from './span-script.js';

export const codingScript = `(function () {
  'use strict';
  function typing(t) {
    return t && ((t.tagName === 'INPUT' && t.type !== 'checkbox') || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
  }
  function exclusive(box) {
    var form = box.form;
    if (!form || !box.checked) return;
    form.querySelectorAll('input[type=checkbox]').forEach(function (other) {
      if (other === box) return;
      if (box.id === 'code-none' || other.id === 'code-none') other.checked = false;
    });
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.type === 'checkbox') exclusive(e.target);
  });
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === 'Enter' && e.target && e.target.type === 'checkbox' && e.target.form) {
      e.preventDefault();
      var save = e.target.form.querySelector('button[value=next]');
      if (save) save.click();
      return;
    }
    var el = null;
    document.querySelectorAll('[data-key]').forEach(function (x) {
      if (!el && x.getAttribute('data-key') === e.key) el = x;
    });
    if (!el) return;
    e.preventDefault();
    if (el.type === 'checkbox') {
      el.checked = !el.checked;
      exclusive(el);
      el.focus();
    } else {
      el.click();
    }
  });
})();
`;

export const codingCss = `
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 1rem 0; }
.filters .field { display: flex; flex-direction: column; gap: 0.25rem; }
.filters input[type=search] { min-width: 16rem; }
.filters .field { margin: 0; }
.filters select { min-height: 44px; padding: 0.3rem 0.5rem; font: inherit; border: 2px solid #0b0c0c; background: #fff; max-width: 100%; }
.filters select:focus { outline: 3px solid #ffbf47; }
table.answers td.answer { min-width: 14rem; max-width: 40rem; overflow-wrap: break-word; }
table.answers td { min-width: 6rem; }
.answer-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.15rem; border-left: 4px solid #154273; margin: 1rem 0; padding: 0.75rem 1rem; background: #f3f6f9; }
form.coding fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
form.coding legend { font-weight: 700; font-size: 1.1rem; margin-bottom: 0.5rem; }
.check { display: grid; grid-template-columns: 1.6rem 1fr; column-gap: 0.6rem; align-items: start; padding: 0.35rem 0; }
.check input { width: 1.4rem; height: 1.4rem; margin: 0.1rem 0 0; }
.check label { grid-column: 2; }
.check .hint { grid-column: 2; margin: 0.15rem 0 0; }
.check.depth-1 { margin-left: 1.75rem; } .check.depth-2 { margin-left: 3.5rem; } .check.depth-3 { margin-left: 5.25rem; }
.check.none { border-top: 1px solid #ccc; margin-top: 0.5rem; padding-top: 0.75rem; }
.check.suggested label { font-weight: 600; }
.tag { display: inline-block; font-weight: 400; font-size: 0.85rem; background: #fff4d6; border: 1px solid #b38600; border-radius: 3px; padding: 0 0.35rem; }
kbd { font: 0.8rem monospace; border: 1px solid #999; border-radius: 3px; padding: 0 0.3rem; background: #fafafa; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
form.undo { margin-top: 0.75rem; }
.pager { display: flex; gap: 1.5rem; margin: 1.25rem 0; }
.notice { padding: 0.75rem 1rem; margin: 1rem 0; border-left: 4px solid; }
.notice.saved { border-color: #2e7d32; background: #edf7ee; }
.notice.stale, .notice.error { border-color: #b3261e; background: #fdecea; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const short = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);

export const codingAssets: readonly QuestionnaireAsset[] = [
  { path: `/static/coding-${short(codingScript)}.js`, contentType: 'text/javascript; charset=utf-8', body: codingScript },
  { path: `/static/coding-${short(codingCss)}.css`, contentType: 'text/css; charset=utf-8', body: codingCss },
  { path: `/static/coding-spans-${short(spanScript)}.js`, contentType: 'text/javascript; charset=utf-8', body: spanScript },
  { path: `/static/coding-spans-${short(spanCss)}.css`, contentType: 'text/css; charset=utf-8', body: spanCss },
];
