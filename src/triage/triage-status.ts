/**
 * Where a report is in triage. Shown as the `status:*` label; `published` is set by the
 * advisory flow later. Moves new → triaged → accepted | rejected | duplicate | known → resolved.
 */
export const TRIAGE_STATUSES = ['new', 'triaged', 'accepted', 'rejected', 'duplicate', 'known', 'resolved', 'published'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** Statuses that close the tracking issue: the SLA clock stops for them. */
export const CLOSING_STATUSES: ReadonlySet<TriageStatus> = new Set(['rejected', 'duplicate', 'known', 'resolved', 'published']);

/** Report events after which the tracking issue is gone for the app (deleted, or moved out of reach): jobs for it end instead of writing. */
export const ISSUE_GONE_EVENTS: ReadonlySet<string> = new Set(['issue-deleted', 'issue-left']);
