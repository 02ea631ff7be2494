import { describe, expect, it } from 'vitest';
import type { Asset } from '../../src/triage/asset.js';
import { assetMatches, checkScope, describeAsset, type InScopeAssets } from '../../src/triage/scope.js';

const domain = (host: string): Asset => ({ kind: 'domain', host });
const ip4 = (address: string): Asset => ({ kind: 'ip', address, version: 4 });
const ip6 = (address: string): Asset => ({ kind: 'ip', address, version: 6 });
const repository = (owner: string, repo: string): Asset => ({ kind: 'repository', owner, repo });

function scope(lists: Partial<InScopeAssets>): InScopeAssets {
  return { domains: [], ip_ranges: [], repositories: [], ...lists };
}

describe('assetMatches with domain patterns', () => {
  it.each<[string, string, boolean]>([
    ['example.com', 'example.com', true],
    ['example.com', 'EXAMPLE.com', true],
    ['Example.COM', 'example.com.', true],
    ['shop.example.com', 'example.com', false],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'a.b.c.example.com', true],
    ['*.Example.com', 'SHOP.example.COM', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'evil-example.com', false],
    ['example.com', 'evil-example.com', false],
    ['*.example.com', 'example.com.evil.net', false],
    ['*.example.com', 'shop.example.co', false],
    ['*.shop.example.com', 'example.com', false],
  ])('%s matching %s is %s', (pattern, host, expected) => {
    const matches = assetMatches(domain(host), pattern);

    expect(matches).toBe(expected);
  });
});

describe('assetMatches with IP ranges', () => {
  it.each<[string, Asset, boolean]>([
    ['192.0.2.0/24', ip4('192.0.2.0'), true],
    ['192.0.2.0/24', ip4('192.0.2.255'), true],
    ['192.0.2.0/24', ip4('192.0.3.0'), false],
    ['192.0.2.0/24', ip4('192.0.1.255'), false],
    ['192.0.2.7/24', ip4('192.0.2.200'), true],
    ['192.0.2.10/32', ip4('192.0.2.10'), true],
    ['192.0.2.10/32', ip4('192.0.2.11'), false],
    ['192.0.2.10', ip4('192.0.2.10'), true],
    ['192.0.2.10', ip4('192.0.2.11'), false],
    ['0.0.0.0/0', ip4('203.0.113.9'), true],
    ['0.0.0.0/0', ip6('2001:db8::1'), false],
    ['10.0.0.0/8', ip4('10.255.255.255'), true],
    ['10.0.0.0/8', ip4('11.0.0.0'), false],
    ['2001:db8::/32', ip6('2001:db8::1'), true],
    ['2001:db8::/32', ip6('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'), true],
    ['2001:db8::/32', ip6('2001:db9::'), false],
    ['2001:DB8::/32', ip6('2001:db8:1::1'), true],
    ['2001:db8::1/128', ip6('2001:db8::1'), true],
    ['2001:db8::1/128', ip6('2001:db8::2'), false],
    ['2001:db8::1', ip6('2001:db8:0:0:0:0:0:1'), true],
    ['::/0', ip6('ffff::1'), true],
    ['::/0', ip4('192.0.2.10'), false],
    ['192.0.2.0/24', domain('shop.example.com'), false],
  ])('%s matching %j is %s', (pattern, asset, expected) => {
    const matches = assetMatches(asset, pattern);

    expect(matches).toBe(expected);
  });
});

describe('assetMatches with repositories', () => {
  it.each<[string, Asset, boolean]>([
    ['acme/widget', repository('acme', 'widget'), true],
    ['Acme/Widget', repository('ACME', 'widget'), true],
    ['acme/widget', repository('acme', 'widget-pro'), false],
    ['acme/*', repository('acme', 'anything'), true],
    ['acme/*', repository('acme-labs', 'widget'), false],
    ['acme/widget', domain('acme.com'), false],
  ])('%s matching %j is %s', (pattern, asset, expected) => {
    const matches = assetMatches(asset, pattern);

    expect(matches).toBe(expected);
  });
});

describe('assetMatches with invalid patterns', () => {
  it.each<[string, Asset]>([
    ['', domain('example.com')],
    ['*', domain('example.com')],
    ['*.com', domain('example.com')],
    ['*example.com', domain('shop.example.com')],
    ['shop.*.com', domain('shop.example.com')],
    ['**.example.com', domain('shop.example.com')],
    ['https://example.com', domain('example.com')],
    ['192.0.2.0/33', ip4('192.0.2.1')],
    ['192.0.2.0/-1', ip4('192.0.2.1')],
    ['192.0.2.0/', ip4('192.0.2.1')],
    ['192.0.2.0/24/8', ip4('192.0.2.1')],
    ['192.0.2.256/24', ip4('192.0.2.1')],
    ['2001:db8::/129', ip6('2001:db8::1')],
    ['*/*', repository('acme', 'widget')],
    ['acme/', repository('acme', 'widget')],
    ['-acme/widget', repository('-acme', 'widget')],
    ['acme/widget/extra', repository('acme', 'widget')],
  ])('%j never matches', (pattern, asset) => {
    const matches = assetMatches(asset, pattern);

    expect(matches).toBe(false);
  });
});

describe('checkScope', () => {
  it('is not configured when every list is empty', () => {
    const verdict = checkScope('https://shop.example.com/', scope({}));

    expect(verdict).toEqual({ kind: 'not-configured' });
  });

  it.each<[string, string, InScopeAssets, Asset, string]>([
    ['a subdomain', 'https://shop.example.com/login', scope({ domains: ['*.example.com'] }), domain('shop.example.com'), '*.example.com'],
    ['an address in a range', 'http://192.0.2.10:8080/', scope({ ip_ranges: ['192.0.2.0/24'] }), ip4('192.0.2.10'), '192.0.2.0/24'],
    ['a repository', 'https://github.com/acme/widget', scope({ repositories: ['acme/*'] }), repository('acme', 'widget'), 'acme/*'],
    [
      'the first asset that matches',
      'blog.other.org and shop.example.com and api.example.com',
      scope({ domains: ['example.com', '*.example.com'] }),
      domain('shop.example.com'),
      '*.example.com',
    ],
    ['a pattern listed under another kind', '192.0.2.10', scope({ domains: ['192.0.2.0/24'] }), ip4('192.0.2.10'), '192.0.2.0/24'],
  ])('is in scope for %s', (_name, affected, inScope, asset, pattern) => {
    const verdict = checkScope(affected, inScope);

    expect(verdict).toEqual({ kind: 'in-scope', asset, pattern });
  });

  it('is unclear with no asset when nothing recognisable is named', () => {
    const verdict = checkScope('the checkout, e.g. index.php', scope({ domains: ['example.com'] }));

    expect(verdict).toEqual({ kind: 'unclear', reason: 'no-asset' });
  });

  it('is unclear with the assets found when none matches', () => {
    const verdict = checkScope('example.com and evil-example.com', scope({ domains: ['*.example.com'], ip_ranges: ['bogus/99'] }));

    expect(verdict).toEqual({ kind: 'unclear', reason: 'no-match', assets: [domain('example.com'), domain('evil-example.com')] });
  });
});

describe('describeAsset', () => {
  it.each<[Asset, string]>([
    [domain('shop.example.com'), 'shop.example.com'],
    [ip4('192.0.2.10'), '192.0.2.10'],
    [ip6('2001:db8::1'), '2001:db8::1'],
    [repository('acme', 'widget'), 'acme/widget'],
  ])('describes %j as %s', (asset, text) => {
    const description = describeAsset(asset);

    expect(description).toBe(text);
  });
});
