/** What a file's first bytes say it is, whatever its name or declared type. */
export interface FileSignature {
  /** A format name that reads the same in every language: `ZIP`, `ELF`, `PNG`. */
  format: string;
  /** `archive` and `program` are refused unless declared as what they are (only ZIP, as application/zip). */
  kind: 'archive' | 'program' | 'image' | 'document';
  /** The accepted type this format is, when it is one. */
  type?: string;
}

interface Rule extends FileSignature {
  test(data: Buffer): boolean;
}

/**
 * Leading-byte signatures, the accepted types first. Sources: the formats' specifications,
 * as collected in the `file(1)` magic database. A shebang script is text and is not here.
 */
const RULES: readonly Rule[] = [
  { format: 'PNG', kind: 'image', type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: 'JPEG', kind: 'image', type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { format: 'GIF', kind: 'image', type: 'image/gif', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { format: 'WebP', kind: 'image', type: 'image/webp', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { format: 'PDF', kind: 'document', type: 'application/pdf', test: (b) => ascii(b, 0, '%PDF-') },
  // Local file header, end of central directory (an empty archive), or a spanned archive's marker.
  { format: 'ZIP', kind: 'archive', type: 'application/zip', test: (b) => [[3, 4], [5, 6], [7, 8]].some(([x, y]) => startsWith(b, [0x50, 0x4b, x ?? 0, y ?? 0])) },
  { format: 'ELF', kind: 'program', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  { format: 'PE (Windows)', kind: 'program', test: isPortableExecutable },
  { format: 'Mach-O', kind: 'program', test: (b) => [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe]].some((m) => startsWith(b, m)) },
  // Also a Java class file: a program either way.
  { format: 'Mach-O universal or Java class', kind: 'program', test: (b) => startsWith(b, [0xca, 0xfe, 0xba, 0xbe]) },
  { format: 'WebAssembly', kind: 'program', test: (b) => startsWith(b, [0x00, 0x61, 0x73, 0x6d]) },
  { format: 'gzip', kind: 'archive', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { format: '7z', kind: 'archive', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { format: 'RAR', kind: 'archive', test: (b) => ascii(b, 0, 'Rar!\u001a\u0007') },
  { format: 'bzip2', kind: 'archive', test: (b) => ascii(b, 0, 'BZh') && b.length > 3 && b[3]! >= 0x31 && b[3]! <= 0x39 },
  { format: 'xz', kind: 'archive', test: (b) => startsWith(b, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { format: 'Zstandard', kind: 'archive', test: (b) => startsWith(b, [0x28, 0xb5, 0x2f, 0xfd]) },
  { format: 'tar', kind: 'archive', test: (b) => ascii(b, 257, 'ustar') },
  { format: 'CAB', kind: 'archive', test: (b) => ascii(b, 0, 'MSCF') },
  // MSI installers and legacy Office files (macros) share this container.
  { format: 'OLE (MSI, legacy Office)', kind: 'program', test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
];

/** The format the first bytes announce, or null for none we know (text, most likely). */
export function fileSignature(data: Buffer): FileSignature | null {
  const rule = RULES.find((candidate) => candidate.test(data));
  if (rule === undefined) return null;
  const { format, kind, type } = rule;
  return type === undefined ? { format, kind } : { format, kind, type };
}

/**
 * True when a ZIP archive ends the file: its end-of-central-directory record sits exactly
 * where its comment length says. ZIP readers look there, not at the start, so an image or
 * PDF with an archive appended (a polyglot) opens as an archive too.
 */
export function endsWithZip(data: Buffer): boolean {
  const from = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= from; at -= 1) {
    if (data[at] === 0x50 && data[at + 1] === 0x4b && data[at + 2] === 0x05 && data[at + 3] === 0x06 && at + 22 + data.readUInt16LE(at + 20) === data.length) {
      return true;
    }
  }
  return false;
}

/** `MZ` with a `PE\0\0` header where the DOS header points: a bare `MZ` may be text. */
function isPortableExecutable(b: Buffer): boolean {
  if (!ascii(b, 0, 'MZ') || b.length < 0x40) return false;
  const at = b.readUInt32LE(0x3c);
  return at + 4 <= b.length && startsWith(b.subarray(at), [0x50, 0x45, 0x00, 0x00]);
}

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((byte, i) => buffer[i] === byte);
}

function ascii(buffer: Buffer, offset: number, text: string): boolean {
  return buffer.subarray(offset, offset + text.length).toString('latin1') === text;
}
