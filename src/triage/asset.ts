import { formatIp, parseIp } from './ip-address.js';

/**
 * Something a report says is affected, as read from the free-text `affected` field.
 * Hosts are lower-case without a trailing dot (IDNs stay as typed, not punycoded); IP
 * addresses are canonical (RFC 5952 for IPv6); repositories keep the case as typed.
 */
export type Asset =
  | { kind: 'domain'; host: string }
  | { kind: 'ip'; address: string; version: 4 | 6 }
  | { kind: 'repository'; owner: string; repo: string };

/**
 * Words like `index.php` or `app.js` look like host names. Outside a URL these endings are
 * read as file names, even where they are also real TLDs (`.sh`, `.py`, `.zip`, `.md`).
 */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'php', 'html', 'htm', 'js', 'json', 'txt', 'xml', 'asp', 'aspx', 'jsp', 'cgi', 'py', 'rb', 'sh', 'exe',
  'zip', 'png', 'jpg', 'jpeg', 'gif', 'css', 'md', 'yml', 'yaml', 'log', 'ts',
]);

/** First path segments of github.com that are GitHub's own pages, not an owner. */
const GITHUB_PAGES: ReadonlySet<string> = new Set([
  'about', 'advisories', 'apps', 'collections', 'customer-stories', 'enterprise', 'explore', 'features',
  'issues', 'login', 'marketplace', 'new', 'notifications', 'orgs', 'organizations', 'pricing', 'pulls',
  'search', 'security', 'settings', 'site', 'sponsors', 'topics', 'trending', 'users',
]);

/**
 * Words that make `read/write`, `and/or`, `src/app` or `api/v2` look like an `owner/repo`
 * slug. A bare slug with one of these on either side is prose or a path, not a repository.
 */
const SLASH_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'nor', 'with', 'without', 'either', 'he', 'she', 'him', 'her', 'his', 'hers', 'they', 'them',
  'read', 'write', 'input', 'output', 'client', 'server', 'tcp', 'udp', 'ip', 'yes', 'no', 'on', 'off',
  'true', 'false', 'get', 'post', 'put', 'patch', 'delete', 'http', 'https', 'api', 'src', 'lib', 'bin',
  'etc', 'usr', 'var', 'tmp', 'home', 'opt', 'www', 'en', 'of', 'en-us', 'nl', 'ja', 'nee', 'wel', 'niet',
]);

// Characters that end a token. Brackets stay inside tokens: `[2001:db8::1]:8443`.
const SEPARATORS = /[\s,;|(){}<>"'`\\“”‘’«»]+/u;
const LEADING_NOISE = new Set(['*', '_', '~', '.', '!', '?', ':']);
const TRAILING_NOISE = new Set(['*', '_', '~', '.', '!', '?', ',']);
const LABEL = /^[\p{L}\p{M}\p{N}-]{1,63}$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;
const GITHUB_OWNER = /^[a-z\d](?:[a-z\d-]{0,37}[a-z\d])?$/i;
const GITHUB_REPO = /^[\w.-]{1,100}$/;
const DIGITS = /^\d+$/;
const PORT = /^\d{0,5}$/;

/**
 * Every asset named in a report's `affected` text, deduplicated, in order of appearance.
 * URLs contribute their host (a github.com URL its repository), bare host names, IPv4 and
 * IPv6 addresses (also in brackets and with ports) count, and so does a bare `owner/repo`.
 * Text is split into words first and each word is read without backtracking regexes, so
 * hostile input stays linear.
 */
export function extractAssets(affected: string): Asset[] {
  const found = new Map<string, Asset>();
  for (const word of affected.split(SEPARATORS)) {
    const asset = assetInWord(trimNoise(word));
    if (asset === null) continue;
    const identity = asset.kind === 'domain' ? `domain:${asset.host}` : assetKey(asset);
    if (!found.has(identity)) found.set(identity, asset);
  }
  return [...found.values()];
}

/**
 * The key under which two reports count as being about the same asset:
 * `domain:shop.example.com` (a leading `www.` dropped), `ip:2001:db8::1`, `repo:acme/widget`.
 */
export function assetKey(asset: Asset): string {
  switch (asset.kind) {
    case 'domain': {
      const host = normaliseHost(asset.host) ?? asset.host.toLowerCase();
      const bare = host.startsWith('www.') && host.indexOf('.', 4) > 0 ? host.slice(4) : host;
      return `domain:${bare}`;
    }
    case 'ip': {
      const ip = parseIp(asset.address);
      return `ip:${ip === null ? asset.address.toLowerCase() : formatIp(ip)}`;
    }
    case 'repository':
      return `repo:${asset.owner.toLowerCase()}/${asset.repo.toLowerCase()}`;
  }
}

/**
 * A host name lower-cased without its trailing dot, or null when it is not one: at least two
 * labels and a TLD of 2 to 63 letters (or punycode). File-extension TLDs are accepted here;
 * callers reading bare words reject them.
 */
export function normaliseHost(text: string): string | null {
  const host = (text.endsWith('.') ? text.slice(0, -1) : text).toLowerCase();
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !TLD.test(tld)) return null;
  const valid = labels.every((label) => LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
  return valid ? host : null;
}

function assetInWord(word: string): Asset | null {
  if (word === '') return null;
  const scheme = word.indexOf('://');
  if (scheme >= 0) return assetInLocation(word.slice(scheme + 3), true);
  return assetInLocation(word, false) ?? bareRepository(word);
}

/** `host[:port][/path]`, with optional `user@` and a bracketed IPv6 host. */
function assetInLocation(location: string, inUrl: boolean): Asset | null {
  const end = indexOfAny(location, '/?#');
  const authority = location.slice(location.lastIndexOf('@', end) + 1, end);
  const host = hostOf(authority);
  if (host === null) return null;
  const ip = ipAsset(host);
  if (ip !== null) return ip;
  const name = normaliseHost(host);
  if (name === null) return null;
  if (!inUrl && FILE_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1))) return null;
  if (name === 'github.com' || name === 'www.github.com') {
    return githubRepository(location.slice(end)) ?? { kind: 'domain', host: name };
  }
  return { kind: 'domain', host: name };
}

