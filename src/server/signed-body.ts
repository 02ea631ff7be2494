import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BodyCollector, declaredLength } from './body-collector.js';

/** How reading a signed body ended. */
export type SignedBody =
  | { kind: 'verified'; body: Buffer }
  | { kind: 'bad-signature' }
  | { kind: 'too-large' }
  | { kind: 'unreadable' };

/** `sha256=` and 64 hex digits, as GitHub sends in `x-hub-signature-256`. */
export function parseSignature(header: string | undefined): Buffer | null {
  if (header === undefined) return null;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  return match?.[1] === undefined ? null : Buffer.from(match[1], 'hex');
}

/**
 * Reads a body while computing its HMAC-SHA256, chunk by chunk: at most `maxBytes` are kept
 * (past them it stops listening and says `too-large`, the rest unread), and the digest is
 * compared with `expected` in constant time once the body has ended. Nothing is parsed here.
 * See https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export function readSignedBody(req: IncomingMessage, secret: string, expected: Buffer, maxBytes: number): Promise<SignedBody> {
  return new Promise((resolve) => {
    const hmac = createHmac('sha256', secret);
    const body = new BodyCollector(declaredLength(req, maxBytes));
    let size = 0;
    function finish(result: SignedBody): void {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFailure);
      req.off('aborted', onFailure);
      if (result.kind !== 'verified') req.pause();
      resolve(result);
    }
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > maxBytes) {
        body.drop();
        finish({ kind: 'too-large' });
        return;
      }
      hmac.update(chunk);
      body.add(chunk);
    }
    function onEnd(): void {
      const actual = hmac.digest();
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
        body.drop();
        finish({ kind: 'bad-signature' });
        return;
      }
      finish({ kind: 'verified', body: body.take() });
    }
    function onFailure(): void {
      body.drop();
      finish({ kind: 'unreadable' });
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFailure);
    req.on('aborted', onFailure);
  });
}
