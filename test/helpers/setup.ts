// Strict nock for every test file: an unmocked request to anything but
// loopback fails the test, and so does a mock that was never used.
import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

const unmatched: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  nock.emitter.on('no match', (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
    const host = req.hostname ?? req.host ?? '';
    if (/^(127\.0\.0\.1|localhost|::1)$/.test(host)) return;
    unmatched.push(`${req.method ?? '?'} ${host}${req.path ?? ''}`);
  });
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const stray = unmatched.splice(0);
  nock.cleanAll();
  if (stray.length > 0) throw new Error(`unmocked requests: ${stray.join(', ')}`);
  if (pending.length > 0) throw new Error(`mocks never used: ${pending.join(', ')}`);
});
