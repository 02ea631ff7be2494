import type { Attachment } from './report.js';

/** What was changed in a file name on its way into the tracking repository. */
export type FileNameChange =
  /** Characters other than ASCII letters, digits, `.`, `_` and `-` (separators, controls, bidi and invisible characters, accents, spaces) became `_`. */
  | 'characters'
  /** Leading dots, dashes or underscores, trailing dots, or a run of dots (`..`), were removed. */
  | 'dots'
  /** The extension of the verified type was added (`.txt` after `poc.py`), or `.bin` after a ZIP's. */
  | 'extension'
  /** The name was cut to {@link MAX_FILE_NAME} characters. */
  | 'length'
  /** Nothing usable was left: `attachment-N` was used. */
  | 'fallback';

/** How the file is stored, and what was changed (empty when the name is kept as sent). */
export interface SafeFileName {
  name: string;
  changes: FileNameChange[];
}

/** Longest stored name, extension included. */
export const MAX_FILE_NAME = 80;

/**
 * Extensions a file of each type may keep; the first is added when the name has none of
 * them. Text keeps only extensions no desktop runs on a double click: `poc.py`, `x.html`
 * or `run.bat` sent as text/plain are stored as `poc.py.txt`, `x.html.txt`, `run.bat.txt`.
 */
const EXTENSIONS: Record<Attachment['contentType'], readonly string[]> = {
  'text/plain': ['txt', 'log', 'text', 'md', 'csv', 'tsv', 'diff', 'patch'],
  'application/json': ['json', 'har'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip'],
};

/**
 * The name an attachment is stored under in the tracking repository: ASCII letters, digits,
 * `.`, `_` and `-` only (no path separators, controls, bidi or invisible characters), no
 * leading dot and no `..`, at most {@link MAX_FILE_NAME} characters, ending in an extension
 * of its verified type, `attachment-N` when nothing is left. A ZIP archive always ends in
 * `.zip.bin`, so that a click in GitHub or a file manager downloads it instead of opening it.
 * Pure and deterministic: a retry stores the file under the same path (rule "exactly once under lost answers").
 */
export function safeFileName(filename: string, contentType: Attachment['contentType'], index: number): SafeFileName {
  const changes = new Set<FileNameChange>();
  const ascii = filename.normalize('NFKC').replace(/[^A-Za-z0-9._-]+/g, '_');
  if (ascii !== filename) changes.add('characters');
  const collapsed = ascii.replace(/\.{2,}/g, '.');
  const allowed = EXTENSIONS[contentType];
  const dot = collapsed.lastIndexOf('.');
  const ext = dot === -1 ? '' : collapsed.slice(dot + 1).toLowerCase();
  const kept = allowed.includes(ext);
  const sent = kept ? collapsed.slice(dot) : '';
  let stem = (kept ? collapsed.slice(0, dot) : collapsed).replace(/^[._-]+/, '').replace(/\.+$/, '');
  if (`${stem}${sent}` !== ascii) changes.add('dots');
  const extension = kept ? sent : `.${allowed[0] ?? 'bin'}`;
  const suffix = contentType === 'application/zip' ? `${extension}.bin` : extension;
  if (suffix !== sent) changes.add('extension');

  const room = MAX_FILE_NAME - suffix.length;
  if (stem.length > room) {
    stem = stem.slice(0, room).replace(/[._-]+$/, '');
    changes.add('length');
  }
  if (stem === '') {
    stem = `attachment-${index + 1}`;
    changes.add('fallback');
  }
  return { name: `${stem}${suffix}`, changes: [...changes] };
}
