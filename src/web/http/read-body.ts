import type { IncomingMessage } from 'node:http';

/** The request body is bigger than the limit for its type; nothing past the limit was read. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError' as const;
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

/** The client went away or the stream broke while we were reading. */
export class BodyReadError extends Error {
  override name = 'BodyReadError' as const;
}

/** True when `Content-Length` already says the body is too big, so we need not read a byte. */
export function declaresTooLarge(req: IncomingMessage, limitBytes: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limitBytes;
}

/**
 * Reads the whole body, but never more than `limitBytes`: past the limit it stops listening
 * and rejects, so a hostile client cannot make us buffer an unbounded body. The caller
 * answers 413 and closes the connection (see `sendAndClose`).
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  if (declaresTooLarge(req, limitBytes)) return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    // Copied into one buffer of the declared length as it comes: a body costs its size once.
    const declared = Number(req.headers['content-length']);
    let whole: Buffer | null = Number.isSafeInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    function cleanup(): void {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    }
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        req.pause();
        whole = null;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      if (whole !== null && size <= whole.length && chunks.length === 0) chunk.copy(whole, size - chunk.length);
      else chunks.push(chunk);
    }
    function onEnd(): void {
      cleanup();
      if (whole !== null && chunks.length === 0) resolve(whole.subarray(0, size));
      else resolve(Buffer.concat(whole === null ? chunks : [whole.subarray(0, size - chunks.reduce((n, c) => n + c.length, 0)), ...chunks], size));
      whole = null;
    }
    function onError(error: Error): void {
      cleanup();
      reject(new BodyReadError('request body could not be read', { cause: error }));
    }
    function onAborted(): void {
      cleanup();
      reject(new BodyReadError('client aborted the request'));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
