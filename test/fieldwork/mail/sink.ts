/**
 * A local SMTP server for the tests (smtp-server on 127.0.0.1, a free port, no TLS): it records
 * who received what, and can refuse chosen recipients, break the connection after the message
 * data, or hold a message until the test lets it go.
 */
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

export interface SinkBehaviour {
  /** Recipients refused at RCPT with a 550. */
  readonly reject?: (address: string) => boolean;
  /** Recipients refused at RCPT with a 450 (try later). */
  readonly defer?: (address: string) => boolean;
  /** Messages after whose data the connection is cut without an answer (not recorded). */
  readonly dropAfterData?: (to: string[]) => boolean;
  /** Awaited before a message is answered (to keep a run busy). */
  readonly hold?: () => Promise<void>;
}

export interface Sink {
  readonly url: string;
  readonly received: Received[];
  /** Every RCPT TO the server saw, accepted or not. */
  readonly attempted: string[];
  behaviour: SinkBehaviour;
  close(): Promise<void>;
}

export async function startSink(behaviour: SinkBehaviour = {}): Promise<Sink> {
  const received: Received[] = [];
  const attempted: string[] = [];
  const sink = { received, attempted, behaviour, url: '', close: async () => undefined } as Sink;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      attempted.push(address.address);
      if (sink.behaviour.reject?.(address.address)) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      if (sink.behaviour.defer?.(address.address)) return callback(Object.assign(new Error('4.2.0 Greylisted, try again later'), { responseCode: 450 }));
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          await sink.behaviour.hold?.();
          if (sink.behaviour.dropAfterData?.(to)) {
            for (const c of server.connections) {
              if (c.session.id === session.id) (c as unknown as { _socket: Socket })._socket.destroy();
            }
            return;
          }
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          received.push({ from, to, raw: Buffer.concat(chunks).toString('utf8') });
          callback(null, 'Ok: queued');
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** One MIME part of a received message, decoded (quoted-printable or base64). */
export function part(raw: string, contentType: string): string {
  const at = raw.search(new RegExp(`Content-Type: ${contentType}`, 'i'));
  if (at < 0) throw new Error(`no ${contentType} part`);
  const rest = raw.slice(at);
  const headEnd = rest.indexOf('\r\n\r\n');
  const head = rest.slice(0, headEnd);
  let body = rest.slice(headEnd + 4);
  const boundary = body.search(/\r\n--/);
  if (boundary >= 0) body = body.slice(0, boundary);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** A header of a received message (folded lines unfolded). */
export function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}: (.*)$`, 'im').exec(head);
  return m?.[1];
}
