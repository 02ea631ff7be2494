import type { Severity } from './severity.js';

/** The slash commands staff type in a tracking issue's comments, without the leading `/`. */
export const COMMAND_NAMES = [
  'severity',
  'scope',
  'duplicate',
  'known',
  'needs-info',
  'info-received',
  'accept',
  'reject',
  'fix-by',
  'resolved',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A calendar date as staff typed it (no time zone: deadline maths happens in `clock/`). */
export interface CalendarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31, always a real day of `month`. */
  day: number;
}

/**
 * What `/severity` sets: a qualitative level, or a `CVSS:` vector string. The vector is
 * kept verbatim; it is validated and scored elsewhere (`cvss.ts`).
 */
export type SeverityRating = { kind: 'level'; level: Severity } | { kind: 'vector'; vector: string };

/** `/scope in`, or `/scope out <category-id>` naming the out-of-scope category from the policy. */
export type ScopeVerdict = { inScope: true } | { inScope: false; categoryId: string };

/** A repository named as `owner/repo`. */
export interface RepositoryName {
  owner: string;
  repo: string;
}

/** One well-formed triage command with typed arguments, discriminated on `name`. */
export type Command =
  | { name: 'severity'; rating: SeverityRating }
  | { name: 'scope'; verdict: ScopeVerdict }
  | { name: 'duplicate'; issueNumber: number }
  | { name: 'known'; id: string }
  | { name: 'needs-info'; question: string }
  | { name: 'info-received' }
  /** `repository` is the affected repository for the draft advisory; null means "use the default". */
  | { name: 'accept'; repository: RepositoryName | null }
  | { name: 'reject'; reason: string }
  | { name: 'fix-by'; date: CalendarDate }
  | { name: 'resolved' };

/**
 * One command line found in a comment. A known command with bad arguments, or an unknown
 * `/word`, is an error item, so the caller can reply with `usage`.
 */
export type ParsedLine =
  | { ok: true; command: Command }
  | { ok: false; name: string; usage: string; error: string };

/** The usage line shown when a command's arguments are wrong. */
export const COMMAND_USAGE = {
  severity: 'usage: /severity <none|low|medium|high|critical|CVSS:vector>',
  scope: 'usage: /scope in | /scope out <category-id>',
  duplicate: 'usage: /duplicate #<issue-number>',
  known: 'usage: /known <id>',
  'needs-info': 'usage: /needs-info <question>',
  'info-received': 'usage: /info-received',
  accept: 'usage: /accept [owner/repo]',
  reject: 'usage: /reject <reason>',
  'fix-by': 'usage: /fix-by YYYY-MM-DD',
  resolved: 'usage: /resolved',
} as const satisfies Record<CommandName, string>;

/** The usage shown for an unknown command: every command there is. */
export const UNKNOWN_COMMAND_USAGE = `usage: one of ${COMMAND_NAMES.map((name) => `/${name}`).join(', ')}`;
