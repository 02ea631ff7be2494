import { describe, expect, it } from 'vitest';
import { assetKey, extractAssets, normaliseHost, type Asset } from '../../src/triage/asset.js';

const domain = (host: string): Asset => ({ kind: 'domain', host });
const ip4 = (address: string): Asset => ({ kind: 'ip', address, version: 4 });
const ip6 = (address: string): Asset => ({ kind: 'ip', address, version: 6 });
const repository = (owner: string, repo: string): Asset => ({ kind: 'repository', owner, repo });

describe('extractAssets', () => {
  it.each<[string, string, Asset[]]>([
    ['a URL contributes its host', 'https://shop.example.com/login?x=1', [domain('shop.example.com')]],
    ['a bare host', 'shop.example.com', [domain('shop.example.com')]],
    ['a host with a port', 'api.example.com:8443', [domain('api.example.com')]],
    ['a host with a path', 'shop.example.com/admin/index.php', [domain('shop.example.com')]],
    ['a host in upper case with a trailing dot', 'Shop.EXAMPLE.com.', [domain('shop.example.com')]],
    ['an IDN host, lower-cased as typed', 'Bücher.example', [domain('bücher.example')]],
    ['a punycode TLD', 'shop.xn--p1ai', [domain('shop.xn--p1ai')]],
    ['an IPv4 address', '192.0.2.10', [ip4('192.0.2.10')]],
    ['an IPv4 address in a URL with a port', 'http://192.0.2.10:8080/status', [ip4('192.0.2.10')]],
    ['an IPv6 address', '2001:db8::1', [ip6('2001:db8::1')]],
    ['an IPv6 address in canonical form', '2001:DB8:0:0:0:0:0:0001', [ip6('2001:db8::1')]],
    ['an IPv6 address ending in ::', '2001:db8::', [ip6('2001:db8::')]],
    ['the IPv6 loopback', '::1', [ip6('::1')]],
    ['a bracketed IPv6 host in a URL', 'https://[2001:db8::1]:8443/api', [ip6('2001:db8::1')]],
    ['an IPv6 address with a zone id', 'fe80::1%eth0', [ip6('fe80::1')]],
    ['a github.com URL contributes its repository', 'https://github.com/acme/widget/issues/3', [repository('acme', 'widget')]],
    ['a github.com clone URL', 'https://github.com/acme/widget.git', [repository('acme', 'widget')]],
    ['a scheme-less github.com path', 'github.com/acme/widget', [repository('acme', 'widget')]],
    ['a github.com page that is not a repository', 'https://github.com/advisories/GHSA-1234', [domain('github.com')]],
    ['a bare owner/repo', 'acme/widget', [repository('acme', 'widget')]],
    ['a bare owner/repo with an issue number', 'see Acme/Widget#12', [repository('Acme', 'Widget')]],
    ['the host of an e-mail address', 'security@example.com', [domain('example.com')]],
    ['a markdown link', '[shop.example.com](https://shop.example.com/)', [domain('shop.example.com')]],
    ['a labelled host', 'URL:shop.example.com:8443/x', [domain('shop.example.com')]],
    ['a host in markdown emphasis', '**shop.example.com**', [domain('shop.example.com')]],
    ['a file-extension TLD inside a URL', 'https://get.example.sh/install', [domain('get.example.sh')]],
    [
      'several assets in prose, in order',
      'The login page at https://www.Example.com/ and app.example.com (also 192.0.2.10).',
      [domain('www.example.com'), domain('app.example.com'), ip4('192.0.2.10')],
    ],
  ])('reads %s', (_name, affected, expected) => {
    const assets = extractAssets(affected);

    expect(assets).toEqual(expected);
  });

  it.each([
    ['prose', 'The checkout page of our shop'],
    ['an abbreviation', 'e.g. i.e. etc.'],
    ['a version number', 'version 1.2.3 and v1.2.3-beta'],
    ['a file name', 'index.php, app.js, config.yaml, notes.txt, run.sh'],
    ['a file-extension TLD outside a URL', 'example.sh'],
    ['a file path', '/var/www/html/index.php and src/app.ts'],
    ['slash-separated prose', 'read/write and/or client/server, 24/7, 1/2'],
    ['a date', '12/05/2024'],
    ['a single-label host', 'localhost:8080'],
    ['a time', '10:30'],
    ['a lone ::', 'Foo :: bar'],
    ['an empty string', ''],
  ])('finds nothing in %s', (_name, affected) => {
    const assets = extractAssets(affected);

    expect(assets).toEqual([]);
  });

  it('does not read owner/repo from a path under a non-GitHub host', () => {
    const assets = extractAssets('gitlab.com/acme/widget');

    expect(assets).toEqual([domain('gitlab.com')]);
  });

  it('lists an asset once however often it is named', () => {
    const assets = extractAssets('https://shop.example.com/a shop.example.com SHOP.example.com 2001:db8::1 2001:DB8:0::1 acme/widget ACME/widget');

    expect(assets).toEqual([domain('shop.example.com'), ip6('2001:db8::1'), repository('acme', 'widget')]);
  });

  it('keeps www.example.com and example.com apart, as scope patterns tell them apart', () => {
    const assets = extractAssets('www.example.com example.com');

    expect(assets).toEqual([domain('www.example.com'), domain('example.com')]);
  });

  it.each([
    ['dots', '.'.repeat(500)],
    ['a. repeated', 'a.'.repeat(250)],
    ['colons', ':'.repeat(500)],
    ['a: repeated', 'a:'.repeat(250)],
    ['slashes', 'a/'.repeat(250)],
    ['brackets', '['.repeat(250) + ']'.repeat(250)],
    ['one long label', `${'a'.repeat(490)}.com`],
    ['many labels', `${'a-'.repeat(100)}.${'b.'.repeat(140)}com`],
  ])('returns for a hostile input of %s', (_name, affected) => {
    const assets = extractAssets(affected);

    expect(Array.isArray(assets)).toBe(true);
  });
});

describe('assetKey', () => {
  it.each<[Asset, string]>([
    [domain('shop.example.com'), 'domain:shop.example.com'],
    [domain('www.example.com'), 'domain:example.com'],
    [domain('WWW.Example.COM.'), 'domain:example.com'],
    [domain('www.com'), 'domain:www.com'],
    [domain('app.www.example.com'), 'domain:app.www.example.com'],
    [ip4('192.0.2.10'), 'ip:192.0.2.10'],
    [ip6('2001:DB8:0:0:0:0:0:1'), 'ip:2001:db8::1'],
    [ip6('2001:db8:0:0:1:0:0:1'), 'ip:2001:db8::1:0:0:1'],
    [ip6('2001:db8:0:1:1:1:1:1'), 'ip:2001:db8:0:1:1:1:1:1'],
    [repository('Acme', 'Widget'), 'repo:acme/widget'],
  ])('keys %j as %s', (asset, key) => {
    const result = assetKey(asset);

    expect(result).toBe(key);
  });
});

describe('normaliseHost', () => {
  it.each([
    ['Shop.Example.COM.', 'shop.example.com'],
    ['index.php', 'index.php'],
    ['example', null],
    ['-bad.example.com', null],
    ['bad-.example.com', null],
    ['a..example.com', null],
    ['example.c0m', null],
    ['*.example.com', null],
    [`${'a'.repeat(64)}.com`, null],
  ])('reads %s as %s', (text, expected) => {
    const host = normaliseHost(text);

    expect(host).toBe(expected);
  });
});
