/**
 * Hands one message at a time to an SMTP server and says what became of it, in the terms the
 * mail log needs. The point is where a failure happened: before the server had the message
 * (nothing left: try again later), at the recipient (a bounce), or after the message was handed
 * over without the server's final answer (it may have arrived: in doubt). nodemailer's
 * SMTPConnection speaks the protocol; the message is given as a stream whose first read marks the
 * hand-over (SMTPConnection starts reading it only after the server said 354 to DATA).
 */
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpSettings } from './smtp-url.js';

export type Delivery =
  /** The server accepted the message (250 after the data). */
  | { readonly kind: 'accepted'; readonly reply: string }
  /** The server refused: the recipient (RCPT), the message (DATA) or the sender (MAIL FROM). */
  | { readonly kind: 'refused'; readonly at: 'recipient' | 'message' | 'sender'; readonly permanent: boolean; readonly reply: string }
  /** The message was handed over, then the connection broke or timed out before the answer. */
  | { readonly kind: 'in-doubt'; readonly reason: string }
  /** Nothing reached the server as a message (connection, TLS or login failed). */
  | { readonly kind: 'not-sent'; readonly reason: string };

export interface MailTransport {
  deliver(envelope: { readonly from: string; readonly to: string }, raw: Buffer): Promise<Delivery>;
  close(): Promise<void>;
}

export interface SmtpTimeouts {
  /** Longest wait for any answer of the server, ms (default 60 s). */
  readonly socketMs?: number;
  readonly connectMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

function reply(err: SmtpError): string {
  return (err.response ?? err.message).replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Where in the dialogue an error happened decides what it means for the message. */
export function classify(err: SmtpError, handedOver: boolean): Delivery {
  const code = err.responseCode;
  const permanent = code !== undefined && code >= 500;
  const refusal = code !== undefined && code >= 400;
  if (!handedOver) {
    if (refusal && err.command === 'RCPT TO') return { kind: 'refused', at: 'recipient', permanent, reply: reply(err) };
    if (refusal && err.command === 'MAIL FROM') return { kind: 'refused', at: 'sender', permanent, reply: reply(err) };
    if (refusal && err.command === 'DATA') return { kind: 'refused', at: 'message', permanent, reply: reply(err) };
    return { kind: 'not-sent', reason: `${err.code ?? 'error'}: ${reply(err)}` };
  }
  // After the hand-over only an explicit refusal of the data proves the message did not arrive.
  if (refusal && err.code === 'EMESSAGE') return { kind: 'refused', at: 'message', permanent, reply: reply(err) };
  return { kind: 'in-doubt', reason: `${err.code ?? 'error'} after the message was handed over: ${reply(err)}` };
}

/** One SMTP connection, opened on first use and again after any failure. */
export class SmtpTransport implements MailTransport {
  private connection: SMTPConnection | undefined;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly timeouts: SmtpTimeouts = {},
  ) {}

  private async open(): Promise<SMTPConnection> {
    if (this.connection !== undefined) return this.connection;
    const s = this.settings;
    const c = new SMTPConnection({
      host: s.host,
      port: s.port,
      secure: s.secure,
      connectionTimeout: this.timeouts.connectMs ?? 30_000,
      greetingTimeout: this.timeouts.connectMs ?? 30_000,
      socketTimeout: this.timeouts.socketMs ?? 60_000,
    });
    // Errors also reach the callbacks below; without a listener an 'error' event would crash the run.
    c.on('error', () => undefined);
    c.on('end', () => {
      if (this.connection === c) this.connection = undefined;
    });
    // A failure to connect arrives as an 'error' event, not through connect's callback.
    let failed: (e: Error) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    c.once('error', (e: Error) => failed(e));
    try {
      await Promise.race([failure, new Promise<void>((resolve, reject) => c.connect((err) => (err ? reject(err) : resolve())))]);
      if (s.auth !== undefined) {
        const auth = s.auth;
        await Promise.race([failure, new Promise<void>((resolve, reject) => c.login({ credentials: { user: auth.user, pass: auth.pass } }, (err) => (err ? reject(err) : resolve())))]);
      }
    } catch (e) {
      c.close();
      throw e;
    }
    failure.catch(() => undefined);
    this.connection = c;
    return c;
  }

  private drop(): void {
    const c = this.connection;
    this.connection = undefined;
    c?.close();
  }

  async deliver(envelope: { readonly from: string; readonly to: string }, raw: Buffer): Promise<Delivery> {
    let connection: SMTPConnection;
    try {
      connection = await this.open();
    } catch (e) {
      this.drop();
      return classify(e as SmtpError, false);
    }
    let handedOver = false;
    const body = new Readable({
      read() {
        handedOver = true;
        this.push(raw);
        this.push(null);
      },
    });
    const result = await new Promise<Delivery>((resolve) => {
      connection.send({ from: envelope.from, to: [envelope.to] }, body, (err, info) => {
        if (err) resolve(classify(err as SmtpError, handedOver));
        else resolve({ kind: 'accepted', reply: String(info?.response ?? '').slice(0, 500) });
      });
    });
    // A refused transaction leaves the session in a state not worth repairing: start afresh.
    if (result.kind !== 'accepted') this.drop();
    return result;
  }

  async close(): Promise<void> {
    const c = this.connection;
    this.connection = undefined;
    if (c === undefined) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        c.close();
        resolve();
      }, 2000);
      c.once('end', () => {
        clearTimeout(t);
        resolve();
      });
      c.quit();
    });
  }
}
