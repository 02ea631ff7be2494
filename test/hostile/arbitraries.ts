/**
 * fast-check arbitraries for hostile input. Every generated text carries {@link MARKER}, so a
 * log line that quotes anything a client sent is found by one search; every generated client
 * address is kept in {@link TEST_IPS} for the same reason.
 */
import fc from 'fast-check';
import { INSTALLED_ORG, UNKNOWN_ORGS } from './hostile-app.js';

/** In every generated payload: the logs must never contain it. */
export const MARKER = 'hX7qZ';

/** The user agent of every hostile request (it carries the marker too). */
export const TEST_AGENT_PREFIX = `HostileAgent/${MARKER}`;

/** One seed for every property, so a run is the same on every machine. */
export const SEED = 20_260_306;

/**
 * Tag openings that an HTML page may only ever show escaped. Each generated XSS probe
 * contains one of them; a page that contains one raw echoed a probe unescaped.
 */
export const RAW_PROBE_SIGNATURES = ['<script>', '<img src=x', '<svg/onload', '<iframe srcdoc', '<a href="javascript:'] as const;

const XSS_PROBES = [
  `<script>alert('${MARKER}')</script>`,
  `"><img src=x onerror=alert(1)>${MARKER}`,
  `'><svg/onload=alert(1)>${MARKER}`,
  `</textarea><script>${MARKER}</script>`,
  `</title><iframe srcdoc="${MARKER}">`,
  `<a href="javascript:alert(1)">${MARKER}</a>`,
  `" autofocus onfocus="alert('${MARKER}')`,
];

const NASTY_TEXT = [
  `${MARKER}\u0000nul`,
  `\ud800${MARKER}\udfff`,
  `\udc00\ud800${MARKER}`,
  `\u202e${MARKER}\u202d`,
  `\ufeff${MARKER}\u200b\u2028\u2029`,
  `@octocat #1 acme/x#2 ${MARKER} https://evil.example`,
  `${MARKER}\r\nSet-Cookie: x=1`,
  `${MARKER}%00%0d%0a%ZZ`,
  `{{${MARKER}}} \${${MARKER}} <%= ${MARKER} %>`,
  `${MARKER}'; DROP TABLE reports; --`,
  `𝕳𝖔𝖘𝖙𝖎𝖑𝖊 ${MARKER} 👩‍👩‍👧‍👦 ̶̧̛̖̼̲͚̀͌̾z̵̡̟͇̓a̷l̸g̴o̶`,
  `${MARKER}${'A'.repeat(5_000)}`,
];

/** A marker with a number, so different payloads stay apart. */
const marker = fc.nat({ max: 9_999 }).map((n) => `${MARKER}${n}`);

/** Free text: random code units (lone surrogates included), probes and nasty strings, always with a marker. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.string({ unit: 'binary', maxLength: 30 }), marker, fc.string({ unit: 'grapheme', maxLength: 30 })).map((parts) => parts.join('')),
  fc.constantFrom(...XSS_PROBES),
  fc.constantFrom(...NASTY_TEXT),
  fc.tuple(fc.constantFrom(...XSS_PROBES, ...NASTY_TEXT), fc.string({ unit: 'binary', maxLength: 10 }), marker).map((parts) => parts.join('')),
);

/** Percent-encodes every byte of the UTF-8 form except unreserved characters (lone surrogates become U+FFFD). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A path segment as sent: encoded hostile text, or raw junk that is still a legal request target. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileText.map(percentEncode),
  fc.constantFrom('..', '%2e%2e', '%2F', '%', '%zz', '%C0%AF', '%ED%A0%80', '%FF%FE', '%00', '~', '.', '', '%25', '__proto__', 'constructor'),
  fc.tuple(marker, fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,20}$/)).map(([m, s]) => `${s}${m}`),
);

/** A made-up status token: well formed (43 base64url characters), near misses, or junk. */
export const madeUpToken: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.stringMatching(/^[A-Za-z0-9_-]{42,44}$/),
  fc.constantFrom('A'.repeat(43), `${'0'.repeat(42)}=`, 'null', 'undefined', '%00', `${MARKER}${'-'.repeat(38)}`),
  hostileSegment,
);

