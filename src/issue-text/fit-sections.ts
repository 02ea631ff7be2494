import { neutraliseMarkdown } from '../report/neutralise.js';
import type { TrackingText } from './tracking-text.js';

/** The long, free-text fields of a report: each is rendered as one neutralised block. */
export type LongSection = 'description' | 'steps' | 'impact';
const LONG_SECTIONS: readonly LongSection[] = ['description', 'steps', 'impact'];

/**
 * GitHub refuses issue bodies and comments over 65,536 characters (422 "body is too
 * long"). JavaScript lengths count UTF-16 units, never fewer than characters, so staying
 * under this in `.length` is safe.
 */
export const GITHUB_BODY_LIMIT = 65_536;
/** Every cut removes at least this many characters, so fitting takes few renders. */
const MIN_CUT = 1_000;

/** A body that fits, and the comments that carry what did not. */
export interface FittedBody {
  body: string;
  continuation: string[];
}

/**
 * Renders the long sections into `render` and, while the body is over GitHub's limit,
 * moves the end of the largest section into continuation comments. A report may hold
 * 120,000 characters of text, and the app deletes its copy once the issue is filed, so
 * nothing may be dropped.
 */
export function fitSections(
  texts: Readonly<Record<LongSection, string | undefined>>,
  render: (sections: Readonly<Record<LongSection, string>>) => string,
  text: TrackingText,
): FittedBody {
  const chars = mapSections((name) => Array.from((texts[name] ?? '').replace(/\r\n?/g, '\n')));
  const kept = mapSections((name) => chars[name].length);
  for (;;) {
    const sections = mapSections((name) => renderSection(chars[name], kept[name], text));
    const body = render(sections);
    if (body.length <= GITHUB_BODY_LIMIT) {
      const continuation = LONG_SECTIONS.flatMap((name) => continuationComments(text.sections[name], chars[name].slice(kept[name]), text));
      return { body, continuation };
    }
    const largest = LONG_SECTIONS.filter((name) => kept[name] > 0).sort((a, b) => sections[b].length - sections[a].length)[0];
    if (largest === undefined) throw new RangeError('the issue body is over the GitHub limit even without report text');
    kept[largest] = Math.max(0, kept[largest] - Math.max(body.length - GITHUB_BODY_LIMIT, MIN_CUT));
  }
}

function renderSection(chars: readonly string[], kept: number, text: TrackingText): string {
  if (chars.length === 0) return text.empty;
  if (kept >= chars.length) return neutraliseMarkdown(chars.join(''));
  const head = kept > 0 ? `${neutraliseMarkdown(chars.slice(0, kept).join(''))}\n\n` : '';
  return `${head}_${text.continued(chars.length - kept)}_`;
}

function continuationComments(section: string, rest: readonly string[], text: TrackingText): string[] {
  const comments: string[] = [];
  let start = 0;
  while (start < rest.length) {
    let size = Math.min(rest.length - start, GITHUB_BODY_LIMIT - 1_000);
    let comment = '';
    for (;;) {
      comment = `### ${text.continuation(section, comments.length + 2)}\n\n${neutraliseMarkdown(rest.slice(start, start + size).join(''))}`;
      if (comment.length <= GITHUB_BODY_LIMIT || size === 1) break;
      // Shrink in proportion to the overshoot: neutralising can make text up to 9× longer.
      size = Math.max(1, Math.min(size - 1, Math.floor((size * (GITHUB_BODY_LIMIT - MIN_CUT)) / comment.length)));
    }
    comments.push(comment);
    start += size;
  }
  return comments;
}

function mapSections<T>(make: (name: LongSection) => T): Record<LongSection, T> {
  return { description: make('description'), steps: make('steps'), impact: make('impact') };
}
