/**
 * A `send` or `remind` run: take the study's mail lock, mark messages of an interrupted run as
 * in doubt, plan from the mailing list and the log, send (unless a dry run), record an audit entry.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { recordAudit } from '../store/audit.js';
import { mailingList } from '../store/contacts.js';
import { acquireLock, refreshLock, releaseLock } from '../store/locks.js';
import { mailLog, markInterruptedInDoubt } from '../store/mail-log.js';
import type { FieldDatabase } from '../store/schema.js';
import { type DeliveryReport, deliverAll } from './deliver.js';
import { composeMessage } from './message.js';
import { type InvitationPlan, planInvitations, planReminders, type Recipient, type ReminderPlan } from './plan.js';
import { type MailSettings, templateOf } from './settings.js';
import type { MailTransport } from './smtp.js';
import { type Clock, systemClock, Throttle } from './throttle.js';

export const MAIL_LOCK = 'mail';

export interface MailRunOptions {
  readonly db: Kysely<FieldDatabase>;
  readonly settings: MailSettings;
  /** Absent for a dry run. */
  readonly transport?: MailTransport;
  readonly resendInDoubt: boolean;
  /** Send at most this many messages in this run. */
  readonly limit?: number;
  readonly username: string;
  readonly clock?: Clock;
  readonly warn: (text: string) => void;
  readonly progress?: (done: number, total: number) => void;
}

export function newRunId(): string {
  return `${hostname().slice(0, 32)}/${process.pid}/${randomBytes(6).toString('base64url')}`;
}

/** Runs `fn` holding the study's mail lock (refreshed by the callback it gets), released after. */
export async function withMailLock<T>(db: Kysely<FieldDatabase>, runId: string, ttlMs: number, clock: Clock, warn: (t: string) => void, fn: (keep: () => Promise<void>) => Promise<T>): Promise<T> {
  const lock = await acquireLock(db, MAIL_LOCK, runId, ttlMs, clock.now());
  if (lock.tookOver !== undefined) {
    warn(`Warning: took over the mail lock of run ${lock.tookOver.holder}, which expired at ${lock.tookOver.expiresAt} without being released (that run stopped).\n`);
  }
  try {
    return await fn(() => refreshLock(db, MAIL_LOCK, runId, ttlMs, clock.now()));
  } finally {
    await releaseLock(db, MAIL_LOCK, runId);
  }
}

function composerFor(settings: MailSettings, clock: Clock) {
  return (r: Recipient) => {
    const token = r.entry.token ?? '';
    const values: Record<string, string> = {
      ...r.entry.contact,
      link: `${settings.baseUrl}/s/${token}`,
      code: r.entry.loginCode ?? '',
      loginUrl: `${settings.baseUrl}/login`,
      closes: settings.closes,
    };
    return composeMessage({
      from: settings.from,
      ...(settings.replyTo !== undefined ? { replyTo: settings.replyTo } : {}),
      to: r.address,
      template: templateOf(settings, r.step),
      values,
      optOutUrl: `${settings.baseUrl}/u/${token}`,
      language: settings.language,
      date: new Date(clock.now()),
    });
  };
}

function summary(report: DeliveryReport | undefined): string {
  if (report === undefined) return 'dry run';
  return `sent ${report.sent.length}, bounced ${report.bounced.length}, failed ${report.failed.length}, in doubt ${report.inDoubt.length}, deferred ${report.deferred.length}, skipped ${report.skipped.length}${report.stopped !== undefined ? ', stopped early' : ''}`;
}

async function send(o: MailRunOptions, recipients: readonly Recipient[], runId: string, keep: () => Promise<void>, clock: Clock): Promise<DeliveryReport | undefined> {
  if (o.transport === undefined) return undefined;
  const todo = o.limit === undefined ? recipients : recipients.slice(0, o.limit);
  // Participants without a token (after a purge) cannot be sent a link; they are not planned.
  return deliverAll(todo, {
    db: o.db,
    transport: o.transport,
    envelopeFrom: o.settings.from.address,
    runId,
    resendInDoubt: o.resendInDoubt,
    throttle: new Throttle(o.settings.email.perMinute, clock),
    keepLock: keep,
    compose: composerFor(o.settings, clock),
    ...(o.progress !== undefined ? { progress: o.progress } : {}),
  });
}

function lockTtl(settings: MailSettings): number {
  // Long enough to outlast the wait between two throttled messages several times over.
  return Math.max(5 * 60_000, (3 * 60_000) / settings.email.perMinute);
}

export interface InvitationRun {
  readonly plan: InvitationPlan;
  readonly report?: DeliveryReport;
  /** Messages of an interrupted run found in 'sending' and now in doubt. */
  readonly interrupted: number;
}

export async function runInvitations(o: MailRunOptions): Promise<InvitationRun> {
  const clock = o.clock ?? systemClock;
  const runId = newRunId();
  return withMailLock(o.db, runId, lockTtl(o.settings), clock, o.warn, async (keep) => {
    const interrupted = o.transport === undefined ? 0 : await markInterruptedInDoubt(o.db, 'email', runId);
    const plan = planInvitations(await mailingList(o.db), await mailLog(o.db), o.settings.email.column, o.resendInDoubt);
    const withToken = plan.recipients.filter((r) => r.entry.token !== undefined);
    const report = await send(o, withToken, runId, keep, clock);
    await recordAudit(o.db, {
      username: o.username,
      action: 'mail-send',
      detail: `invitations: ${plan.recipients.length} planned, ${plan.invalid.length} invalid address(es), ${plan.noAddress} without address; ${summary(report)}`,
    });
    return { plan, ...(report !== undefined ? { report } : {}), interrupted };
  });
}

export interface ReminderRun {
  readonly plan: ReminderPlan;
  readonly report?: DeliveryReport;
  readonly interrupted: number;
}

export async function runReminders(o: MailRunOptions & { readonly today: string }): Promise<ReminderRun> {
  const clock = o.clock ?? systemClock;
  const runId = newRunId();
  return withMailLock(o.db, runId, lockTtl(o.settings), clock, o.warn, async (keep) => {
    const interrupted = o.transport === undefined ? 0 : await markInterruptedInDoubt(o.db, 'email', runId);
    const plan = planReminders(await mailingList(o.db), await mailLog(o.db), {
      days: o.settings.reminderDays,
      column: o.settings.email.column,
      today: o.today,
      resendInDoubt: o.resendInDoubt,
    });
    const report = await send(o, plan.email.filter((r) => r.entry.token !== undefined), runId, keep, clock);
    await recordAudit(o.db, {
      username: o.username,
      action: 'mail-remind',
      detail: `reminders on ${o.today}: ${plan.email.length} e-mail(s) planned, ${plan.letters.length} letter(s) needed, ${plan.notYetDue} not yet due; ${summary(report)}`,
    });
    return { plan, ...(report !== undefined ? { report } : {}), interrupted };
  });
}
