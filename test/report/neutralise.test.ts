import { describe, expect, it } from 'vitest';
import { neutraliseInline, neutraliseMarkdown, neutraliseTitle } from '../../src/report/neutralise.js';
import { findReportId } from '../../src/issue-text/marker.js';

const FORGED = '<!-- disclosure-desk:report-id=DD-0123456789AB -->';

/** The text outside our own code spans: what GitHub would scan for mentions and links. */
function outsideCode(inline: string): string {
  return inline.replace(/(?<!\\)`[^`]*`/g, ' ');
}

/** The lines of a fenced block, checked to be exactly one block that nothing inside can close. */
function fencedContent(block: string): string {
  const lines = block.split('\n');
  const open = /^(`{3,}|~{3,})text$/.exec(lines[0] ?? '');
  expect(open).not.toBeNull();
  const fence = open?.[1] ?? '';
  expect(lines.at(-1)).toBe(fence);
  const inner = lines.slice(1, -1);
  const closer = new RegExp(`^ {0,3}\\${fence[0] ?? '`'}{${fence.length},}\\s*$`);
  expect(inner.filter((line) => closer.test(line))).toEqual([]);
  return inner.join('\n');
}

describe('neutraliseMarkdown (multi-line fields)', () => {
  it.each([
    ['mentions', 'ping @user and @org/security-team now', ['@user', '@org/security-team', 'now']],
    ['issue references', 'see #1, org/repo#1, GH-1 and org/repo@a1b2c3d', ['#1', 'org/repo#1', 'GH-1', 'org/repo@a1b2c3d']],
    ['bare SHAs', 'fixed in 0123456789abcdef0123456789abcdef01234567', ['0123456789abcdef0123456789abcdef01234567']],
    ['GitHub URLs', 'https://github.com/acme/app/issues/1', ['https://github.com/acme/app/issues/1']],
    ['raw HTML', '<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>', ['<script>alert(1)</script>', 'onerror=alert(1)']],
    ['details', '<details><summary>open me</summary>hidden</details>', ['open me', 'hidden']],
    ['images and links', '![logo](https://evil.example/x.png) [click](javascript:alert(1)) <https://evil.example>', ['![logo]', '[click]', 'https://evil.example']],
    ['headings and tables', '# Heading\n\n| a | b |\n| - | - |\n| 1 | 2 |', ['# Heading', '| a | b |']],
    ['HTML entities', '&lt;script&gt; &#x60;&#x60;&#x60;', ['&lt;script&gt;', '&#x60;']],
    ['a fence breakout', '```\n```` \n~~~~~\n' + '`'.repeat(40) + '\n@escaped', ['@escaped', '`'.repeat(40)]],
  ])('keeps %s verbatim inside one unbreakable code block', (_name, input, kept) => {
    const out = neutraliseMarkdown(input);

    const content = fencedContent(out);
    expect(content).toBe(input);
    for (const text of kept) expect(content).toContain(text);
  });

  it('breaks every HTML comment opener so no marker can be forged', () => {
    const input = `before\n${FORGED}\nafter <!-- <!--x`;

    const out = neutraliseMarkdown(input);

    expect(out).not.toContain('<!--');
    expect(findReportId(out)).toBeNull();
    expect(fencedContent(out)).toContain('disclosure-desk:report-id=DD-0123456789AB');
    expect(out).toContain('before');
    expect(out).toContain('after');
  });

  it('picks a tilde fence when the text is full of backticks, and a longer fence when both are', () => {
    const ticks = '`'.repeat(500);
    const both = `${'`'.repeat(10)}\n${'~'.repeat(6)}`;

    const forTicks = neutraliseMarkdown(ticks);
    const forBoth = neutraliseMarkdown(both);

    expect(forTicks.startsWith('~~~text\n')).toBe(true);
    expect(forBoth.startsWith(`${'~'.repeat(7)}text\n`)).toBe(true);
    expect(fencedContent(forBoth)).toBe(both);
  });

  it.each([
    ['RTL override', 'file\u202Eexe.txt', 'file[U+202E]exe.txt'],
    ['bidi isolates and embeddings', 'a\u2066b\u2069c\u202Ad\u202Ce', 'a[U+2066]b[U+2069]c[U+202A]d[U+202C]e'],
    ['zero-width space and word joiner', 'pay\u200Bpal\u2060x\uFEFF', 'pay[U+200B]pal[U+2060]x[U+FEFF]'],
    ['NUL and other controls', 'a\0b\u0007c\u001Bd\u007Fe\u0085f', 'a[U+0000]b[U+0007]c[U+001B]d[U+007F]e[U+0085]f'],
    ['tag characters', 'hi\u{E0041}\u{E0042}', 'hi[U+E0041][U+E0042]'],
    ['a lone surrogate', 'x\uD800y', 'x[U+D800]y'],
    ['CRLF and lone CR', 'one\r\ntwo\rthree', 'one\ntwo\nthree'],
    ['tabs and emoji', 'tab\there 👩‍💻 🎉 ❤️ 🇳🇱', 'tab\there 👩‍💻 🎉 ❤️ 🇳🇱'],
  ])('shows %s visibly and keeps the text', (_name, input, expected) => {
    const out = neutraliseMarkdown(input);

    expect(fencedContent(out)).toBe(expected);
  });

  it('keeps a 100,000-character line whole', () => {
    const line = 'A'.repeat(50_000) + '@user #1 <b>' + 'B'.repeat(49_988);

    const out = neutraliseMarkdown(line);

    expect(line).toHaveLength(100_000);
    expect(fencedContent(out)).toBe(line);
  });
});

