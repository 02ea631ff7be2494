import type { IncomingMessage } from 'node:http';
import type { RateLimitDecision } from './rate-limit.js';

/**
 * The shared POST decision, taken before the route runs. Route handlers ask for it
 * synchronously (rateLimitRequest), while the shared count is a database round trip; keyed by
 * the request object, so it goes when the request goes.
 */
const admitted = new WeakMap<IncomingMessage, RateLimitDecision>();

/** Records the shared decision for this POST (src/web/request-limits.ts). */
export function admitPost(req: IncomingMessage, decision: RateLimitDecision): void {
  admitted.set(req, decision);
}

/** The shared decision for this POST, when the front door took one. */
export function admittedPost(req: IncomingMessage): RateLimitDecision | undefined {
  return admitted.get(req);
}
