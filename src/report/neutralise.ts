import { sanitiseUnicode } from './sanitise-unicode.js';

/*
 * Untrusted text bound for a GitHub issue (rule "untrusted text never becomes markup"): readable, but inert.
 *
 * GitHub turns `@login`, `#1`, `org/repo#1`, SHAs and URLs into mentions and links
 * AFTER Markdown rendering, on text nodes, and skips `code` and `pre` elements. A
 * backslash escape (`\@user`, `\#1`) therefore does not help: the text node still
 * reads `@user`. Code does. So:
 *
 * - Multi-line fields (description, steps, impact) go into a fenced code block whose
 *   fence is longer than any run of its character in the text. Nothing inside is
 *   Markdown: no HTML, links, images, headings, tables, mentions or references. The
 *   text stays byte-for-byte what the researcher sent, which matters for payloads in
 *   steps to reproduce.
 * - One-line fields (affected asset, file names, the title in the body) stay prose:
 *   mentions, references, SHAs, URLs and e-mail addresses become code spans (visible,
 *   copyable, never linked), every other Markdown character is backslash-escaped, and
 *   `<`, `>`, `&` become entities so no raw `<` survives.
 *
 * Zero-width characters are NOT used to break mentions: they are invisible, they
 * survive copy and paste, and we show the reporter's own invisible characters as
 * `[U+XXXX]` (see sanitiseUnicode), so an inserted one would be indistinguishable.
 */

// Every alternative that starts with a run of characters may only start where such a run
// starts (the lookbehinds and \b): otherwise a 50,000-character word would be rescanned
// from each of its positions, which is quadratic.
const TOKEN = new RegExp(
  [
    // URLs and GFM autolinks (any scheme://, www., mailto:, xmpp:); stops where a code span or table cell would break.
    String.raw`(?:(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/|[Ww]{3}\.|(?:mailto|xmpp):)[^\s<>\x60|\\]*`,
    // E-mail addresses: GFM autolinks them as mailto: links.
    String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    // org/repo#1 and org/repo@sha.
    String.raw`(?<![\w.-])[\w.-]+\/[\w.-]+(?:#\d+|@[0-9A-Fa-f]{7,40})`,
    // user#1 and user@sha.
    String.raw`(?<![\w-])[\w-]+(?:#\d+|@[0-9A-Fa-f]{7,40}(?!\w))`,
    // @login and @org/team.
    String.raw`@[\w-]+(?:\/[\w.-]+)?`,
    // #1.
    String.raw`#\d+`,
    // GH-1, and custom autolink references a repository may define (JIRA-12, CVE-2026-1).
    String.raw`\b(?:[Gg][Hh]|[A-Z][A-Z0-9_]+)-\d[\w-]*`,
    // Bare commit SHAs.
    String.raw`\b[0-9A-Fa-f]{7,40}\b`,
  ].join('|'),
  'g',
);

/** Characters with a Markdown meaning in running text, and how each is made literal. */
const SPECIAL = /[\\`*_[\]|~$#<>&]/g;
const ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

interface Segment {
  /** true: a mention, reference or URL that must be shown as code. */
  code: boolean;
  text: string;
}

/**
 * Neutralises multi-line untrusted text as a fenced code block (see the top of this
 * file). The result is a complete block: put it on its own lines with blank lines
 * around it, not indented. `<!--` is broken with a zero-width space so nothing in the
 * raw body can be mistaken for one of our hidden markers.
 */
export function neutraliseMarkdown(text: string): string {
  const content = breakCommentOpeners(trimTrailingNewlines(sanitiseUnicode(text)));
  const fence = fenceFor(content);
  return `${fence}text\n${content}\n${fence}`;
}

/**
 * Neutralises one-line untrusted text for running Markdown: a table cell, a list item or
 * a paragraph. Line breaks become spaces. The result contains no raw `<`, no backtick
 * outside our own code spans and no unescaped `|`.
 */
export function neutraliseInline(text: string): string {
  const line = toOneLine(text);
  const out = segments(line)
    .map((part) => (part.code ? `\`${part.text}\`` : part.text.replace(SPECIAL, (char) => ENTITY[char] ?? `\\${char}`)))
    .join('');
  // A list marker, setext underline or ordered-list number at the start would start a block.
  return out.replace(/^([+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Neutralises an issue title: one line, trimmed, at most `maxLength` UTF-16 units (GitHub
 * allows 256). GitHub renders code spans and links references in titles, so mentions,
 * references and URLs become code spans here too; the reporter's own backticks become `'`.
 * Titles show HTML as text, but `<!--` is still broken, so a title copied into a body
 * cannot carry a marker.
 * A cut never splits a code span or a surrogate pair, and is marked with `…`.
 */
export function neutraliseTitle(text: string, maxLength = 256): string {
  const line = breakCommentOpeners(toOneLine(text).replaceAll('`', "'"));
  const pieces = segments(line).map((part) =>
    part.code ? { code: true, text: `\`${part.text}\`` } : part,
  );
  const full = pieces.map((part) => part.text).join('');
  if (full.length <= maxLength) return full;
  const budget = Math.max(0, maxLength - 1);
  let out = '';
  for (const part of pieces) {
    if (out.length + part.text.length <= budget) {
      out += part.text;
      continue;
    }
    if (!part.code) out += clip(part.text, budget - out.length);
    break;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Code blocks and titles show `<!--` as text, but the raw body still contains it, and the
 * app finds its markers in the raw body. A zero-width space keeps the text looking the same.
 */
function breakCommentOpeners(text: string): string {
  return text.replaceAll('<!--', '<\u200B!--');
}

/** Like `.replace(/\n+$/, '')`, without the quadratic rescans of a long run of newlines. */
function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end -= 1;
  return text.slice(0, end);
}

function toOneLine(text: string): string {
  return sanitiseUnicode(text).replace(/\s+/g, ' ').trim();
}

function segments(line: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    if (match.index > last) out.push({ code: false, text: line.slice(last, match.index) });
    out.push({ code: true, text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < line.length) out.push({ code: false, text: line.slice(last) });
  return out;
}

/**
 * A CommonMark fence closes only on a run of the same character at least as long, so a
 * fence one longer than the longest run in the text cannot be closed from inside.
 * Backticks or tildes, whichever needs the shorter fence.
 */
function fenceFor(content: string): string {
  const ticks = longestRun(content, /`+/g);
  const tildes = longestRun(content, /~+/g);
  return ticks <= tildes ? '`'.repeat(Math.max(3, ticks + 1)) : '~'.repeat(Math.max(3, tildes + 1));
}

function longestRun(content: string, run: RegExp): number {
  let longest = 0;
  for (const match of content.matchAll(run)) longest = Math.max(longest, match[0].length);
  return longest;
}

/** The longest prefix of `text` at most `room` UTF-16 units long that does not split a surrogate pair. */
function clip(text: string, room: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > room) break;
    out += char;
  }
  return out;
}
