import type { IntakeLimits } from '../../report/intake-limits.js';
import { base64DecodedBytes, type AttachmentProblem } from '../../report/attachment-check.js';
import { checkUploads } from './form-attachments.js';
import { isJsonObject } from './json-input.js';
import type { UploadedFile } from './multipart.js';

/** A report the browser encrypted, decrypted: ready for the schema, with attachments refused at the edge. */
export interface DecryptedFormInput {
  /** The ReportInput fields, not yet validated: the schema parses them next. */
  input: Record<string, unknown>;
  problems: AttachmentProblem[];
}

/** Base64 as the schema accepts it; anything else goes to the schema, which says so at its path. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads the JSON that `assets/encrypt-form.js` encrypted: the ReportInput shape, with
 * `attachments[{ filename, contentType, dataBase64 }]` as the browser read them. The files
 * get the same checks as files posted with the plain form (count, size before decoding, the
 * browser's type mapped and sniffed), so both ways in behave alike.
 *
 * Nothing is dropped on the way: fields the schema does not know, at the top, in `contact` or
 * in a file, reach the schema as sent, and it refuses them by name (rule "strict at every edge").
 * The script sends only known fields, so only a hand-made message meets this.
 *
 * @returns null when the text is not a JSON object.
 */
export function decryptedFormInput(text: string, limits: Pick<IntakeLimits, 'maxAttachments' | 'maxAttachmentBytes'>): DecryptedFormInput | null {
  const body = parseJson(text);
  if (!isJsonObject(body)) return null;
  const { attachments, ...rest } = body;
  if (!Array.isArray(attachments) || !attachments.every(isBrowserFile)) {
    return { input: { ...rest, attachments }, problems: [] };
  }
  if (attachments.length > limits.maxAttachments) {
    return { input: { ...rest, attachments: [] }, problems: [{ kind: 'too-many', limit: limits.maxAttachments }] };
  }
  const problems: AttachmentProblem[] = [];
  const files: UploadedFile[] = [];
  for (const file of attachments) {
    if (base64DecodedBytes(file.dataBase64) > limits.maxAttachmentBytes) {
      problems.push({ kind: 'too-large', filename: file.filename, limitBytes: limits.maxAttachmentBytes });
    } else {
      files.push({ filename: file.filename, contentType: file.contentType, data: Buffer.from(file.dataBase64, 'base64') });
    }
  }
  const checked = checkUploads(files);
  return { input: { ...rest, attachments: checked.attachments }, problems: [...problems, ...checked.problems] };
}

interface BrowserFile {
  filename: string;
  contentType: string;
  dataBase64: string;
}

/** The three keys the script sends for a file. A file with any other key goes to the schema untouched, which names the key. */
const BROWSER_FILE_KEYS = ['contentType', 'dataBase64', 'filename'] as const;

function isBrowserFile(item: unknown): item is BrowserFile {
  if (!isJsonObject(item) || Object.keys(item).sort().join() !== BROWSER_FILE_KEYS.join()) return false;
  return typeof item.filename === 'string' && typeof item.contentType === 'string' && typeof item.dataBase64 === 'string' && BASE64.test(item.dataBase64);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
