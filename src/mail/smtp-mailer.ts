import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { RefusedError, TransientError } from '../errors.js';
import type { Mailer } from '../ports/mailer.js';
import { isLoopbackUrl, mailSettingsFromEnv } from './mail-settings.js';


/** How long to wait for the TCP connection, the server's greeting and any socket silence. */
export const SMTP_TIMEOUT_MS = 30_000;

/**
 * An SMTP Mailer from the environment, or null when `SMTP_URL` is unset (e-mail is off;
 * the status page still shows every message).
 *
 * - `SMTP_URL`: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`
 *   (TLS from the start). Percent-encode special characters in the user and password.
 * - `MAIL_FROM`: the sender, required with `SMTP_URL` (see `mailSettingsFromEnv`).
 *
 * Throws at startup when the URL does not parse; the message never quotes it (it holds the password).
 */
export function createSmtpMailer(env: NodeJS.ProcessEnv): Mailer | null {
  const url = env.SMTP_URL?.trim();
  if (url === undefined || url === '') return null;
  if (!isSmtpUrl(url)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL');
  if (mailSettingsFromEnv(env) === null) throw new Error('MAIL_FROM is required when SMTP_URL is set');
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      // smtp:// must still upgrade with STARTTLS before the password is sent, or an attacker
      // on the path could strip the offer; only a server on this machine may go without.
      requireTLS: url.startsWith('smtp://') && !isLoopbackUrl(url),
      // Nodemailer's own logger would print addresses; keep it off.
      logger: false,
      debug: false,
    }),
  );
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          to: message.to,
          from: message.from,
          subject: message.subject,
          text: message.text,
          ...(message.headers === undefined ? {} : { headers: message.headers }),
          ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
          ...(message.references === undefined ? {} : { references: message.references }),
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw smtpError(error);
      }
    },
  };
}


function isSmtpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'smtp:' || parsed.protocol === 'smtps:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** What nodemailer puts on its errors (smtp-connection `_formatError`). */
interface NodemailerFailure {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/**
 * Nodemailer's error → ours. The message names the SMTP command and code only: the
 * server's reply text and nodemailer's own message can quote the recipient.
 *
 * - 4xx (451 try later, 452 mailbox full, 421 closing): TransientError.
 * - 5xx: RefusedError, except authentication failures (535 …): that is our configuration,
 *   not the researcher's mailbox, so the mail waits (TransientError) until someone fixes it.
 * - No reply code (connection refused or dropped, DNS, TLS, timeouts): TransientError.
 */
export function smtpError(error: unknown): TransientError | RefusedError {
  const failure: NodemailerFailure = typeof error === 'object' && error !== null ? error : {};
  const code = typeof failure.code === 'string' ? failure.code : 'unknown';
  const command = typeof failure.command === 'string' ? failure.command : null;
  const status = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  const at = command === null || command === 'API' || command === 'CONN' ? '' : ` at ${command}`;
  if (status !== null && status >= 500 && status < 600 && code !== 'EAUTH') {
    return new RefusedError(`SMTP server refused the message${at} (${status})`, status, { cause: error });
  }
  if (status !== null) return new TransientError(`SMTP server deferred the message${at} (${status}, ${code})`, status, { cause: error });
  return new TransientError(`SMTP delivery failed${at} (${code})`, null, { cause: error });
}
