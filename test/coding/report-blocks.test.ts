/**
 * Coding into the report (issue 11 item 6): interview topics with the number of interviews
 * behind them and de-identified quotes, lists of "Anders, namelijk" answers, and the "N moved"
 * note — computed from the small fixture of report-fixture.ts, whose comments count every
 * number by hand, and rendered to every format with hostile texts escaped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/report/docx.js';
import { renderHtml } from '../../src/report/html.js';
import { buildJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/terminal.js';
import { chromiumArgs, chromiumPath, renderPdf } from '../../src/report/pdf.js';
import { renderXlsx } from '../../src/report/xlsx.js';
import { computeStudy } from '../../src/study/index.js';
import type { AnswerListBlock, Report, TopicBlock } from '../../src/tables/model.js';
import { all, chromiumAvailable, parseXml, textOf, unzip } from '../report/helpers.js';
import { codingStudySpec, HOSTILE_ANSWER, HOSTILE_QUOTE, INTERVIEWS, writeCodingStudy } from './report-fixture.js';

// PDF needs Chromium (CI sets SPIEGEL_REQUIRE_CHROMIUM=1, so there it never skips) and pdftotext (poppler-utils).
const hasChromium = await chromiumAvailable(chromiumPath());
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const pdfRequired = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!(hasChromium && hasPdftotext) && !pdfRequired) console.warn('report-blocks PDF test skipped: needs Chromium and pdftotext (poppler-utils)');

let report: Report;
const blocks = (): (TopicBlock | AnswerListBlock)[] => report.sections.flatMap((s) => s.blocks.filter((b): b is TopicBlock | AnswerListBlock => b.type === 'topic' || b.type === 'answers'));
const topic = (id: string): TopicBlock => blocks().find((b): b is TopicBlock => b.type === 'topic' && b.topic === id)!;
const lists = (): AnswerListBlock[] => blocks().filter((b): b is AnswerListBlock => b.type === 'answers');

/** Identifying words of the fixture that must appear in no output. */
const IDENTIFYING = ['Jansen', 'jansen', 'Zwolle', 'zwolle.nl', 'pietersen', '06-12345678'];

beforeAll(async () => {
  report = (await computeStudy(writeCodingStudy())).report;
});

describe('interview topics in the report', () => {
  it('counts the interviews that mention a topic, its sub-codes included, overall and per group', () => {
    const w = topic('werkdruk');
    // i1, i2 (sub-code werkdruk.caseload), i4 (two coders, one fragment) of i1-i4
    expect([w.interviews, w.of]).toEqual([3, 4]);
    expect(w.mentioned).toBe('Genoemd in 3 van de 4 interviews.');
    // Noord: i1, i3 → i1 mentions it; Zuid: i2, i4 → both
    expect(w.groups?.heading).toBe('Per regio');
    expect(w.groups?.rows.map((r) => [r.group, r.interviews, r.of, r.text])).toEqual([
      ['Noord', 1, 2, 'Noord: 1 van de 2'],
      ['Zuid', 2, 2, 'Zuid: 2 van de 2'],
    ]);
    const s = topic('samenwerking');
    expect([s.interviews, s.of, s.groups]).toEqual([2, 4, null]);
    expect(s.title).toBe('Samenwerking met partners');
  });

  it('prints the summary from the spec or from a file, paragraph by paragraph', () => {
    expect(topic('werkdruk').summary).toEqual(['De meeste geïnterviewden noemen de werkdruk.', 'Vooral de omvang van de caseload.']);
    expect(topic('samenwerking').summary).toEqual(['Samenwerking verloopt meestal goed.', 'Partners: UWV en het Leerwerkloket.']);
  });

  it('prints the selected quotes de-identified, with the interview’s attributes as attribution', () => {
    expect(topic('werkdruk').quotes).toEqual([
      // "Gemeente Zwolle" (attribute organisatie), "Jansen" (listed) and the e-mail address replaced
      { text: 'Bij [gemeente] is de werkdruk hoog, zegt mijn collega [naam] ook. Mail hem op [e-mail].', attribution: 'klantmanager, regio Noord' },
      { text: HOSTILE_QUOTE, attribution: 'teamleider, regio Zuid' },
    ]);
    expect(topic('samenwerking').quotes).toEqual([{ text: 'We werken veel samen met het Leerwerkloket.', attribution: 'klantmanager, regio Noord' }]);
  });
});

