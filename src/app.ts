import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GitHubPort } from './ports/github.js';
import type { Readiness } from './server/health-routes.js';
import { readinessOf } from './readiness-of.js';
import { lazyJob, loadConfiguredPgp, researcherKeyFingerprint } from './lazy-loads.js';
import type { Store } from './store/store.js';
import type { Logger } from './log.js';
import { type Clock, systemClock } from './clock/clock.js';
import type { RandomBytes } from './report/ids.js';
import { openStore } from './store/open-store.js';
import { createOrgDirectory, type InstallationChange, type OrgDirectory, recordInstallationChange } from './flows/org-directory.js';
import { createSharedRateLimiter } from './web/http/rate-limit.js';
import { parseTrustProxy } from './web/http/trust-proxy.js';
import { withRequestLimits } from './web/request-limits.js';
import { installationLookups, readRateLimitFromEnv } from './web/request-limit-settings.js';
import { createReportIntake } from './flows/intake/accept-report.js';
import { createPublicPages } from './flows/intake/public-pages.js';
import { createStatusDesk } from './flows/intake/status-desk.js';
import { createReceiptDesk } from './flows/intake/receipt-desk.js';
import { createHttpHandler } from './web/create-http-handler.js';
import { limitsFromEnv, resolveLimits } from './report/intake-limits.js';
import { createWorker, type Worker } from './jobs/worker.js';
import { outboxConcurrency, sweepIntervalMs } from './core-env.js';
import { fileReportJob } from './flows/filing/file-report-job.js';
import type { CommentFacts } from './flows/triage/apply-staff-commands.js';
import { queueCommandComment, type QueueOutcome } from './flows/triage/queue-staff-commands.js';
import type { IssueEventFacts, IssueEventOutcome } from './flows/triage/follow-issue-event.js';
import type { AdvisoryEventOutcome } from './flows/advisory/take-advisory-event.js';
import { NO_ORG_KEY, type OrgPgp } from './ports/org-pgp.js';
import { imapConfigFromEnv } from './mail/imap-config.js';
import type { ImapPoller } from './mail/imap-poller.js';
import { mailSettingsFromEnv } from './mail/mail-settings.js';
import { acknowledgementJobs } from './flows/researcher/acknowledgement-job.js';
import type { JobHandler } from './jobs/worker.js';
import { probotApp } from './github/probot-app.js';
import { createGitHubHealth } from './jobs/github-health.js';
import type { CommitFacts, CommitOutcome } from './flows/alerts/config-pushed.js';
import { queueOrgAlert } from './flows/alerts/queue-org-alert.js';
import { createStaffAccess } from './flows/staff/staff-access.js';
import { createStaffDesk } from './flows/staff/staff-desk.js';
import { createGitHubSignIn, githubBases } from './github/github-sign-in.js';
import { missingStaffSettings, STAFF_SIGN_IN_LIMIT } from './web/http/staff-context.js';
import { clientAddress, rateLimitKey } from './web/http/client-ip.js';
import { createOrgSettingsDesk, type OrgSettingsDesk } from './flows/org-settings/org-settings-desk.js';
import { createOwnerAccess } from './flows/org-settings/owner-access.js';
import { createOrgPgpResolver } from './pgp/org-pgp-resolver.js';
import { createOrgMailboxes, type OrgMailboxes, type SharedPollerDeps } from './mail/org-mailboxes.js';

/** Without SMTP the status page is the researcher's channel; queued mails are let go. */
const mailNotConfigured: JobHandler = () => Promise.resolve({ kind: 'done' });
import { createSlaSweep, type SlaSweep } from './flows/triage/sla-sweep.js';
import { createSlaDashboardSchedule, withDashboardSchedule } from './flows/sla-dashboard/sla-dashboard-schedule.js';
import { createLanePacers, realSleep, type Sleep } from './jobs/pace-writes.js';
import { noMetrics } from './metrics/metrics.js';
import { metricsSettingsFromEnv, type MetricsSettings } from './metrics/metrics-settings.js';
import type { MetricsRegistry } from './metrics/prometheus-metrics.js';
import { holdCategory } from './flows/filing/hold-reasons.js';

/** The metrics and where they are served (METRICS_TOKEN, METRICS_PORT). */
export interface MetricsExposure extends MetricsSettings {
  registry: MetricsRegistry;
}

/**
 * The composition root: everything the app runs, wired together. `disclosureDesk` hands it
 * to Probot (src/github/probot-app.ts translates webhooks into calls), `src/serve.ts` puts
 * it behind the front door, and `src/main.ts` is the process around it.
 */
