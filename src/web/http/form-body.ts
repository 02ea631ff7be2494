import type { IncomingMessage } from 'node:http';
import type { IntakeLimits } from '../../report/intake-limits.js';
import { mediaType } from './media-type.js';
import { readMultipart, type MultipartForm } from './multipart.js';
import { readBody } from './read-body.js';

/** The body is neither urlencoded nor multipart. */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError' as const;
  constructor(readonly mediaType: string) {
    super(`unsupported media type ${mediaType || '(none)'}`);
  }
}

/**
 * Reads a form post, multipart (the form's own encoding, with files) or urlencoded (no
 * files; what a script or an old client may send), each under its own size limit.
 *
 * @throws BodyTooLargeError, MalformedBodyError, BodyReadError, UnsupportedMediaTypeError
 */
export async function readFormBody(req: IncomingMessage, limits: IntakeLimits): Promise<MultipartForm> {
  const type = mediaType(req);
  if (type === 'multipart/form-data') return readMultipart(req, limits);
  if (type === 'application/x-www-form-urlencoded') {
    const body = await readBody(req, limits.maxUrlencodedBodyBytes);
    const fields = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      if (!fields.has(name)) fields.set(name, value);
    }
    return { fields, files: [], problems: [] };
  }
  throw new UnsupportedMediaTypeError(type);
}
