/**
 * `spiegel code …`: coding of open answers and interviews from the command line — agreement
 * between coders, and exchange with ATLAS.ti, MAXQDA and NVivo through REFI-QDA.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { prepareOutputs, writeContentAtomic as writeAtomic, type RunFile } from '../files/index.js';
import { UsageError } from '../errors.js';
import { codeAgreement, type AgreementReport } from '../coding/code-agreement.js';
import { flattenCodes, type Codebook } from '../coding/codebook.js';
import { coderCodings, readCodingsCsv, writeCodingsCsv, type CodingRow } from '../coding/codings-csv.js';
import { readInterview } from '../coding/interviews/import.js';
import { loadCodebook } from '../coding/load-codebook.js';
import { readQdc, writeQdc } from '../coding/refi-qda/qdc.js';
import { readQdpx, writeQdpx } from '../coding/refi-qda/qdpx.js';
import { stringify as toYaml } from 'yaml';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';

const help = `Usage: spiegel code <subcommand> [options]

Coding of open answers and interviews.

Subcommands:
  agreement --codebook CB.yaml --codings C.csv [--json]
      Agreement between coders per code: Cohen's kappa (two coders) and Krippendorff's alpha
      (nominal; any number of coders, missing codings allowed), and alpha pooled over all
      (answer, code) pairs, each with the number of answers behind it.
  export --codebook CB.yaml --out FILE.qdc|FILE.qdpx|FILE.csv [--codings C.csv] [--interview F ...]
      The codebook as a REFI-QDA codebook (.qdc); a REFI-QDA project (.qdpx) with the
      interviews (.txt, .md, .docx) and their coded fragments; or the codings as CSV.
  import FILE.qdc|FILE.qdpx --codebook CB.yaml --out-codebook NEW.yaml [--out-codings C.csv]
      Read a codebook or project from another program. Codes keep their ids when the file came
      from this codebook (matched by GUID); new codes get ids made from their names.

  serve STUDY.yaml [--database URL] [--port N]
      The coding screens in the browser (/admin/code) for a study whose answers come from a
      file; makes the study's store for accounts and codings when there is none.
  pull STUDY.yaml [--database URL]
      The codings made on the coding screens (spiegel field serve, /admin/code), from the
      study's store into the codings file of each coded question of the spec.

The codings CSV has the columns unit,coder,code,start,end,text: one row per answer (or
fragment), coder and code; an empty code means "coded, no code applies".

Example:
  spiegel code agreement --codebook suggesties.codebook.yaml --codings codings.csv
`;

export const codeCommand: Command = {
  name: 'code',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === 'agreement') return agreement(rest, io);
    if (sub === 'export') return exportCoding(rest, io);
    if (sub === 'import') return importCoding(rest, io);
    if (sub === 'pull') return (await import('./code-pull.js')).codePull(rest, io);
    if (sub === 'serve') return (await import('./code-serve.js')).codeServe(rest, io);
    throw new UsageError(`${sub === undefined ? 'code needs a subcommand' : `unknown subcommand "${sub}"`}\n\n${help}`);
  },
};

async function agreement(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { codebook: { type: 'string' }, codings: { type: 'string' }, json: { type: 'boolean' } }, { allowPositionals: false, help });
  if (values.codebook === undefined || values.codings === undefined) throw new UsageError(`code agreement needs --codebook and --codings\n\n${help}`);
  const codebook = loadCodebook(values.codebook);
  const rows = await readCodingsCsv(values.codings);
  checkCodes(rows, codebook, values.codings);
  const codes = flattenCodes(codebook).filter((f) => f.code.codable !== false).map((f) => f.code.id);
  const report = codeAgreement(coderCodings(rows.filter((r) => r.start === undefined)), codes);
  io.out(values.json === true ? JSON.stringify(agreementJson(report), null, 2) + '\n' : agreementText(report, codebook));
  return 0;
}

function checkCodes(rows: readonly CodingRow[], codebook: Codebook, file: string): void {
  const known = new Set(flattenCodes(codebook).map((f) => f.code.id));
  const unknown = [...new Set(rows.map((r) => r.code).filter((c) => c !== '' && !known.has(c)))];
  if (unknown.length > 0) throw new UsageError(`${file}: code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} not in codebook "${codebook.codebook}" (version ${codebook.version})`);
}

const round = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null);

function agreementJson(r: AgreementReport): unknown {
  return {
    coders: r.coders,
    doubleCoded: r.doubleCoded,
    perCode: r.perCode.map((c) => ({
      code: c.code,
      used: c.used,
      kappa: c.kappa ? { value: c.kappa.defined ? c.kappa.kappa : null, units: c.kappa.units } : null,
      alpha: { value: c.alpha.defined ? c.alpha.alpha : null, units: c.alpha.units },
    })),
    pooled: { alpha: r.pooled.defined ? r.pooled.alpha : null, units: r.pooled.units },
  };
}

function agreementText(r: AgreementReport, codebook: Codebook): string {
  const labels = new Map(flattenCodes(codebook).map((f) => [f.code.id, f.code.label]));
  const fmt = (defined: boolean, x: number): string => (defined ? (round(x) ?? 0).toFixed(3) : 'n.b.');
  const head = ['code', 'gebruikt', ...(r.coders.length === 2 ? ['kappa', 'n'] : []), 'alpha', 'n', 'omschrijving'];
  const body = r.perCode.map((c) => [
    c.code,
    String(c.used),
    ...(c.kappa ? [fmt(c.kappa.defined, c.kappa.kappa), String(c.kappa.units)] : []),
    fmt(c.alpha.defined, c.alpha.alpha),
    String(c.alpha.units),
    labels.get(c.code) ?? '',
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === cells.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd();
  return [
    `Codeurs: ${r.coders.join(', ')}; dubbel gecodeerde antwoorden: ${r.doubleCoded}`,
    '',
    line(head),
    ...body.map(line),
    '',
    `Alpha over alle (antwoord, code)-paren: ${fmt(r.pooled.defined, r.pooled.alpha)} (n = ${r.pooled.units})`,
    'n.b. = niet te berekenen (de code is door niemand of door iedereen overal gebruikt)',
    '',
  ].join('\n');
}

async function exportCoding(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { codebook: { type: 'string' }, codings: { type: 'string' }, interview: { type: 'string', multiple: true }, out: { type: 'string' } },
    { allowPositionals: false, help },
  );
  if (values.codebook === undefined || values.out === undefined) throw new UsageError(`code export needs --codebook and --out\n\n${help}`);
  const codebook = loadCodebook(values.codebook);
  const out = values.out;
  const ext = extname(out).toLowerCase();
  const rows = values.codings === undefined ? [] : await readCodingsCsv(values.codings);
  if (values.codings !== undefined) checkCodes(rows, codebook, values.codings);
  await prepareOutputs(inputsOf({ codebook: values.codebook, codings: values.codings }, values.interview), [{ path: out, role: 'the export' }]);
  if (ext === '.qdc') {
    await writeAtomic(out, writeQdc(codebook));
  } else if (ext === '.csv') {
    if (values.codings === undefined) throw new UsageError('code export to .csv needs --codings');
    await writeAtomic(out, writeCodingsCsv(rows));
  } else if (ext === '.qdpx') {
    const documents = await Promise.all((values.interview ?? []).map((f) => readInterview(f)));
    const fragments = rows.filter((r) => r.start !== undefined && r.end !== undefined && r.code !== '');
    const project = {
      name: codebook.title,
      codebook,
      documents: documents.map((d) => ({ id: d.id, title: d.title, text: d.text, attributes: d.attributes })),
      codings: fragments.map((r) => ({ document: r.unit, start: r.start!, end: r.end!, text: r.text ?? '', code: r.code, coder: r.coder })),
    };
    try {
      await writeAtomic(out, await writeQdpx(project));
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(`${values.codings ?? 'codings'}: ${e.message}`);
      throw e;
    }
  } else {
    throw new UsageError(`--out must end in .qdc, .qdpx or .csv, not "${ext || basename(out)}"`);
  }
  io.err(`spiegel code export: wrote ${out}\n`);
  return 0;
}

async function importCoding(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { codebook: { type: 'string' }, 'out-codebook': { type: 'string' }, 'out-codings': { type: 'string' } }, { help });
  if (positionals.length !== 1 || values['out-codebook'] === undefined) throw new UsageError(`code import needs one FILE and --out-codebook\n\n${help}`);
  const file = positionals[0];
  const into = values.codebook === undefined ? undefined : loadCodebook(values.codebook);
  await prepareOutputs(inputsOf({ 'file to import': file, codebook: values.codebook }), [
    { path: values['out-codebook'], role: 'the imported codebook' },
    ...(values['out-codings'] !== undefined ? [{ path: values['out-codings'], role: 'the imported codings' }] : []),
  ]);
  const ext = extname(file).toLowerCase();
  let codebook: Codebook;
  let codings: CodingRow[] = [];
  if (ext === '.qdc') {
    codebook = readQdc(await readFile(file, 'utf8'), file, { into, codebook: basename(file, ext).replace(/[^A-Za-z0-9_.-]/g, '_') });
  } else if (ext === '.qdpx') {
    const project = await readQdpx(await readFile(file), file, { into });
    codebook = project.codebook;
    codings = project.codings.map((c) => ({ unit: c.document, coder: c.coder, code: c.code, start: c.start, end: c.end, text: c.text }));
  } else {
    throw new UsageError(`code import reads .qdc or .qdpx files, not "${ext || basename(file)}"`);
  }
  await writeAtomic(values['out-codebook'], toYaml(codebook));
  if (values['out-codings'] !== undefined) await writeAtomic(values['out-codings'], writeCodingsCsv(codings));
  io.err(`spiegel code import: ${flattenCodes(codebook).length} codes${codings.length > 0 ? `, ${codings.length} codings` : ''} (codebook version ${codebook.version})\n`);
  return 0;
}



function inputsOf(named: Record<string, string | undefined>, interviews: readonly string[] = []): RunFile[] {
  return [
    ...Object.entries(named).flatMap(([role, path]) => (path === undefined ? [] : [{ path, role: `the ${role}` }])),
    ...interviews.map((path) => ({ path, role: 'an interview' })),
  ];
}
