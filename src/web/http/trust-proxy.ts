import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the app may say who the client is (`TRUST_PROXY`):
 * - `none`: the socket's peer is the client; `X-Forwarded-For` is ignored.
 * - `hops`: that many proxies, the nearest first, each appending the address it saw.
 * - `addresses`: any proxy whose address is in the list (addresses or CIDR ranges).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: BlockList; text: string };

export const TRUST_NONE: TrustProxy = { kind: 'none' };

/** TRUST_PROXY was neither a hop count, `true`/`false`, nor a list of addresses and CIDRs. */
export class InvalidTrustProxyError extends Error {
  override name = 'InvalidTrustProxyError' as const;
  constructor(readonly value: string) {
    super(`TRUST_PROXY must be a number of proxy hops, true (1 hop), false, or a comma-separated list of proxy addresses/CIDRs, got "${value}"`);
  }
}

/**
 * Parses `TRUST_PROXY`: unset, empty or `false` trusts nobody; `true` is one hop (as before);
 * a whole number is that many hops; otherwise a comma-separated list of addresses and CIDRs
 * (e.g. `10.0.0.0/8, fd00::/8`). Throws InvalidTrustProxyError, so a typo fails at startup.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return TRUST_NONE;
  if (text === 'true') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new InvalidTrustProxyError(text);
    return { kind: 'hops', hops };
  }
  const list = new BlockList();
  for (const entry of text.split(',').map((part) => part.trim())) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new InvalidTrustProxyError(text);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw new InvalidTrustProxyError(text);
    list.addSubnet(address, prefix, type);
  }
  return { kind: 'addresses', list, text };
}
