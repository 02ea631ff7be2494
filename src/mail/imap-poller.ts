import { isLoopbackHost } from '../net/loopback.js';
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../log.js';
import type { ReportInput } from '../report/report.js';
import { PgpError, type OrgPgp, type SignatureStatus } from '../ports/org-pgp.js';
import type { AcceptedReport } from '../flows/intake/intake-ports.js';
import type { ImapSettings } from './imap-config.js';
import { parseEmail, type EmailAttachment, type EmailEncryption, type ParsedEmail } from './parse-email.js';
import { reportFromEmail, routeEmail, type EmailRouteOptions } from './route-email.js';

/** Keyword on messages the intake refused (undecryptable, too large, unreadable). They stay in the mailbox. */
export const REJECTED_KEYWORD = '$DisclosureDeskRejected';
/** Keyword on auto-replies and delivery reports, which are marked \Seen and otherwise left alone. */
export const AUTOMATIC_KEYWORD = '$DisclosureDeskAutomatic';

const DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/**
 * The intake as the e-mail channel uses it (`ReportIntake` satisfies it): the message key
 * is committed with the report, so a crash before the message is flagged cannot file it twice.
 */
export interface EmailIntake {
  accept(org: string, channel: 'email', input: ReportInput, options: { emailMessageKey: string }): Promise<AcceptedReport>;
}

/** What came with a reply besides its text. */
export interface EmailReplyDetails {
  messageId: string | null;
  /** How the reply was matched to its report. */
  via: 'thread' | 'subject' | 'address';
  pgp: EmailEncryption;
  signature: SignatureStatus;
  attachments: EmailAttachment[];
}

export interface ImapPollerDeps {
  imap: Omit<ImapSettings, 'processedMailbox'> & { processedMailbox?: string | null };
  /** The organisation every report from this mailbox is filed under. */
  org: string;
  intake: EmailIntake;
  /** The organisation's key, or how to get it at each poll (so a rotated key is used from the next poll on). */
  pgp: OrgPgp | (() => Promise<OrgPgp>);
  /**
   * Stores a researcher's reply to a report; must be durable before it resolves. Resolve
   * `false` when no such report exists: the e-mail is then filed as a new report. `from`
   * is the sender as written (unverified): compare it with the report's contact before trusting it.
   */
  onReply(reportId: string, text: string, from: ParsedEmail['from'], details: EmailReplyDetails): Promise<boolean | void>;
  /**
   * True when a message with this key was handled before (reported or replied). The key is
   * the Message-ID, or `sha256:<hex of the raw message>` when there is none.
   */
  isKnownMessage(key: string): Promise<boolean>;
  /** Records a handled message durably; `reportId` is the report it was filed as or replied to. */
  rememberMessage(key: string, reportId: string): Promise<void>;
  /** The armored public key the researcher of a report gave, to check a reply's signature. */
  researcherKey?: (reportId: string) => Promise<string | null>;
  log: Logger;
  clock: Clock;
  /** Poll interval for `start()`. Default 60 s. */
  pollMs?: number;
  route?: EmailRouteOptions;
  /** Larger messages are rejected unread. Default 40 MiB. */
  maxMessageBytes?: number;
}

/** What one poll did, by count. */
export interface PollSummary {
  at: Date;
  reports: number;
  replies: number;
  duplicates: number;
  automatic: number;
  rejected: number;
  /** Left unseen after an error (e.g. the store was down); tried again on the next poll. */
  failed: number;
}

export interface ImapPoller {
  /** Polls now and then every `pollMs` until `stop()`. Errors are logged, never thrown. */
  start(): void;
  /** One poll: every unseen message in the mailbox, oldest first. Rejects when IMAP fails. */
  runOnce(): Promise<PollSummary>;
  /** Stops polling and waits for a poll in progress to finish. */
  stop(): Promise<void>;
}

type Outcome = 'reports' | 'replies' | 'duplicates' | 'automatic' | 'rejected' | 'failed';

/**
 * The e-mail intake. Each poll reads the mailbox's unseen messages by UID (without marking
 * them), files each as a report through the intake or hands it to `onReply`, and only then
 * flags it \Seen (and moves it to `processedMailbox` when set). A crash before the flag
 * leaves the message unseen; the next poll finds its key remembered and only flags it, so
 * nothing is lost and nothing is filed twice (rule "a 2xx means durable"). Messages it cannot
 * read get {@link REJECTED_KEYWORD} and stay unseen in the mailbox for a person to look at.
 *
 * One instance should poll a mailbox: the known-message check is not a lock.
 */
