import { planCreditRecord, planPublishedAfterCredit, planResolvedCreditRecord } from '../../issue-text/credit-record.js';
import { noAdvisoryCreditKey, researcherFor, type HallOfFameEntry } from '../../issue-text/hall-of-fame.js';
import type { NewJob, ReportEvent, Store } from '../../store/store.js';
import type { CreditRecord, TriageRecord } from '../../store/triage-records.js';
import { newJob } from '../../jobs/new-job.js';
import type { PublishedAdvisory } from '../../jobs/published-advisory.js';

/**
 * Credit, whichever event gives it. A researcher is credited once per report, as they chose
 * at intake (by name, pseudonym, their GitHub login, or not at all), with the reward staff
 * decided (`/reward`):
 *
 * - a report with a GitHub advisory is credited when the advisory is published;
 * - a report resolved (`/resolved`) without one is credited then (a web service's fix ships
 *   without an advisory);
 * - whichever came first holds: an advisory published after the report was credited on
 *   `/resolved` closes the issue as published but records no second credit, and a
 *   `/resolved` after the advisory's credit (or while a draft advisory exists) credits
 *   nothing. Reports closed any other way are not credited.
 *
 * Both paths record the same three things: the credit in the store (the hall of fame's
 * source; keyed by the GHSA id, or noAdvisoryCreditKey), the credit record comment on the
 * tracking issue (`credited` event in the same triage change), and the hall-of-fame job.
 */
export type CreditOccasion = { kind: 'advisory'; advisory: PublishedAdvisory } | { kind: 'resolved'; org: string; reportId: string; at: Date };

/** The event committed with the credit record comment: this report's credit is recorded. */
export const CREDITED_EVENT = 'credited';

/** Credit types that name the people who found or reported the problem (not the fixers). */
const RESEARCHER_CREDITS = new Set(['finder', 'reporter', 'analyst', 'other']);

/** The key the credit is recorded under, in the store and in job keys. */
export function creditKeyOf(occasion: CreditOccasion): string {
  return occasion.kind === 'advisory' ? occasion.advisory.ghsaId : noAdvisoryCreditKey(occasion.reportId);
}

/**
 * Who is credited in public: the researcher's own choice when the report came through us
 * (nobody when they chose to stay anonymous), else the advisory's researcher credits.
 */
export function researchersOf(triage: TriageRecord | null, occasion: CreditOccasion): HallOfFameEntry['researchers'] {
  if (triage?.researcher != null) {
    const { credit, name, github } = triage.researcher;
    const researcher = researcherFor(credit, name, github);
    return researcher === null ? [] : [researcher];
  }
  if (occasion.kind === 'resolved') return [];
  const logins = occasion.advisory.credits.filter((c) => RESEARCHER_CREDITS.has(c.type)).map((c) => c.login);
  return [...new Set(logins)].map((login) => ({ display: login, kind: 'login' as const }));
}

/** The credit as the store keeps it: one hall-of-fame entry (a report without an advisory has no link, CVE or summary). */
export function storedCreditOf(triage: TriageRecord | null, occasion: CreditOccasion): CreditRecord {
  const reward = triage?.reward == null ? null : { amount: triage.reward.amount, currency: triage.reward.currency };
  const researchers = researchersOf(triage, occasion);
  if (occasion.kind === 'resolved') {
    return { ghsaId: creditKeyOf(occasion), org: occasion.org, reportId: occasion.reportId, advisoryUrl: '', cveId: null, summary: '', publishedAt: occasion.at, researchers, reward };
  }
  const { advisory } = occasion;
  return {
    ghsaId: advisory.ghsaId,
    org: advisory.org,
    reportId: triage?.reportId ?? null,
    advisoryUrl: advisory.url,
    cveId: advisory.cveId,
    summary: advisory.summary,
    publishedAt: new Date(advisory.publishedAt),
    researchers,
    reward,
  };
}

/**
 * Whether a credit without an advisory adds an entry to the hall of fame: only when someone
 * is named (a published advisory is listed even when its researcher stays anonymous).
 */
export function listedInHallOfFame(record: CreditRecord, occasion: CreditOccasion): boolean {
  return occasion.kind === 'advisory' || record.researchers.length > 0;
}

/** The credit record comment for the tracking issue, in its language; the same choice, account and reward rows either way. */
export function creditComment(triage: TriageRecord, occasion: CreditOccasion): string {
  const credit = triage.researcher === null ? null : { preference: triage.researcher.credit, name: triage.researcher.name, login: triage.researcher.github };
  const common = { receivedAt: triage.sla.receivedAt, timeZone: triage.timeZone, credit, reward: triage.reward };
  if (occasion.kind === 'resolved') return planResolvedCreditRecord(triage.trackingLanguage, { reportId: triage.reportId, resolvedAt: occasion.at, ...common });
  const { advisory } = occasion;
  return planCreditRecord(triage.trackingLanguage, {
    ghsaId: advisory.ghsaId,
    advisoryUrl: advisory.url,
    cveId: advisory.cveId,
    summary: advisory.summary,
    publishedAt: new Date(advisory.publishedAt),
    advisoryCredits: advisory.credits,
    ...common,
  });
}

/** What publication says instead of a second credit record, when `/resolved` credited first. */
export function publishedAfterCreditComment(triage: TriageRecord, advisory: PublishedAdvisory): string {
  return planPublishedAfterCredit(triage.trackingLanguage, { ghsaId: advisory.ghsaId, advisoryUrl: advisory.url, cveId: advisory.cveId });
}

export function creditedEvent(reportId: string, occasion: CreditOccasion, at: Date): ReportEvent {
  return { reportId, type: CREDITED_EVENT, at, data: { key: creditKeyOf(occasion), via: occasion.kind } };
}

/** Rewrites the hall of fame once per credit (the job renders the whole file from the store). */
export function hallOfFameJob(org: string, occasion: CreditOccasion, now: Date): NewJob {
  return newJob('hall-of-fame', {}, { key: `hall-of-fame:${creditKeyOf(occasion)}`, org, runAfter: now });
}

/**
 * How far a report's credit got, as the store tells it (it survives restarts and lost
 * answers). `recorded`: the credit record comment of `occasion` was committed (its
 * `credited` event); `stored`: only its stored credit exists (the job stopped between the
 * two steps: finish it); `elsewhere`: the other path credited this report, or began to;
 * `none`: nothing yet.
 */
export type CreditProgress = 'none' | 'stored' | 'recorded' | 'elsewhere';

export async function creditProgress(store: Store, triage: TriageRecord, occasion: CreditOccasion): Promise<CreditProgress> {
  const key = creditKeyOf(occasion);
  const credited = (await store.listEvents(triage.reportId)).filter((event) => event.type === CREDITED_EVENT);
  if (credited.some((event) => event.data?.key !== key)) return 'elsewhere';
  if (credited.length > 0) return 'recorded';
  const stored = (await store.listCreditRecords(triage.org)).filter((record) => record.reportId === triage.reportId);
  if (stored.some((record) => record.ghsaId !== key)) return 'elsewhere';
  return stored.length > 0 ? 'stored' : 'none';
}
