import { expect } from 'vitest';
import type { HostileApp } from './hostile-app.js';
import { MARKER, RAW_PROBE_SIGNATURES, TEST_AGENT_PREFIX } from './arbitraries.js';
import type { RawRequest, RawResponse } from './raw-request.js';

/** What a request was, for failure messages: method, target and the start of the body. */
export function describeRequest(request: RawRequest): string {
  return `${request.method} ${request.target.slice(0, 200)} (${request.body?.length ?? 0} bytes)`;
}

/** Statuses whose JSON answer must name a field. */
const FIELD_ERRORS = new Set([400, 404, 413, 415, 429]);

/**
 * What every answer to every request must be: an answer, never a 5xx; JSON errors name a
 * field; HTML carries the security headers and shows no probe unescaped.
 */
export function checkResponse(request: RawRequest, response: RawResponse): void {
  const what = describeRequest(request);
  expect(response.status, `no answer to ${what}`).not.toBeNull();
  const status = response.status ?? 0;
  expect(status, `5xx for ${what}: ${response.text.slice(0, 300)}`).toBeLessThan(500);

  if (status === 429) expect(response.headers['retry-after'], `429 without Retry-After for ${what}`).toMatch(/^\d+$/);
  if (status === 405) expect(response.headers.allow, `405 without Allow for ${what}`).toBeTruthy();

  const type = response.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && FIELD_ERRORS.has(status) && request.method !== 'HEAD') {
    const body = JSON.parse(response.text) as { errors?: Array<{ field?: unknown; message?: unknown }> };
    expect(Array.isArray(body.errors) && body.errors.length > 0, `${status} without errors for ${what}: ${response.text.slice(0, 300)}`).toBe(true);
    for (const error of body.errors ?? []) {
      expect(typeof error.field === 'string' && error.field.length > 0, `error without a field for ${what}: ${JSON.stringify(error)}`).toBe(true);
      expect(typeof error.message === 'string' && error.message.length > 0, `error without a message for ${what}`).toBe(true);
    }
  }

  if (type.startsWith('text/html')) {
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp, `HTML without CSP for ${what}`).toMatch(/default-src 'none'/);
    expect(csp, `CSP allows inline script for ${what}`).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp, `CSP without frame-ancestors for ${what}`).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options'], `HTML without nosniff for ${what}`).toBe('nosniff');
    expect(response.headers['referrer-policy'], `HTML without Referrer-Policy for ${what}`).toMatch(/^(no-referrer|same-origin)$/);
    for (const signature of RAW_PROBE_SIGNATURES) {
      expect(response.text.includes(signature), `HTML echoes ${signature} unescaped for ${what}`).toBe(false);
    }
  }
}

/** The lines of the log that quote a client: the marker, one of `addresses`, or the user agent. */
export function leakingLines(lines: readonly string[], addresses: ReadonlySet<string>): string[] {
  return lines.filter((line) => line.includes(MARKER) || line.includes(TEST_AGENT_PREFIX) || [...addresses].some((address) => line.includes(address)));
}

/** At most this many GitHub requests per run: config reads for the installed org and one lookup per unknown org. */
export const MAX_GITHUB_REQUESTS = 12;

/**
 * After a run: the log quotes no client, GitHub saw only valid requests and few of them, and
 * asked only about organisations that are valid logins. `requestsBefore`: the requests a test
 * caused on purpose (filing a report) before the run.
 */
export function checkAfterRun(app: HostileApp, addresses: ReadonlySet<string>, requestsBefore = 0): void {
  expect(leakingLines(app.lines, addresses)).toEqual([]);
  expect(app.fake.state.invalidRequests).toEqual([]);
  const requests = app.fake.requests.map((r) => `${r.method} ${r.path}`);
  expect(requests.length, requests.join('\n')).toBeLessThanOrEqual(requestsBefore + MAX_GITHUB_REQUESTS);
  for (const request of app.fake.requests) expect(request.path).not.toContain(MARKER);
}
