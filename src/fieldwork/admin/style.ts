/**
 * The one stylesheet of the researcher's side, served at a fixed path with a content hash (no
 * inline styles: the server's CSP has no unsafe-inline). Wider than the questionnaire (tables),
 * one column on a phone, tables scroll sideways in their own box, touch targets of 44 px, a
 * strong focus outline, colours with WCAG AA contrast. Classes other screens may use: `.table`
 * (inside `.table-wrap`), `.figure`, `.note`, `.error`, `.button`, `.button-secondary`,
 * `.numeric` (right-aligned cells), `.inline-form`, `.summary` (a list of key figures),
 * `.table-stack` (a table whose rows become blocks on a phone; each cell needs `data-label`).
 */
import { createHash } from 'node:crypto';

export const adminCss = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;background:#fff;overflow-wrap:break-word}
.skip{position:absolute;left:-999px;top:0;background:#ffdd00;color:#0b0c0c;padding:.5rem 1rem;z-index:2}
.skip:focus{left:0}
header.top{background:#1d3557;color:#fff}
.top-inner{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem}
.brand{font-weight:700;font-size:1.05rem;color:#fff;margin:0}
.who{margin:0;font-size:.95rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem}
.who a{color:#fff;display:inline-flex;align-items:center;min-height:44px}
.who a:focus-visible{color:#0b0c0c}
nav.sections{background:#f3f2f1;border-bottom:1px solid #b1b4b6}
nav.sections ul{list-style:none;margin:0 auto;padding:0 .5rem;max-width:72rem;display:flex;flex-wrap:wrap}
nav.sections a{display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;color:#1d4f91;text-decoration:none;border-bottom:4px solid transparent}
nav.sections a:hover{text-decoration:underline}
nav.sections a[aria-current="page"]{color:#0b0c0c;font-weight:700;border-bottom-color:#1d3557}
main{display:block;max-width:72rem;margin:0 auto;padding:1.25rem 1rem 2.5rem}
main.narrow{max-width:30rem}
footer.bottom{max-width:72rem;margin:0 auto;padding:1rem;border-top:1px solid #b1b4b6;font-size:.9rem;color:#383f43}
h1,h2,h3{line-height:1.25;margin:0 0 .75rem}
h1{font-size:1.75rem}
h2{font-size:1.35rem;margin-top:1.75rem}
h3{font-size:1.1rem}
p{margin:0 0 1rem;max-width:45rem}
a{color:#1d4f91;text-decoration:underline;text-underline-offset:.15em}
a:hover{color:#0b0c0c;text-decoration-thickness:3px}
:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
a:focus-visible{background:#ffdd00;color:#0b0c0c;box-shadow:0 4px #0b0c0c;outline:none;text-decoration:none}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.note{color:#383f43;font-size:.95rem}
.error{border-left:5px solid #d4351c;padding:.5rem 0 .5rem 1rem;margin:0 0 1rem;color:#0b0c0c}
.error strong{color:#d4351c}
.field{margin:0 0 1.25rem}
.field label{display:block;font-weight:700;margin:0 0 .25rem}
.field .hint{display:block;color:#383f43;margin:0 0 .25rem}
.field input{display:block;width:100%;max-width:24rem;min-height:44px;padding:.4rem .5rem;font:inherit;border:2px solid #0b0c0c;border-radius:0}
.field input:focus{outline:3px solid #ffbf47;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.button{display:inline-block;min-height:44px;padding:.5rem 1.1rem;font:inherit;font-weight:700;color:#fff;background:#1d3557;border:2px solid transparent;border-radius:0;box-shadow:0 2px 0 #0b0c0c;cursor:pointer;text-decoration:none}
.button:hover{background:#142642;color:#fff}
.button:focus-visible{outline:3px solid #ffbf47;background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c}
.button-secondary{background:#f3f2f1;color:#0b0c0c}
.button-secondary:hover{background:#dbdad9;color:#0b0c0c}
.inline-form{display:inline}
form{margin:0 0 1.5rem}
.nowrap{white-space:nowrap}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem;border:1px solid #b1b4b6}
.table-wrap:focus-visible{outline:3px solid #ffbf47}
.table{border-collapse:collapse;width:100%;font-size:.95rem}
.table caption{text-align:left;font-weight:700;padding:.5rem .75rem}
.table th,.table td{text-align:left;vertical-align:top;padding:.45rem .75rem;border-bottom:1px solid #d8d8d8}
.table thead th{background:#f3f2f1;border-bottom:2px solid #505a5f;white-space:nowrap}
.table .numeric{text-align:right;font-variant-numeric:tabular-nums}
.table tbody tr:last-child th,.table tbody tr:last-child td{border-bottom:0}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;list-style:none;margin:0 0 1.5rem;padding:0}
.summary li{border:1px solid #b1b4b6;border-top:4px solid #1d3557;padding:.5rem .75rem}
.summary .value{display:block;font-size:1.6rem;font-weight:700;font-variant-numeric:tabular-nums}
.figure{margin:0 0 1.5rem;max-width:100%}
.figure svg{display:block;max-width:100%;height:auto}
.tag{display:inline-block;padding:0 .4rem;font-size:.85rem;font-weight:700;border:1px solid currentColor}
.tag-failed{color:#942514}
.tag-personal{color:#4c2c92}
@media (max-width:40rem){
.table-stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.table-stack tr{display:block;border-bottom:1px solid #b1b4b6;padding:.35rem 0}
.table-stack td,.table-stack th{display:block;border:0;padding:.15rem .75rem}
.table-stack td[data-label]::before{content:attr(data-label) ": ";font-weight:700}
.table-stack tbody tr:last-child{border-bottom:0}
}
@media (min-width:48rem){h1{font-size:2rem}main{padding-top:2rem}}
`;

const short = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);

/** Where the stylesheet is served (the content hash makes it cacheable for long). */
export const adminCssPath = `/admin/static/admin-${short(adminCss)}.css`;
