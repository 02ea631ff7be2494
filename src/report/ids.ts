import { createHash, timingSafeEqual } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';

/** Randomness is injected so tests are deterministic. */
export type RandomBytes = (size: number) => Buffer;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short, readable tracking id: `DD-` + 12 Crockford base32 characters (60 random bits). */
export function newReportId(random: RandomBytes = pooledRandomBytes): string {
  const bytes = random(12);
  let id = '';
  for (const byte of bytes) id += CROCKFORD[byte % 32];
  return `DD-${id}`;
}

/** A status-page token: 32 random bytes (256 bits), base64url. Only its hash is stored. */
export function newStatusToken(random: RandomBytes = pooledRandomBytes): string {
  return random(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex digests without leaking where they differ. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export const REPORT_ID = /^DD-[0-9A-HJKMNP-TV-Z]{12}$/;
export const STATUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;
