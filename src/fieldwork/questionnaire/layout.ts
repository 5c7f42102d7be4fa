/**
 * The frame every page shares: a complete HTML document with the questionnaire's title in a banner, one
 * `main`, a footer on confidentiality, the stylesheet and the enhancing script from fixed paths
 * (no inline style or script), and the GOV.UK error summary that links to the fields.
 */
import type { StudySpec } from '../../spec/schema.js';
import type { FieldError, Language } from '../types.js';
import { scriptAsset, stylesheetAsset } from './assets.js';
import { html, type Html } from './escape.js';
import { systemTexts } from './texts.js';

export interface ShellOptions {
  readonly language: Language;
  /** Browser tab title (the page heading); the questionnaire's title is appended. */
  readonly title: string;
  /** questionnaireTitle(spec, language): in the banner and the browser tab. */
  readonly questionnaireTitle: string;
  readonly hasErrors?: boolean;
  readonly main: Html;
}

/**
 * The questionnaire's title as respondents see it: `fieldwork.title`. The study's own title is
 * the report's ("Onderzoeksverslag …"), so without a fieldwork title the banner says
 * "Vragenlijst" / "Questionnaire" rather than that.
 */
export function questionnaireTitle(spec: StudySpec, language: Language): string {
  return spec.fieldwork?.title ?? systemTexts(language).questionnaire;
}

export function documentShell(o: ShellOptions): Html {
  const t = systemTexts(o.language);
  return html`<!DOCTYPE html>
<html lang="${o.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.hasErrors ? t.errorTitlePrefix : ''}${o.title} – ${o.questionnaireTitle}</title>
<link rel="stylesheet" href="${stylesheetAsset.path}">
<script src="${scriptAsset.path}" defer></script>
</head>
<body>
<header class="banner"><p>${o.questionnaireTitle}</p></header>
<main id="main">
${o.main}
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>
`;
}

/** The error summary at the top: a heading and a link to each field with a problem. */
export function errorSummary(errors: readonly FieldError[], language: Language): Html {
  if (errors.length === 0) return html``;
  const t = systemTexts(language);
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t.errorSummaryTitle}</h2>
<ul>${errors.map((e) => html`<li><a href="#${e.variable}">${e.message}</a></li>`)}</ul>
</div>`;
}

/** A message next to a field, with its id for `aria-describedby`. */
export function errorMessage(id: string, message: string | undefined, language: Language): Html {
  if (message === undefined) return html``;
  return html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${systemTexts(language).errorPrefix} </span>${message}</p>`;
}

/** `aria-describedby` value from the ids that exist, or nothing. */
export function describedBy(...ids: readonly (string | undefined | false)[]): Html {
  const list = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return list.length === 0 ? html`` : html` aria-describedby="${list.join(' ')}"`;
}

/**
 * A small, safe Markdown subset for intro and closing texts: paragraphs (blank lines), lists
 * ("- " lines) and **bold**. Everything is escaped; no links, no HTML.
 */
export function textBlock(src: string): Html {
  const blocks = src.replace(/\r\n?/g, '\n').trim().split(/\n\s*\n/);
  return html`<div class="text-block">${blocks.map((b) => {
    const lines = b.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length > 0 && lines.every((l) => /^[-*] /.test(l))) return html`<ul>${lines.map((l) => html`<li>${inline(l.slice(2))}</li>`)}</ul>`;
    return html`<p>${inline(lines.join(' '))}</p>`;
  })}</div>`;
}

function inline(s: string): Html {
  const parts = s.split(/\*\*(.+?)\*\*/g);
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<strong>${p}</strong>` : p))}`;
}
