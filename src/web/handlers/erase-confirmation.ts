import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a confirmation page's form may be sent: long enough to read it, short enough not to linger in a tab. */
export const CONFIRMATION_VALID_MS = 60 * 60 * 1000;
/** Clocks of several instances may differ a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The value the erase confirmation page puts in its form: when the page was made, and an
 * HMAC of that time keyed with the page's status token. The token is the secret that guards
 * every status route; this value adds that the post came from a confirmation page seen
 * within the last hour. Nothing is stored: the check recomputes it.
 */
export function eraseConfirmation(token: string, now: Date): string {
  const issuedAt = String(now.getTime());
  return `${issuedAt}.${mac(token, issuedAt)}`;
}

/** `missing` when none came with the post; `invalid` when it is malformed, not made for this token, or too old. */
export function checkEraseConfirmation(token: string, value: string, now: Date): 'valid' | 'missing' | 'invalid' {
  if (value === '') return 'missing';
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (match?.[1] === undefined || match[2] === undefined) return 'invalid';
  const expected = Buffer.from(mac(token, match[1]));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = now.getTime() - Number(match[1]);
  return age >= -CLOCK_SKEW_MS && age <= CONFIRMATION_VALID_MS ? 'valid' : 'invalid';
}

function mac(token: string, issuedAt: string): string {
  return createHmac('sha256', token).update(`disclosure-desk erase confirmation ${issuedAt}`).digest('base64url');
}
