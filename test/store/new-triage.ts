import type { NewJob } from '../../src/store/store.js';
import type { FilingFacts, TriageChange, TriageFields, TriageRecord } from '../../src/store/triage-records.js';
import { T0, later } from './new-report.js';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Builds FilingFacts with every field set to a non-default value; override what the test is about. */
export function aFilingFacts(overrides: Partial<FilingFacts> = {}): FilingFacts {
  return {
    repo: 'security',
    assetKeys: ['domain:acme.example', 'repo:acme/web'],
    fingerprint: ['a1b2c3', 'd4e5f6'],
    remindLeadMs: 4 * 3_600_000,
    overdueTeam: 'sec-team',
    timeZone: 'Europe/Amsterdam',
    trackingLanguage: 'nl',
    nextCheckAt: later(T0, DAY),
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    resolutionDue: later(T0, 30 * DAY),
    researcher: { name: 'Ada', github: 'ada-l', email: 'ada@example.org', phone: null, credit: 'pseudonym' },
    ...overrides,
  };
}

/** The fields of a triage record, as a change would start from them. */
export function fieldsOf(triage: TriageRecord): TriageFields {
  const { status, severity, cvssVector, sla, fixBy, acceptedRepository, closedAt, nextCheckAt, cweIds, packages, reward } = triage;
  return { status, severity, cvssVector, sla: { ...sla }, fixBy, acceptedRepository, closedAt, nextCheckAt, cweIds, packages, reward };
}

/** An issue-update job; override the key per test. */
export function anIssueUpdateJob(overrides: Partial<NewJob> = {}): NewJob {
  return { key: 'triage:1', kind: 'issue-update', org: 'acme', payload: '{"comment":null}', runAfter: T0, ...overrides };
}

/** A change of `triage` that keeps its fields, with no events, jobs or messages; override what the test is about. */
export function aTriageChange(triage: TriageRecord, overrides: Partial<TriageChange> = {}): TriageChange {
  return {
    reportId: triage.reportId,
    expectedVersion: triage.version,
    fields: fieldsOf(triage),
    events: [],
    jobs: [],
    messages: [],
    ...overrides,
  };
}
