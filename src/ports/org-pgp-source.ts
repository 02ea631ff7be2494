import type { OrgPgp } from './org-pgp.js';

/**
 * Which OpenPGP key serves an organisation: its own (organisation settings, with the keys it
 * replaced still decrypting for their grace period), else the instance key (PGP_PRIVATE_KEY),
 * else null (no key: encrypted reports are refused and no key is served).
 */
export type OrgPgpFor = (org: string) => Promise<OrgPgp | null>;
