import { REPORT_ID } from '../report/ids.js';

/*
 * Hidden HTML comments in the tracking issue body. GitHub does not render them, so staff
 * never see them, but the app can find them again: the report id is the idempotency key
 * (rule "one tracking issue per report"), and the deadlines section is edited in place later.
 *
 * Untrusted text cannot forge these: every neutraliser in src/report/neutralise.ts
 * guarantees that `<!--` never appears in its output.
 */

const MARKER = /<!-- disclosure-desk:report-id=(DD-[0-9A-HJKMNP-TV-Z]{12}) -->/g;

/** Opens the deadlines section; a later issue replaces everything up to DEADLINES_END. */
export const DEADLINES_START = '<!-- disclosure-desk:deadlines:start -->';
/** Closes the deadlines section. */
export const DEADLINES_END = '<!-- disclosure-desk:deadlines:end -->';

/** The hidden marker that ties an issue to its report, e.g. `<!-- disclosure-desk:report-id=DD-… -->`. */
export function reportMarker(id: string): string {
  // The id ends up inside an HTML comment: only a well-formed id may go there.
  if (!REPORT_ID.test(id)) throw new RangeError('not a report id');
  return `<!-- disclosure-desk:report-id=${id} -->`;
}

/**
 * The report id in an issue body, or null when there is none, or when markers disagree
 * (an edited body we cannot trust to point at one report).
 */
export function findReportId(body: string): string | null {
  const ids = new Set(Array.from(body.matchAll(MARKER), (match) => match[1]));
  if (ids.size !== 1) return null;
  const [id] = ids;
  return id ?? null;
}

/** Wraps a rendered deadlines section in its start and end markers. */
export function wrapDeadlines(section: string): string {
  return `${DEADLINES_START}\n${section.trim()}\n${DEADLINES_END}`;
}

/** Marks the n-th continuation comment of a report, so a retry posts only the missing ones. */
export function continuationMarker(id: string, index: number): string {
  return `<!-- disclosure-desk:continuation=${id}:${index} -->`;
}

/** Marks the triage notes at the end of the tracking issue body (scope, known issues, duplicates); earlier versions posted them as a comment. */
export function triageNotesMarker(id: string): string {
  return `<!-- disclosure-desk:triage-notes=${id} -->`;
}
