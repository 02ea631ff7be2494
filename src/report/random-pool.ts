import { randomBytes } from 'node:crypto';

/** Refilled from the CSPRNG in one call; ids, tokens and IVs of many reports fit in it. */
const POOL_BYTES = 4096;
/** Larger requests go to the CSPRNG directly (a key, a salt). */
const MAX_POOLED = 64;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `crypto.randomBytes`, drawn from a buffer filled by the CSPRNG 4 KiB at a time. One call per
 * value (a report id, a status token, an IV per encrypted field) was about 5 % of the intake's
 * CPU under load. Every byte is handed out once, copied, and zeroed in the pool.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > MAX_POOLED) return randomBytes(size);
  if (offset + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return bytes;
}
