import { createHash } from 'node:crypto';
import type { DueNotice, SentNotice } from '../../clock/sla-state.js';
import { newJob } from '../../jobs/new-job.js';
import { digestMarker, type DigestEntry, planOverdueDigest } from '../../issue-text/plan-overdue-digest.js';
import type { NewJob } from '../../store/store.js';
import type { SlaDueReport } from '../../store/triage-records.js';

/**
 * The rule: an overdue notice is part of a backlog when its deadline passed more than
 * STALE_MS before the sweep (the app was down, or the sweep could not run); when one sweep
 * batch finds more than DIGEST_THRESHOLD of them for one tracking repository, they are listed
 * in one digest issue instead of one comment per report. Fewer, or fresh ones, are posted as usual.
 */
export const STALE_MS = 60 * 60_000;
export const DIGEST_THRESHOLD = 3;

/** The key of one digested notice, as the sweep looks it up. */
export function digestedKey(reportId: string, deadline: string): string {
  return `${reportId}:${deadline}`;
}

/** Which overdue notices of a sweep batch go into digests, and the digest jobs. Pure. */
export function overdueBacklog(
  found: ReadonlyArray<{ triage: SlaDueReport; sent: readonly SentNotice[]; notices: readonly DueNotice[] }>,
  now: Date,
  threshold = DIGEST_THRESHOLD,
): { digests: Array<{ job: NewJob; entries: DigestEntry[] }>; digested: Set<string> } {
  const byRepo = new Map<string, { triage: SlaDueReport; items: Array<{ reportId: string } & DigestEntry> }>();
  for (const { triage, notices } of found) {
    for (const notice of notices) {
      if (notice.stage !== 'overdue' || now.getTime() - (notice.due.getTime() + 1) <= STALE_MS) continue;
      const key = `${triage.org.toLowerCase()}/${triage.repo.toLowerCase()}`;
      const group = byRepo.get(key) ?? { triage, items: [] };
      group.items.push({ reportId: triage.reportId, issueNumber: triage.issueNumber, deadline: notice.deadline, due: notice.due });
      byRepo.set(key, group);
    }
  }
  const digests: Array<{ job: NewJob; entries: DigestEntry[] }> = [];
  const digested = new Set<string>();
  for (const { triage, items } of byRepo.values()) {
    if (items.length <= threshold) continue;
    // Keyed by what it lists: the same backlog found again (a crash before its notices were recorded) is the same job.
    const ids = items.map((i) => digestedKey(i.reportId, i.deadline)).sort();
    const hash = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 24);
    const key = `sla-digest:${triage.org.toLowerCase()}:${hash}`;
    const marker = digestMarker(key);
    const { title, body } = planOverdueDigest({ org: triage.org, language: triage.trackingLanguage, timeZone: triage.timeZone, overdueTeam: triage.overdueTeam }, items, marker);
    const job = newJob('overdue-digest', { org: triage.org, repo: triage.repo, marker, title, body, since: new Date(now.getTime() - 60_000).toISOString() }, { key, org: triage.org, runAfter: now, priority: 'bulk' });
    digests.push({ job, entries: items.map(({ issueNumber, deadline, due }) => ({ issueNumber, deadline, due })) });
    for (const id of ids) digested.add(id);
  }
  return { digests, digested };
}