export interface Core {
  store: Store;
  orgs: OrgDirectory;
  worker: Worker;
  http: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** A comment was created on an issue: queue its triage commands (run by the outbox). */
  commentCreated(facts: CommentFacts): Promise<QueueOutcome>;
  /** A tracking issue was closed, reopened or deleted in GitHub itself: the report follows. */
  issueChanged(facts: IssueEventFacts): Promise<IssueEventOutcome>;
  /** A push or pull request that may change `.github/disclosure.yml`: its commit gets a config check. */
  configCommitted(facts: CommitFacts): Promise<CommitOutcome>;
  /** A `repository_advisory` webhook (reported or published), payload as delivered. */
  advisoryEvent(payload: unknown): Promise<AdvisoryEventOutcome>;
  sweep: SlaSweep;
  /** The IMAP intake, when IMAP_URL is set; started with the worker. */
  mailbox: ImapPoller | null;
  /** Each organisation's own mailbox (organisation settings); started with the worker. */
  orgMailboxes: OrgMailboxes;
  /** Per-organisation secrets: OpenPGP key, mailbox (CLI `npm run org-settings`, staff page). */
  orgSettings: OrgSettingsDesk;
  /** For `/readyz`: can the store take a report now, and is GitHub work held up. */
  readiness(): Promise<Readiness>;
  /** An installation was added, removed or changed: forget what we cached about the org. */
  installationChanged(org: string): void;
  /** An `installation` / `installation_repositories` webhook: the store learns where the app is. */
  installationEvent(change: InstallationChange): Promise<void>;
  /** Prometheus metrics, when METRICS_TOKEN or METRICS_PORT is set; null: no metrics anywhere. */
  metrics: MetricsExposure | null;
  close(): Promise<void>;
}

export interface CoreOptions {
  github: GitHubPort;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  sleep?: Sleep;
  random?: RandomBytes;
  /** An already-open store (tests); otherwise one is opened from DATABASE_URL / DATA_DIR. */
  store?: Store;
  /** The org key pair (tests); otherwise loaded from PGP_PRIVATE_KEY(_PATH) / PGP_PASSPHRASE. */
  pgp?: OrgPgp | null;
}

export interface AppOptions extends Omit<CoreOptions, 'github' | 'log'> {
  /** Start the outbox worker's polling loop (off in tests, which drive it by hand). */
  startWorker?: boolean;
  /** Receives the wired core, e.g. for tests or a graceful shutdown. */
  onReady?: (core: Core) => void;
}

