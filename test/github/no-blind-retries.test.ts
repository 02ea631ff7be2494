import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, expect, it, describe } from 'vitest';
import { withoutBlindRetries } from '../../src/github/octokit.js';

/**
 * Octokit's retry plugin repeats a request that failed with a 5xx or a dropped connection,
 * a POST included. When GitHub performed the write and only the answer was lost, that
 * repeat is a second issue. The gateway's Octokits must never repeat a write themselves.
 */
describe('the gateway Octokit', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      // Every request "fails": a write GitHub performed whose answer was lost looks like this.
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function octokit() {
    // Retries on (as in production), with a 1 ms base so the read case stays quick.
    return new ProbotOctokit({ auth: { token: 'test-token' }, baseUrl, retry: { retryAfterBaseValue: 1 }, throttle: { enabled: false } });
  }

  it('sends a create exactly once when the answer is a server error', async () => {
    const client = withoutBlindRetries(octokit());

    await expect(client.rest.issues.create({ owner: 'acme', repo: 'security-reports', title: 't' })).rejects.toMatchObject({ status: 502 });

    expect(seen).toEqual(['POST /repos/acme/security-reports/issues']);
  });

  it.each([
    ['PUT', (c: ReturnType<typeof octokit>) => c.rest.repos.createOrUpdateFileContents({ owner: 'acme', repo: 'r', path: 'a.txt', message: 'm', content: 'eA==' })],
    ['PATCH', (c: ReturnType<typeof octokit>) => c.rest.issues.update({ owner: 'acme', repo: 'r', issue_number: 1, body: 'b' })],
    ['DELETE', (c: ReturnType<typeof octokit>) => c.rest.issues.removeLabel({ owner: 'acme', repo: 'r', issue_number: 1, name: 'x' })],
  ])('sends a %s exactly once', async (method, call) => {
    const client = withoutBlindRetries(octokit());

    await expect(call(client)).rejects.toMatchObject({ status: 502 });

    expect(seen).toHaveLength(1);
    expect(seen[0]?.startsWith(`${method} `)).toBe(true);
  });

  it('still lets the retry plugin repeat a read', async () => {
    const client = withoutBlindRetries(octokit());

    await expect(client.rest.issues.get({ owner: 'acme', repo: 'r', issue_number: 1 })).rejects.toMatchObject({ status: 502 });

    expect(seen.length).toBeGreaterThan(1);
  });

  it('repeats the POST without the guard (the bug this guards against)', async () => {
    await expect(octokit().rest.issues.create({ owner: 'acme', repo: 'security-reports', title: 't' })).rejects.toMatchObject({ status: 502 });

    expect(seen.length).toBeGreaterThan(1);
  });
});
