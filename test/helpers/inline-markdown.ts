import { expect } from 'vitest';

/**
 * Splits inline Markdown into code spans and the prose around them, as CommonMark reads
 * backtick runs: a run opens a span that the next run of the same length closes; a
 * backslash-escaped backtick in prose is literal. `broken` counts runs without a closer.
 */
export function inlineParts(text: string): { code: string[]; prose: string; broken: number } {
  const code: string[] = [];
  let prose = '';
  let broken = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    if (char === '\\' && at + 1 < text.length) {
      prose += text.slice(at, at + 2);
      at += 2;
      continue;
    }
    if (char !== '`') {
      prose += char;
      at += 1;
      continue;
    }
    const length = runLength(text, at);
    let close = at + length;
    while (close < text.length && !(text[close] === '`' && runLength(text, close) === length)) {
      close += text[close] === '`' ? runLength(text, close) : 1;
    }
    if (close >= text.length) {
      broken += 1;
      prose += '`'.repeat(length);
      at += length;
      continue;
    }
    code.push(text.slice(at + length, close));
    at = close + length;
  }
  return { code, prose, broken };
}

function runLength(text: string, at: number): number {
  let length = 0;
  while (text[at + length] === '`') length += 1;
  return length;
}

/** Untrusted text came out inert: no unclosed code span, no mention and no raw `<` outside code spans. */
/** Untrusted text came out inert: no unclosed code span, no mention and no raw `<` outside code spans. */
export function expectInert(line: string): void {
  const { prose, broken } = inlineParts(line);
  expect(broken).toBe(0);
  expect(prose).not.toMatch(/@\w/);
  expect(prose).not.toContain('<');
}
