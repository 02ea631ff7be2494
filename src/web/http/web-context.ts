import type { IntakeLimits } from '../../report/intake-limits.js';
import type { PublicPages, ReportIntake, StatusDesk } from '../../flows/intake/intake-ports.js';
import type { ReceiptDesk } from '../../flows/intake/receipt-desk.js';
import type { RateLimiter } from './rate-limit.js';
import type { OrgPgp } from '../../ports/org-pgp.js';

/** The logger the routes need; Probot's pino logger fits. Only ids go in (rule "no researcher data in logs"). */
export interface WebLog {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
}

/** What every route handler gets: ports, limits and settings, built once at startup. */
export interface WebContext {
  /** Durable acceptance of a report (form and API). */
  intake: ReportIntake;
  /** The organisation as its public pages show it. */
  pages: PublicPages;
  /** The researcher's side: status page, replies, export and erasure. */
  statusDesk: StatusDesk;
  /** The researcher's signed receipt, by status token; null: not offered (tests of other routes). */
  receipts: ReceiptDesk | null;
  limits: IntakeLimits;
  limiter: RateLimiter;
  trustProxy: boolean;
  /** Absolute base for links handed to API clients, e.g. `https://desk.example.org`; root-relative without. */
  publicUrl: string | undefined;
  /**
   * The organisation's OpenPGP key: decrypts `application/pgp-encrypted` and `pgp_message`
   * reports, served at `/orgs/{org}/pgp-key.asc`. Null: no key is configured, so encrypted
   * reports are refused and no key is served.
   */
  pgp: OrgPgp | null;
  /** The current time (security.txt's Expires, the policy's holiday year); tests fix it. */
  now: () => Date;
  log: WebLog;
}

/** The status page link for a token: absolute when a public URL is configured. */
export function statusUrl(context: WebContext, token: string): string {
  const base = context.publicUrl?.replace(/\/+$/, '') ?? '';
  return `${base}/status/${token}`;
}
