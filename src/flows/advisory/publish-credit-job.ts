import type { Clock } from '../../clock/clock.js';
import type { OrgDirectory } from '../org-directory.js';
import type { Logger } from '../../log.js';
import { researcherMessage } from '../../researcher/message-text.js';
import type { Job, Store } from '../../store/store.js';
import type { TriageRecord } from '../../store/triage-records.js';
import { TRIAGE_STATUSES } from '../../triage/triage-status.js';
import { defaultConfig } from '../../config/parse-config.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { mailJobsFor } from '../researcher/queue-message-mail.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { PublishedAdvisory } from '../../jobs/published-advisory.js';
import type { ResolvedCredit } from '../../jobs/credit-payload.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { deadlineTally } from '../../metrics/sla-outcomes.js';
import {
  type CreditOccasion,
  creditComment,
  creditedEvent,
  creditProgress,
  hallOfFameJob,
  listedInHallOfFame,
  publishedAfterCreditComment,
  storedCreditOf,
} from './credit-researcher.js';

export type { PublishedAdvisory } from '../../jobs/published-advisory.js';
export { publishCreditJob } from './queue-advisory-jobs.js';

type CreditDeps = { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; metrics?: Metrics };

/**
 * Credits a researcher (the rule: credit-researcher.ts). A `publish-credit` job comes from a
 * published advisory or from `/resolved` on a report without one. On publication: records who
 * is credited and how (the researcher's own choice when the report came through us, else the
 * advisory's credits), posts the credit record on the tracking issue, marks it
 * `status:published` and closes it, and queues the hall of fame.
 */
export function publishCreditJobHandler(deps: CreditDeps): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const payload = parsePayload('publish-credit', job);
    if (payload.source === 'resolved') return creditResolvedReport(deps, payload);
    const { source: _source, ...advisory } = payload;
    const triage = await deps.store.findTriageByGhsa(advisory.ghsaId);
    if (triage === null) {
      // A private report still waiting to be filed: credit it once its issue exists.
      const waiting = await deps.store.findReportByGhsa(advisory.ghsaId);
      if (waiting !== null && waiting.status !== 'filed') return { kind: 'later', afterMs: 60_000, reason: 'the report of this advisory is not filed yet' };
    }
    const now = deps.clock();
    const occasion: CreditOccasion = { kind: 'advisory', advisory };
    // `/resolved` credited this report before its advisory was published: that credit stands.
    const creditedBefore = triage !== null && (await creditProgress(deps.store, triage, occasion)) === 'elsewhere';
    if (!creditedBefore) await deps.store.saveCreditRecord(storedCreditOf(triage, occasion));
    if (triage !== null) await closeTrackingIssue(deps, triage, advisory, now, creditedBefore);
    if (!creditedBefore) await deps.store.enqueue(hallOfFameJob(advisory.org, occasion, now));
    deps.log.info({ ghsaId: advisory.ghsaId, reportId: triage?.reportId ?? null, creditedBefore }, 'advisory published: credit recorded');
    return { kind: 'done' };
  };
}

/**
 * `/resolved` on a report without an advisory: the credit as on publication, in two steps
 * that are each idempotent. The stored credit first (keyed by noAdvisoryCreditKey), then one
 * triage change with the `credited` event, the credit record comment (job key
 * `credit-record:<report id>`) and the hall-of-fame job. A job that stopped between the two
 * is finished by its retry, or by a later `/resolved`'s job, whatever happened since; one
 * that has not begun credits only a report that is still resolved and still has no advisory.
 */
