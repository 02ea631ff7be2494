import { describe, expect, it } from 'vitest';
import { BadJobPayloadError } from '../../src/jobs/bad-job-payload-error.js';
import type { JobPayload } from '../../src/jobs/job-payloads.js';
import { newJob } from '../../src/jobs/new-job.js';
import { parseJob, parsePayload } from '../../src/jobs/parse-job.js';
import { createAdvisoryJob, updateAdvisoryJob } from '../../src/flows/advisory/queue-advisory-jobs.js';
import { issueUpdateJob } from '../../src/flows/triage/queue-issue-update.js';
import { publishCreditJob } from '../../src/flows/advisory/publish-credit-job.js';
import { newSendMailJob } from '../../src/flows/researcher/send-mail-job.js';
import type { JobKind, NewJob } from '../../src/store/store.js';
import type { TriageRecord } from '../../src/store/triage-records.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const SECRET = 'Stored XSS in the admin panel';

/** One valid payload of every kind, the optional fields set. */
const PAYLOADS: { [K in JobKind]: JobPayload<K> } = {
  'file-report': { reportId: 'DD-000000000001' },
  'triage-comment': { org: 'acme', repo: 'security-reports', issueNumber: 7, commentId: 1001, body: '/severity high', author: 'alice', authorIsBot: false, reportId: 'DD-000000000001' },
  'issue-update': {
    reportId: 'DD-000000000001',
    repo: 'security-reports',
    issueNumber: 7,
    addLabels: ['status:accepted'],
    removeLabels: ['status:new'],
    syncDeadlines: true,
    comment: 'Accepted.',
    issueState: { state: 'closed', reason: 'not_planned' },
  },
  'create-advisory': { reportId: 'DD-000000000001', owner: 'acme', repo: 'widget', by: 'alice' },
  'update-advisory': { reportId: 'DD-000000000001' },
  'publish-credit': { org: 'acme', ghsaId: 'GHSA-abcd-efgh-ijkl', url: 'https://github.com/acme/widget/security/advisories/GHSA-abcd-efgh-ijkl', cveId: null, summary: 'XSS', publishedAt: NOW.getTime(), credits: [{ login: 'rita', type: 'finder' }] },
  'hall-of-fame': {},
  'org-alert': { org: 'acme' },
  'sla-dashboard': { org: 'acme' },
  'overdue-digest': { org: 'acme', repo: 'security-reports', marker: '<!-- disclosure-desk:overdue-digest=sla-digest:acme:0123abcd -->', title: 'Overdue backlog: 4 deadlines passed', body: 'The backlog.', since: '2026-03-10T08:00:00.000Z' },
  'config-check': { org: 'acme', repo: '.github', sha: '0123456789abcdef0123456789abcdef01234567' },
  'send-mail': { reportId: 'DD-000000000001', messageIndex: 0, kind: 'acknowledgement', body: 'We received your report.', language: 'en', statusUrl: null, inReplyTo: '<a@b>' },
};
const KINDS = Object.keys(PAYLOADS) as JobKind[];

function stored(job: NewJob) {
  return { kind: job.kind, key: job.key, payload: job.payload };
}