describe('"Anders, namelijk" answers in the report', () => {
  it('lists every answer with a text, de-identified, alphabetically, and states the count', () => {
    const [allAnswers] = lists();
    expect(allAnswers.title).toBe('Antwoorden bij ‘Anders’: Waar vindt het overleg plaats?');
    expect([allAnswers.total, allAnswers.leftOut]).toEqual([4, 0]);
    expect(allAnswers.intro).toBe('4 antwoorden bij ‘Anders’, in alfabetische volgorde.');
    expect(allAnswers.answers).toEqual([HOSTILE_ANSWER, 'bij de gemeente zelf', 'mail naar [e-mail]', 'via het RPO']);
  });

  it('leaves out the answers the back-coding moved, and says how many', () => {
    const notMoved = lists()[1];
    // respondents 1 and 2 were moved (moves.csv); 3 and 4 stay
    expect([notMoved.total, notMoved.leftOut]).toEqual([4, 2]);
    expect(notMoved.title).toBe('Overige antwoorden bij ‘Anders’');
    expect(notMoved.intro).toBe('4 antwoorden bij ‘Anders’; 2 daarvan zijn ingedeeld bij een bestaande categorie en hier weggelaten. De overige 2, in alfabetische volgorde:');
    expect(notMoved.answers).toEqual([HOSTILE_ANSWER, 'mail naar [e-mail]']);
  });

  it('the table on the back-coded variable notes the two moves', () => {
    const t1 = report.sections[0].blocks.find((b) => b.type === 'table');
    expect(t1?.type === 'table' && t1.table.notes).toContain('2 antwoorden bij ‘Anders’ zijn na het lezen van de toelichting ingedeeld bij een bestaande categorie.');
  });
});