async function creditResolvedReport(deps: CreditDeps, credit: ResolvedCredit): Promise<JobOutcome> {
  const found = await deps.store.getTriage(credit.reportId);
  if (found === null) return { kind: 'done' };
  const occasion: CreditOccasion = { kind: 'resolved', org: found.org, reportId: found.reportId, at: new Date(credit.resolvedAt) };
  const progress = await creditProgress(deps.store, found, occasion);
  if (progress === 'recorded' || progress === 'elsewhere') return { kind: 'done' };
  // Reopened (or closed otherwise) since; or an advisory was opened, whose publication credits.
  if (progress === 'none' && (found.status !== 'resolved' || found.ghsaId !== null)) return { kind: 'done' };

  const stored = storedCreditOf(found, occasion);
  const listed = listedInHallOfFame(stored, occasion);
  // Nobody to name (anonymous: credit declined): no hall-of-fame entry; the record on the issue says so.
  if (listed) await deps.store.saveCreditRecord(stored);
  const now = deps.clock();
  await saveTriageRetrying(deps.store, found.reportId, (triage) => ({
    reportId: triage.reportId,
    expectedVersion: triage.version,
    fields: triageFieldsOf(triage),
    events: [creditedEvent(triage.reportId, occasion, now)],
    jobs: [
      issueUpdateJob(
        `credit-record:${triage.reportId}`,
        triage.org,
        { reportId: triage.reportId, repo: triage.repo, issueNumber: triage.issueNumber, addLabels: [], removeLabels: [], syncDeadlines: false, comment: creditComment(triage, occasion), issueState: null },
        now,
      ),
      ...(listed ? [hallOfFameJob(triage.org, occasion, now)] : []),
    ],
    messages: [],
  }));
  deps.log.info({ reportId: found.reportId, listed }, 'report resolved without an advisory: credit recorded');
  return { kind: 'done' };
}

/**
 * The credit record comment (or, when `/resolved` credited first, a note that the credit
 * stands), `status:published`, closed, the `credited` event; one atomic triage change.
 */
async function closeTrackingIssue(
  deps: { store: Store; orgs: OrgDirectory; metrics?: Metrics },
  found: TriageRecord,
  advisory: PublishedAdvisory,
  now: Date,
  creditedBefore: boolean,
): Promise<void> {
  const occasion: CreditOccasion = { kind: 'advisory', advisory };
  const settings = await deps.orgs.get(advisory.org).catch(() => null);
  const config = settings?.config.ok === true ? settings.config.config : defaultConfig();
  const tally = deadlineTally(deps.metrics ?? noMetrics);
  const saved = await saveTriageRetrying(deps.store, found.reportId, tally.watch(async (triage) => {
    const comment = creditedBefore ? publishedAfterCreditComment(triage, advisory) : creditComment(triage, occasion);
    const messages = [
      {
        reportId: triage.reportId,
        kind: 'published',
        body: researcherMessage({ kind: 'published', params: { url: advisory.url, cve: advisory.cveId ?? '' } }, triage.language, config),
        at: now,
      },
    ];
    const mails = await mailJobsFor(deps.store, triage, messages, now);
    return {
      reportId: triage.reportId,
      expectedVersion: triage.version,
      fields: {
        ...triageFieldsOf(triage),
        status: 'published',
        sla: triage.sla.resolutionMetAt === null ? { ...triage.sla, resolutionMetAt: now } : triage.sla,
        // Retention of contact details counts from publication, the report's true end.
        closedAt: now,
        nextCheckAt: null,
      },
      events: [
        { reportId: triage.reportId, type: 'published', at: now, data: { ghsaId: advisory.ghsaId, cveId: advisory.cveId } },
        ...(triage.sla.resolutionMetAt === null ? [{ reportId: triage.reportId, type: 'resolved', at: now }] : []),
        ...(creditedBefore ? [] : [creditedEvent(triage.reportId, occasion, now)]),
      ],
      jobs: [
        issueUpdateJob(
          `published:${advisory.ghsaId}`,
          triage.org,
          {
            reportId: triage.reportId,
            repo: triage.repo,
            issueNumber: triage.issueNumber,
            addLabels: ['status:published'],
            removeLabels: [...TRIAGE_STATUSES.filter((s) => s !== 'published').map((s) => `status:${s}`), 'advisory:draft', 'sla:overdue', 'sla:paused'],
            syncDeadlines: true,
            comment,
            issueState: { state: 'closed', reason: 'completed' },
          },
          now,
        ),
        ...mails,
      ],
      messages,
    };
  }));
  if (saved === 'saved') tally.saved();
}
