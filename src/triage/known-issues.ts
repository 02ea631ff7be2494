import type { KnownIssue } from '../config/schema.js';
import { extractAssets, type Asset } from './asset.js';
import { assetMatches } from './scope.js';

/** A known issue or accepted risk a report may be about, with what made it match, for staff to confirm. */
export interface KnownIssueCandidate {
  id: string;
  title: string;
  /** The configured asset pattern that matched; null when the known issue has no asset matchers. */
  matchedAsset: string | null;
  /** Every configured keyword found in the report, as configured. */
  matchedKeywords: string[];
}

/** The report fields known issues are matched against. */
export interface KnownIssueSubject {
  affected: string;
  title: string;
  description: string;
}

const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const WHITESPACE = /\s+/gu;

/**
 * The known issues a report matches, in configuration order. A known issue matches when
 * every matcher it gives holds: with `assets`, an asset in `affected` matches one of them
 * (same patterns as in-scope assets); with `keywords`, one of them occurs in the title,
 * description or affected text, case-insensitively and as whole words (`xss` does not
 * match inside `xssi`; runs of whitespace in either count as one space).
 */
export function matchKnownIssues(report: KnownIssueSubject, known: readonly KnownIssue[]): KnownIssueCandidate[] {
  const assets = extractAssets(report.affected);
  const text = normalise(`${report.title}\n${report.description}\n${report.affected}`);
  const candidates: KnownIssueCandidate[] = [];
  for (const issue of known) {
    // The schema refuses these; without a matcher it would match every report.
    if (issue.assets.length === 0 && issue.keywords.length === 0) continue;
    const matchedAsset = issue.assets.length === 0 ? null : firstMatchingPattern(assets, issue.assets);
    if (issue.assets.length > 0 && matchedAsset === null) continue;
    const matchedKeywords = issue.keywords.filter((keyword) => containsWord(text, normalise(keyword)));
    if (issue.keywords.length > 0 && matchedKeywords.length === 0) continue;
    candidates.push({ id: issue.id, title: issue.title, matchedAsset, matchedKeywords });
  }
  return candidates;
}

function firstMatchingPattern(assets: readonly Asset[], patterns: readonly string[]): string | null {
  return patterns.find((pattern) => assets.some((asset) => assetMatches(asset, pattern))) ?? null;
}

/** Whether `needle` occurs in `text` without being part of a longer alphanumeric word. */
function containsWord(text: string, needle: string): boolean {
  if (needle === '') return false;
  const guardStart = ALPHANUMERIC.test(needle[0] ?? '');
  const guardEnd = ALPHANUMERIC.test(needle[needle.length - 1] ?? '');
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + needle.length] ?? ' ';
    if ((!guardStart || !ALPHANUMERIC.test(before)) && (!guardEnd || !ALPHANUMERIC.test(after))) return true;
  }
  return false;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WHITESPACE, ' ').trim();
}