describe('newJob and parseJob', () => {
  it.each(KINDS)('round-trips a %s job', (kind) => {
    const job = newJob(kind, PAYLOADS[kind], { key: `${kind}:1`, org: 'acme', runAfter: NOW });

    const parsed = parseJob(stored(job));

    expect(job).toEqual({ key: `${kind}:1`, kind, org: 'acme', payload: JSON.stringify(PAYLOADS[kind]), runAfter: NOW });
    expect(parsed).toEqual({ kind, payload: PAYLOADS[kind] });
  });

  it('keeps a priority given and leaves it out otherwise', () => {
    const bulk = newJob('issue-update', PAYLOADS['issue-update'], { key: 'sla:1', org: 'acme', runAfter: NOW, priority: 'bulk' });

    const byKind = newJob('issue-update', PAYLOADS['issue-update'], { key: 'comment:1', org: 'acme', runAfter: NOW });

    expect(bulk.priority).toBe('bulk');
    expect('priority' in byKind).toBe(false);
  });

  it('parses what the builders of the current version write, so jobs queued before the change still run', () => {
    const triage = { reportId: 'DD-000000000001', org: 'acme' } as TriageRecord;
    const jobs: NewJob[] = [
      issueUpdateJob('comment:1', 'acme', { ...PAYLOADS['issue-update'], reportId: null, comment: null, issueState: { state: 'open' } }, NOW),
      issueUpdateJob('comment:2', 'acme', { ...PAYLOADS['issue-update'], issueState: null }, NOW),
      createAdvisoryJob(triage, { owner: 'acme', repo: 'widget' }, 1, NOW),
      createAdvisoryJob(triage, { owner: 'acme', repo: 'widget' }, 2, NOW, 'alice'),
      updateAdvisoryJob(triage, 3, NOW),
      publishCreditJob(PAYLOADS['publish-credit'], NOW),
      newSendMailJob('acme', { ...PAYLOADS['send-mail'], inReplyTo: undefined }, NOW),
      // As the store writes them today (acceptReport; publish-credit's hall-of-fame job) and
      // as queue-command-comment did before reportId was kept.
      { key: 'file-report:DD-000000000001', kind: 'file-report', org: 'acme', payload: JSON.stringify({ reportId: 'DD-000000000001' }), runAfter: NOW },
      { key: 'hall-of-fame:GHSA-1', kind: 'hall-of-fame', org: 'acme', payload: '{}', runAfter: NOW },
      { key: 'triage-comment:9', kind: 'triage-comment', org: 'acme', payload: JSON.stringify({ ...PAYLOADS['triage-comment'], reportId: undefined }), runAfter: NOW },
    ];

    const kinds = jobs.map((job) => parseJob(stored(job)).kind);

    expect(kinds).toEqual(jobs.map((job) => job.kind));
  });

  it('keeps the keys the builders used before', () => {
    const triage = { reportId: 'DD-000000000001', org: 'acme' } as TriageRecord;

    const keys = [
      createAdvisoryJob(triage, { owner: 'acme', repo: 'widget' }, 5, NOW).key,
      updateAdvisoryJob(triage, 5, NOW).key,
      publishCreditJob(PAYLOADS['publish-credit'], NOW).key,
      newSendMailJob('acme', { ...PAYLOADS['send-mail'], messageIndex: 2 }, NOW).key,
    ];

    expect(keys).toEqual(['advisory:5', 'advisory-update:5', 'publish:GHSA-abcd-efgh-ijkl', 'send-mail:DD-000000000001:2']);
  });

  it.each(KINDS)('refuses a %s payload with an unknown key, naming the key but not its value', (kind) => {
    const payload = JSON.stringify({ ...PAYLOADS[kind], note: SECRET });

    const error = catchError(() => parseJob({ kind, key: `${kind}:1`, payload }));

    expect(error).toBeInstanceOf(BadJobPayloadError);
    expect(error).toMatchObject({ name: 'BadJobPayloadError', kind, key: `${kind}:1`, paths: ['note'] });
    expect(error?.message).not.toContain(SECRET);
  });

  it('names the path of a wrong value without quoting it', () => {
    const payload = JSON.stringify({ ...PAYLOADS['issue-update'], comment: 7, issueState: { state: 'closed', reason: SECRET } });

    const error = catchError(() => parsePayload('issue-update', { key: 'comment:1', payload }));

    expect(error?.paths).toEqual(['comment', 'issueState.reason']);
    expect(error?.message).toBe('issue-update job payload does not match its schema (job comment:1): comment, issueState.reason');
  });

  it('refuses a triage comment that kept the issue body (report text is never stored in a job)', () => {
    const payload = JSON.stringify({ ...PAYLOADS['triage-comment'], issueBody: SECRET });

    const error = catchError(() => parsePayload('triage-comment', { payload }));

    expect(error?.paths).toEqual(['issueBody']);
    expect(error?.key).toBeNull();
  });

  it('refuses a payload that is not JSON without quoting it', () => {
    const error = catchError(() => parseJob({ kind: 'file-report', key: 'file-report:x', payload: `{${SECRET}` }));

    expect(error?.paths).toEqual(['(payload): not JSON']);
    expect(error?.message).not.toContain(SECRET);
    expect(error?.cause).toBeUndefined();
  });

  it('refuses a payload that is not an object', () => {
    const error = catchError(() => parseJob({ kind: 'hall-of-fame', key: 'hall-of-fame:x', payload: '[]' }));

    expect(error?.paths).toEqual(['(payload)']);
  });
});

function catchError(run: () => unknown): BadJobPayloadError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof BadJobPayloadError) return error;
    throw error;
  }
}
