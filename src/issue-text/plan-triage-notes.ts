import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';
import { neutraliseInline } from '../report/neutralise.js';
import { sanitiseUnicode } from '../report/sanitise-unicode.js';
import type { KnownIssueCandidate } from '../triage/known-issues.js';
import { describeAsset, type ScopeVerdict } from '../triage/scope.js';
import type { DuplicateCandidate } from '../triage/similarity.js';

/** What the app noticed when it filed a report; staff decide. */
export interface TriageFindings {
  scope: ScopeVerdict;
  known: KnownIssueCandidate[];
  duplicates: DuplicateCandidate[];
}

/** Whether the scope verdict calls for the `scope:unclear` label. */
export function scopeUnclear(findings: TriageFindings): boolean {
  return findings.scope.kind === 'unclear';
}

/**
 * The triage-notes comment (without its marker), or null when there is nothing to say.
 * Asset names come from the report and are neutralised; ids and titles come from the
 * config; issue links are ours.
 */
export function planTriageNotes(lang: Language, findings: TriageFindings): string | null {
  const t = catalogue(lang).triage.notes;
  const items: string[] = [];
  const { scope } = findings;
  if (scope.kind === 'unclear') {
    const why =
      scope.reason === 'no-asset' ? t.noAsset : t.noMatch(scope.assets.map((a) => `\`${code(describeAsset(a))}\``).join(', '));
    items.push(t.scope(why));
  }
  for (const candidate of findings.known) {
    const reasons = [
      ...(candidate.matchedAsset === null ? [] : [t.assetMatched(code(candidate.matchedAsset))]),
      ...(candidate.matchedKeywords.length === 0 ? [] : [t.keywords(candidate.matchedKeywords.map((k) => `\`${code(k)}\``).join(', '))]),
    ];
    items.push(t.known(candidate.id, neutraliseInline(candidate.title), reasons.join('; ')));
  }
  for (const candidate of findings.duplicates) {
    const reasons = [
      ...(candidate.sameAsset === null ? [] : [t.sameAsset(code(candidate.sameAsset))]),
      t.similar(Math.round(candidate.similarity * 100)),
    ];
    items.push(t.duplicate(`#${candidate.issueNumber}`, reasons.join('; '), candidate.issueNumber));
  }
  if (items.length === 0) return null;
  return [t.heading, '', ...items.map((item) => `- ${item}`)].join('\n');
}

/**
 * Text for inside a code span, where GitHub renders nothing (no mentions, links or HTML):
 * one line, no backtick that could end the span, no `<!--` that could look like a marker.
 */
function code(text: string): string {
  return sanitiseUnicode(text).replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replaceAll('<!--', '<!\u200B--').slice(0, 200);
}
