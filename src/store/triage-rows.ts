import type { Selectable } from 'kysely';
import type { ReportsTable } from './schema.js';
import type { ResearcherFacts, RewardDecision, TriageFields, TriageRecord } from './triage-records.js';
import type { AdvisoryVulnerability } from '../ports/github.js';
import { toDate, toDateOrNull } from './rows.js';

/** Space-separated lists (asset keys, word hashes) hold no spaces themselves. */
export function splitList(text: string | null): string[] {
  return text === null || text === '' ? [] : text.split(' ');
}

export function joinList(items: readonly string[]): string {
  return items.join(' ');
}

/** A filed report row as a TriageRecord; null for a report that is not filed yet. */
export function toTriageRecord(row: Selectable<ReportsTable>, decrypt: (stored: string) => string = (s) => s): TriageRecord | null {
  if (row.status !== 'filed' || row.issue_number === null || row.issue_url === null) return null;
  return {
    reportId: row.id,
    org: row.org,
    language: row.language,
    repo: row.issue_repo ?? repoOfIssueUrl(row.issue_url),
    issueNumber: row.issue_number,
    issueUrl: row.issue_url,
    status: row.triage_status,
    severity: row.severity,
    cvssVector: row.cvss_vector,
    sla: {
      receivedAt: toDate(row.received_at),
      receiptDue: toDate(row.receipt_due),
      assessmentDue: toDate(row.assessment_due),
      resolutionDue: toDateOrNull(row.resolution_due),
      receiptMetAt: toDateOrNull(row.receipt_met_at),
      assessmentMetAt: toDateOrNull(row.assessment_met_at),
      resolutionMetAt: toDateOrNull(row.resolution_met_at),
      pausedAt: toDateOrNull(row.paused_at),
      pausedCalendarDays: row.paused_calendar_days,
    },
    fixBy: row.fix_by,
    acceptedRepository: row.accepted_repository,
    closedAt: toDateOrNull(row.closed_at),
    assetKeys: splitList(row.asset_keys),
    fingerprint: splitList(row.fingerprint),
    remindLeadMs: row.remind_lead_ms ?? 0,
    overdueTeam: row.overdue_team,
    timeZone: row.sla_time_zone ?? 'UTC',
    trackingLanguage: row.tracking_language ?? 'en',
    nextCheckAt: toDateOrNull(row.next_check_at),
    researcher: row.researcher === null ? null : (JSON.parse(decrypt(row.researcher)) as ResearcherFacts),
    ghsaId: row.ghsa_id,
    advisoryRepo: row.advisory_repo,
    advisoryUrl: row.advisory_url,
    cweIds: splitList(row.cwe_ids),
    packages: row.packages === null ? [] : (JSON.parse(row.packages) as AdvisoryVulnerability[]),
    reward: row.reward === null ? null : (JSON.parse(row.reward) as RewardDecision),
    version: row.triage_version,
  };
}

/** The columns a TriageFields update writes. */
export function triageColumns(fields: TriageFields) {
  const ms = (date: Date | null) => (date === null ? null : date.getTime());
  return {
    triage_status: fields.status,
    severity: fields.severity,
    cvss_vector: fields.cvssVector,
    receipt_due: fields.sla.receiptDue.getTime(),
    assessment_due: fields.sla.assessmentDue.getTime(),
    resolution_due: ms(fields.sla.resolutionDue),
    receipt_met_at: ms(fields.sla.receiptMetAt),
    assessment_met_at: ms(fields.sla.assessmentMetAt),
    resolution_met_at: ms(fields.sla.resolutionMetAt),
    paused_at: ms(fields.sla.pausedAt),
    paused_calendar_days: fields.sla.pausedCalendarDays,
    fix_by: fields.fixBy,
    accepted_repository: fields.acceptedRepository,
    closed_at: ms(fields.closedAt),
    next_check_at: ms(fields.nextCheckAt),
    cwe_ids: joinList(fields.cweIds),
    packages: JSON.stringify(fields.packages),
    reward: fields.reward === null ? null : JSON.stringify(fields.reward),
  };
}

/** Reports filed before migration 0002 have no issue_repo; their URL names it. */
function repoOfIssueUrl(url: string): string {
  const match = /\/([^/]+)\/issues\/\d+$/.exec(url);
  return match?.[1] ?? '';
}
