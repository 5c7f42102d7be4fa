/**
 * HTML of the report blocks that come from coding: an interview topic (summary, "Genoemd in 3
 * van de 5 interviews", counts per group, quotes as <blockquote> with their attribution) and a
 * list of "Anders, namelijk" answers. Every string is escaped: quotes and answers are what
 * respondents and interviewees said, so they are hostile input.
 */
import type { AnswerListBlock, TopicBlock } from '../tables/model.js';
import { escapeHtml as esc } from './escape.js';

export function renderHtmlTopic(block: TopicBlock, index: number): string {
  const id = `onderwerp-${index + 1}`;
  const groups =
    block.groups === null
      ? ''
      : `<div class="groups"><p id="${id}-groups">${esc(block.groups.heading)}</p><ul aria-labelledby="${id}-groups">${block.groups.rows.map((r) => `<li>${esc(r.text)}</li>`).join('')}</ul></div>`;
  const quotes = block.quotes
    .map((q) => `<figure class="quote"><blockquote><p>${esc(q.text)}</p></blockquote>${q.attribution === '' ? '' : `<figcaption>— ${esc(q.attribution)}</figcaption>`}</figure>`)
    .join('');
  return [
    `<div class="topic" id="${id}">`,
    `<h3>${esc(block.title)}</h3>`,
    `<p class="mentioned">${esc(block.mentioned)}</p>`,
    groups,
    block.summary.map((p) => `<p>${esc(p)}</p>`).join(''),
    quotes,
    '</div>',
  ].join('');
}

export function renderHtmlAnswers(block: AnswerListBlock, index: number): string {
  const id = `antwoorden-${index + 1}`;
  const list = block.answers.length === 0 ? '' : `<ul class="answer-list" aria-labelledby="${id}-title">${block.answers.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>`;
  return `<div class="answers" id="${id}"><h3 id="${id}-title">${esc(block.title)}</h3><p class="intro">${esc(block.intro)}</p>${list}</div>`;
}

/** Styles of these blocks (added to the report's stylesheet). */
export const codingCss = `
.topic, .answers { margin: 1.2rem 0 1.6rem; }
.topic h3, .answers h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
.topic .mentioned { font-weight: 600; margin: .2rem 0; }
.topic .groups p { margin: .2rem 0 0; }
.topic .groups ul { margin: .1rem 0 .6rem; padding-left: 1.2rem; }
figure.quote { margin: .8rem 0; padding: .1rem 0 .1rem .9rem; border-left: 3px solid #5a6b7b; max-width: 40rem; }
figure.quote blockquote { margin: 0; font-style: italic; }
figure.quote blockquote p { margin: 0; }
figure.quote blockquote p::before { content: "“"; }
figure.quote blockquote p::after { content: "”"; }
figure.quote figcaption { margin-top: .25rem; font-size: .9rem; color: #333; }
.answer-list { padding-left: 1.2rem; max-width: 40rem; }
.answer-list li { margin: .15rem 0; overflow-wrap: anywhere; }
@media print {
  .topic h3, .answers h3 { break-after: avoid; }
  figure.quote { break-inside: avoid; }
  .answer-list li { break-inside: avoid; }
}
`;
