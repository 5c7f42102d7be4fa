/**
 * A study with letters in its spec, its store initialised and the sample imported: the common
 * start of the letters tests. The register of test/fieldwork/store/setup.ts gives 20 sampled
 * participants with name, street, postcode and town.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { run, studyFolder, type StudyFolder } from '../store/setup.js';

export const WINDOW = { left: 20, top: 50, width: 85, height: 40 };

export const LETTERS = {
  window: WINDOW,
  sender: ['Inspectie SZW', 'Postbus 90801', '2509 LV Den Haag'],
  address: ['{{naam}}', '{{adres}}', '{{postcode}}  {{woonplaats}}'],
  invitation: [
    'Geachte heer, mevrouw,',
    'Wij vragen u mee te doen aan ons onderzoek. Ga naar **{{link}}** of naar {{loginUrl}} en vul daar uw code in: {{code}}.',
    'De vragenlijst sluit op {{closes}}.',
    '- Het duurt ongeveer tien minuten.\n- Uw antwoorden blijven anoniem.',
    'Met vriendelijke groet,\n\nde onderzoekers',
  ].join('\n\n'),
  reminders: ['Wij herinneren u aan ons onderzoek: {{link}} (code {{code}}). De vragenlijst sluit op {{closes}}.'],
};

/** Sets fields of the study spec (paths below `fieldwork`); `undefined` removes one. */
export function editFieldwork(spec: string, fields: Record<string, unknown>): void {
  const doc = parseDocument(readFileSync(spec, 'utf8'));
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) doc.deleteIn(['fieldwork', key]);
    else doc.setIn(['fieldwork', key], doc.createNode(value));
  }
  writeFileSync(spec, doc.toString());
}

export interface LettersStudy extends StudyFolder {
  readonly baseUrl: string;
}

/** `database`: a PostgreSQL URL for the store (default: SQLite beside the spec). */
export async function lettersStudy(prefix: string, fields: Record<string, unknown> = {}, sample?: string, database?: string): Promise<LettersStudy> {
  const s = await studyFolder(prefix);
  const baseUrl = 'https://enquete.example.nl';
  editFieldwork(s.spec, { baseUrl, closes: '2021-08-15T23:59', reminders: [14], letters: LETTERS, ...fields });
  const db = database === undefined ? [] : ['--database', database];
  const init = await run(['field', 'init', s.spec, ...db]);
  if (init.code !== 0) throw new Error(`field init failed: ${init.stderr}`);
  const imp = await run(['field', 'import', s.spec, '--sample', sample ?? s.sample, '--test', '2', ...db]);
  if (imp.code !== 0) throw new Error(`field import failed: ${imp.stderr}`);
  return { ...s, baseUrl };
}

export function storeFile(s: StudyFolder): string {
  return join(s.dir, 'study.field.sqlite');
}
