import { isLoopbackHost } from '../net/loopback.js';
import type { MailSettings } from '../ports/mailer.js';

/** MailSettings from `MAIL_FROM` and `MAIL_REPLY_TO`; null when MAIL_FROM is unset or has no domain. */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv): MailSettings | null {
  const from = env.MAIL_FROM?.trim() ?? '';
  const host = domainOf(from);
  if (from === '' || host === null) return null;
  const replyTo = env.MAIL_REPLY_TO?.trim() ?? '';
  return { from, replyTo: replyTo === '' ? null : replyTo, messageIdHost: host };
}

function domainOf(address: string): string | null {
  const bracketed = /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address;
  const at = bracketed.lastIndexOf('@');
  const host = at < 0 ? '' : bracketed.slice(at + 1).trim();
  return /^[A-Za-z0-9.-]+$/.test(host) ? host.toLowerCase() : null;
}

/** Whether a URL names this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
