import { describe, expect, it } from 'vitest';
import { exitCodeOf, formatReport, formatResult } from '../../src/cli/doctor/format.js';
import { describeError, fail, ok, rootCause, skip, warn } from '../../src/cli/doctor/result.js';
import { displayUrl, secretsIn } from '../../src/cli/doctor/secrets.js';

describe('doctor report formatting', () => {
  it('puts the fix on the line of a failure or warning, never of a pass or skip', () => {
    expect(formatResult(fail('store', 'refused', 'start it'))).toBe('FAIL  store: refused — fix: start it');
    expect(formatResult(warn('public URL', 'unset', 'set it'))).toBe('WARN  public URL: unset — fix: set it');
    expect(formatResult(ok('smtp', 'answers'))).toBe('ok    smtp: answers');
    expect(formatResult(skip('installations', 'needs credentials'))).toBe('skip  installations: needs credentials');
  });

  it('exits 1 only when something failed', () => {
    expect(exitCodeOf([ok('a', 'x'), warn('b', 'y', 'z'), skip('c', 'w')])).toBe(0);
    expect(exitCodeOf([ok('a', 'x'), fail('b', 'y', 'z')])).toBe(1);
  });

  it('ends with the tally and the verdict', () => {
    const report = formatReport([ok('a', 'x'), warn('b', 'y', 'z'), fail('c', 'd', 'e'), skip('f', 'g')], []);
    expect(report.trimEnd().split('\n').at(-1)).toBe('1 ok, 1 warning(s), 1 failed, 1 skipped: not ready: fix the FAIL lines and run `npm run doctor` again');
    expect(formatReport([ok('a', 'x')], []).trimEnd().split('\n').at(-1)).toBe('1 ok, 0 warning(s), 0 failed, 0 skipped: ready');
  });

  it('scrubs every secret of the environment, URL passwords included, and keeps one line per check', () => {
    const env = { WEBHOOK_SECRET: 'hush-hush', DATABASE_URL: `postgres://desk:${encodeURIComponent('p@ss word')}@db:5432/desk`, PRIVATE_KEY: 'short' };
    const report = formatReport([fail('store', 'auth failed for p@ss word and hush-hush\nsecond line', 'fix it')], secretsIn(env));
    expect(report).not.toMatch(/hush-hush|p@ss word/);
    expect(report.split('\n')[0]).toBe('FAIL  store: auth failed for [redacted] and [redacted] second line — fix: fix it');
  });

  it('prints URLs without user, password or query', () => {
    expect(displayUrl('smtps://user:pw@mail.example.org:465/?token=x')).toBe('smtps://mail.example.org:465');
    expect(displayUrl('postgres://desk:pw@db.example.org:5432/desk')).toBe('postgres://db.example.org:5432/desk');
    expect(displayUrl('not a url')).toBe('(not a URL)');
  });

  it('describes a dual-stack connect failure by its inner error, and finds the socket error under a fetch failure', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused], ''))).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(rootCause(new Error('fetch failed', { cause: new TypeError('fetch failed', { cause: refused }) }))).toBe(refused);
    expect(describeError(Object.assign(new Error('the store cannot be reached'), { code: '28P01' }))).toBe('the store cannot be reached (28P01)');
  });
});
