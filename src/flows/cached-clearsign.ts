import type { OrgPgp } from '../ports/org-pgp.js';

const caches = new WeakMap<object, Map<string, Promise<string>>>();
/** Distinct texts kept per key: security.txt changes daily, receipts are asked for again. */
const KEPT = 200;

/**
 * A cleartext signature with `pgp`, kept for the same text: a signature costs milliseconds
 * of CPU (far more with an RSA key), which a page asked for again should not spend again.
 * A failed signature is not kept, so the next request tries again. Bounded: the oldest text
 * goes first.
 */
export function cachedClearsign(pgp: Pick<OrgPgp, 'clearsign'>, text: string): Promise<string> {
  const cache = caches.get(pgp) ?? new Map<string, Promise<string>>();
  caches.set(pgp, cache);
  const known = cache.get(text);
  if (known !== undefined) return known;
  if (cache.size >= KEPT) cache.delete(cache.keys().next().value ?? '');
  const signing = pgp.clearsign(text);
  cache.set(text, signing);
  signing.catch(() => cache.delete(text));
  return signing;
}