/** An organisation path segment: the installed one (in any case), uninstalled valid logins, or junk. */
export const orgSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(INSTALLED_ORG, INSTALLED_ORG.toUpperCase(), 'Acme') },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ORGS) },
  { weight: 2, arbitrary: hostileSegment.filter((segment) => !/^[A-Za-z0-9-]{1,39}$/.test(segment)) },
);

/** Every route of the README's table, with generated organisation and token segments. */
export const routePath: fc.Arbitrary<string> = fc.oneof(
  orgSegment.map((org) => `/orgs/${org}/report`),
  orgSegment.map((org) => `/api/v1/orgs/${org}/reports`),
  madeUpToken.map((token) => `/status/${token}`),
  madeUpToken.map((token) => `/status/${token}/data.json`),
  madeUpToken.map((token) => `/status/${token}/erase`),
  orgSegment.map((org) => `/orgs/${org}/policy`),
  orgSegment.map((org) => `/orgs/${org}/hall-of-fame`),
  orgSegment.map((org) => `/orgs/${org}/security.txt`),
  orgSegment.map((org) => `/orgs/${org}/pgp-key.asc`),
  fc.constantFrom('/.well-known/security.txt', '/pgp-key.asc', '/report', '/assets/style.css', '/assets/encrypt-form.js', '/assets/openpgp.mjs', '/ping', '/api/github/webhooks', '/'),
  fc.array(hostileSegment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
  fc.tuple(fc.constantFrom('/orgs/', '/status/', '/api/v1/orgs/', '/assets/', '//', '/api/github/webhooks/'), fc.array(hostileSegment, { minLength: 1, maxLength: 3 })).map(([prefix, segments]) => `${prefix}${segments.join('/')}`),
);

/** A query string (with its `?`), or nothing. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('lang', 'token', 'org', '__proto__', 'constructor[prototype]', 'lang[]'), hostileText.map(percentEncode)), fc.oneof(fc.constantFrom('en', 'nl', 'xx', ''), hostileText.map(percentEncode))), { maxLength: 4 })
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
  fc.constantFrom('?', '??', '?&&=', '?lang', '?lang=%', '?%ED%A0%80=1', `?${MARKER}`, '#frag'),
);

/** Text a header value can carry: control characters become spaces, surrogates `?` (a raw CR or LF would end the header). */
export function headerSafe(text: string): string {
  return [...text].map((char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return ' ';
    return code >= 0xd800 && code <= 0xdfff ? '?' : char;
  }).join('');
}

/** Header values a client can send: printable ASCII and UTF-8, never CR, LF or NUL. */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  hostileText.map(headerSafe),
  fc.constantFrom('*', '', 'en;q=0.5, nl;q=abc, *;q=', 'nl-NL,nl;q=0.9', `${'x,'.repeat(500)}${MARKER}`, 'q=1;'.repeat(50)),
);

/** A client address the app must not take from headers (no trusted proxy) and must never log. */
export const clientAddress: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([a, b]) => `203.0.${a}.${b}`),
  fc.integer({ min: 1, max: 0xffff }).map((n) => `2001:db8:77::${n.toString(16)}`),
);

/** Media types, well formed and not. */
export const contentType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON ; charset="utf-16"',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=zzz',
    'multipart/form-data',
    'text/plain',
    'application/pgp-encrypted',
    'application/json, text/html',
    'application/vnd.api+json',
    '',
    ';;;',
    'multipart/form-data; boundary=',
    `text/html; charset=${MARKER}`,
  ),
  headerValue,
);