describe('every format prints them escaped and de-identified', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-quotes-out-'));

  it('HTML: quotes in <blockquote> with the attribution, answers in a list, no markup from the texts', () => {
    const html = renderHtml(report);
    const doc = parseXml(html); // well-formed: nothing from a quote opened an element
    expect(all(doc, 'script')).toHaveLength(0);
    const quotes = all(doc, 'blockquote').map((q) => textOf(q));
    expect(quotes).toContain(HOSTILE_QUOTE);
    expect(html).toContain('&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;');
    expect(all(doc, 'figcaption').map((f) => textOf(f))).toContain('— teamleider, regio Zuid');
    const items = all(doc, 'ul').filter((u) => u.attributes.class === 'answer-list').map((u) => all(u, 'li').map((li) => textOf(li)));
    expect(items).toEqual([
      [HOSTILE_ANSWER, 'bij de gemeente zelf', 'mail naar [e-mail]', 'via het RPO'],
      [HOSTILE_ANSWER, 'mail naar [e-mail]'],
    ]);
    expect(html).toContain('Genoemd in 3 van de 4 interviews.');
    for (const word of IDENTIFYING) expect(html).not.toContain(word);
  });

  it('DOCX: the texts are plain runs (escaped XML, no fields), headings for topics and lists', async () => {
    const path = join(dir, 'report.docx');
    await renderDocx(report, path);
    const xml = unzip(readFileSync(path)).get('word/document.xml')!.toString('utf8');
    const doc = parseXml(xml);
    const text = all(doc, 'w:t').map((t) => textOf(t)).join('\n');
    expect(text).toContain(`“${HOSTILE_QUOTE}”`);
    expect(text).toContain('— klantmanager, regio Noord');
    expect(text).toContain(`– ${HOSTILE_ANSWER}`);
    expect(text).toContain('Genoemd in 3 van de 4 interviews.');
    expect(xml).not.toContain('<script>');
    // the only fields are the report's own (contents, table numbers, page numbers): none holds HYPERLINK
    for (const f of all(doc, 'w:instrText')) expect(textOf(f)).not.toContain('HYPERLINK');
    for (const f of all(doc, 'w:fldSimple')) expect(f.attributes['w:instr']).not.toContain('HYPERLINK');
    for (const word of IDENTIFYING) expect(xml).not.toContain(word);
  });

  it('XLSX: a sheet with counts, quotes and answers as string cells, never formulas', async () => {
    const path = join(dir, 'tables.xlsx');
    await renderXlsx(report, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Citaten en antwoorden')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Sectie', 'Onderwerp of vraag', 'Soort', 'Tekst', 'Bij', 'Aantal', 'Van']);
    expect(rows).toContainEqual(['Werkdruk en samenwerking', 'Werkdruk', 'genoemd', 'Genoemd in 3 van de 4 interviews.', undefined, 3, 4]);
    expect(rows).toContainEqual(['Werkdruk en samenwerking', 'Werkdruk', 'per groep', 'Noord: 1 van de 2', 'Noord', 1, 2]);
    expect(rows).toContainEqual(['Werkdruk en samenwerking', 'Werkdruk', 'citaat', HOSTILE_QUOTE, 'teamleider, regio Zuid']);
    expect(rows).toContainEqual(['Werkdruk en samenwerking', 'Overige antwoorden bij ‘Anders’', 'aantal', lists()[1].intro, undefined, 2, 4]);
    expect(rows).toContainEqual(['Werkdruk en samenwerking', 'Overige antwoorden bij ‘Anders’', 'antwoord', HOSTILE_ANSWER]);
    // the sheet's XML holds no formula at all
    const files = unzip(readFileSync(path));
    const sheetXml = [...files].filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map(([, c]) => c.toString('utf8'));
    // the coding sheet is the last one written: it holds cells and no formula
    const last = [...files.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0])).pop()!;
    expect(wb.worksheets[wb.worksheets.length - 1]!.name).toBe('Citaten en antwoorden');
    const codingSheet = files.get(last)!.toString('utf8');
    expect(codingSheet).toContain('<c ');
    expect(codingSheet).not.toMatch(/<f[ >]/);
    for (const x of sheetXml) for (const word of IDENTIFYING) expect(x).not.toContain(word);
    const shared = files.get('xl/sharedStrings.xml')!.toString('utf8');
    expect(shared).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    for (const word of IDENTIFYING) expect(shared).not.toContain(word);
  });

  it('tables.json: topics and answer lists with their numbers', () => {
    const json = buildJson(report);
    expect(json.topics.map((t) => [t.topic, t.interviews, t.of, t.by])).toEqual([
      ['werkdruk', 3, 4, 'regio'],
      ['samenwerking', 2, 4, null],
    ]);
    expect(json.topics[0].groups).toEqual([
      { group: 'Noord', interviews: 1, of: 2 },
      { group: 'Zuid', interviews: 2, of: 2 },
    ]);
    expect(json.topics[0].quotes[1]).toEqual({ text: HOSTILE_QUOTE, attribution: 'teamleider, regio Zuid' });
    expect(json.answerLists.map((a) => [a.question, a.total, a.leftOut, a.answers.length])).toEqual([
      ['overleg', 4, 0, 4],
      ['overleg', 4, 2, 2],
    ]);
    const text = JSON.stringify(json);
    for (const word of IDENTIFYING) expect(text).not.toContain(word);
  });

  it.skipIf(!(hasChromium && hasPdftotext) && !pdfRequired)('PDF: the printed page holds the counts, the quote as text and no identifying word', async () => {
    const path = join(dir, 'report.pdf');
    await renderPdf(report, path);
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    const text = out.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Genoemd in 3 van de 4 interviews.');
    expect(text).toContain(HOSTILE_QUOTE.replace(/\s+/g, ' '));
    expect(text).toContain('— teamleider, regio Zuid');
    for (const word of IDENTIFYING) expect(text).not.toContain(word);
  }, 120_000);

  it.skipIf(!hasChromium && !pdfRequired)('HTML: no accessibility violations (axe-core, WCAG 2.1 AA) at 390 and 1280 px', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    try {
      for (const width of [390, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(renderHtml(report), { waitUntil: 'load' });
        await page.addScriptTag({ content: axe.source });
        const run = "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.help))";
        expect(await page.evaluate(run)).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('plain text: topic, count, quotes and answers; terminal control characters dropped', () => {
    const text = renderText(report);
    expect(text).toContain('Werkdruk\nGenoemd in 3 van de 4 interviews.\nPer regio:\n  - Noord: 1 van de 2\n  - Zuid: 2 van de 2');
    expect(text).toContain(`  “${HOSTILE_QUOTE}”\n    — teamleider, regio Zuid`);
    for (const word of IDENTIFYING) expect(text).not.toContain(word);
  });
});

describe('bad input names the place', () => {
  const fails = async (sections: string, extra: Record<string, string> = {}): Promise<string> => {
    const e = await computeStudy(writeCodingStudy(sections, extra)).then(
      () => null,
      (x: Error) => x,
    );
    expect(e).not.toBeNull();
    return e!.message;
  };
  const topicSection = (quote: string, topicId = 'werkdruk'): string => `  - heading: W\n    content:\n      - topic: ${topicId}\n        quotes:\n          - ${quote}\n`;

  it('a quote that matches no fragment, or several, or an interview without the topic', async () => {
    expect(await fails(topicSection('{ interview: i1, fragment: "niet in de tekst" }'))).toMatch(/study\.yaml.*no fragment of topic "werkdruk" in interview "i1" contains "niet in de tekst"/s);
    expect(await fails(topicSection('{ interview: i3, fragment: samen }'))).toMatch(/interview "i3" has no fragment coded with topic "werkdruk"/);
    // two werkdruk fragments of i1 that both contain "de"
    const text = INTERVIEWS['i1.md'].text;
    const row = (f: string): string => `i1,ans,werkdruk,${text.indexOf(f)},${text.indexOf(f) + f.length},${f}`;
    const twice = ['unit,coder,code,start,end,text', row('I: Hoe is de werkdruk?'), row('R: Bij Gemeente Zwolle is de werkdruk hoog'), ''].join('\n');
    expect(await fails(topicSection('{ interview: i1, fragment: "de" }'), { 'interviews.codings.csv': twice })).toMatch(/2 fragments of topic "werkdruk" in interview "i1" contain "de"; give more of the words/);
  });

  it('an unknown topic, an attribution attribute an interview lacks, a coding of an unknown interview', async () => {
    expect(await fails(topicSection('{ interview: i1, fragment: x }', 'onbekend'))).toMatch(/topic "onbekend" is not a code of codebook "onderwerpen"/);
    const spec = codingStudySpec(topicSection('{ interview: i1, fragment: werkdruk hoog }')).replace('{rol}, regio {regio}', '{rol}, team {team}');
    expect(await fails('', { 'study.yaml': spec })).toMatch(/i1\.md.*the attribution names attribute "team", which interview "i1" does not have/s);
    const codings = 'unit,coder,code,start,end,text\ni9,ans,werkdruk,0,4,Hoe \n';
    expect(await fails(topicSection('{ interview: i1, fragment: x }'), { 'interviews.codings.csv': codings })).toMatch(/interviews\.codings\.csv.*interview "i9", which is not among the interviews/s);
  });

  it('a fragment whose text is no longer in the interview must be coded again', async () => {
    const codings = 'unit,coder,code,start,end,text\ni1,ans,werkdruk,0,10,Dit staat er niet\n';
    expect(await fails(topicSection('{ interview: i1, fragment: x }'), { 'interviews.codings.csv': codings })).toMatch(/interview "i1", fragment 0–10 .*no longer occurs.*code it again/s);
  });

  it('an "Anders" list of something that is not a question with an "Anders" text', async () => {
    expect(await fails('  - heading: A\n    content:\n      - otherAnswers: respnr\n')).toMatch(/unknown question "respnr"|no "Anders, namelijk" category/);
  });
});
