import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address: the socket's peer, or, when the app runs behind a proxy the operator
 * trusts (`trustProxy`), the first `X-Forwarded-For` hop. Without trust the header is ignored,
 * because anyone can send it.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first && isIP(stripZone(first)) !== 0) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
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
