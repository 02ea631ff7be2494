import type { NewJob, Store } from '../../store/store.js';
import type { ResearcherFacts } from '../../store/triage-records.js';
import type { Logger } from '../../log.js';
import { RefusedError } from '../../errors.js';
import type { MailSettings, Mailer } from '../../ports/mailer.js';
import { MailEncryptionUnavailableError, planResearcherMail } from '../../researcher/plan-mail.js';
import { type OrgPgp, PgpError } from '../../ports/org-pgp.js';
import type { OrgPgpFor } from '../../ports/org-pgp-source.js';
import type { JobOutcome } from '../../jobs/worker.js';
import { newJob } from '../../jobs/new-job.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { SendMailPayload } from '../../jobs/send-mail-payload.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { catalogue } from '../../i18n/catalogues.js';

/** A report that is not filed yet has no researcher facts: look again after this long. */
const NOT_FILED_RECHECK_MS = 30_000;

export { SendMailPayload } from '../../jobs/send-mail-payload.js';

/** The job key: one mail per (report, message index), however often it is enqueued. */
export function sendMailJobKey(reportId: string, messageIndex: number): string {
  return `send-mail:${reportId}:${messageIndex}`;
}

/** A `send-mail` job for `payload`, to enqueue (or put in a TriageChange's jobs). */
export function newSendMailJob(org: string, payload: SendMailPayload, runAfter: Date): NewJob & { kind: 'send-mail' } {
  return newJob('send-mail', payload, { key: sendMailJobKey(payload.reportId, payload.messageIndex), org, runAfter });
}

export interface SendMailDeps {
  /** Called once an acknowledgement went out: it confirms receipt (the SLA's first promise). */
  onAcknowledged?: (reportId: string) => Promise<void>;
  store: Pick<Store, 'getTriage' | 'getReport' | 'getReceipt'>;
  mailer: Mailer;
  /** The org key pair, or null when none is configured (then researchers with a key get no mail). */
  pgp: Pick<OrgPgp, 'encryptTo' | 'clearsign'> | null;
  /** The job's organisation's own key (organisation settings), falling back to the instance key; overrides `pgp`. */
  pgpFor?: OrgPgpFor;
  settings: MailSettings;
  log: Logger;
  metrics?: Metrics;
}

/**
 * Sends one message to the researcher by e-mail. Filing never waits on it: it is its own
 * outbox job.
 *
 * - No address on file, or the report is gone: done, nothing to send (the status page
 *   still shows the message).
 * - Not filed yet (the researcher facts are written at filing): later.
 * - TransientError from the mailer: thrown, so the worker retries with backoff. The
 *   Message-ID is the same on every attempt.
 * - RefusedError (5xx), an unusable researcher key, or a key without an org key pair to
 *   encrypt with: done, with a warning naming ids only. Never sent in clear instead.
 */
export function sendMailJob(deps: SendMailDeps): (job: { key?: string; org?: string; payload: string }) => Promise<JobOutcome> {
  const metrics = deps.metrics ?? noMetrics;
  return async (job) => {
    const payload = parsePayload('send-mail', job);
    const meta = { reportId: payload.reportId, messageIndex: payload.messageIndex, kind: payload.kind };

    const triage = await deps.store.getTriage(payload.reportId);
    if (triage === null) {
      if ((await deps.store.getReport(payload.reportId)) === null) {
        deps.log.warn(meta, 'researcher mail skipped: report not found');
        return { kind: 'done' };
      }
      return { kind: 'later', afterMs: NOT_FILED_RECHECK_MS, reason: 'report not filed yet' };
    }
    const researcher = triage.researcher;
    if (researcher?.email == null) {
      deps.log.debug(meta, 'researcher mail skipped: no e-mail address');
      return { kind: 'done' };
    }

    try {
      const pgp = deps.pgpFor !== undefined && job.org !== undefined ? await deps.pgpFor(job.org) : deps.pgp;
      const mail = await planResearcherMail(
        {
          reportId: payload.reportId,
          messageIndex: payload.messageIndex,
          kind: payload.kind,
          body: payload.kind === 'acknowledgement' ? await withReceipt(deps, pgp, payload) : payload.body,
          language: payload.language,
          statusUrl: payload.statusUrl,
          to: researcher.email,
          pgpKey: pgpKeyOf(researcher),
          inReplyTo: payload.inReplyTo ?? null,
          settings: deps.settings,
        },
        pgp,
      );
      await deps.mailer.send(mail);
    } catch (error) {
      if (error instanceof RefusedError) {
        metrics.mail('refused');
        deps.log.warn({ ...meta, status: error.status }, 'researcher mail refused by the mail server; not retried');
        return { kind: 'done' };
      }
      if (error instanceof PgpError) {
        metrics.mail('refused');
        deps.log.warn({ ...meta, pgpError: error.kind }, 'researcher mail not sent: their PGP key cannot be used');
        return { kind: 'done' };
      }
      if (error instanceof MailEncryptionUnavailableError) {
        metrics.mail('refused');
        deps.log.warn(meta, 'researcher mail not sent: they gave a PGP key but no organisation key is configured');
        return { kind: 'done' };
      }
      // Thrown on, so the worker retries it (or, after long enough, dead-letters it).
      metrics.mail('failed');
      throw error;
    }
    metrics.mail('sent');
    deps.log.info(meta, 'researcher mail sent');
    if (payload.kind === 'acknowledgement' && deps.onAcknowledged !== undefined) {
      // The mail is out: a failure here must not make the job send it again.
      await deps.onAcknowledged(payload.reportId).catch((error: unknown) =>
        deps.log.warn({ ...meta, error: error instanceof Error ? error.name : 'Error' }, 'receipt not recorded after the acknowledgement'),
      );
    }
    return { kind: 'done' };
  };
}

/**
 * The acknowledgement carries the researcher's receipt (the report as received, its SHA-256,
 * the time), signed with the organisation's key when there is one: signed here, in the
 * outbox, never on the request path. Without a stored receipt (erased, or older than
 * receipts) the mail goes without it.
 */
async function withReceipt(deps: SendMailDeps, pgp: SendMailDeps['pgp'], payload: SendMailPayload): Promise<string> {
  const receipt = await deps.store.getReceipt(payload.reportId);
  if (receipt === null) return payload.body;
  const text = pgp === null ? receipt : await pgp.clearsign(receipt);
  return `${payload.body}\n\n${catalogue(payload.language).mail.acknowledgement.receipt(pgp !== null)}\n\n${text.replace(/\n+$/, '')}`;
}

/** The researcher's armored key, once ResearcherFacts carries one (`pgpKey`); read defensively until then. */
function pgpKeyOf(researcher: ResearcherFacts & { pgpKey?: unknown }): string | null {
  return typeof researcher.pgpKey === 'string' && researcher.pgpKey.trim() !== '' ? researcher.pgpKey : null;
}