export function createImapPoller(deps: ImapPollerDeps): ImapPoller {
  const pollMs = deps.pollMs ?? 60_000;
  const maxBytes = deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const { mailbox } = deps.imap;
  const processed = deps.imap.processedMailbox ?? null;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;

  function runOnce(): Promise<PollSummary> {
    // Serialised: a poll from start() and one from a test or a webhook never overlap.
    const run = chain.then(poll, poll);
    chain = run.catch(() => undefined);
    return run;
  }

  async function poll(): Promise<PollSummary> {
    const summary: PollSummary = { at: deps.clock(), reports: 0, replies: 0, duplicates: 0, automatic: 0, rejected: 0, failed: 0 };
    const pgp = typeof deps.pgp === 'function' ? await deps.pgp() : deps.pgp;
    const client = new ImapFlow({
      host: deps.imap.host,
      port: deps.imap.port,
      secure: deps.imap.secure,
      // imap:// must upgrade with STARTTLS before logging in (a stripped offer fails); only a
      // server on this machine may go without.
      doSTARTTLS: deps.imap.secure ? undefined : !isLoopbackHost(deps.imap.host) ? true : undefined,
      auth: { user: deps.imap.user, pass: deps.imap.pass },
      // imapflow's own logger would print protocol traffic, message text included.
      logger: false,
    });
    // Without a listener an 'error' event would crash the process; the command that failed rejects anyway.
    client.on('error', (error: unknown) => deps.log.warn({ mailbox, error: errorName(error) }, 'imap connection error'));
    await client.connect();
    try {
      if (processed !== null) await client.mailboxCreate(processed).catch(() => undefined);
      const lock = await client.getMailboxLock(mailbox);
      try {
        const uids = (await client.search({ seen: false, unKeyword: REJECTED_KEYWORD }, { uid: true })) || [];
        for (const uid of [...uids].sort((a, b) => a - b)) {
          summary[await handle(client, uid, pgp)] += 1;
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return summary;
  }

  async function handle(client: ImapFlow, uid: number, pgp: OrgPgp): Promise<Outcome> {
    const range = String(uid);
    const head = await client.fetchOne(range, { uid: true, size: true }, { uid: true });
    if (head === false) return 'failed';
    if ((head.size ?? 0) > maxBytes) return reject(client, uid, 'too-large');
    const message = await client.fetchOne(range, { uid: true, source: true }, { uid: true });
    if (message === false || message.source === undefined) return 'failed';
    const raw = message.source;
    // A message that was being read when the process died is not read again: it may be
    // what killed it (a decompression bomb, say). It stays in the mailbox, flagged.
    if (message.flags?.has(PROCESSING_KEYWORD) === true || (await hasFlag(client, uid, PROCESSING_KEYWORD))) return reject(client, uid, 'crashed-while-reading');
    await client.messageFlagsAdd(range, [PROCESSING_KEYWORD], { uid: true });

    let email: ParsedEmail;
    try {
      email = await parseEmail(raw, pgp);
      // Signed inside the encryption: check the signature with the sender's key when we
      // have one. For a reply, the key the researcher gave with the report comes first: a
      // key attached to a forged reply proves nothing. A bad signature rejects the message.
      if (email.signature === 'unchecked') {
        const key = (await replyKey(email)) ?? attachedPublicKey(email);
        if (key !== null) email = await parseEmail(raw, pgp, { verifyWith: key });
      }
    } catch (error) {
      return reject(client, uid, error instanceof PgpError ? `pgp-${error.kind}` : 'unreadable');
    }
    await client.messageFlagsRemove(range, [PROCESSING_KEYWORD], { uid: true });
    const key = email.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;

    let outcome: Outcome;
    try {
      if (await deps.isKnownMessage(key)) {
        deps.log.info({ uid, mailbox }, 'e-mail already handled: marking it seen');
        outcome = 'duplicates';
      } else {
        const done = await file(uid, key, email);
        if (done === 'rejected') return reject(client, uid, 'invalid');
        outcome = done;
      }
    } catch (error) {
      // Not flagged: the message stays unseen and the next poll tries again.
      deps.log.warn({ uid, mailbox, error: errorName(error) }, 'e-mail not handled: left unseen for the next poll');
      return 'failed';
    }
    await markHandled(client, uid, outcome === 'automatic' ? ['\\Seen', AUTOMATIC_KEYWORD] : ['\\Seen']);
    return outcome;
  }

  /** Files or hands over one e-mail; everything it writes is durable when it resolves. */
  async function file(uid: number, key: string, email: ParsedEmail): Promise<'reports' | 'replies' | 'automatic' | 'rejected'> {
    let route = routeEmail(email, deps.route);
    if (route.kind === 'automatic') {
      deps.log.info({ uid, mailbox }, 'automatic e-mail (auto-reply or delivery report) left alone');
      return 'automatic';
    }
    if (route.kind === 'reply') {
      const details: EmailReplyDetails = { messageId: email.messageId, via: route.via, pgp: email.pgp, signature: email.signature, attachments: email.attachments };
      const known = await deps.onReply(route.reportId, email.text, email.from, details);
      if (known !== false) {
        await deps.rememberMessage(key, route.reportId);
        deps.log.info({ uid, mailbox, reportId: route.reportId, via: route.via }, 'e-mail reply handed over');
        return 'replies';
      }
      deps.log.info({ uid, mailbox, via: route.via }, 'e-mail names an unknown report: filing it as a new report');
      route = reportFromEmail(email, deps.route);
    }
    if (route.kind !== 'report') {
      deps.log.warn({ uid, mailbox, fields: route.kind === 'invalid' ? route.fields : [] }, 'e-mail cannot become a report');
      return 'rejected';
    }
    const accepted = await deps.intake.accept(deps.org, 'email', route.input, { emailMessageKey: key });
    deps.log.info({ uid, mailbox, reportId: accepted.id, pgp: email.pgp, attachments: route.input.attachments.length }, 'e-mail report accepted');
    return 'reports';
  }

  async function replyKey(email: ParsedEmail): Promise<string | null> {
    const route = routeEmail(email, deps.route);
    return route.kind === 'reply' && deps.researcherKey !== undefined ? deps.researcherKey(route.reportId) : null;
  }

  async function reject(client: ImapFlow, uid: number, reason: string): Promise<Outcome> {
    deps.log.warn({ uid, mailbox, reason }, 'e-mail rejected: kept unseen in the mailbox with the rejected keyword');
    await client.messageFlagsAdd(String(uid), [REJECTED_KEYWORD], { uid: true });
    await client.messageFlagsRemove(String(uid), [PROCESSING_KEYWORD], { uid: true });
    return 'rejected';
  }

  async function markHandled(client: ImapFlow, uid: number, flags: string[]): Promise<void> {
    await client.messageFlagsAdd(String(uid), flags, { uid: true });
    if (processed === null) return;
    // A failed move leaves a seen message in the mailbox: handled, just not filed away.
    await client.messageMove(String(uid), processed, { uid: true }).catch((error: unknown) => deps.log.warn({ uid, mailbox, error: errorName(error) }, 'e-mail not moved to the processed folder'));
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((error: unknown) => deps.log.error({ mailbox, error: errorName(error) }, 'imap poll failed'))
        .finally(() => schedule(pollMs));
    }, delay);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}

/** An error's name and code, never its message (it may quote the server or the mail). */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name}:${code}` : error.name;
}

/** An OpenPGP public key attached to the e-mail (as PGP mail clients attach their sender's key). */
/** Set while a message is being read; found on a later poll, it means the reader died. */
export const PROCESSING_KEYWORD = '$DisclosureDeskReading';

async function hasFlag(client: ImapFlow, uid: number, flag: string): Promise<boolean> {
  const found = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
  return found !== false && found.flags?.has(flag) === true;
}


export function attachedPublicKey(email: ParsedEmail): string | null {
  for (const attachment of email.attachments) {
    const head = attachment.content.toString('latin1', 0, 200);
    if (attachment.contentType === 'application/pgp-keys' || /-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(head)) {
      const text = attachment.content.toString('utf8');
      if (/-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/.test(text)) return text;
    }
  }
  return null;
}
