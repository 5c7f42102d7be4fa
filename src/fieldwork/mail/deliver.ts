/**
 * Sends planned messages one by one, at most once each: claim in the log (committed), compose,
 * hand to the server, record the server's verdict. Throttled, and the run's lock is refreshed
 * before every message. A failure that says nothing about one message (the server unreachable,
 * the sender refused) stops the run with everything so far recorded, so a rerun continues.
 */
import type { Kysely } from 'kysely';
import { markInvited, setOutcome } from '../store/contacts.js';
import { claimMessage, finishMessage, releaseClaim } from '../store/mail-log.js';
import type { FieldDatabase } from '../store/schema.js';
import type { ComposedMessage } from './message.js';
import type { Recipient } from './plan.js';
import type { MailTransport } from './smtp.js';
import type { Throttle } from './throttle.js';

export interface DeliveryContext {
  readonly db: Kysely<FieldDatabase>;
  readonly transport: MailTransport;
  readonly envelopeFrom: string;
  readonly runId: string;
  readonly resendInDoubt: boolean;
  readonly throttle: Throttle;
  /** Keeps the run's lock; throws when it was lost. */
  readonly keepLock: () => Promise<void>;
  readonly compose: (r: Recipient) => Promise<ComposedMessage>;
  /** Called after each message's verdict is recorded (progress). */
  readonly progress?: (done: number, total: number) => void;
}

export interface Refusal {
  readonly participantId: string;
  readonly reply: string;
}

export interface DeliveryReport {
  readonly sent: string[];
  /** Recipient refused permanently: recorded as bounced, outcome undeliverable. */
  readonly bounced: Refusal[];
  /** Message refused permanently. */
  readonly failed: Refusal[];
  /** Handed over without an answer: not resent without --resend-in-doubt. */
  readonly inDoubt: Refusal[];
  /** Refused for now (4xx): left for a later run. */
  readonly deferred: Refusal[];
  /** Already in the log when this run came to them (another run, or a rerun). */
  readonly skipped: string[];
  /** Why the run stopped before the end, if it did. */
  readonly stopped?: string;
}

export async function deliverAll(recipients: readonly Recipient[], ctx: DeliveryContext): Promise<DeliveryReport> {
  const report = { sent: [] as string[], bounced: [] as Refusal[], failed: [] as Refusal[], inDoubt: [] as Refusal[], deferred: [] as Refusal[], skipped: [] as string[] };
  const { db, runId } = ctx;
  let n = 0;
  for (const r of recipients) {
    const id = r.entry.participantId;
    await ctx.keepLock();
    const message = await ctx.compose(r);
    await ctx.throttle.next();
    const claim = await claimMessage(db, { participantId: id, channel: 'email', step: r.step, recipient: r.address, runId, retryInDoubt: ctx.resendInDoubt });
    if (!claim.claimed) {
      report.skipped.push(id);
      continue;
    }
    const d = await ctx.transport.deliver({ from: ctx.envelopeFrom, to: r.address }, message.raw);
    const at = new Date().toISOString();
    if (d.kind === 'accepted') {
      await finishMessage(db, claim.id, runId, { state: 'sent', messageId: message.messageId, detail: d.reply }, at);
      if (r.step === 0) await markInvited(db, [id], at);
      report.sent.push(id);
    } else if (d.kind === 'in-doubt') {
      await finishMessage(db, claim.id, runId, { state: 'in-doubt', messageId: message.messageId, detail: d.reason }, at);
      report.inDoubt.push({ participantId: id, reply: d.reason });
    } else if (d.kind === 'refused' && d.permanent && d.at === 'recipient') {
      await finishMessage(db, claim.id, runId, { state: 'bounced', detail: d.reply }, at);
      await setOutcome(db, id, 'undeliverable', at);
      report.bounced.push({ participantId: id, reply: d.reply });
    } else if (d.kind === 'refused' && d.permanent && d.at === 'message') {
      await finishMessage(db, claim.id, runId, { state: 'failed', detail: d.reply }, at);
      report.failed.push({ participantId: id, reply: d.reply });
    } else {
      // Certainly not sent: give the claim back so a later run sends it.
      const why = d.kind === 'not-sent' ? d.reason : d.reply;
      await releaseClaim(db, claim, runId, why);
      if (d.kind === 'refused' && d.at !== 'sender') {
        report.deferred.push({ participantId: id, reply: why });
      } else {
        const stopped =
          d.kind === 'not-sent'
            ? `the SMTP server could not take the message (${why})`
            : `the SMTP server refused the sender address ${ctx.envelopeFrom} (${why}); check fieldwork.email.from and the server's settings`;
        return { ...report, stopped };
      }
    }
    ctx.progress?.(++n, recipients.length);
  }
  return report;
}
