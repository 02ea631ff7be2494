import {
  ADVISORY_ECOSYSTEMS,
  COMMAND_NAMES,
  COMMAND_USAGE,
  UNKNOWN_COMMAND_USAGE,
  type CalendarDate,
  type Command,
  type CommandName,
  type ParsedLine,
} from './command.js';
import { SEVERITIES, type Severity } from '../report/severity.js';
import type { AdvisoryEcosystem } from '../ports/github.js';

export { COMMAND_USAGE, UNKNOWN_COMMAND_USAGE };
export type { Command, CommandName, ParsedLine };

/** Why a known command's arguments were refused; `parseCommands` adds the usage. */
type ArgumentResult = Command | { error: string };

interface Fence {
  char: '`' | '~';
  length: number;
}

/**
 * Finds the triage commands in a comment body (GitHub Markdown), in order.
 *
 * A command is a line that starts with `/word` (after at most 3 spaces) followed by the end
 * of the line or whitespace, so paths such as `/etc/passwd` are prose. Lines that GitHub
 * would not render as ordinary text are skipped: block quotes (quoting someone else's
 * `/accept` must not accept), fenced and indented code, and HTML comments. Pure: no I/O.
 */
export function parseCommands(body: string): ParsedLine[] {
  const parsed: ParsedLine[] = [];
  let fence: Fence | null = null;
  let inComment = false;
  let inIndentedCode = false;
  let previousBlank = true;
  // `/reply` takes the lines after it too, up to the next command: a message is prose.
  let reply: { lines: string[]; index: number } | null = null;

  for (const line of body.split(/\r\n|\r|\n/)) {
    reply?.lines.push(line);
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (inComment) {
      const close = line.indexOf('-->');
      if (close !== -1) inComment = endsInsideComment(line.slice(close + 3));
      previousBlank = false;
      continue;
    }
    if (line.trim() === '') {
      previousBlank = true;
      continue;
    }
    const wasBlank = previousBlank;
    previousBlank = false;
    if (indentColumns(line) >= 4) {
      // After a blank line this is an indented code block; after prose it continues the
      // paragraph. Either way it is not a command (4 spaces is code by the brief's rule).
      inIndentedCode ||= wasBlank;
      if (!inIndentedCode) inComment = endsInsideComment(line);
      continue;
    }
    inIndentedCode = false;
    if (/^ {0,3}>/.test(line)) continue;
    const opened = openingFence(line);
    if (opened !== null) {
      fence = opened;
      continue;
    }
    const commentStart = line.indexOf('<!--');
    if (commentStart !== -1) inComment = endsInsideComment(line.slice(commentStart));
    const visible = commentStart === -1 ? line : line.slice(0, commentStart);
    const item = parseCommandLine(visible);
    if (item === null) continue;
    if (reply !== null) {
      reply.lines.pop();
      finishReply(parsed, reply);
      reply = null;
    }
    parsed.push(item);
    // The raw line, not the visible part: text after a closed comment belongs to the message
    // (finishReply removes the comments themselves).
    if (item.ok && item.command.name === 'reply') reply = { lines: [line.replace(/^ {0,3}\/reply(?:[ \t]+|$)/, '')], index: parsed.length - 1 };
  }
  if (reply !== null) finishReply(parsed, reply);
  return parsed;
}

