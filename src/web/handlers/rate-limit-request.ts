import type { IncomingMessage } from 'node:http';
import { clientAddress, rateLimitKey } from '../http/client-ip.js';
import type { RateLimitDecision } from '../http/rate-limit.js';
import { admittedPost } from '../http/admitted-posts.js';
import type { WebContext } from '../http/web-context.js';

/**
 * Counts a POST against its client network's limit (IPv4 address or IPv6 /64). In the app the
 * front door has already counted it against the limit every instance shares (withRequestLimits);
 * without one (a bare handler) the in-process limiter counts it.
 */
export function rateLimitRequest(context: WebContext, req: IncomingMessage): RateLimitDecision {
  return admittedPost(req) ?? context.limiter.hit(rateLimitKey(clientAddress(req, context.trustProxy)));
}