/** The host part of an authority, dropping a port and a `label:` prefix such as `URL:`. */
function hostOf(authority: string): string | null {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    const port = authority.slice(close + 1);
    if (close < 0 || (port !== '' && !(port.startsWith(':') && PORT.test(port.slice(1))))) return null;
    return authority.slice(1, close);
  }
  if (parseIp(stripZone(authority)) !== null) return authority;
  let rest = authority;
  for (let colon = rest.indexOf(':'); colon >= 0; colon = rest.indexOf(':')) {
    const after = rest.slice(colon + 1);
    if (PORT.test(after)) return rest.slice(0, colon);
    rest = after;
  }
  return rest;
}

function ipAsset(host: string): Asset | null {
  const ip = parseIp(stripZone(host));
  // `::` alone is more likely punctuation than the unspecified address.
  if (ip === null || (ip.version === 6 && ip.value === 0n)) return null;
  return { kind: 'ip', address: formatIp(ip), version: ip.version };
}

/** `/owner/repo[/…]` after github.com. */
function githubRepository(path: string): Asset | null {
  if (!path.startsWith('/')) return null;
  const [owner = '', repo = ''] = path.slice(1, indexOfAny(path, '?#')).split('/');
  if (GITHUB_PAGES.has(owner.toLowerCase())) return null;
  return repositoryAsset(owner, stripGitSuffix(repo));
}

/** A bare `owner/repo` (optionally `#123` or `.git`), refusing paths, prose and dates. */
function bareRepository(word: string): Asset | null {
  const hash = word.indexOf('#');
  const slug = hash >= 0 && DIGITS.test(word.slice(hash + 1)) ? word.slice(0, hash) : word;
  const parts = slug.split('/');
  if (parts.length !== 2) return null;
  const [owner = '', rawRepo = ''] = parts;
  const repo = stripGitSuffix(rawRepo);
  if (owner.length < 2 || repo.length < 2 || DIGITS.test(owner) || DIGITS.test(repo)) return null;
  if (SLASH_WORDS.has(owner.toLowerCase()) || SLASH_WORDS.has(repo.toLowerCase())) return null;
  const dot = repo.lastIndexOf('.');
  if (dot >= 0 && FILE_EXTENSIONS.has(repo.slice(dot + 1).toLowerCase())) return null;
  return repositoryAsset(owner, repo);
}

function repositoryAsset(owner: string, repo: string): Asset | null {
  if (!GITHUB_OWNER.test(owner) || !GITHUB_REPO.test(repo) || repo === '.' || repo === '..') return null;
  return { kind: 'repository', owner, repo };
}

function stripGitSuffix(repo: string): string {
  return repo.toLowerCase().endsWith('.git') ? repo.slice(0, -4) : repo;
}

function stripZone(host: string): string {
  const zone = host.indexOf('%');
  return zone >= 0 ? host.slice(0, zone) : host;
}

/** Drops markdown emphasis and sentence punctuation around a word, keeping `2001:db8::`. */
function trimNoise(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && LEADING_NOISE.has(word[start] ?? '') && !word.startsWith('::', start)) start++;
  while (end > start && TRAILING_NOISE.has(word[end - 1] ?? '')) end--;
  if (end > start && word[end - 1] === ':' && word[end - 2] !== ':') end--;
  let trimmed = word.slice(start, end);
  // Markdown link text `[shop.example.com]` versus a bracketed IPv6 host `[2001:db8::1]:443`.
  if (trimmed.startsWith('[') && !trimmed.includes(']')) trimmed = trimmed.slice(1);
  if (trimmed.endsWith(']') && !trimmed.includes('[')) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

function indexOfAny(text: string, characters: string): number {
  for (let i = 0; i < text.length; i++) {
    if (characters.includes(text[i] ?? '')) return i;
  }
  return text.length;
}