/** Joins a `/reply` line with the lines after it; a reply with no text at all is an error. */
function finishReply(parsed: ParsedLine[], reply: { lines: string[]; index: number }): void {
  // Hidden HTML comments are staff notes: invisible on GitHub, so never sent.
  const visible = reply.lines.join('\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const message = visible.replace(/\s+$/, '').replace(/^\s*\n/, '');
  parsed[reply.index] =
    message.trim() === ''
      ? { ok: false, name: 'reply', usage: COMMAND_USAGE.reply, error: 'missing message' }
      : { ok: true, command: { name: 'reply', message: message.slice(0, 20_000) } };
}

/** Parses one visible line, or returns null when it is not a command line. */
function parseCommandLine(line: string): ParsedLine | null {
  const match = /^ {0,3}\/([a-z][a-z-]*)(?:[ \t]+(.*))?$/.exec(line);
  if (match === null) return null;
  const name = match[1] ?? '';
  const args = (match[2] ?? '').trim();
  if (!isCommandName(name)) return { ok: false, name, usage: UNKNOWN_COMMAND_USAGE, error: 'unknown command' };
  const result = parseArguments(name, args);
  if ('error' in result) return { ok: false, name, usage: COMMAND_USAGE[name], error: result.error };
  return { ok: true, command: result };
}

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

function parseArguments(name: CommandName, args: string): ArgumentResult {
  switch (name) {
    case 'severity':
      return parseSeverity(args);
    case 'scope':
      return parseScope(args);
    case 'duplicate': {
      const match = /^#([1-9]\d*)$/.exec(args);
      const issueNumber = Number(match?.[1]);
      if (!Number.isSafeInteger(issueNumber)) return { error: 'expected an issue reference such as #12' };
      return { name, issueNumber };
    }
    case 'known':
      if (!/^[A-Za-z0-9._-]+$/.test(args)) return { error: 'expected one id of letters, digits, ".", "_" or "-"' };
      return { name, id: args };
    case 'needs-info':
      if (args === '') return { error: 'missing question' };
      return { name, question: args };
    case 'verify-fix':
      return { name, note: args === '' ? null : args.slice(0, 20_000) };
    case 'reject':
      if (args === '') return { error: 'missing reason' };
      return { name, reason: args };
    case 'accept':
      return parseAccept(args);
    case 'advisory': {
      if (args === '') return { error: 'expected owner/repo' };
      const parsed = parseAccept(args);
      return 'error' in parsed || parsed.name !== 'accept' || parsed.repository === null ? { error: 'expected owner/repo' } : { name, repository: parsed.repository };
    }
    case 'cwe':
      return parseCwe(args);
    case 'reply':
      // The text may continue on the next lines; parseCommands adds them.
      return { name, message: args };
    case 'package':
      return parsePackage(args);
    case 'reward':
      return parseReward(args);
    case 'fix-by': {
      const date = parseCalendarDate(args);
      if (date === null) return { error: 'expected a real calendar date as YYYY-MM-DD' };
      return { name, date };
    }
    case 'disclose-on': {
      if (args === 'none') return { name, date: null };
      const date = parseCalendarDate(args);
      if (date === null) return { error: 'expected a real calendar date as YYYY-MM-DD, or "none"' };
      return { name, date };
    }
    case 'info-received':
    case 'resolved':
      if (args !== '') return { error: 'takes no arguments' };
      return { name };
  }
}

function parseSeverity(args: string): ArgumentResult {
  if (isSeverity(args)) return { name: 'severity', rating: { kind: 'level', level: args } };
  if (/^CVSS:\S+$/.test(args)) return { name: 'severity', rating: { kind: 'vector', vector: args } };
  return { error: 'expected a severity level or a CVSS vector' };
}

function isSeverity(text: string): text is Severity {
  return (SEVERITIES as readonly string[]).includes(text);
}

function parseScope(args: string): ArgumentResult {
  if (args === 'in') return { name: 'scope', verdict: { inScope: true } };
  const match = /^out[ \t]+([a-z0-9-]+)$/.exec(args);
  if (match?.[1] === undefined) return { error: 'expected "in" or "out <category-id>"' };
  return { name: 'scope', verdict: { inScope: false, categoryId: match[1] } };
}

function parseAccept(args: string): ArgumentResult {
  if (args === '') return { name: 'accept', repository: null };
  // GitHub owner logins: alphanumerics and inner hyphens, at most 39 characters.
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)\/([A-Za-z0-9._-]{1,100})$/.exec(args);
  const owner = match?.[1];
  const repo = match?.[2];
  if (owner === undefined || repo === undefined || repo === '.' || repo === '..') {
    return { error: 'expected owner/repo' };
  }
  return { name: 'accept', repository: { owner, repo } };
}

