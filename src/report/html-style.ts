/**
 * The style sheet of report.html, for three readers: a phone (sticky first column, a shadow
 * at the edge that can still scroll, a contents list that folds), a desktop, and print (A4,
 * the contents with page numbers, headings and lead-in text kept with their table, a table
 * kept with its chart). Page numbers and the running header come from Chromium's header and
 * footer templates (see pdf.ts), since Chromium does not print CSS margin boxes.
 */
export const reportCss = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
header, nav, main { max-width: 58rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
.subtitle { font-size: 1.15rem; color: #333; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 2px solid #2166ac; padding-bottom: .2rem; }
nav summary { cursor: pointer; padding: .5rem 0; }
nav summary h2 { display: inline; border: 0; margin: 0; font-size: 1.2rem; }
nav summary .count { color: #333; font-size: .95rem; }
nav ol { padding-left: 1.25rem; margin: .25rem 0; }
nav ol ol { list-style: none; padding-left: .5rem; font-size: .95rem; }
nav .toc-page { display: none; }
a { color: #0b4f99; }
sup.fn { font-size: .7em; line-height: 0; vertical-align: super; }
.table-block { margin: 1.5rem 0 2rem; }
/* The scroll container of a table. The two "local" gradients cover the shadows while the table
   is scrolled to that edge, so a shadow shows only where more columns are hidden (scroll cue). */
.scroll { overflow-x: auto; max-width: 100%;
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left center / 2rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right center / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.25), rgba(0,0,0,0)) left center / .8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.25), rgba(0,0,0,0)) right center / .8rem 100% no-repeat scroll; }
.scroll:focus { outline: 2px solid #0b4f99; outline-offset: 2px; }
.scroll-cue { display: none; font-size: .85rem; color: #333; margin: .2rem 0 0; }
table { border-collapse: collapse; min-width: 60%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: 0 0 .5rem; caption-side: top; max-width: calc(100vw - 2rem); position: sticky; left: 0; }
caption .question { display: block; font-weight: 400; font-style: italic; margin-top: .25rem; }
th, td { padding: .3rem .6rem; vertical-align: top; }
thead th { text-align: center; border-bottom: 1px solid #1a1a1a; font-weight: 600; hyphens: manual; }
thead th.stub, thead td.stub { text-align: left; }
thead th.group { border-bottom: 1px solid #767676; }
thead tr:last-child th { border-bottom: 2px solid #1a1a1a; }
.n { display: block; font-weight: 400; white-space: nowrap; }
tbody th { text-align: left; font-weight: 400; min-width: 9rem; }
tbody tr { border-bottom: 1px solid #d0d0d0; }
td.num { text-align: right; white-space: nowrap; }
td.text { text-align: left; }
td.na { text-align: right; font-style: italic; color: #444; }
tr.total th, tr.total td, tr.mean th, tr.mean td { font-weight: 700; border-top: 1px solid #1a1a1a; }
tr.nrow th, tr.nrow td { color: #333; }
tr.subheader th { font-weight: 700; padding-top: .6rem; }
.indent-1 { padding-left: 1.4rem; } .indent-2 { padding-left: 2.4rem; } .indent-3 { padding-left: 3.4rem; }
.notes { font-size: .875rem; margin-top: .4rem; }
.notes p { margin: .15rem 0; }
figure.chart { margin: 1rem 0 0; max-width: 32rem; }
figure.chart:has(svg.wide) { max-width: 44rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart svg.narrow:has(+ svg.wide) { display: none; }
@media (max-width: 40rem) {
  figure.chart svg.narrow:has(+ svg.wide) { display: block; }
  figure.chart svg.wide { display: none; }
}
figure.chart figcaption { font-size: .875rem; color: #333; }
svg text { fill: #1a1a1a; }
svg text[fill="#ffffff"] { fill: #ffffff; }
@media (max-width: 40rem) {
  body { font-size: .95rem; }
  h1 { font-size: 1.4rem; }
  th, td { padding: .25rem .35rem; }
  /* The row labels stay in view while the numbers scroll under them. */
  tbody th, thead .stub { position: sticky; left: 0; z-index: 1; background: #fff; min-width: 0; }
  /* In tables of many columns the labels take at most 42% of the screen, the numbers the rest. */
  .wide tbody th, .wide thead .stub { width: 42vw; max-width: 42vw; }
  tbody th { min-width: 7rem; }
  tbody tr.subheader th { width: auto; max-width: none; }
  thead th { overflow-wrap: normal; word-break: normal; }
  /* The hint shows exactly when the table scrolls: its container's scroll timeline is active only
     when there is something to scroll, and only then does the animation show the hint (Chromium
     does not animate display, so the hint is folded to no height instead). */
  .table-block { timeline-scope: --cue; }
  .scroll { scroll-timeline: --cue x; }
  .scroll-cue { display: block; visibility: hidden; height: 0; margin: 0; overflow: hidden;
    animation: scroll-cue-on linear both; animation-timeline: --cue; }
}
@keyframes scroll-cue-on { from, to { visibility: visible; height: auto; margin: .2rem 0 0; } }
@supports not (animation-timeline: scroll()) {
  @media (max-width: 40rem) { .wide .scroll-cue { display: block; } }
}
@media print {
  @page { size: A4; margin: 20mm 15mm 16mm; }
  html { font-size: 9pt; }
  body { font-size: 1rem; line-height: 1.3; }
  header, nav, main { max-width: none; padding: 0; }
  nav { break-after: page; }
  nav summary { list-style: none; }
  nav summary::-webkit-details-marker { display: none; }
  nav summary .count { display: none; }
  nav ol { padding-left: 0; list-style: none; }
  nav ol ol { padding-left: 1.2rem; font-size: .9rem; margin: .1rem 0 .2rem; }
  /* Tight lines, so the contents of a report of 50 tables take one page. */
  nav li { line-height: 1.12; }
  header { padding-top: 0; }
  h1 { font-size: 1.55rem; }
  nav summary { padding: .2rem 0; }
  nav li a { display: flex; gap: .4rem; align-items: baseline; }
  nav li a .toc-text { flex: 0 1 auto; }
  nav li a::after { content: ""; flex: 1 1 auto; border-bottom: 1px dotted #767676; order: 1; }
  nav .toc-page { display: inline; order: 2; min-width: 1.6rem; text-align: right; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; margin: 1.2rem 0 .5rem; font-size: 1.3rem; }
  p { orphans: 3; widows: 3; }
  p:has(+ .table-block), p:has(+ p + .table-block) { break-after: avoid; }
  .scroll { overflow: visible; background: none; }
  .scroll-cue { display: none !important; }
  .table-block { break-inside: avoid; margin: .8rem 0 1.2rem; }
  table { width: 100%; }
  caption { position: static; max-width: none; }
  th, td { padding: .1rem .4rem; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  figure.chart { break-inside: avoid; break-before: avoid; max-width: 8cm; margin-top: .4rem; }
  figure.chart:has(svg.wide) { max-width: 14cm; }
  figure.chart svg.narrow:has(+ svg.wide) { display: none; }
  figure.chart svg.wide { display: block; }
  figure.chart figcaption { font-size: .85rem; }
}
`;
