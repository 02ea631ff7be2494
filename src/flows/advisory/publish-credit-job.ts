import type { Clock } from '../../clock/clock.js';
import type { OrgDirectory } from '../org-directory.js';
import { planCreditRecord } from '../../issue-text/credit-record.js';
import { researcherFor, type HallOfFameEntry } from '../../issue-text/hall-of-fame.js';
import type { Logger } from '../../log.js';
import { researcherMessage } from '../../researcher/message-text.js';
import type { Job, Store } from '../../store/store.js';
import type { CreditRecord, TriageRecord } from '../../store/triage-records.js';
import { TRIAGE_STATUSES } from '../../triage/triage-status.js';
import { defaultConfig } from '../../config/parse-config.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import { mailJobsFor } from '../researcher/queue-message-mail.js';
import { saveTriageRetrying, triageFieldsOf } from '../../store/save-triage.js';
import type { JobHandler, JobOutcome } from '../../jobs/worker.js';
import { newJob } from '../../jobs/new-job.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { PublishedAdvisory } from '../../jobs/published-advisory.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { deadlineTally } from '../../metrics/sla-outcomes.js';

export type { PublishedAdvisory } from '../../jobs/published-advisory.js';

/** Credit types that name the people who found or reported the problem (not the fixers). */
const RESEARCHER_CREDITS = new Set(['finder', 'reporter', 'analyst', 'other']);

/** One job per advisory: a redelivered `published` webhook records nothing twice. */
export function publishCreditJob(advisory: PublishedAdvisory, now: Date) {
  return newJob('publish-credit', advisory, { key: `publish:${advisory.ghsaId}`, org: advisory.org, runAfter: now });
}

/**
 * On publication: records who is credited and how (the researcher's own choice when the
 * report came through us, else the advisory's credits), posts the credit record on the
 * tracking issue, marks it `status:published` and closes it, and queues the hall of fame.
 */
export function publishCreditJobHandler(deps: { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; metrics?: Metrics }): JobHandler {
  return async (job: Job): Promise<JobOutcome> => {
    const advisory = parsePayload('publish-credit', job);
    const triage = await deps.store.findTriageByGhsa(advisory.ghsaId);
    if (triage === null) {
      // A private report still waiting to be filed: credit it once its issue exists.
      const waiting = await deps.store.findReportByGhsa(advisory.ghsaId);
      if (waiting !== null && waiting.status !== 'filed') return { kind: 'later', afterMs: 60_000, reason: 'the report of this advisory is not filed yet' };
    }
    const now = deps.clock();
    const record: CreditRecord = {
      ghsaId: advisory.ghsaId,
      org: advisory.org,
      reportId: triage?.reportId ?? null,
      advisoryUrl: advisory.url,
      cveId: advisory.cveId,
      summary: advisory.summary,
      publishedAt: new Date(advisory.publishedAt),
      researchers: researchersOf(triage, advisory),
      reward: triage?.reward === null || triage === null ? null : { amount: triage.reward.amount, currency: triage.reward.currency },
    };
    await deps.store.saveCreditRecord(record);
    if (triage !== null) await closeTrackingIssue(deps, triage, advisory, now);
    await deps.store.enqueue(newJob('hall-of-fame', {}, { key: `hall-of-fame:${advisory.ghsaId}`, org: advisory.org, runAfter: now }));
    deps.log.info({ ghsaId: advisory.ghsaId, reportId: triage?.reportId ?? null }, 'advisory published: credit recorded');
    return { kind: 'done' };
  };
}

function researchersOf(triage: TriageRecord | null, advisory: PublishedAdvisory): HallOfFameEntry['researchers'] {
  if (triage?.researcher != null) {
    const { credit, name, github } = triage.researcher;
    const researcher = researcherFor(credit, name, github);
    return researcher === null ? [] : [researcher];
  }
  const logins = advisory.credits.filter((c) => RESEARCHER_CREDITS.has(c.type)).map((c) => c.login);
  return [...new Set(logins)].map((login) => ({ display: login, kind: 'login' as const }));
}

/** The credit record comment, `status:published`, closed; one atomic triage change. */
async function closeTrackingIssue(
  deps: { store: Store; orgs: OrgDirectory; metrics?: Metrics },
  found: TriageRecord,
  advisory: PublishedAdvisory,
  now: Date,
): Promise<void> {
  const settings = await deps.orgs.get(advisory.org).catch(() => null);
  const config = settings?.config.ok === true ? settings.config.config : defaultConfig();
  const tally = deadlineTally(deps.metrics ?? noMetrics);
  const saved = await saveTriageRetrying(deps.store, found.reportId, tally.watch(async (triage) => {
    const comment = planCreditRecord(triage.trackingLanguage, {
      ghsaId: advisory.ghsaId,
      advisoryUrl: advisory.url,
      cveId: advisory.cveId,
      summary: advisory.summary,
      publishedAt: new Date(advisory.publishedAt),
      receivedAt: triage.sla.receivedAt,
      timeZone: triage.timeZone,
      credit: triage.researcher === null ? null : { preference: triage.researcher.credit, name: triage.researcher.name, login: triage.researcher.github },
      advisoryCredits: advisory.credits,
      reward: triage.reward,
    });
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
