import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { imapConfigFromEnv } from '../../mail/imap-config.js';
import { isLoopbackUrl, mailSettingsFromEnv } from '../../mail/mail-settings.js';
import { isLoopbackHost } from '../../net/loopback.js';
import { displayUrl } from './secrets.js';
import { describeError, fail, ok, within, type CheckResult } from './result.js';

/** Each mail server gets this long for connect, TLS, greeting and login. */
const MAIL_TIMEOUT_MS = 10_000;

/**
 * Check 7a: the SMTP server answers, upgrades to TLS where the app would insist on it, and
 * takes the login (nodemailer's `verify()`), with the transport options the app uses.
 */
export async function checkSmtp(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const url = env.SMTP_URL?.trim() ?? '';
  if (url === '') return ok('smtp', 'SMTP_URL not set: no mail to researchers; the status page is their only channel');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('smtp', 'SMTP_URL is not a URL', 'set SMTP_URL to smtps://user:pass@host:465 or smtp://user:pass@host:587 (percent-encode special characters)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return fail('smtp', 'SMTP_URL must start with smtp:// or smtps://', 'set SMTP_URL to smtps://user:pass@host:465 or smtp://user:pass@host:587');
  if (mailSettingsFromEnv(env) === null) return fail('smtp', 'MAIL_FROM is missing or has no domain', 'set MAIL_FROM to the sender address, e.g. security@example.org');
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url,
      connectionTimeout: MAIL_TIMEOUT_MS,
      greetingTimeout: MAIL_TIMEOUT_MS,
      socketTimeout: MAIL_TIMEOUT_MS,
      requireTLS: url.startsWith('smtp://') && !isLoopbackUrl(url),
      logger: false,
      debug: false,
    }),
  );
  try {
    await within(MAIL_TIMEOUT_MS + 1_000, 'SMTP', transport.verify());
    return ok('smtp', `${displayUrl(url)} answers and accepts the login`);
  } catch (error) {
    return fail('smtp', `${displayUrl(url)}: ${smtpFailure(error)}`, 'check host, port and credentials in SMTP_URL; port 587 needs STARTTLS, 465 needs smtps://');
  } finally {
    transport.close();
  }
}

/** Code, command and reply code only: a server's reply text may quote addresses. */
function smtpFailure(error: unknown): string {
  const { code, command, responseCode } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; command?: unknown; responseCode?: unknown };
  // Without a reply code the connection itself failed, and nodemailer's message says how (refused, TLS, timeout).
  if (typeof code !== 'string' || typeof responseCode !== 'number') return describeError(error);
  const at = typeof command === 'string' && command !== 'CONN' && command !== 'API' ? ` at ${command}` : '';
  return `the server refused${at} (${code} ${responseCode})`;
}

/** Check 7b: the IMAP mailbox accepts the login the e-mail intake will use (connect, login, logout). */
export async function checkImap(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  if ((env.IMAP_URL?.trim() ?? '') === '') return ok('imap', 'IMAP_URL not set: no e-mail intake');
  let settings: ReturnType<typeof imapConfigFromEnv>;
  try {
    settings = imapConfigFromEnv(env);
  } catch (error) {
    return fail('imap', describeError(error), 'set IMAP_URL to imaps://user:pass@host:993/INBOX and IMAP_ORG to the organisation its reports belong to');
  }
  if (settings === null) return ok('imap', 'IMAP_URL not set: no e-mail intake');
  const { imap } = settings;
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    // As the poller: plain imap:// must upgrade before the password goes out, except on this machine.
    doSTARTTLS: imap.secure ? undefined : !isLoopbackHost(imap.host) ? true : undefined,
    auth: { user: imap.user, pass: imap.pass },
    connectionTimeout: MAIL_TIMEOUT_MS,
    greetingTimeout: MAIL_TIMEOUT_MS,
    socketTimeout: MAIL_TIMEOUT_MS,
    logger: false,
  });
  // The failing command rejects anyway; without a listener an 'error' event would end the process.
  client.on('error', () => undefined);
  const where = `${imap.secure ? 'imaps' : 'imap'}://${imap.host}:${imap.port}`;
  try {
    await within(MAIL_TIMEOUT_MS + 1_000, 'IMAP', client.connect());
    await within(MAIL_TIMEOUT_MS, 'IMAP logout', client.logout()).catch(() => client.close());
    return ok('imap', `${where} accepts the login (mailbox ${imap.mailbox}, organisation ${settings.org})`);
  } catch (error) {
    client.close();
    const refused = (error as { authenticationFailed?: unknown }).authenticationFailed === true;
    return fail('imap', `${where}: ${refused ? 'the login was refused' : describeError(error)}`, refused ? 'check the user and password in IMAP_URL (percent-encoded)' : 'check host and port in IMAP_URL (993 for imaps://, 143 for imap:// with STARTTLS)');
  }
}
