/**
 * Where a report is in triage. Shown as the `status:*` label; `published` is set by the
 * advisory flow later. Moves new → triaged → accepted | rejected | duplicate | known → resolved.
 */
export const TRIAGE_STATUSES = ['new', 'triaged', 'accepted', 'rejected', 'duplicate', 'known', 'resolved', 'published'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Statuses that close the tracking issue: the SLA clock stops for them. */
export const CLOSING_STATUSES: ReadonlySet<TriageStatus> = new Set(['rejected', 'duplicate', 'known', 'resolved', 'published']);
