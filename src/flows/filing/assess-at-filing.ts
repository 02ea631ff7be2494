import { nextCheckAt, resolutionDue } from '../../clock/sla-clock.js';
import type { DisclosureConfig } from '../../config/schema.js';
import type { ReportInput } from '../../report/report.js';
import type { ReportRecord, Store } from '../../store/store.js';
import type { FilingFacts } from '../../store/triage-records.js';
import { extractAssets, assetKey } from '../../triage/asset.js';
import { scoreCvss } from '../../report/cvss.js';
import { matchKnownIssues } from '../../triage/known-issues.js';
import { checkScope } from '../../triage/scope.js';
import { findDuplicateCandidates, textFingerprint } from '../../triage/similarity.js';
import { initialSla } from '../../issue-text/plan-deadlines.js';
import { planTriageNotes } from '../../issue-text/plan-triage-notes.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What filing decides beyond the issue text: extra labels, triage notes, and facts to keep. */
export interface FilingAssessment {
  labels: Array<'scope:unclear'>;
  /** The triage notes that end the issue body (without marker), or null when there is nothing to say. */
  notes: string | null;
  facts: Omit<FilingFacts, 'repo'>;
}

/**
 * Scope, known-issue and duplicate checks, and the first SLA facts, while the report's
 * plaintext is still here: after filing only hashed words and asset keys are kept.
 */
export async function assessAtFiling(
  store: Store,
  report: ReportRecord,
  input: ReportInput,
  config: DisclosureConfig,
  now: Date,
): Promise<FilingAssessment> {
  const text = [input.title, input.description, input.affected ?? ''].join('\n');
  const assetKeys = [...new Set(extractAssets(input.affected ?? '').map(assetKey))];
  const fingerprint = textFingerprint(text);

  const scope = checkScope(input.affected ?? '', config.scope.in_scope);
  const known = matchKnownIssues({ affected: input.affected ?? '', title: input.title, description: input.description }, config.known_issues);
  const since = new Date(now.getTime() - config.triage.duplicate_window_days * DAY_MS);
  const others = (await store.listDuplicateSources(report.org, since)).filter((o) => o.reportId !== report.id);
  const duplicates = findDuplicateCandidates(
    { assetKeys, fingerprint },
    others.map((o) => ({ issueNumber: o.issueNumber, url: o.issueUrl, assetKeys: o.assetKeys, fingerprint: o.fingerprint })),
  );

  const scored = input.cvss === undefined ? null : scoreCvss(input.cvss);
  const severity = scored?.ok === true ? scored.severity : null;
  const sla = initialSla(report.receivedAt, report.receiptDue, report.assessmentDue);
  sla.resolutionDue = severity === null ? null : resolutionDue(report.receivedAt, severity, config.sla, 0);
  const remindLeadMs = config.sla.reminder_lead_hours * HOUR_MS;

  return {
    labels: scope.kind === 'unclear' ? ['scope:unclear'] : [],
    notes: planTriageNotes(config.tracking.language, { scope, known, duplicates }),
    facts: {
      assetKeys,
      fingerprint,
      remindLeadMs,
      overdueTeam: config.sla.overdue_team ?? null,
      timeZone: config.sla.time_zone,
      retentionDays: config.privacy.retention_days,
      trackingLanguage: config.tracking.language,
      nextCheckAt: nextCheckAt(sla, remindLeadMs, []),
      severity,
      cvssVector: scored?.ok === true ? scored.vector : null,
      resolutionDue: sla.resolutionDue,
      researcher: {
        name: input.contact.name ?? null,
        github: input.contact.github ?? null,
        email: input.contact.email ?? null,
        phone: input.contact.phone ?? null,
        pgpKey: input.contact.pgpKey ?? null,
        credit: input.credit ?? 'anonymous',
      },
    },
  };
}
