/**
 * Where the SMTP server is: `smtp://user:pass@host:port` (STARTTLS when offered, port 587 by
 * default) or `smtps://…` (TLS from the start, port 465), from `--smtp` or SPIEGEL_SMTP_URL and
 * never from the spec, so no password sits in a study file. Errors never repeat the password.
 */
import { UsageError } from '../../errors.js';

export const SMTP_URL_ENV = 'SPIEGEL_SMTP_URL';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (smtps). */
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** For messages: the server without credentials. */
  readonly display: string;
}

/** The SMTP settings from `--smtp`, else SPIEGEL_SMTP_URL; a usage error when neither is given. */
export function smtpSettings(option: string | undefined, env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  const source = option !== undefined ? '--smtp' : SMTP_URL_ENV;
  const text = option ?? env[SMTP_URL_ENV];
  if (text === undefined || text.trim() === '') {
    throw new UsageError(`name the SMTP server with --smtp smtp://user:password@host:587 or in the environment variable ${SMTP_URL_ENV} (never in the study spec)`);
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(`${source} is not an address such as smtp://user:password@mail.example.nl:587`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new UsageError(`${source} must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (url.hostname === '') throw new UsageError(`${source} names no server (smtp://host:port)`);
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = decodeURIComponent(url.username);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port,
    secure,
    ...(user !== '' ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    display: `${url.protocol}//${user !== '' ? `${user}@` : ''}${url.host}`,
  };
}