function parseCwe(args: string): ArgumentResult {
  const ids = [...new Set(args.split(/[\s,]+/).filter((id) => id !== '').map((id) => id.toUpperCase()))];
  if (ids.length === 0 || ids.length > 20) return { error: 'expected one to twenty ids such as CWE-79' };
  const bad = ids.find((id) => !/^CWE-[1-9]\d{0,5}$/i.test(id));
  if (bad !== undefined) return { error: `"${bad.slice(0, 40)}" is not a CWE id such as CWE-79` };
  return { name: 'cwe', ids: [...new Set(ids.map((id) => id.toUpperCase()))] };
}

/** `<ecosystem> <name> [vulnerable <range>] [patched <versions>]`; ranges may contain spaces. */
function parsePackage(args: string): ArgumentResult {
  const match = /^(\S+)\s+(\S+)(?:\s+vulnerable\s+(.+?))?(?:\s+patched\s+(.+?))?$/.exec(args);
  if (match === null) return { error: 'expected an ecosystem and a package name' };
  const [, ecosystem = '', packageName = '', vulnerableRange, patchedVersions] = match;
  // Each clause once, in this order; a keyword inside a range means they were mixed up.
  if ([vulnerableRange, patchedVersions].some((range) => range !== undefined && /\b(?:vulnerable|patched)\b/.test(range))) {
    return { error: 'give "vulnerable <range>" before "patched <versions>", each once' };
  }
  if (!(ADVISORY_ECOSYSTEMS as readonly string[]).includes(ecosystem)) return { error: `ecosystem must be one of ${ADVISORY_ECOSYSTEMS.join(', ')}` };
  if (packageName.length > 214 || !/^[\w@./:+-]+$/.test(packageName)) return { error: 'expected a package name' };
  if ((vulnerableRange?.length ?? 0) > 200 || (patchedVersions?.length ?? 0) > 200) return { error: 'version ranges are at most 200 characters' };
  return { name: 'package', ecosystem: ecosystem as AdvisoryEcosystem, packageName, vulnerableRange: vulnerableRange ?? null, patchedVersions: patchedVersions ?? null };
}

function parseReward(args: string): ArgumentResult {
  const match = /^(\d{1,9}(?:[.,]\d{1,2})?)\s+([A-Za-z]{3})(?:\s+(.+))?$/.exec(args);
  if (match === null) return { error: 'expected an amount and a currency code, e.g. 500 EUR' };
  const [, amountText = '', currency = '', note] = match;
  return { name: 'reward', amount: Number(amountText.replace(',', '.')), currency: currency.toUpperCase(), note: note?.slice(0, 500) ?? null };
}

/** Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30). */
function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Width of the leading whitespace, with tabs to the next multiple of 4 as CommonMark counts. */
function indentColumns(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** A fence opener: 3+ backticks (no backtick in the info string) or 3+ tildes. */
function openingFence(line: string): Fence | null {
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  const marker = match?.[1];
  if (marker === undefined) return null;
  const char = marker.startsWith('`') ? '`' : '~';
  if (char === '`' && (match?.[2] ?? '').includes('`')) return null;
  return { char, length: marker.length };
}

/** A closing fence uses the opener's character, at least as many, and nothing after. */
function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker.startsWith(fence.char) && marker.length >= fence.length;
}

/** Whether text that starts outside a comment ends inside an unclosed `<!--`. */
function endsInsideComment(text: string): boolean {
  let rest = text;
  for (;;) {
    const open = rest.indexOf('<!--');
    if (open === -1) return false;
    const close = rest.indexOf('-->', open + 4);
    if (close === -1) return true;
    rest = rest.slice(close + 3);
  }
}
