/**
 * `spiegel field remind STUDY.yaml [--smtp URL] [--dry-run] [--today DATE]`: the reminders that
 * are due, by e-mail to those with an address; those without one are listed for reminder letters.
 */
import { UsageError } from '../errors.js';
import { deliveryLines, invalidLines } from '../fieldwork/mail/report.js';
import { runReminders } from '../fieldwork/mail/run.js';
import { mailSettings } from '../fieldwork/mail/settings.js';
import { SmtpTransport } from '../fieldwork/mail/smtp.js';
import { smtpSettings } from '../fieldwork/mail/smtp-url.js';
import { cliUser } from '../fieldwork/store/audit.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';

const help = `Usage: spiegel field remind STUDY.yaml [--smtp URL] [--dry-run] [--today DATE] [--resend-in-doubt] [--database URL]

Sends the reminders that are due. fieldwork.reminders lists the days after the invitation, e.g.
[14, 28]; the invitation date is when the e-mail invitation was sent or the invitation letter
posted (spiegel field letters --posted DATE). Reminder N is due when reminder N-1 (or the
invitation) went out by e-mail or letter and its day has come. Only participants who have not
completed and have not refused, bounced or been found ineligible get one. Those with an e-mail
address get fieldwork.email.reminders[N-1]; the others are listed for reminder letters
(spiegel field letters --reminder N). Each reminder goes out at most once: running the command
twice sends nothing twice. One send or remind run at a time per study (a lock in the store).

  --smtp URL          smtp://user:password@host:587 or smtps://…:465 (default: $SPIEGEL_SMTP_URL)
  --dry-run           list who would get an e-mail and who needs a letter; send nothing
  --today DATE        the day to count from, YYYY-MM-DD (default: today, UTC)
  --resend-in-doubt   send reminders that are in doubt again
  --database URL      the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field remind study.yaml --dry-run
  spiegel field remind study.yaml --smtp smtps://onderzoek:geheim@mail.example.nl
`;

function todayOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const d = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
    throw new UsageError(`--today must be a date such as 2021-06-29, not "${value}"`);
  }
  return d;
}

export const fieldRemind: Command = {
  name: 'field remind',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      { smtp: { type: 'string' }, 'dry-run': { type: 'boolean' }, today: { type: 'string' }, 'resend-in-doubt': { type: 'boolean' }, database: { type: 'string' } },
      { help },
    );
    const specFile = specArgument(positionals, help);
    const today = todayOption(v.today);
    const dryRun = v['dry-run'] === true;
    const study = fieldStudy(specFile, undefined, v.database, false);
    const settings = mailSettings(study.loaded.spec, (p) => study.loaded.locate(p), 'remind');
    const smtp = dryRun ? undefined : smtpSettings(v.smtp);
    const store = await openStudyStore(study);
    const transport = smtp === undefined ? undefined : new SmtpTransport(smtp);
    try {
      const run = await runReminders({
        db: store.db,
        settings,
        ...(transport !== undefined ? { transport } : {}),
        resendInDoubt: v['resend-in-doubt'] === true,
        today,
        username: cliUser(),
        warn: (t) => io.err(t),
      });
      const { plan, report } = run;
      const lines: string[] = [];
      if (run.interrupted > 0) lines.push(`${run.interrupted} message(s) of an interrupted run are now in doubt.`);
      lines.push(
        `Reminders due on ${today}: ${plan.email.length} by e-mail, ${plan.letters.length} by letter; ${plan.notYetDue} not yet due; ${plan.finished} completed or with an outcome; ${plan.notInvited} not invited yet.`,
      );
      if (plan.inDoubt.length > 0) lines.push(`${plan.inDoubt.length} reminder(s) in doubt, not sent again (use --resend-in-doubt): ${plan.inDoubt.join(', ')}`);
      lines.push(...invalidLines(plan.invalid, settings.email.column));
      const steps = [...new Set(plan.letters.map((l) => l.step))].sort((a, b) => a - b);
      for (const step of steps) {
        const ids = plan.letters.filter((l) => l.step === step).map((l) => l.participantId);
        lines.push(`Reminder letter ${step} needed for ${ids.length} participant(s) without a usable e-mail address (spiegel field letters --reminder ${step}): ${ids.join(', ')}`);
      }
      if (report === undefined) {
        lines.push('Dry run: nothing sent. Would e-mail:', ...plan.email.map((r) => `  ${r.entry.participantId} (reminder ${r.step})`));
      } else {
        lines.push(`SMTP server: ${smtp?.display ?? ''}`, ...deliveryLines(report, '--resend-in-doubt'));
      }
      io.out(`${lines.join('\n')}\n`);
      if (report?.stopped !== undefined) {
        io.err(`Stopped: ${report.stopped}. Everything so far is recorded; run the command again to continue.\n`);
        return 1;
      }
      return 0;
    } finally {
      await transport?.close();
      await store.close();
    }
  },
};
