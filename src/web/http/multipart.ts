import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { IntakeLimits } from '../../report/intake-limits.js';
import type { AttachmentProblem } from '../../report/attachment-check.js';
import { BodyReadError, BodyTooLargeError, declaresTooLarge } from './read-body.js';

/** One uploaded file, as the browser declared it. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A parsed form: text fields (first value per name), non-empty files, and files refused on size or count. */
export interface MultipartForm {
  fields: Map<string, string>;
  files: UploadedFile[];
  problems: AttachmentProblem[];
}

/** The multipart body could not be parsed (bad boundary, truncated part, ...). */
export class MalformedBodyError extends Error {
  override name = 'MalformedBodyError' as const;
}

/** The file input's name in the form. Files under any other name are ignored. */
const FILE_FIELD = 'attachments';
/** The form has a dozen fields; more is not a browser. */
const MAX_FIELDS = 50;

type MultipartLimits = Pick<IntakeLimits, 'maxMultipartBytes' | 'maxAttachmentBytes' | 'maxAttachments' | 'maxUrlencodedBodyBytes'>;

/**
 * Streams a `multipart/form-data` body through busboy. The whole body is bounded by
 * `maxMultipartBytes` (past it the request is unpiped and the promise rejects with
 * BodyTooLargeError); each file by `maxAttachmentBytes` (an oversized file is dropped and
 * reported as a problem, so the rest of the form can still be shown back to the reporter).
 */
export function readMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartForm> {
  if (declaresTooLarge(req, limits.maxMultipartBytes)) return Promise.reject(new BodyTooLargeError(limits.maxMultipartBytes));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One spare file slot: an empty file input still sends a part, which we skip.
        limits: { fileSize: limits.maxAttachmentBytes, files: limits.maxAttachments + 1, fields: MAX_FIELDS, fieldSize: limits.maxUrlencodedBodyBytes },
      });
    } catch (error) {
      reject(new MalformedBodyError('not a multipart body', { cause: error }));
      return;
    }
    const form: MultipartForm = { fields: new Map(), files: [], problems: [] };
    let size = 0;
    let settled = false;
    let tooMany = false;

    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      req.off('data', count);
      req.unpipe(parser);
      req.pause();
      parser.destroy();
      reject(error);
    }
    function count(chunk: Buffer): void {
      size += chunk.length;
      if (size > limits.maxMultipartBytes) fail(new BodyTooLargeError(limits.maxMultipartBytes));
    }

    parser.on('field', (name, value) => {
      if (!form.fields.has(name)) form.fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      // When we abort, busboy destroys the open file stream with an error; the parser's own
      // 'error' (or our rejection) already reports it, so the stream's copy is dropped here.
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => {
        if (name === FILE_FIELD) chunks.push(chunk);
      });
      stream.on('end', () => {
        const filename = info.filename ?? '';
        const data = Buffer.concat(chunks);
        // An empty file input still sends a part with no name and no bytes: nothing was attached.
        if (name !== FILE_FIELD || (filename === '' && data.length === 0)) return;
        if (stream.truncated) {
          form.problems.push({ kind: 'too-large', filename, limitBytes: limits.maxAttachmentBytes });
          return;
        }
        form.files.push({ filename, contentType: info.mimeType, data });
      });
    });
    parser.on('filesLimit', () => {
      tooMany = true;
    });
    parser.on('error', (error: unknown) => fail(new MalformedBodyError('multipart body could not be parsed', { cause: error })));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      req.off('data', count);
      const received = form.files.length + form.problems.length;
      if (tooMany || received > limits.maxAttachments) form.problems.push({ kind: 'too-many', limit: limits.maxAttachments });
      resolve(form);
    });
    req.on('data', count);
    req.on('aborted', () => fail(new BodyReadError('client aborted the request')));
    req.on('error', (error) => fail(new BodyReadError('request body could not be read', { cause: error })));
    req.pipe(parser);
  });
}
