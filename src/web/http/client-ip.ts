import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TrustProxy } from './trust-proxy.js';

/**
 * The client's address: the address the nearest proxy we do not trust saw. The chain is every
 * `X-Forwarded-For` entry, then the socket's peer; it is walked from the right, skipping
 * trusted proxies, because each proxy appends what it saw and only the entries our own
 * proxies wrote can be believed (the leftmost ones are whatever the client sent). Without
 * trust the header is ignored. `true` means one hop, `false` none (the old boolean setting).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy | boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const setting: TrustProxy = typeof trust === 'boolean' ? (trust ? { kind: 'hops', hops: 1 } : { kind: 'none' }) : trust;
  if (setting.kind === 'none') return peer;
  const chain = [...forwardedFor(req), peer];
  let index = chain.length - 1;
  for (let skipped = 0; index > 0; skipped += 1, index -= 1) {
    const address = chain[index] as string;
    if (!isTrusted(setting, address, skipped)) break;
    // A hop we cannot read ends the walk at the last proxy we trust.
    if (isIP(stripZone(chain[index - 1] as string)) === 0) break;
  }
  return chain[index] as string;
}

function isTrusted(setting: Exclude<TrustProxy, { kind: 'none' }>, address: string, skipped: number): boolean {
  if (setting.kind === 'hops') return skipped < setting.hops;
  const ip = stripZone(address);
  const family = isIP(ip);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped !== undefined) return setting.list.check(mapped, 'ipv4') || setting.list.check(ip, 'ipv6');
  return setting.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Every `X-Forwarded-For` entry in order, over repeated headers. */
function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * The rate-limit key for an address: IPv4 as is, IPv6 by its /64, because one subscriber
 * usually gets a whole /64 and could otherwise rotate through it.
 */
export function rateLimitKey(address: string): string {
  const ip = stripZone(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIP(ip) === 4) return ip;
  if (isIP(ip) !== 6) return 'unknown';
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function stripZone(address: string): string {
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}

/** Eight groups of four hex digits; the caller has checked that `ip` is IPv6. */
function expandIpv6(ip: string): string[] {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.padStart(4, '0'));
}
