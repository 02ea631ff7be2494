import { describe, expect, it } from 'vitest';
import type { KnownIssue } from '../../src/config/schema.js';
import { matchKnownIssues, type KnownIssueSubject } from '../../src/triage/known-issues.js';

function knownIssue(overrides: Partial<KnownIssue> & Pick<KnownIssue, 'id'>): KnownIssue {
  return { title: `Known: ${overrides.id}`, assets: [], keywords: [], ...overrides };
}

function report(overrides: Partial<KnownIssueSubject> = {}): KnownIssueSubject {
  return { affected: '', title: '', description: '', ...overrides };
}

describe('matchKnownIssues', () => {
  it('matches on an asset alone and names the pattern', () => {
    const known = [knownIssue({ id: 'legacy-shop', assets: ['legacy.example.com'] })];

    const candidates = matchKnownIssues(report({ affected: 'https://legacy.example.com/cart' }), known);

    expect(candidates).toEqual([{ id: 'legacy-shop', title: 'Known: legacy-shop', matchedAsset: 'legacy.example.com', matchedKeywords: [] }]);
  });

  it('matches on a keyword alone and lists every keyword found, as configured', () => {
    const known = [knownIssue({ id: 'spf', keywords: ['SPF', 'DMARC', 'clickjacking'] })];

    const candidates = matchKnownIssues(report({ title: 'Missing spf record', description: 'No dmarc policy either.' }), known);

    expect(candidates).toEqual([{ id: 'spf', title: 'Known: spf', matchedAsset: null, matchedKeywords: ['SPF', 'DMARC'] }]);
  });

  it.each<[string, KnownIssueSubject, boolean]>([
    ['both hold', report({ affected: 'shop.example.com', description: 'Reflected XSS in search' }), true],
    ['only the asset holds', report({ affected: 'shop.example.com', description: 'SQL injection' }), false],
    ['only the keyword holds', report({ affected: 'blog.example.org', description: 'Reflected XSS' }), false],
    ['neither holds', report({ affected: 'blog.example.org', description: 'SQL injection' }), false],
  ])('needs every matcher it gives: matches when %s is %s', (_name, subject, expected) => {
    const known = [knownIssue({ id: 'shop-xss', assets: ['*.example.com'], keywords: ['xss'] })];

    const candidates = matchKnownIssues(subject, known);

    expect(candidates.length > 0).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['xss', 'Stored XSS on the profile', true],
    ['xss', 'stored-xss on the profile', true],
    ['xss', 'an XSSI leak', false],
    ['xss', 'noxss header', false],
    ['sql injection', 'Blind SQL   injection\nin search', true],
    ['sql injection', 'sql injections everywhere', false],
    ['x-frame-options', 'Missing X-Frame-Options header', true],
    ['/admin', 'open at https://shop.example.com/admin.', true],
    ['csrf', 'CSRF', true],
    ['über', 'Über-Fehler gefunden', true],
    ['über', 'drüber', false],
    ['rate limit', 'no rate limiting', false],
  ])('finds keyword %j in %j: %s', (keyword, title, expected) => {
    const known = [knownIssue({ id: 'k', keywords: [keyword] })];

    const candidates = matchKnownIssues(report({ title }), known);

    expect(candidates.length > 0).toBe(expected);
  });

  it('looks for keywords in the title, description and affected text', () => {
    const known = [knownIssue({ id: 'a', keywords: ['alpha'] }), knownIssue({ id: 'b', keywords: ['beta'] }), knownIssue({ id: 'c', keywords: ['gamma'] })];

    const candidates = matchKnownIssues(report({ title: 'alpha', description: 'beta', affected: 'gamma.example.com' }), known);

    expect(candidates.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('returns every match in configuration order', () => {
    const known = [
      knownIssue({ id: 'second', keywords: ['cookie'] }),
      knownIssue({ id: 'unrelated', keywords: ['ssrf'] }),
      knownIssue({ id: 'first', assets: ['acme/*'] }),
    ];

    const candidates = matchKnownIssues(report({ affected: 'acme/widget', description: 'Session cookie lacks Secure' }), known);

    expect(candidates.map((c) => [c.id, c.matchedAsset])).toEqual([
      ['second', null],
      ['first', 'acme/*'],
    ]);
  });

  it('never matches an entry without matchers, which the schema refuses anyway', () => {
    const known = [knownIssue({ id: 'empty' })];

    const candidates = matchKnownIssues(report({ title: 'anything' }), known);

    expect(candidates).toEqual([]);
  });

  it('does not match on an invalid asset pattern', () => {
    const known = [knownIssue({ id: 'broken', assets: ['https://shop.example.com/'] })];

    const candidates = matchKnownIssues(report({ affected: 'https://shop.example.com/' }), known);

    expect(candidates).toEqual([]);
  });
});