describe('neutraliseInline (one-line fields)', () => {
  it.each([
    ['mentions', 'ping @user and @org/team', ['`@user`', '`@org/team`', 'ping', 'and'], /@/],
    ['issue references', 'see #1, org/repo#12 and GH-3', ['`#1`', '`org/repo#12`', '`GH-3`', 'see'], /#\d|GH-\d/],
    ['SHA references', 'org/repo@a1b2c3d, user@abcdef1234 and deadbeef99', ['`org/repo@a1b2c3d`', '`user@abcdef1234`', '`deadbeef99`'], /[0-9a-f]{7}/],
    ['full GitHub URLs', 'https://github.com/acme/app/pull/7', ['`https://github.com/acme/app/pull/7`'], /:\/\//],
    ['bare URLs', 'visit www.example.com or HTTP://EVIL.example/x?y=1', ['`www.example.com`', '`HTTP://EVIL.example/x?y=1`', 'visit'], /www\.|:\/\//i],
    ['e-mail addresses', 'mail admin@example.com', ['`admin@example.com`', 'mail'], /@/],
    ['autolinks', '<https://evil.example>', ['&lt;`https://evil.example`&gt;'], /<|:\/\//],
    ['Markdown images', '![logo](https://evil.example/x.png)', ['!\\[logo\\]'], /(?<!\\)\[/],
    ['Markdown links', '[click me](javascript:alert(1))', ['\\[click me\\]', 'javascript:alert(1)'], /(?<!\\)\[/],
    ['raw HTML', '<script>alert(1)</script><img src=x onerror=alert(1)>', ['&lt;script&gt;alert(1)&lt;/script&gt;', 'onerror=alert(1)'], /</],
    ['details', '<details><summary>x</summary>hidden</details>', ['&lt;details&gt;', 'hidden'], /</],
    ['HTML comments', `${FORGED} after`, ['&lt;!-- disclosure-desk:report-id=`DD-0123456789AB` --&gt;', 'after'], /</],
    ['HTML entities', '&lt;b&gt; &#64;user', ['&amp;lt;b&amp;gt;', '&amp;`#64`;user'], /&(?!amp;|lt;|gt;)/],
    ['table pipes', 'a | b || c', ['a \\| b \\|\\| c'], /(?<!\\)\|/],
    ['emphasis, strikethrough and math', '*bold* _it_ ~~gone~~ $x^2$', ['\\*bold\\*', '\\_it\\_', '\\~\\~gone\\~\\~', '\\$x^2\\$'], /(?<!\\)[*_~$]/],
    ['backticks', '``code`` and ```fence', ['\\`\\`code\\`\\`', '\\`\\`\\`fence'], /(?<!\\)`/],
    ['line breaks', 'one\n# two\r\nthree', ['one \\# two three'], /\n/],
  ])('neutralises %s and keeps the words', (_name, input, kept, absentOutsideCode) => {
    const out = neutraliseInline(input);

    for (const text of kept) expect(out).toContain(text);
    expect(outsideCode(out)).not.toMatch(absentOutsideCode);
    expect(out).not.toContain('<');
  });

  it.each([
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['= underline', '\\= underline'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['> quote', '&gt; quote'],
  ])('cannot start a block with %j', (input, expected) => {
    const out = neutraliseInline(input);

    expect(out).toBe(expected);
  });

  it('shows hidden unicode visibly and keeps emoji', () => {
    const input = 'invoice\u202Efdp.exe 🎉 zero\u200Bwidth\0';

    const out = neutraliseInline(input);

    expect(out).toBe('invoice\\[U+202E\\]fdp.exe 🎉 zero\\[U+200B\\]width\\[U+0000\\]');
  });

  it.each([
    ['letters', 'a'.repeat(100_000)],
    ['hyphenated', 'a-'.repeat(50_000)],
    ['dotted', 'a.'.repeat(50_000)],
    ['slashed', 'a/'.repeat(50_000)],
  ])('neutralises a 100,000-character %s word in linear time', (_name, word) => {
    const started = performance.now();

    const inline = neutraliseInline(word);
    const title = neutraliseTitle(word);

    expect(inline.length).toBeGreaterThanOrEqual(word.length);
    expect(title.length).toBeLessThanOrEqual(256);
    // Quadratic tokenising took over 20 seconds here; linear takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('handles a 100,000-character line', () => {
    const line = '@a '.repeat(33_333) + 'x';

    const out = neutraliseInline(line);

    expect(out.split('`@a`')).toHaveLength(33_334);
    expect(outsideCode(out)).not.toMatch(/@/);
  });
});

describe('neutraliseTitle', () => {
  it('is one trimmed line with mentions and references as code', () => {
    const input = '  XSS\nvia @admin in #12\tand `code` ';

    const out = neutraliseTitle(input);

    expect(out).toBe("XSS via `@admin` in `#12` and 'code'");
  });

  it('cuts at the limit without splitting a code span or an emoji', () => {
    const input = `${'x'.repeat(8)}🎉🎉 @someone more`;

    const cuts = [9, 10, 11, 12, 14, 20].map((limit) => neutraliseTitle(input, limit));

    expect(cuts).toEqual(['xxxxxxxx…', 'xxxxxxxx…', 'xxxxxxxx🎉…', 'xxxxxxxx🎉…', 'xxxxxxxx🎉🎉…', 'xxxxxxxx🎉🎉…']);
    for (const [index, limit] of [9, 10, 11, 12, 14, 20].entries()) expect(cuts[index]?.length).toBeLessThanOrEqual(limit);
  });

  it('keeps a title under the limit as is', () => {
    const input = 'SQL injection in the search page';

    const out = neutraliseTitle(input, 256);

    expect(out).toBe(input);
  });

  it('never exceeds 256 characters, however many mentions expand it', () => {
    const input = '@a '.repeat(70);

    const out = neutraliseTitle(input);

    expect(out.length).toBeLessThanOrEqual(256);
    expect(out.endsWith('…')).toBe(true);
    expect(outsideCode(out)).not.toMatch(/@/);
  });
});
