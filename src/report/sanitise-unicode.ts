/**
 * Code points that are invisible or that change how the text around them is shown:
 * C0 and C1 controls (except tab and newline), DEL, soft hyphen, bidi embeddings,
 * overrides, isolates and marks, zero-width space, word joiner and invisible operators,
 * the BOM, Hangul fillers, line/paragraph separators, interlinear annotation marks,
 * Unicode tag characters (used to smuggle hidden ASCII), and lone surrogates.
 *
 * ZWJ and ZWNJ (U+200D, U+200C) and variation selectors stay: emoji sequences and
 * several scripts need them, and they cannot reorder or hide text on their own.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\u3164\uD800-\uDFFF\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

/**
 * Makes untrusted text safe to look at: line endings become `\n` (a lone CR is a line
 * ending in CommonMark, so it could end a fence we opened), and every hidden or
 * reordering code point is replaced by a visible `[U+XXXX]`. Staff see that something
 * was there (a right-to-left override can make `exe.txt` read as `txt.exe`) instead of
 * being fooled by it.
 */
export function sanitiseUnicode(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(HIDDEN, (char) => visibleCodePoint(char));
}

/** `[U+202E]` for U+202E. */
export function visibleCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** C0 controls other than tab, line feed and carriage return: NUL, BEL, ESC and the rest. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const C0_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/**
 * Removes the C0 controls that no person types (NUL, BEL, ESC, …), keeping tab, line feed
 * and carriage return. For researcher text on its way into the store: PostgreSQL text
 * columns refuse NUL where SQLite keeps it, and both backends must take the same text.
 * Nothing readable is lost; everything else invisible stays for sanitiseUnicode to show.
 */
export function removeControlCharacters(text: string): string {
  return text.replace(C0_CONTROLS, '');
}
