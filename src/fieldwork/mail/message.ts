/**
 * One e-mail to one participant: a plain-text and an HTML part from the spec's template, the
 * personal link and an opt-out link, and the headers a mailbox provider expects of a bulk sender
 * (RFC 8058 one-click List-Unsubscribe, our own Message-ID, Date, From, Reply-To).
 */
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import { templateHtml, templateLine, templateText } from '../contact/template.js';
import { documentText, html } from '../questionnaire/escape.js';
import type { Language } from '../types.js';
import type { EmailMessageSpec } from '../../spec/fieldwork-contact.js';

export interface MailParty {
  /** As written in the spec: `Name <address>` or an address. */
  readonly header: string;
  readonly address: string;
}

/** The address inside `Name <address>`, or undefined when the text is not one mailbox. */
export function parseMailbox(text: string): MailParty | undefined {
  const parsed = addressparser(text, { flatten: true });
  if (parsed.length !== 1 || parsed[0].address === undefined || parsed[0].address === '') return undefined;
  return { header: text, address: parsed[0].address };
}

export interface MessageInput {
  readonly from: MailParty;
  readonly replyTo?: MailParty;
  readonly to: string;
  readonly template: EmailMessageSpec;
  /** Placeholder values: contact columns, link, code, loginUrl, closes, optOut. */
  readonly values: Readonly<Record<string, string>>;
  readonly optOutUrl: string;
  readonly language: Language;
  readonly date: Date;
}

export interface ComposedMessage {
  readonly raw: Buffer;
  /** Without the angle brackets. */
  readonly messageId: string;
}

const optOutLine: Record<Language, string> = {
  nl: 'Wilt u geen berichten meer over dit onderzoek ontvangen? Meld u af: {{optOut}}',
  en: 'Do not want any more messages about this study? Unsubscribe: {{optOut}}',
};

/** A template that does not offer the opt-out itself gets it as a last paragraph. */
export function withOptOut(body: string, language: Language): string {
  return /\{\{\s*optOut\s*\}\}/.test(body) ? body : `${body.trimEnd()}\n\n${optOutLine[language]}`;
}

export async function composeMessage(m: MessageInput): Promise<ComposedMessage> {
  const values = { ...m.values, optOut: m.optOutUrl };
  const body = withOptOut(m.template.body, m.language);
  const subject = templateLine(m.template.subject, values);
  const domain = m.from.address.slice(m.from.address.lastIndexOf('@') + 1) || 'localhost';
  const messageId = `${randomBytes(16).toString('base64url')}@${domain}`;
  const page = html`<!DOCTYPE html><html lang="${m.language}"><head><meta charset="utf-8"><title>${subject}</title></head><body>${templateHtml(body, values)}</body></html>`;
  const composer = new MailComposer({
    from: m.from.header,
    ...(m.replyTo !== undefined ? { replyTo: m.replyTo.header } : {}),
    to: m.to,
    subject,
    messageId: `<${messageId}>`,
    date: m.date,
    text: `${templateText(body, values)}\n`,
    html: documentText(page),
    headers: {
      'List-Unsubscribe': `<${m.optOutUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
    newline: 'windows',
  });
  const raw = await composer.compile().build();
  return { raw, messageId };
}
