import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/web/http/client-ip.js';
import { InvalidTrustProxyError, parseTrustProxy } from '../../src/web/http/trust-proxy.js';

/** A request as node:http hands it over: a socket peer and maybe an X-Forwarded-For header. */
function request(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('the client address behind trusted proxies', () => {
  it('takes the address the one trusted proxy saw, not a first hop the client made up', () => {
    const req = request('10.0.0.2', '6.6.6.6, 203.0.113.7');

    const address = clientAddress(req, parseTrustProxy('1'));

    expect(address).toBe('203.0.113.7');
  });

  it('treats TRUST_PROXY=true as one hop', () => {
    const req = request('10.0.0.2', '1.1.1.1, 2.2.2.2, 203.0.113.7');

    expect(clientAddress(req, parseTrustProxy('true'))).toBe('203.0.113.7');
    expect(clientAddress(req, true)).toBe('203.0.113.7');
  });

  it('skips as many hops as configured', () => {
    const req = request('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.9');

    expect(clientAddress(req, parseTrustProxy('2'))).toBe('203.0.113.7');
  });

  it('skips only proxies whose address is in the trusted list', () => {
    const trust = parseTrustProxy('10.0.0.0/8, fd00::1');

    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.1.2.3'), trust)).toBe('203.0.113.7');
    expect(clientAddress(request('fd00::1', '6.6.6.6, 2001:db8::5'), trust)).toBe('2001:db8::5');
    expect(clientAddress(request('198.51.100.4', '6.6.6.6'), trust)).toBe('198.51.100.4');
  });

  it('reads repeated X-Forwarded-For headers as one list', () => {
    const req = request('10.0.0.2', ['6.6.6.6', '203.0.113.7']);

    expect(clientAddress(req, parseTrustProxy('1'))).toBe('203.0.113.7');
  });

  it('stops at the last trusted proxy when the hop before it is not an address', () => {
    const req = request('10.0.0.2', 'garbage');

    expect(clientAddress(req, parseTrustProxy('1'))).toBe('10.0.0.2');
  });

  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    const req = request('198.51.100.4', '203.0.113.7');

    expect(clientAddress(req, parseTrustProxy(undefined))).toBe('198.51.100.4');
    expect(clientAddress(req, parseTrustProxy('false'))).toBe('198.51.100.4');
    expect(clientAddress(req, false)).toBe('198.51.100.4');
  });

  it.each(['yes', '10.0.0.0/33', '1.2.3', '10.0.0.0/8,', '-1'])('refuses TRUST_PROXY=%s at startup', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(InvalidTrustProxyError);
  });
});
