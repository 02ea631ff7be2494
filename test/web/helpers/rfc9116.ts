/**
 * A small checker for security.txt against the ABNF of RFC 9116 §4 (and the cleartext
 * signature framework of RFC 4880 §7 for the signed form), written from the RFC, not from
 * our implementation. Stricter than the RFC where the brief is: URIs must be https or mailto.
 */

export interface SecurityTxtField {
  /** As written in the file. */
  name: string;
  value: string;
}

export interface SecurityTxtCheck {
  /** Empty when the file is valid. */
  problems: string[];
  signed: boolean;
  /** The fields of the (dash-unescaped) content, in order. */
  fields: SecurityTxtField[];
}

const KNOWN = ['acknowledgments', 'canonical', 'contact', 'encryption', 'expires', 'hiring', 'policy', 'preferred-languages'];
const URI_FIELDS = ['acknowledgments', 'canonical', 'contact', 'encryption', 'hiring', 'policy'];
/** `ext-name fs SP value`; the name is `1*(ALPHA / DIGIT / "-")`. */
const FIELD = /^([A-Za-z0-9-]+):( )(.*)$/;
/** `comment = "#" *(WSP / VCHAR / %x80-FFFFF)`. */
const COMMENT = /^#[\t\x20-\x7e\u0080-\u{fffff}]*$/u;
/** `ext-value = 1*(WSP / VCHAR / %x80-FFFFF)`. */
const VALUE = /^[\t\x20-\x7e\u0080-\u{fffff}]+$/u;
/** RFC 3339 §5.6 `date-time`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** RFC 5646 language tags, simplified to the language subtag and further subtags. */
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,3}|[A-Za-z]{5,8})(?:-[A-Za-z0-9]{1,8})*$/;
const ARMOR_HEADER = /^[A-Za-z][A-Za-z0-9-]*: .+$/;
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
const CHECKSUM = /^=[A-Za-z0-9+/]{4}$/;

/** Checks a security.txt body; `now` adds the checks that Expires is in the future and at most a year ahead. */
export function checkSecurityTxt(body: string, options: { now?: Date } = {}): SecurityTxtCheck {
  const problems: string[] = [];
  if (!body.endsWith('\n')) problems.push('the last line does not end with an end-of-line');
  // `eol = *WSP [CR] LF`: both line ends are allowed.
  const lines = body.replace(/\n$/, '').split('\n').map((line) => line.replace(/[ \t]*\r?$/, ''));
  if (lines.some((line) => line.includes('\r'))) problems.push('a CR that is not part of a line end');
  const signed = lines[0] === '-----BEGIN PGP SIGNED MESSAGE-----';
  const content = signed ? signedContent(lines, problems) : lines;
  const fields = checkLines(content, problems, options.now);
  return { problems, signed, fields };
}

function signedContent(lines: string[], problems: string[]): string[] {
  let i = 1;
  let hashHeaders = 0;
  while (i < lines.length && lines[i] !== '') {
    if (!ARMOR_HEADER.test(lines[i] ?? '')) problems.push(`signed: bad armor header line ${i + 1}`);
    else if (lines[i]?.startsWith('Hash: ')) hashHeaders += 1;
    i += 1;
  }
  if (i >= lines.length) {
    problems.push('signed: no empty line after the armor headers');
    return [];
  }
  if (hashHeaders > 1) problems.push('signed: more than one Hash header');
  i += 1;
  const start = i;
  while (i < lines.length && lines[i] !== '-----BEGIN PGP SIGNATURE-----') i += 1;
  if (i >= lines.length) {
    problems.push('signed: no -----BEGIN PGP SIGNATURE----- line');
    return [];
  }
  const content = lines.slice(start, i).map((line, n) => {
    if (!line.startsWith('-')) return line;
    // RFC 4880 §7.1: every line starting with "-" is dash-escaped as "- ".
    if (!line.startsWith('- ')) problems.push(`signed: line ${start + n + 1} starts with "-" but is not dash-escaped`);
    return line.slice(2);
  });
  checkSignatureBlock(lines.slice(i + 1), problems);
  return content;
}

function checkSignatureBlock(lines: string[], problems: string[]): void {
  let i = 0;
  while (i < lines.length && lines[i] !== '') {
    if (!ARMOR_HEADER.test(lines[i] ?? '')) problems.push('signed: bad armor header in the signature');
    i += 1;
  }
  i += 1;
  let data = 0;
  while (i < lines.length && BASE64_LINE.test(lines[i] ?? '')) {
    data += 1;
    i += 1;
  }
  if (data === 0) problems.push('signed: the signature block has no data');
  if (i < lines.length && CHECKSUM.test(lines[i] ?? '')) i += 1;
  if (lines[i] !== '-----END PGP SIGNATURE-----') problems.push('signed: no -----END PGP SIGNATURE----- line after the signature data');
  else if (i !== lines.length - 1) problems.push('signed: text after the signature');
}

function checkLines(lines: readonly string[], problems: string[], now: Date | undefined): SecurityTxtField[] {
  const fields: SecurityTxtField[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    if (line.startsWith('#')) {
      if (!COMMENT.test(line)) problems.push(`line ${index + 1}: bad comment`);
      return;
    }
    const match = FIELD.exec(line);
    if (match === null) {
      problems.push(`line ${index + 1}: not "Name: value": ${JSON.stringify(line)}`);
      return;
    }
    const [, name = '', , value = ''] = match;
    if (!VALUE.test(value)) problems.push(`line ${index + 1}: empty or bad value`);
    fields.push({ name, value });
  });
  const named = (name: string) => fields.filter((field) => field.name.toLowerCase() === name);
  if (named('contact').length === 0) problems.push('no Contact field');
  const expires = named('expires');
  if (expires.length !== 1) problems.push(`${expires.length} Expires fields; exactly one is required`);
  if (named('preferred-languages').length > 1) problems.push('more than one Preferred-Languages field');
  for (const field of fields) {
    const name = field.name.toLowerCase();
    if (!KNOWN.includes(name)) continue;
    if (URI_FIELDS.includes(name) && !isUri(field.value)) problems.push(`${field.name}: not an https or mailto URI: ${field.value}`);
    if (name === 'expires') problems.push(...checkExpires(field.value, now));
    if (name === 'preferred-languages' && !field.value.split(/[ \t]*,[ \t]*/).every((tag) => LANGUAGE_TAG.test(tag))) {
      problems.push(`Preferred-Languages: not a comma-separated list of language tags: ${field.value}`);
    }
  }
  return fields;
}

function isUri(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    if (url.protocol === 'mailto:') return /^[^@\s]+@[^@\s]+$/.test(url.pathname);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkExpires(value: string, now: Date | undefined): string[] {
  const match = DATE_TIME.exec(value);
  if (match === null) return [`Expires: not an RFC 3339 date-time: ${value}`];
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0));
  if (date.getUTCDate() !== day || (hour ?? 99) > 23 || (minute ?? 99) > 59 || (second ?? 99) > 60) return [`Expires: not a real date and time: ${value}`];
  if (now === undefined) return [];
  const expires = Date.parse(value);
  if (expires <= now.getTime()) return [`Expires: ${value} is not in the future`];
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  return expires > yearAhead.getTime() ? [`Expires: ${value} is more than a year ahead`] : [];
}
