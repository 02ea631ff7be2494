import { z } from 'zod';

/** Where the e-mail intake reads from: one IMAP mailbox per app instance. */
export interface ImapSettings {
  host: string;
  port: number;
  /** true for `imaps://` (TLS from the start); `imap://` upgrades with STARTTLS when offered. */
  secure: boolean;
  user: string;
  pass: string;
  /** The folder to poll, e.g. INBOX. */
  mailbox: string;
  /** Where handled messages are moved after \Seen; null keeps them in `mailbox`. */
  processedMailbox: string | null;
}

/** The e-mail intake's configuration. */
export interface ImapIntakeConfig {
  imap: ImapSettings;
  /** The organisation (login) the mailbox belongs to: every report from it is filed there. */
  org: string;
  /** How often the mailbox is polled, in milliseconds. */
  pollMs: number;
  /** The report's `affected` field when the e-mail cannot say: a sentence, not a guess. */
  defaultAffected: string | null;
}

export const DEFAULT_IMAP_POLL_MS = 60_000;

/** A variable that is set but unusable; thrown at startup. Never carries the password. */
export class ImapConfigError extends Error {
  override name = 'ImapConfigError' as const;
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const ImapEnv = z.object({
  /** `imaps://user:pass@host:993/INBOX` or `imap://…`; user and password percent-encoded. */
  IMAP_URL: z.string().trim(),
  /** The GitHub organisation (login) the mailbox belongs to. Required with IMAP_URL. */
  IMAP_ORG: z
    .string({ message: 'is required when IMAP_URL is set' })
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub organisation login'),
  /** Poll interval in milliseconds; at least 5000. Default 60000. */
  IMAP_POLL_MS: z
    .string()
    .trim()
    .regex(/^[0-9]+$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .pipe(z.number().int().min(5_000, 'must be at least 5000'))
    .optional(),
  /** Optional folder handled messages are moved to, e.g. `Processed`. */
  IMAP_PROCESSED_MAILBOX: z.string().trim().max(200).optional(),
  /** Optional `affected` text for e-mailed reports. Default: 'unknown (reported by e-mail)'. */
  IMAP_DEFAULT_AFFECTED: z.string().trim().max(2000).optional(),
});

/**
 * Reads the e-mail intake from the environment; null when IMAP_URL is unset.
 *
 * - `IMAP_URL`: `imaps://user:pass@host:993/INBOX` (TLS) or `imap://user:pass@host:143/INBOX`;
 *   user and password percent-encoded (`security%40acme.example`); the path is the mailbox
 *   (default INBOX), the port defaults to 993 / 143.
 * - `IMAP_ORG`: the organisation the mailbox belongs to (required with IMAP_URL).
 * - `IMAP_POLL_MS`: poll interval, default 60000.
 * - `IMAP_PROCESSED_MAILBOX`: move handled messages there (optional; created if missing).
 * - `IMAP_DEFAULT_AFFECTED`: the `affected` field of e-mailed reports (optional).
 *
 * @throws ImapConfigError when a variable is set but unusable.
 */
export function imapConfigFromEnv(env: Record<string, string | undefined>): ImapIntakeConfig | null {
  if ((env.IMAP_URL?.trim() ?? '') === '') return null;
  const parsed = ImapEnv.safeParse({ ...env, IMAP_PROCESSED_MAILBOX: blankToUndefined(env.IMAP_PROCESSED_MAILBOX), IMAP_DEFAULT_AFFECTED: blankToUndefined(env.IMAP_DEFAULT_AFFECTED), IMAP_POLL_MS: blankToUndefined(env.IMAP_POLL_MS) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImapConfigError(String(issue?.path[0] ?? 'IMAP'), issue?.message ?? 'invalid');
  }
  const { IMAP_URL, IMAP_ORG, IMAP_POLL_MS, IMAP_PROCESSED_MAILBOX, IMAP_DEFAULT_AFFECTED } = parsed.data;
  return {
    imap: { ...imapUrl(IMAP_URL), processedMailbox: IMAP_PROCESSED_MAILBOX ?? null },
    org: IMAP_ORG,
    pollMs: IMAP_POLL_MS ?? DEFAULT_IMAP_POLL_MS,
    defaultAffected: IMAP_DEFAULT_AFFECTED ?? null,
  };
}

function imapUrl(value: string): Omit<ImapSettings, 'processedMailbox'> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The message never repeats the value: it holds the password.
    throw new ImapConfigError('IMAP_URL', 'must be a URL such as imaps://user:pass@host:993/INBOX');
  }
  if (url.protocol !== 'imaps:' && url.protocol !== 'imap:') throw new ImapConfigError('IMAP_URL', 'must start with imaps:// or imap://');
  if (url.hostname === '') throw new ImapConfigError('IMAP_URL', 'names no host');
  if (url.username === '' || url.password === '') throw new ImapConfigError('IMAP_URL', 'must carry user and password: imaps://user:pass@host/INBOX');
  const secure = url.protocol === 'imaps:';
  let user: string;
  let pass: string;
  let mailbox: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
    mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  } catch {
    throw new ImapConfigError('IMAP_URL', 'has invalid percent-encoding');
  }
  return {
    // URL keeps IPv6 literals in brackets; sockets want them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 993 : 143) : Number(url.port),
    secure,
    user,
    pass,
    mailbox,
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
