import { ATTACHMENT_TYPES } from '../report/report.js';

/** One of the accepted attachment types. */
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Why an attachment was refused at the edge, before the schema sees it. */
export type AttachmentProblem =
  | { kind: 'too-large'; filename: string; limitBytes: number }
  | { kind: 'too-many'; limit: number }
  | { kind: 'type-not-accepted'; filename: string; contentType: string }
  | { kind: 'content-mismatch'; filename: string; contentType: string };

/** Signatures of the binary types we accept: a declared type must match the first bytes. */
const SIGNATURES: Partial<Record<AttachmentType, (head: Buffer) => boolean>> = {
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
  // Local file header, or the end-of-central-directory record of an empty archive.
  'application/zip': (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]),
};

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

/** How many leading bytes the sniff needs. */
export const SNIFF_BYTES = 12;

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
 * Checks the declared type against the accepted list, the file name and the first bytes.
 * `head` is at least the first {@link SNIFF_BYTES} bytes of the file (or all of a shorter one).
 */
export function checkAttachmentContent(filename: string, contentType: string, head: Buffer): AttachmentProblem | null {
  if (!isAcceptedType(contentType)) return { kind: 'type-not-accepted', filename, contentType };
  const promised = EXTENSION_TYPES[extension(filename)];
  if (promised !== undefined && promised !== contentType) return { kind: 'content-mismatch', filename, contentType };
  const signature = SIGNATURES[contentType];
  if (signature && !signature(head)) return { kind: 'content-mismatch', filename, contentType };
  return null;
}

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
      return `"${problem.filename}" is declared as ${problem.contentType} but its content or file name is not of that type`;
  }
}

/** True for a type in ATTACHMENT_TYPES. */
export function isAcceptedType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

function extension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((byte, i) => buffer[i] === byte);
}

function ascii(buffer: Buffer, offset: number, text: string): boolean {
  return buffer.subarray(offset, offset + text.length).toString('latin1') === text;
}
