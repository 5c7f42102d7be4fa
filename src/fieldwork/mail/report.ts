/** The console account of a mail run: what went, what did not and why, and what to do next. */
import type { DeliveryReport, Refusal } from './deliver.js';
import type { InvalidAddress } from './plan.js';

function list(title: string, items: readonly Refusal[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items.map((r) => `  ${r.participantId}: ${r.reply}`)];
}

export function invalidLines(invalid: readonly InvalidAddress[], column: string): string[] {
  return invalid.length === 0
    ? []
    : [`${invalid.length} participant(s) whose "${column}" is not an e-mail address (not sent):`, ...invalid.map((i) => `  ${i.participantId}: ${JSON.stringify(i.value)}`)];
}

export function deliveryLines(report: DeliveryReport, resendHint: string): string[] {
  const lines = [
    `Sent ${report.sent.length} message(s).`,
    ...list('Bounced (the server refused the address; outcome set to undeliverable)', report.bounced),
    ...list('Failed (the server refused the message)', report.failed),
    ...list('Deferred (refused for now; run again later)', report.deferred),
    ...list(`In doubt (handed over, no answer from the server; may have arrived; resend only with ${resendHint})`, report.inDoubt),
  ];
  if (report.skipped.length > 0) lines.push(`${report.skipped.length} already in the mail log when this run reached them (not sent again).`);
  return lines;
}
