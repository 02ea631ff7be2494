import type { OrgSettingsDesk } from '../flows/org-settings/org-settings-desk.js';
import type { MailboxValue } from '../flows/org-settings/setting-values.js';
import { NO_ORG_KEY } from '../ports/org-pgp.js';
import type { OrgPgpFor } from '../ports/org-pgp-source.js';
import type { OrgSettingsStore } from '../store/org-settings-records.js';
import type { Logger } from '../log.js';
import type { ImapSettings } from './imap-config.js';
import type { ImapPoller, ImapPollerDeps, PollSummary } from './imap-poller.js';

/** What every organisation's poller shares; the mailbox, the organisation and its key differ. */
export type SharedPollerDeps = Omit<ImapPollerDeps, 'imap' | 'org' | 'pgp'>;

export interface OrgMailboxesDeps {
  store: Pick<OrgSettingsStore, 'listOrgSettings'>;
  desk: Pick<OrgSettingsDesk, 'mailbox'>;
  /** The organisation's own key, else the instance key. */
  pgpFor: OrgPgpFor;
  poller: SharedPollerDeps;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How often the settings are looked at again for added, changed or removed mailboxes. Default 60 s. */
  refreshMs?: number;
  /** Builds a poller (tests may wrap it); default createImapPoller, loaded (with imapflow) only when a mailbox is set. */
  createPoller?: (deps: ImapPollerDeps) => ImapPoller | Promise<ImapPoller>;
}

/** Every organisation's own mailbox (organisation settings), each polled by its own poller. */
export interface OrgMailboxes {
  /** Reads the settings now and every `refreshMs`, starting and stopping pollers to match. */
  start(): void;
  /** Brings the pollers in line with the settings (added, changed, removed mailboxes). */
  refresh(): Promise<void>;
  /** Refreshes, then polls every organisation's mailbox once: summaries by organisation. */
  runOnce(): Promise<Map<string, PollSummary>>;
  stop(): Promise<void>;
}


/**
 * The organisations' mailboxes beside the instance's IMAP_URL: mail found in one is that
 * organisation's, decrypted with that organisation's key. A changed setting (new password,
 * other host) replaces the poller at the next refresh; a removed one stops it. Like
 * IMAP_URL, one instance should poll a mailbox (the known-message check is not a lock).
 */
export function createOrgMailboxes(deps: OrgMailboxesDeps): OrgMailboxes {
  const pollers = new Map<string, { revision: string; poller: ImapPoller }>();
  const create = deps.createPoller ?? (async (pollerDeps: ImapPollerDeps) => (await import('./imap-poller.js')).createImapPoller(pollerDeps));
  let started = false;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function sync(): Promise<void> {
    const wanted = new Map((await deps.store.listOrgSettings()).filter((s) => s.name === 'mailbox').map((s) => [s.org, s.revision]));
    for (const [org, running] of [...pollers]) {
      if (wanted.get(org) === running.revision) continue;
      pollers.delete(org);
      await running.poller.stop();
    }
    for (const [org, revision] of wanted) {
      if (pollers.has(org)) continue;
      const mailbox = await deps.desk.mailbox(org);
      if (mailbox === null) continue;
      const poller = await create({ ...deps.poller, imap: imapSettingsOf(mailbox), org, pgp: async () => (await deps.pgpFor(org)) ?? NO_ORG_KEY });
      pollers.set(org, { revision, poller });
      deps.log.info({ org, host: mailbox.host }, 'organisation mailbox: polling');
      if (started) poller.start();
    }
  }

  function refresh(): Promise<void> {
    // Serialised: a timer refresh and runOnce() never start two pollers for one mailbox.
    const run = chain.then(sync);
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (!started) return;
    timer = setTimeout(() => {
      timer = null;
      refresh()
        .catch((error: unknown) => deps.log.error({ error: error instanceof Error ? error.name : 'unknown' }, 'organisation mailboxes not refreshed'))
        .finally(schedule);
    }, deps.refreshMs ?? 60_000);
    timer.unref();
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const { poller } of pollers.values()) poller.start();
      refresh()
        .catch((error: unknown) => deps.log.error({ error: error instanceof Error ? error.name : 'unknown' }, 'organisation mailboxes not refreshed'))
        .finally(schedule);
    },
    refresh,
    async runOnce() {
      await refresh();
      const summaries = new Map<string, PollSummary>();
      for (const [org, { poller }] of pollers) summaries.set(org, await poller.runOnce());
      return summaries;
    },
    async stop() {
      started = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await chain;
      await Promise.all([...pollers.values()].map(({ poller }) => poller.stop()));
    },
  };
}

/** The setting as the poller takes it. */
export function imapSettingsOf(mailbox: MailboxValue): ImapSettings {
  return { host: mailbox.host, port: mailbox.port, secure: mailbox.tls === 'implicit', user: mailbox.user, pass: mailbox.password, mailbox: mailbox.folder, processedMailbox: mailbox.processedFolder };
}
