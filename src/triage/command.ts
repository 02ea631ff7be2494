import type { Severity } from '../report/severity.js';
import type { AdvisoryEcosystem } from '../ports/github.js';

/** The package ecosystems GitHub's advisory API takes (`/package`). */
export const ADVISORY_ECOSYSTEMS = [
  'rubygems',
  'npm',
  'pip',
  'maven',
  'nuget',
  'composer',
  'go',
  'rust',
  'erlang',
  'actions',
  'pub',
  'other',
  'swift',
] as const satisfies readonly AdvisoryEcosystem[];

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
  'advisory',
  'cwe',
  'package',
  'reward',
  'reply',
  'verify-fix',
  'disclose-on',
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
  | { name: 'resolved' }
  /** Opens the draft advisory in `repository` (after `/accept`). */
  | { name: 'advisory'; repository: RepositoryName }
  /** CWE ids for the advisory, e.g. `CWE-79`. */
  | { name: 'cwe'; ids: string[] }
  /** An affected package for the advisory. */
  | { name: 'package'; ecosystem: AdvisoryEcosystem; packageName: string; vulnerableRange: string | null; patchedVersions: string | null }
  /** A reward decision: amount in `currency` (ISO 4217), with an optional note. */
  | { name: 'reward'; amount: number; currency: string; note: string | null }
  /** A message to the researcher: the rest of the line and the lines after it, up to the next command. */
  | { name: 'reply'; message: string }
  /** Asks the researcher to verify the fix, with an optional note to them (the rest of the line). */
  | { name: 'verify-fix'; note: string | null }
  /** The publication date agreed with the researcher; null (`/disclose-on none`) withdraws it. */
  | { name: 'disclose-on'; date: CalendarDate | null };

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
  advisory: 'usage: /advisory owner/repo',
  cwe: 'usage: /cwe CWE-79 [CWE-89 ...]',
  package: 'usage: /package <ecosystem> <name> [vulnerable <range>] [patched <versions>]',
  reward: 'usage: /reward <amount> <currency> [note]',
  reply: 'usage: /reply <message> (the lines after it belong to the message)',
  'verify-fix': 'usage: /verify-fix [note to the researcher]',
  'disclose-on': 'usage: /disclose-on YYYY-MM-DD | /disclose-on none',
} as const satisfies Record<CommandName, string>;

/** The usage shown for an unknown command: every command there is. */
export const UNKNOWN_COMMAND_USAGE = `usage: one of ${COMMAND_NAMES.map((name) => `/${name}`).join(', ')}`;
