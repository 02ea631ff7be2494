import { describe, expect, it } from 'vitest';
import { rateLimitKey } from '../../src/web/http/client-ip.js';
import { createRateLimiter } from '../../src/web/http/rate-limit.js';
import { apiErrors, formFields, jsonReport, postForm, postJson } from './helpers/reports.js';
import { serve } from './helpers/serve.js';

/** A clock the test moves by hand. */
function manualClock(start = '2026-03-03T08:00:00Z') {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (seconds: number) => (at += seconds * 1000) };
}

describe('rate limiting over HTTP', () => {
  it('answers 429 with Retry-After once a client has used its reports for the window', async () => {
    const clock = manualClock();
    const { base, intake } = await serve({ now: clock.now, limits: { rateLimit: { count: 2, windowSeconds: 600 } } });

    const first = await postJson(base, 'acme', jsonReport());
    clock.advance(60);
    const second = await postJson(base, 'acme', jsonReport());
    const third = await postJson(base, 'acme', jsonReport());

    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('540');
    expect(await apiErrors(third)).toEqual([{ field: 'request', message: 'too many reports from your network; try again in 540 seconds' }]);
    expect(intake.accepted).toHaveLength(2);
  });

  it('lets the client in again once the window has passed', async () => {
    const clock = manualClock();
    const { base } = await serve({ now: clock.now, limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    await postJson(base, 'acme', jsonReport());
    const refused = await postJson(base, 'acme', jsonReport());

    clock.advance(600);
    const again = await postJson(base, 'acme', jsonReport());

    expect(refused.status).toBe(429);
    expect(again.status).toBe(202);
  });

  it('shows the form a 429 page in its language with Retry-After, and stores nothing', async () => {
    const clock = manualClock();
    const { base, intake } = await serve({ now: clock.now, limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    await postForm(base, '/orgs/acme/report?lang=nl', formFields({ lang: 'nl' }));

    const response = await postForm(base, '/orgs/acme/report?lang=nl', formFields({ lang: 'nl' }));
    const page = await response.text();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('600');
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Probeer het over 10 minuten opnieuw.');
    expect(intake.accepted).toHaveLength(1);
  });

  it('counts form and API posts against the same limit', async () => {
    const { base } = await serve({ limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    await postForm(base, '/orgs/acme/report', formFields());

    const response = await postJson(base, 'acme', jsonReport());

    expect(response.status).toBe(429);
  });

  it('never limits reading the form or a status page', async () => {
    const { base } = await serve({ limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    await postJson(base, 'acme', jsonReport());

    const statuses = await Promise.all([1, 2, 3].map(async () => (await fetch(`${base}/orgs/acme/report`)).status));

    expect(statuses).toEqual([200, 200, 200]);
  });

  it('keys by the hop the trusted proxy appended only when the proxy is trusted', async () => {
    const trusted = await serve({ trustProxy: true, limits: { rateLimit: { count: 1, windowSeconds: 600 } } });
    const untrusted = await serve({ trustProxy: false, limits: { rateLimit: { count: 1, windowSeconds: 600 } } });

    const viaProxy = [
      await postJson(trusted.base, 'acme', jsonReport(), { 'X-Forwarded-For': '10.0.0.1, 198.51.100.1' }),
      await postJson(trusted.base, 'acme', jsonReport(), { 'X-Forwarded-For': '10.0.0.1, 198.51.100.2' }),
    ];
    const spoofed = [
      await postJson(untrusted.base, 'acme', jsonReport(), { 'X-Forwarded-For': '198.51.100.1' }),
      await postJson(untrusted.base, 'acme', jsonReport(), { 'X-Forwarded-For': '198.51.100.2' }),
    ];

    expect(viaProxy.map((response) => response.status)).toEqual([202, 202]);
    expect(spoofed.map((response) => response.status)).toEqual([202, 429]);
  });

  it('can be switched off', async () => {
    const { base } = await serve({ limits: { rateLimit: null } });

    const statuses = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await postJson(base, 'acme', jsonReport())).status);

    expect(new Set(statuses)).toEqual(new Set([202]));
  });
});

describe('createRateLimiter', () => {
  it('allows count requests per sliding window and says how long to wait', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ count: 2, windowSeconds: 10 }, clock.now);

    const first = limiter.hit('a');
    clock.advance(4);
    const second = limiter.hit('a');
    const third = limiter.hit('a');
    clock.advance(6);
    const fourth = limiter.hit('a');

    expect([first, second, fourth]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('keeps separate counts per key', () => {
    const limiter = createRateLimiter({ count: 1, windowSeconds: 60 });

    const a = limiter.hit('a');
    const b = limiter.hit('b');

    expect([a, b]).toEqual([{ allowed: true }, { allowed: true }]);
  });
});

describe('rateLimitKey', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2::ff', '2001:0db8:0001:0002::/64'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    ['not an address', 'unknown'],
  ])('keys %s as %s', (address, key) => {
    const result = rateLimitKey(address);

    expect(result).toBe(key);
  });
});