/** Extra request headers: a client address in every proxy header, a user agent, and random others. */
export const hostileHeaders: fc.Arbitrary<Array<[string, string]>> = fc
  .tuple(
    clientAddress,
    marker,
    fc.option(headerValue, { nil: undefined }),
    fc.option(headerValue, { nil: undefined }),
    fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), headerValue), { maxLength: 3 }),
  )
  .map(([address, agentMarker, language, cookie, extra]) => {
    const headers: Array<[string, string]> = [
      ['User-Agent', `${TEST_AGENT_PREFIX}-${agentMarker}`],
      ['X-Forwarded-For', `${address}, 198.51.100.9`],
      ['X-Real-IP', address],
      ['Forwarded', `for="${address}";proto=https`],
    ];
    if (language !== undefined) headers.push(['Accept-Language', language]);
    if (cookie !== undefined) headers.push(['Cookie', `session=${cookie}`]);
    const reserved = /^(host|content-length|transfer-encoding|connection|content-type|expect|upgrade)$/i;
    for (const [name, value] of extra) if (!reserved.test(name)) headers.push([name, value]);
    return headers;
  });

/** A JSON string literal, sometimes with escapes JSON.stringify never writes. */
const jsonString: fc.Arbitrary<string> = fc.oneof(
  hostileText.map((text) => JSON.stringify(text)),
  fc.constantFrom(`"\\ud800${MARKER}"`, `"${MARKER}\\u0000"`, `"\\udfff\\ud800${MARKER}"`, `"${MARKER}\\/\\b\\f"`),
);

const jsonNumber: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '1e-400', '-0', '0.1e+308', '9007199254740993', '1E400'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer().map(String),
);

/** Keys an object parser must not treat as anything but data. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'] as const;

/** Field names the API knows, so random objects sometimes get past the first checks. */
const KNOWN_KEYS = ['title', 'description', 'steps', 'affected', 'impact', 'cvss', 'contact', 'credit', 'language', 'attachments', 'email', 'name', 'filename', 'content_type', 'data_base64', 'pgp_message'];

const jsonKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTO_KEYS, ...KNOWN_KEYS).map((key) => JSON.stringify(key)), jsonString);

/** Builds an object literal from key and value texts, so keys like `__proto__` arrive as written. */
export function objectText(entries: ReadonlyArray<readonly [string, string]>): string {
  return `{${entries.map(([key, value]) => `${key}:${value}`).join(',')}}`;
}

/** JSON text: deep, wide, unicode, NUL, lone surrogates, huge numbers, prototype keys. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonString,
    jsonNumber,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 6 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(jsonKey, tie('value')), { maxLength: 8 }).map(objectText),
  ),
})).value;

/** Deep or wide documents that stress a parser rather than a schema. */
export const heavyJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 100, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 100, max: 5_000 }).map((width) => objectText(Array.from({ length: width }, (_, i) => [JSON.stringify(`${MARKER}${i}`), '1'] as const))),
  fc.integer({ min: 1, max: 50 }).map((count) => objectText([...Array.from({ length: count }, () => ['"title"', `"${MARKER}"`] as const), ['"__proto__"', '{"polluted":true}']])),
);

/** A valid report's fields as JSON texts, with hostile prose where prose is free. */
const validReportEntries: fc.Arbitrary<Array<[string, string]>> = fc.tuple(hostileText, hostileText, hostileText).map(([description, steps, impact]) => [
  ['"title"', JSON.stringify(`Hostile report ${MARKER}`)],
  ['"description"', JSON.stringify(`The search box renders input unescaped: ${description}`)],
  ['"steps"', JSON.stringify(steps)],
  ['"affected"', '"https://shop.example.org/search"'],
  ['"impact"', JSON.stringify(impact)],
]);

/**
 * A report body for the JSON API: arbitrary JSON, a valid report, or a valid report with
 * fields replaced, removed or added (unknown and prototype keys included).
 */
