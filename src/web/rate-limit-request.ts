import type { IncomingMessage } from 'node:http';
import { clientAddress, rateLimitKey } from '../intake/http-client-ip.js';
import type { RateLimitDecision } from '../intake/rate-limit.js';
import type { WebContext } from './web-context.js';

/** Counts a POST against its client network's limit (IPv4 address or IPv6 /64). */
export function rateLimitRequest(context: WebContext, req: IncomingMessage): RateLimitDecision {
  return context.limiter.hit(rateLimitKey(clientAddress(req, context.trustProxy)));
}
