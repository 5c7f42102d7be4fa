/**
 * The interview screen's script: selecting a passage of the text fills the new-fragment form with
 * its positions in Unicode code points (as the store and REFI-QDA count them: an emoji is one
 * character) and shows the passage. The page works without it (words or positions typed).
 */
export const spanScript = `(function () {
  'use strict';
  var text = document.getElementById('interview-text');
  var form = document.getElementById('fragment-form');
  if (!text || !form) return;
  var preview = document.getElementById('fragment-preview');
  function codePoints(s) { return Array.from(s).length; }
  function update() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    var before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    var passage = range.toString();
    var start = codePoints(before.toString());
    form.elements.start.value = String(start);
    form.elements.end.value = String(start + codePoints(passage));
    form.elements.words.value = '';
    if (preview) preview.textContent = 'Selected: \\u201c' + passage + '\\u201d (characters ' + start + '\\u2013' + (start + codePoints(passage)) + ')';
  }
  document.addEventListener('selectionchange', update);
})();
`;

/** Styles of the interview screens and the moves list (the moves table becomes one block per answer on a phone). */
export const spanCss = `
.interview { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 60rem) { .interview { grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); align-items: start; } .fragment-form { position: sticky; top: 1rem; } }
.interview-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; line-height: 1.6; border: 1px solid #b1b4b6; padding: 1rem; background: #fff; max-height: 70vh; overflow-y: auto; }
.interview-text:focus { outline: 3px solid #ffbf47; }
.interview-text mark { background: #fff0a8; border-bottom: 2px solid #b38600; }
.fragment-form textarea, .fragment-form input[type=number] { font: inherit; border: 2px solid #0b0c0c; padding: 0.4rem; width: 100%; box-sizing: border-box; }
.fragment-form .field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.75rem; }
.positions { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
.preview { font-style: italic; overflow-wrap: anywhere; }
section.fragment { border-top: 1px solid #ccc; padding-top: 0.75rem; margin-top: 0.75rem; }
form.move { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
form.move select { min-height: 44px; padding: 0.3rem 0.5rem; font: inherit; border: 2px solid #0b0c0c; background: #fff; max-width: 100%; }
form.move select:focus { outline: 3px solid #ffbf47; }
@media (max-width: 40rem) {
  table.moves thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.moves, table.moves tbody, table.moves tr, table.moves td { display: block; width: auto; min-width: 0; }
  table.moves tr { border-bottom: 1px solid #b1b4b6; padding: 0.5rem 0; }
  table.moves td { border: 0; padding: 0.25rem 0.75rem; }
  table.moves td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
}
th.depth-1 { padding-left: 1.75rem; } th.depth-2 { padding-left: 3.5rem; } th.depth-3 { padding-left: 5.25rem; }
`;