export const apiBody: fc.Arbitrary<string> = fc.oneof(
  jsonText,
  validReportEntries.map(objectText),
  fc
    .tuple(validReportEntries, fc.array(fc.tuple(jsonKey, jsonText), { maxLength: 3 }), fc.nat({ max: 4 }), fc.option(jsonText, { nil: undefined }))
    .map(([entries, extra, index, replacement]) => {
      const changed: Array<readonly [string, string]> = [...entries];
      if (replacement === undefined) changed.splice(index, 1);
      else changed[index] = [changed[index]?.[0] ?? '"title"', replacement];
      return objectText([...changed, ...extra]);
    }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

/** Form field names: the form's own, near misses, prototype keys, and random ones. */
export const formFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('title', 'description', 'steps', 'affected', 'impact', 'cvss', 'contact_name', 'contact_email', 'contact_phone', 'contact_github', 'credit', 'lang', 'attachments', 'message'),
  fc.constantFrom(...PROTO_KEYS, 'email', 'title[]', 'contact[email]', 'attachments[0]', ''),
  hostileText,
);

/** Fields of a valid form submission, with hostile prose. */
export const validFormFields: fc.Arbitrary<Array<[string, string]>> = fc.tuple(hostileText, hostileText).map(([description, steps]) => [
  ['title', `Hostile form report ${MARKER}`],
  ['description', `The search box renders input unescaped: ${description}`],
  ['steps', steps],
  ['affected', 'https://shop.example.org/search'],
  ['credit', 'anonymous'],
]);

/** A set of form fields: a valid submission with changes, or random fields. */
export const formFields: fc.Arbitrary<Array<[string, string]>> = fc.oneof(
  fc.tuple(validFormFields, fc.array(fc.tuple(formFieldName, hostileText), { maxLength: 4 })).map(([valid, extra]) => [...valid, ...extra]),
  fc.array(fc.tuple(formFieldName, fc.oneof(hostileText, fc.constant(''))), { maxLength: 8 }),
);

/** `application/x-www-form-urlencoded`, encoded properly or not at all. */
export function urlencoded(fields: ReadonlyArray<readonly [string, string]>, raw: boolean): Buffer {
  const encode = raw ? (text: string) => text : percentEncode;
  return Buffer.from(fields.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&'), 'utf8');
}

/** A file part of a multipart body. */
export interface GeneratedFile {
  field: string;
  filename: string;
  type: string;
  content: Uint8Array;
}

export const generatedFile: fc.Arbitrary<GeneratedFile> = fc.record({
  field: fc.oneof(fc.constant('attachments'), formFieldName),
  filename: fc.oneof(fc.constantFrom('log.txt', 'shot.png', '../../etc/passwd', 'a"b.txt', 'con.txt', `${MARKER}.exe`, '', '.htaccess'), hostileText),
  type: fc.oneof(fc.constantFrom('text/plain', 'image/png', 'application/zip', 'application/json', 'application/x-msdownload', 'text/html', ''), headerValue),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.constantFrom('\x89PNG\r\n\x1a\n', 'PK\x03\x04', '\x1f\x8b\x08', '%PDF-1.7', '\x7fELF', 'MZ').map((magic) => new Uint8Array(Buffer.from(`${magic}${MARKER}`, 'latin1'))),
    hostileText.map((text) => new Uint8Array(Buffer.from(text, 'utf8'))),
  ),
});

/** `multipart/form-data` with the given boundary; names are quoted as browsers do (or not, when raw). */
export function multipart(boundary: string, fields: ReadonlyArray<readonly [string, string]>, files: readonly GeneratedFile[], raw: boolean): Buffer {
  const quote = (text: string) => (raw ? text : text.replace(/["\r\n]/g, (c) => encodeURIComponent(c)));
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.type.replace(/[\r\n]/g, '')}\r\n\r\n`, 'utf8'));
    parts.push(Buffer.from(file.content), Buffer.from('\r\n'));
  }
  if (!raw || fields.length % 2 === 0) parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** Methods: the usual ones, odd ones and random tokens. */
export const method: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
  { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'MKCOL', 'get', 'PURGE', 'QUERY') },
);
