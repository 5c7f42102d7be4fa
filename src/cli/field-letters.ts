/**
 * `spiegel field letters STUDY.yaml --out letters.pdf|.docx`: the invitation (or `--reminder N`)
 * letter for every sampled participant from fieldwork.letters, with the personal link as text
 * and QR code and the login code; `--posted DATE` records in the store that they were posted.
 */
import { extname } from 'node:path';
import { InvalidInputError, UsageError } from '../errors.js';
import { prepareOutputs, writeFileAtomic } from '../files/index.js';
import { checkLetterTemplates, checkRecipients } from '../fieldwork/letters/check.js';
import { lettersDocx } from '../fieldwork/letters/docx.js';
import type { LetterContent } from '../fieldwork/letters/html.js';
import { recordPosted } from '../fieldwork/letters/posted.js';
import { qrSvg } from '../fieldwork/letters/qr.js';
import { letterRecipients } from '../fieldwork/letters/select.js';
import { letterValues } from '../fieldwork/letters/values.js';
import { cliUser, recordAudit } from '../fieldwork/store/audit.js';
import { recordWrittenFile } from '../fieldwork/store/written-files.js';
import { mailingList } from '../fieldwork/store/contacts.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';
import { lettersPdf } from './field-letters-pdf.js';

const help = `Usage: spiegel field letters STUDY.yaml --out LETTERS.pdf|LETTERS.docx [options]

Writes one letter per sampled participant (not the test links) from fieldwork.letters in the
spec: the address placed for a window envelope, the date, the text with the participant's
values, the personal link as text and as a QR code, and the login code. Participants with an
outcome (refused, undeliverable, ineligible) get none; reminders go only to those who have
not completed. The file is CONTACT DATA with login credentials (written readable by you only):
delete it once the letters are printed.

  --out FILE          letters.pdf (one PDF, each letter from a new page) or letters.docx (Word)
  --reminder N        the N-th reminder letter (fieldwork.letters.reminders[N]) instead of the invitation
  --posted DATE       record that these letters were posted on DATE (YYYY-MM-DD): reminders count
                      from it; recording the same letter twice changes nothing. --out may be left out.
  --date DATE         date printed on the letters (default: --posted, else today)
  --duplex            a blank page after every letter of an odd page count, so each starts on a new sheet
  --test              letters for the test links instead (proofs)
  --only ID,...       only these participants (proofs, a reprint)
  --base-url URL      address of the questionnaire (default: fieldwork.baseUrl)
  --database URL      the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field letters study.yaml --out brieven.pdf
  spiegel field letters study.yaml --posted 2021-06-15
  spiegel field letters study.yaml --reminder 1 --out herinnering-1.pdf --posted 2021-06-29
`;

function dateOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T12:00:00Z`).toISOString().slice(0, 10) === value;
  if (!ok) throw new UsageError(`${option} must be a date such as 2021-06-15, not "${value}"`);
  return value;
}

function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export const fieldLetters: Command = {
  name: 'field letters',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      {
        out: { type: 'string' },
        reminder: { type: 'string' },
        posted: { type: 'string' },
        date: { type: 'string' },
        duplex: { type: 'boolean' },
        test: { type: 'boolean' },
        only: { type: 'string' },
        'base-url': { type: 'string' },
        database: { type: 'string' },
        wave: { type: 'string' },
      },
      { help },
    );
    const specFile = specArgument(positionals, help);
    const format = v.out === undefined ? undefined : extname(v.out).toLowerCase();
    if (v.out === undefined && v.posted === undefined) throw new UsageError(`name the letters file with --out letters.pdf (or .docx), or record a posting with --posted DATE\n\n${help}`);
    if (format !== undefined && format !== '.pdf' && format !== '.docx') throw new UsageError(`--out must end in .pdf or .docx, not "${v.out}"`);
    const step = v.reminder === undefined ? 0 : Number(v.reminder);
    if (v.reminder !== undefined && (!Number.isInteger(step) || step < 1)) throw new UsageError(`--reminder must be a reminder's number (1, 2, …), not "${v.reminder}"`);
    const posted = dateOption(v.posted, '--posted');
    const only = v.only?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (v.test === true && posted !== undefined) throw new UsageError('--posted records letters to sampled participants; proofs made with --test are not posted');

    const study = fieldStudy(specFile, v.wave, v.database, false);
    const fieldwork = study.fieldwork;
    const locate = (path: readonly (string | number)[]) => study.loaded.locate(path);
    if (fieldwork?.mode === 'open') throw new InvalidInputError('this study uses an open link (fieldwork.mode: open): there are no personal links to write letters with', locate(['fieldwork', 'mode']));
    const templates = checkLetterTemplates(fieldwork, step, locate);
    const baseUrl = v['base-url'] ?? fieldwork?.baseUrl;
    if (baseUrl === undefined) throw new UsageError('the letters need the questionnaire\'s address: set fieldwork.baseUrl in the spec or give --base-url URL');
    if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) address such as https://enquete.example.nl, not "${baseUrl}"`);
    const date = dateOption(v.date, '--date') ?? posted ?? today(fieldwork?.timezone ?? 'Europe/Amsterdam');
    const locale = study.loaded.spec.study.locale;
    const what = step === 0 ? 'invitation' : `reminder ${step}`;
    if (v.out !== undefined) await prepareOutputs([{ path: specFile, role: 'the study spec' }], [{ path: v.out, role: 'the letters (--out)' }]);

    const store = await openStudyStore(study);
    try {
      const list = await mailingList(store.db, { includeTest: v.test === true || only !== undefined });
      const recipients = letterRecipients(list, { step, test: v.test === true, ...(only !== undefined ? { only } : {}) });
      // The contact data was read: the log says by whom and for what, without naming anyone.
      await recordAudit(store.db, { username: cliUser(), action: 'letters', detail: `${recipients.length} letters (${what}) to ${v.out ?? 'no file (posting recorded)'}`, personal: false });
      checkRecipients(recipients, templates.spec, fieldwork?.contactColumns ?? [], locate);
      if (recipients.length === 0) {
        io.out(`No participant gets the ${what} letter (${step === 0 ? 'none sampled without an outcome' : 'all completed or have an outcome'}); nothing written.\n`);
        return 0;
      }
      if (v.out !== undefined) {
        const out = v.out;
        const settings = { baseUrl, locale, contactColumns: fieldwork?.contactColumns ?? [], ...(fieldwork?.closes !== undefined ? { closes: fieldwork.closes } : {}) };
        const letters: LetterContent[] = [];
        for (const r of recipients) {
          const values = letterValues(r, settings);
          letters.push({ participantId: r.participantId, values, qrSvg: await qrSvg(values.link) });
        }
        const layout = { spec: templates.spec, body: templates.body, locale, date };
        let pages = '';
        let bytes: Uint8Array;
        if (format === '.pdf') {
          const pdf = await lettersPdf(letters, layout, v.duplex === true, out);
          bytes = pdf.bytes;
          pages = `, ${pdf.pages} page(s)`;
        } else bytes = await lettersDocx(letters, layout);
        await writeFileAtomic(out, async (fh) => {
          await fh.chmod(0o600);
          await fh.writeFile(bytes);
        });
        await recordWrittenFile(store.db, out, format === '.pdf' ? 'letters-pdf' : 'letters-docx');
        io.out(`Wrote ${recipients.length} ${what} letter(s) to ${out}${pages}.\n  This file is CONTACT DATA with login credentials: keep it safe and delete it once the letters are printed.\n`);
      }
      if (posted !== undefined) {
        const result = await recordPosted(store.db, recipients.map((r) => r.participantId), step, posted);
        io.out(
          result.added === 0
            ? `The ${what} letters of these ${result.already} participant(s) were already recorded as posted; nothing changed.\n`
            : `Recorded ${result.added} ${what} letter(s) as posted on ${posted}${result.already > 0 ? ` (${result.already} were already recorded and are unchanged)` : ''}; reminders count from that date.\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
