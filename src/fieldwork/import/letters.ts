/**
 * The letters file: one line per participant with the contact columns, the personal link and
 * the login code, for a mail merge. It is contact data joined to credentials: whoever holds it
 * can answer in a participant's name. Written with mode 0600, UTF-8 with a byte-order mark (so
 * Excel reads the accents), text cells that a spreadsheet would run as a formula neutralised.
 */
import { csvField } from '../../data/csv/write.js';
import { neutraliseFormula } from '../../files/index.js';
import type { NewParticipant } from '../store/types.js';

export interface LettersOptions {
  /** Address of the questionnaire as respondents reach it, without a trailing slash. */
  readonly baseUrl: string;
  readonly contactColumns: readonly string[];
}

/** Personal link of a token (the server's route `/s/<token>`). */
export function personalLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/s/${token}`;
}

export function lettersCsv(participants: readonly NewParticipant[], options: LettersOptions): string {
  const sep = ',';
  const base = options.baseUrl.replace(/\/+$/, '');
  const header = ['id', ...options.contactColumns, 'test', 'link', 'login_url', 'login_code'];
  const lines = [header.map((h) => csvField(h, sep)).join(sep)];
  for (const p of participants) {
    const cells = [p.id, ...options.contactColumns.map((c) => p.contact[c] ?? ''), p.test ? 'test' : '', personalLink(base, p.token), `${base}/login`, p.loginCode];
    lines.push(cells.map((c) => csvField(neutraliseFormula(c), sep)).join(sep));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