/** The Probot app function of the desk: the core, built from the installation's GitHub port. */
export function disclosureDesk(options: AppOptions = {}) {
  return probotApp(
    async (github, log, clock) => {
      const core = await createCore({ ...options, clock, github, log });
      if (options.startWorker ?? true) {
        core.worker.start();
        core.sweep.start();
        core.mailbox?.start();
        core.orgMailboxes.start();
      }
      return core;
    },
    { clock: options.clock, onReady: options.onReady },
  );
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  // Checked before the store opens: a bad METRICS_PORT stops the start with nothing to close.
  const metricsSettings = metricsSettingsFromEnv(env);
  const store =
    options.store ??
    (await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, log: options.log, encryptionKey: env.DATA_ENCRYPTION_KEY || undefined }));
  const orgs = createOrgDirectory({ github: options.github, clock, log: options.log, installations: store, lookups: installationLookups(store, clock), configs: store });
  const pgp =
    options.pgp !== undefined
      ? options.pgp
      : await loadConfiguredPgp(env);
  // Each organisation's own key, else the instance key: resolved per use (see org-pgp-resolver.ts).
  const orgSettings = createOrgSettingsDesk({
    store,
    clock,
    checkKey: async (source, passphrase) => (await import('./pgp/check-org-key.js')).checkOrgKey(source, passphrase),
    onChanged: (org) => orgPgp.forget(org),
  });
  const orgPgp = createOrgPgpResolver({ store, desk: orgSettings, instance: pgp, clock, log: options.log });
  const githubHealth = createGitHubHealth();
  // prom-client is loaded only when metrics are served (METRICS_TOKEN or METRICS_PORT).
  const registry =
    metricsSettings === null
      ? null
      : (await import('./metrics/prometheus-metrics.js')).createPrometheusMetrics({ outboxStats: (now) => store.outboxStats(now), holdCategory, githubCondition: () => githubHealth.condition(), clock });
  const metrics = registry ?? noMetrics;
  // The mail stack is loaded only when SMTP is configured: an idle desk stays small.
  const mailer = env.SMTP_URL ? (await import('./mail/smtp-mailer.js')).createSmtpMailer(env) : null;
  const mailSettings = mailSettingsFromEnv(env);
  const pacer = createLanePacers({ store, clock, sleep: options.sleep ?? realSleep, log: options.log, metrics });
  const kick = () => worker.kick();
  const worker: Worker = createWorker({
    store,
    github: githubHealth,
    clock,
    log: options.log,
    concurrency: outboxConcurrency(env),
    // An alert about its own failure would only fail again: the org-alert job tells nobody of itself.
    onDead: (job) => (job.kind === 'org-alert' ? Promise.resolve() : queueOrgAlert(store, job.org, clock())),
    metrics,
    handlers: {
      'file-report': fileReportJob({ store, github: options.github, orgs, pacer, clock, log: options.log, metrics, publicUrl: env.PUBLIC_URL || undefined }),
      // The other kinds are loaded when the first job of the kind runs (see lazyJob).
      'triage-comment': lazyJob(async () => (await import('./flows/triage/staff-commands-job.js')).triageCommentJob({ store, github: options.github, orgs, clock, log: options.log, kick, metrics })),
      'issue-update': lazyJob(async () => (await import('./flows/triage/update-issue-job.js')).issueUpdateJob({ store, github: options.github, orgs, pacer, clock, log: options.log })),
      'create-advisory': lazyJob(async () => (await import('./flows/advisory/create-advisory-job.js')).createAdvisoryJobHandler({ store, github: options.github, pacer, clock, log: options.log })),
      'update-advisory': lazyJob(async () => (await import('./flows/advisory/update-advisory-job.js')).updateAdvisoryJobHandler({ store, github: options.github, pacer, clock, log: options.log })),
      'publish-credit': lazyJob(async () => (await import('./flows/advisory/publish-credit-job.js')).publishCreditJobHandler({ store, orgs, clock, log: options.log, metrics })),
      'hall-of-fame': lazyJob(async () => (await import('./flows/advisory/hall-of-fame-job.js')).hallOfFameJobHandler({ store, github: options.github, orgs, pacer, log: options.log })),
      'org-alert': lazyJob(async () => (await import('./flows/alerts/org-alert-job.js')).orgAlertJob({ store, github: options.github, orgs, pacer, clock, log: options.log })),
      'config-check': lazyJob(async () => (await import('./flows/alerts/config-check-job.js')).configCheckJob({ store, github: options.github, orgs, pacer, clock, log: options.log })),
      'sla-dashboard': lazyJob(async () => (await import('./flows/sla-dashboard/sla-dashboard-job.js')).slaDashboardJob({ store, github: options.github, orgs, pacer, clock, log: options.log })),
      'overdue-digest': lazyJob(async () => (await import('./flows/triage/overdue-digest-job.js')).overdueDigestJob({ github: options.github, orgs, pacer, log: options.log })),
      'send-mail':
        mailer === null || mailSettings === null
          ? mailNotConfigured
          : lazyJob(async () => {
              const [{ sendMailJob }, { confirmReceiptByAcknowledgement }] = await Promise.all([import('./flows/researcher/send-mail-job.js'), import('./flows/researcher/confirm-receipt.js')]);
              return sendMailJob({ store, mailer, pgp, pgpFor: orgPgp.forOrg, settings: mailSettings, log: options.log, metrics, onAcknowledged: (reportId) => confirmReceiptByAcknowledgement({ store, clock, kick, metrics }, reportId) });
            }),
    },
  });
  const sweep = withDashboardSchedule(createSlaSweep({ store, clock, log: options.log, kick: () => worker.kick(), intervalMs: sweepIntervalMs(env), metrics }), createSlaDashboardSchedule({ store, clock, log: options.log, kick }));
  const intake = createReportIntake({
    store,
    orgs,
    clock,
    random: options.random,
    onAccepted: kick,
    // Without SMTP there is nobody to mail: no acknowledgement job is queued per report (each
    // would cost the worker a claim and a commit under a burst, for nothing).
    jobsOnAccept: mailer === null || mailSettings === null ? undefined : acknowledgementJobs(env.PUBLIC_URL || undefined),
    metrics,
  });
  const limits = limitsFromEnv(env);
  const staffTrust = parseTrustProxy(env.TRUST_PROXY);
  const staffSignIns = createSharedRateLimiter({ counters: store, name: 'staff-sign-in', setting: STAFF_SIGN_IN_LIMIT, now: clock });
  const routes = createHttpHandler({
    intake,
    pages: createPublicPages({ store, orgs }),
    statusDesk: createStatusDesk({ store, orgs, clock, log: options.log, kick }),
    receipts: createReceiptDesk({ store, pgp, pgpFor: orgPgp.forOrg }),
    defaultOrg: env.DEFAULT_ORG || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    trustProxy: env.TRUST_PROXY === 'true',
    limits,
    now: clock,
    log: options.log,
    pgp,
    pgpFor: orgPgp.forOrg,
    staff: {
      desk: createStaffDesk({ store, github: options.github, orgs, clock, log: options.log, kick, keyFingerprint: (armored) => researcherKeyFingerprint(armored, clock) }),
      access: createStaffAccess({ github: options.github, orgs, clock }),
      signIn: env.GITHUB_CLIENT_ID?.trim() && env.GITHUB_CLIENT_SECRET?.trim() ? createGitHubSignIn({ clientId: env.GITHUB_CLIENT_ID.trim(), clientSecret: env.GITHUB_CLIENT_SECRET.trim(), ...githubBases(env) }) : null,
      missing: missingStaffSettings(env),
      publicUrl: env.PUBLIC_URL || undefined,
      sessionSecret: () => store.staffSessionKey(),
      consumeSignInState: (hash, expiresAt, now) => store.consumeSignInState(hash, expiresAt, now),
      signInLimit: (req) => staffSignIns.hit(rateLimitKey(clientAddress(req, staffTrust))),
      orgSettings: { desk: orgSettings, owners: createOwnerAccess({ github: options.github, orgs, clock }) },
    },
  });
  const http = withRequestLimits(routes, {
    trust: parseTrustProxy(env.TRUST_PROXY),
    posts: createSharedRateLimiter({ counters: store, name: 'posts', setting: resolveLimits(limits).rateLimit, now: clock }),
    reads: createSharedRateLimiter({ counters: store, name: 'reads', setting: readRateLimitFromEnv(env), now: clock }),
    defaultOrg: env.DEFAULT_ORG || undefined,
    log: options.log,
  });
  const imap = imapConfigFromEnv(env);
  // What the instance mailbox (IMAP_URL) and each organisation's own mailbox share.
  const pollerDeps: SharedPollerDeps = {
    intake,
    onReply: (await import('./mail/email-replies.js')).emailReplyHandler({ store, orgs, clock, log: options.log, kick }),
    isKnownMessage: (key) => store.isKnownEmail(key),
    rememberMessage: (key, reportId) => store.rememberEmail(key, reportId, clock()),
    researcherKey: async (reportId) => (await store.getTriage(reportId))?.researcher?.pgpKey ?? null,
    log: options.log,
    clock,
    pollMs: imap?.pollMs,
    route: { messageIdHost: mailSettings?.messageIdHost },
  };
  const poller =
    imap === null
      ? null
      : (await import('./mail/imap-poller.js')).createImapPoller({
          ...pollerDeps,
          imap: imap.imap,
          org: imap.org,
          pgp: async () => (await orgPgp.forOrg(imap.org)) ?? NO_ORG_KEY,
          route: { messageIdHost: mailSettings?.messageIdHost, ...(imap.defaultAffected === null ? {} : { defaultAffected: imap.defaultAffected }) },
        });
  const orgMailboxes = createOrgMailboxes({ store, desk: orgSettings, pgpFor: orgPgp.forOrg, log: options.log, refreshMs: imap?.pollMs, poller: pollerDeps });
  return {
    store,
    orgs,
    worker,
    http,
    mailbox: poller,
    orgMailboxes,
    orgSettings,
    commentCreated: (facts) => queueCommandComment({ store, clock, kick, log: options.log }, facts),
    // The webhooks' flows are loaded at their first delivery.
    issueChanged: async (facts) => (await import('./flows/triage/follow-issue-event.js')).handleIssueEvent({ store, clock, log: options.log, kick, metrics }, facts),
    configCommitted: async (facts) => (await import('./flows/alerts/config-pushed.js')).configCommitted({ store, orgs, clock, log: options.log, kick }, facts),
    advisoryEvent: async (payload) => (await import('./flows/advisory/take-advisory-event.js')).handleAdvisoryEvent({ store, intake, clock, log: options.log, kick }, payload),
    sweep,
    readiness: () => readinessOf(store, clock, githubHealth),
    installationChanged: (org) => orgs.forget(org),
    installationEvent: (change) => recordInstallationChange({ installations: store, orgs, clock }, change),
    metrics: metricsSettings === null || registry === null ? null : { ...metricsSettings, registry },
    async close() {
      await poller?.stop();
      await orgMailboxes.stop();
      await sweep.stop();
      await worker.stop();
      await store.close();
    },
  };
}
