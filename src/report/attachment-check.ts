import { ATTACHMENT_TYPES } from './report.js';
import { endsWithZip, fileSignature } from './file-signature.js';

/** One of the accepted attachment types. */
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * Why a file is not what it is declared as:
 * - `archive` / `program`: its first bytes are an archive or a program (`format` says which)
 *   other than a ZIP declared as application/zip;
 * - `other-format`: its first bytes are another accepted format (`format`), e.g. a PNG sent as JPEG;
 * - `signature`: its first bytes are not those of the declared type;
 * - `extension`: its name ends in the extension of another type;
 * - `not-utf8` / `nul`: declared as text but not UTF-8, or with NUL bytes (binary data);
 * - `not-json`: declared as application/json but does not parse;
 * - `appended-archive`: a ZIP archive ends the file (an image or PDF that also opens as an archive).
 */
export type MismatchReason = 'archive' | 'program' | 'other-format' | 'signature' | 'extension' | 'not-utf8' | 'nul' | 'not-json' | 'appended-archive';

/** Why an attachment was refused at the edge, before the schema sees it. */
export type AttachmentProblem =
  | { kind: 'too-large'; filename: string; limitBytes: number }
  | { kind: 'too-many'; limit: number }
  | { kind: 'type-not-accepted'; filename: string; contentType: string }
  | { kind: 'content-mismatch'; filename: string; contentType: string; reason: MismatchReason; format?: string };

/** Types whose content must start with their own signature (see fileSignature); the rest are text. */
const SIGNED_TYPES: ReadonlySet<AttachmentType> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/zip']);

/** File name extensions that promise a binary type, so `x.png` sent as text/plain is caught too. */
const EXTENSION_TYPES: Record<string, AttachmentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** Extensions browsers often send as application/octet-stream although they are text. */
const TEXT_EXTENSIONS: Record<string, AttachmentType> = { txt: 'text/plain', log: 'text/plain', json: 'application/json', har: 'application/json' };

/** Browser spellings of accepted types (Windows sends zip as x-zip-compressed). */
const ALIASES: Record<string, AttachmentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-zip-compressed': 'application/zip',
  'text/x-log': 'text/plain',
};

/**
 * The content type a browser meant: parameters dropped, known aliases mapped, and
 * `application/octet-stream` resolved from the file name extension. Only for the form; API
 * clients must declare the type themselves.
 */
export function browserContentType(filename: string, declared: string): string {
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/octet-stream') {
    const ext = extension(filename);
    return TEXT_EXTENSIONS[ext] ?? EXTENSION_TYPES[ext] ?? type;
  }
  return ALIASES[type] ?? type;
}

/**
 * Checks a file against its declared type, its name and its whole content (files are at
 * most a few MiB, bounded before this runs):
 * - an archive or program (ELF, PE, Mach-O, gzip, 7z, RAR, …) is refused unless it is a ZIP
 *   declared as application/zip, whatever its name;
 * - images, PDF and ZIP must start with their format's signature, and no ZIP may end a
 *   file declared as anything else (a polyglot opens as an archive);
 * - text/plain and application/json must be UTF-8 without NUL, and JSON must parse;
 * - a name ending in another accepted type's extension (`x.png` sent as text) is refused.
 */
export function checkAttachmentContent(filename: string, contentType: string, data: Buffer): AttachmentProblem | null {
  if (!isAcceptedType(contentType)) return { kind: 'type-not-accepted', filename, contentType };
  const mismatch = (reason: MismatchReason, format?: string): AttachmentProblem =>
    format === undefined ? { kind: 'content-mismatch', filename, contentType, reason } : { kind: 'content-mismatch', filename, contentType, reason, format };
  const found = fileSignature(data);
  if (found !== null && found.type !== contentType) {
    return mismatch(found.kind === 'archive' || found.kind === 'program' ? found.kind : 'other-format', found.format);
  }
  const promised = EXTENSION_TYPES[extension(filename)];
  if (promised !== undefined && promised !== contentType) return mismatch('extension');
  if (SIGNED_TYPES.has(contentType) && found?.type !== contentType) return mismatch('signature');
  if (contentType !== 'application/zip' && endsWithZip(data)) return mismatch('appended-archive', 'ZIP');
  if (contentType === 'text/plain' || contentType === 'application/json') return textProblem(contentType, data, mismatch);
  return null;
}

/** UTF-8 without NUL (a BOM is allowed), and for JSON a value that parses. */
function textProblem(contentType: AttachmentType, data: Buffer, mismatch: (reason: MismatchReason) => AttachmentProblem): AttachmentProblem | null {
  if (data.includes(0)) return mismatch('nul');
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch {
    return mismatch('not-utf8');
  }
  if (contentType !== 'application/json') return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return mismatch('not-json');
  }
}

/** Throws on invalid UTF-8 instead of replacing it; drops a leading BOM. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The decoded size of a base64 string, computed without decoding it. */
export function base64DecodedBytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** The English message for an attachment problem, as the JSON API reports it. */
export function describeAttachmentProblem(problem: AttachmentProblem): string {
  switch (problem.kind) {
    case 'too-large':
      return `"${problem.filename}" is larger than the limit of ${problem.limitBytes} bytes per attachment`;
    case 'too-many':
      return `at most ${problem.limit} attachments`;
    case 'type-not-accepted':
      return `"${problem.filename}" has type ${problem.contentType || 'unknown'}; accepted types are ${ATTACHMENT_TYPES.join(', ')}`;
    case 'content-mismatch':
      return `"${problem.filename}" is declared as ${problem.contentType} but ${MISMATCH_TEXT[problem.reason](problem.format ?? 'another')}`;
  }
}

/** The English end of a content-mismatch message, given the format found. */
const MISMATCH_TEXT: Record<MismatchReason, (format: string) => string> = {
  archive: (format) => `is an archive (${format}); the only archive accepted is ZIP, declared as application/zip`,
  program: (format) => `is a program (${format}); programs are not accepted`,
  'other-format': (format) => `is of another type (${format}); declare the type it is`,
  signature: () => 'its content does not start the way that type does',
  extension: () => 'its file name ends in the extension of another type',
  'not-utf8': () => 'is not UTF-8 text',
  nul: () => 'contains NUL bytes, so it is binary data, not text',
  'not-json': () => 'is not valid JSON',
  'appended-archive': () => 'a ZIP archive is appended to it; send the archive on its own as application/zip',
};

/** True for a type in ATTACHMENT_TYPES. */
export function isAcceptedType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

function extension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}
