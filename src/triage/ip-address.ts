import { isIP } from 'node:net';

/** An IP address as a number, so that a CIDR range check is one shift and one compare. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** Address width in bits per IP version. */
export const IP_BITS: Readonly<Record<4 | 6, number>> = { 4: 32, 6: 128 };

/**
 * Parses a plain IPv4 or IPv6 address (no brackets, port or prefix). Zone ids (`fe80::1%eth0`)
 * are refused: they name a network interface of the reporter's machine, not an asset.
 */
export function parseIp(text: string): IpAddress | null {
  if (text.includes('%')) return null;
  const version = isIP(text);
  if (version === 4) return { version: 4, value: parseV4(text) };
  if (version === 6) return { version: 6, value: parseV6(text) };
  return null;
}

/** Formats an address canonically: dotted quad, or RFC 5952 IPv6 (lower-case, longest zero run compressed). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((ip.value >> shift) & 0xffffn));
  const run = longestZeroRun(groups);
  const hex = groups.map((group) => group.toString(16));
  // RFC 5952 §4.2.2: a single zero group is not compressed.
  if (run.length < 2) return hex.join(':');
  return `${hex.slice(0, run.start).join(':')}::${hex.slice(run.start + run.length).join(':')}`;
}

function parseV4(text: string): bigint {
  return text.split('.').reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** Only called after `isIP` said 6, so the shape is known to be valid. */
function parseV6(text: string): bigint {
  const [head = '', tail] = text.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<number>(Math.max(missing, 0)).fill(0), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** Hex groups of one side of `::`; an embedded IPv4 tail (`::ffff:192.0.2.1`) counts as two groups. */
function groupsOf(side: string): number[] {
  if (side === '') return [];
  return side.split(':').flatMap((part) => {
    if (!part.includes('.')) return [parseInt(part, 16)];
    const v4 = Number(parseV4(part));
    return [v4 >>> 16, v4 & 0xffff];
  });
}

function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    // Ties keep the first run (RFC 5952 §4.2.3).
    if (start >= 0 && i - start > best.length) best = { start, length: i - start };
    start = -1;
  }
  return best;
}
