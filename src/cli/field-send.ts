/**
 * `spiegel field send STUDY.yaml [--smtp URL] [--dry-run] [--resend-in-doubt] [--limit N]`:
 * the e-mail invitations, at most once per participant.
 */
import { UsageError } from '../errors.js';
import { runInvitations } from '../fieldwork/mail/run.js';
import { deliveryLines, invalidLines } from '../fieldwork/mail/report.js';
import { mailSettings } from '../fieldwork/mail/settings.js';
import { SmtpTransport } from '../fieldwork/mail/smtp.js';
import { smtpSettings } from '../fieldwork/mail/smtp-url.js';
import { cliUser } from '../fieldwork/store/audit.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';

const help = `Usage: spiegel field send STUDY.yaml [--smtp URL] [--dry-run] [--resend-in-doubt] [--limit N] [--database URL]

Sends the e-mail invitation (fieldwork.email.invitation) to every sampled participant with an
address in the contact column fieldwork.email.column who has not had one, has not completed and
has not refused or been found undeliverable or ineligible. Each message has a plain-text and an
HTML part, the personal link, an opt-out link and a one-click List-Unsubscribe header.

At most once: every message is recorded in the store before it goes to the server and after the
server answered. A message whose fate is unknown (the connection broke after the message was
handed over) is "in doubt" and is sent again only with --resend-in-doubt. An address the server
refuses is recorded as a bounce (outcome undeliverable). Messages go out at most
fieldwork.email.perMinute per minute; a stopped run is continued by running it again. One send or
remind run at a time per study (a lock in the store).

  --smtp URL          smtp://user:password@host:587 or smtps://…:465 (default: $SPIEGEL_SMTP_URL;
                      never in the spec)
  --dry-run           list who would get an invitation; send nothing
  --resend-in-doubt   send the messages in doubt again (some people may get two)
  --limit N           send at most N messages in this run
  --database URL      the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  SPIEGEL_SMTP_URL=smtps://onderzoek:geheim@mail.example.nl spiegel field send study.yaml --dry-run
`;

export function limitOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--limit must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

export const fieldSend: Command = {
  name: 'field send',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      { smtp: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'resend-in-doubt': { type: 'boolean' }, limit: { type: 'string' }, database: { type: 'string' } },
      { help },
    );
    const specFile = specArgument(positionals, help);
    const limit = limitOption(v.limit);
    const dryRun = v['dry-run'] === true;
    const study = fieldStudy(specFile, undefined, v.database, false);
    const settings = mailSettings(study.loaded.spec, (p) => study.loaded.locate(p), 'send');
    const smtp = dryRun ? undefined : smtpSettings(v.smtp);
    const store = await openStudyStore(study);
    const transport = smtp === undefined ? undefined : new SmtpTransport(smtp);
    try {
      const run = await runInvitations({
        db: store.db,
        settings,
        ...(transport !== undefined ? { transport } : {}),
        resendInDoubt: v['resend-in-doubt'] === true,
        ...(limit !== undefined ? { limit } : {}),
        username: cliUser(),
        warn: (t) => io.err(t),
      });
      const { plan, report } = run;
      const lines: string[] = [];
      if (run.interrupted > 0) lines.push(`${run.interrupted} message(s) of an interrupted run are now in doubt.`);
      lines.push(
        `${plan.recipients.length} participant(s) to invite by e-mail; ${plan.done} already in the mail log (sent, bounced or failed); ${plan.finished} completed or with an outcome; ${plan.noAddress} without an address.`,
      );
      if (plan.inDoubt.length > 0) lines.push(`${plan.inDoubt.length} invitation(s) in doubt, not sent again (use --resend-in-doubt): ${plan.inDoubt.join(', ')}`);
      lines.push(...invalidLines(plan.invalid, settings.email.column));
      if (report === undefined) {
        lines.push('Dry run: nothing sent. Would invite:', ...plan.recipients.slice(0, limit).map((r) => `  ${r.entry.participantId}`));
      } else {
        lines.push(`SMTP server: ${smtp?.display ?? ''}`, ...deliveryLines(report, '--resend-in-doubt'));
        if (limit !== undefined && plan.recipients.length > limit) lines.push(`--limit ${limit}: ${plan.recipients.length - limit} left for a next run.`);
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
