import { extractAssets, normaliseHost, type Asset } from './asset.js';
import { IP_BITS, parseIp } from './ip-address.js';

/** The `scope.in_scope` lists of the configuration. All empty means scope is not configured. */
export interface InScopeAssets {
  domains: readonly string[];
  ip_ranges: readonly string[];
  repositories: readonly string[];
}

/**
 * What the app can say about a report's scope. It never closes a report on this: it only
 * labels and explains, because the `affected` field is free text and may be read wrongly.
 */
export type ScopeVerdict =
  | { kind: 'not-configured' }
  | { kind: 'in-scope'; asset: Asset; pattern: string }
  | { kind: 'unclear'; reason: 'no-asset' }
  | { kind: 'unclear'; reason: 'no-match'; assets: Asset[] };

type Pattern =
  | { kind: 'domain'; host: string; wildcard: boolean }
  | { kind: 'ip'; version: 4 | 6; network: bigint; prefix: number }
  | { kind: 'repository'; owner: string; repo: string | null };

const PREFIX = /^\d{1,3}$/;
const OWNER = /^[a-z\d](?:[a-z\d-]{0,37}[a-z\d])?$/i;
const REPO = /^[\w.-]{1,100}$/;

/**
 * Whether an asset matches one in-scope pattern. The pattern's kind is inferred:
 *
 * - an IP range: `192.0.2.0/24`, `2001:db8::/32` or a single address (host bits set in a
 *   CIDR are ignored, so `192.0.2.7/24` means `192.0.2.0/24`);
 * - a repository: `owner/repo` or `owner/*`;
 * - otherwise a domain: `example.com` matches that host only, and `*.example.com` matches
 *   every subdomain at any depth but NOT `example.com` itself. List both to cover both.
 *
 * Matching is case-insensitive. An invalid pattern never matches and never throws.
 */
export function assetMatches(asset: Asset, pattern: string): boolean {
  const parsed = parsePattern(pattern.trim());
  if (parsed === null) return false;
  switch (parsed.kind) {
    case 'domain': {
      if (asset.kind !== 'domain') return false;
      const host = normaliseHost(asset.host);
      if (host === null) return false;
      return parsed.wildcard ? host.endsWith(`.${parsed.host}`) : host === parsed.host;
    }
    case 'ip': {
      const ip = asset.kind === 'ip' ? parseIp(asset.address) : null;
      if (ip === null || ip.version !== parsed.version) return false;
      const shift = BigInt(IP_BITS[ip.version] - parsed.prefix);
      return ip.value >> shift === parsed.network >> shift;
    }
    case 'repository': {
      if (asset.kind !== 'repository') return false;
      if (asset.owner.toLowerCase() !== parsed.owner) return false;
      return parsed.repo === null || asset.repo.toLowerCase() === parsed.repo;
    }
  }
}

/**
 * Checks a report's `affected` text against the in-scope lists. In scope when any asset
 * found matches any pattern; the first asset (in order of appearance) with a match is
 * reported, with the first pattern it matches (domains, then IP ranges, then repositories).
 */
export function checkScope(affected: string, inScope: InScopeAssets): ScopeVerdict {
  const patterns = [...inScope.domains, ...inScope.ip_ranges, ...inScope.repositories];
  if (patterns.length === 0) return { kind: 'not-configured' };
  const assets = extractAssets(affected);
  if (assets.length === 0) return { kind: 'unclear', reason: 'no-asset' };
  for (const asset of assets) {
    const pattern = patterns.find((candidate) => assetMatches(asset, candidate));
    if (pattern !== undefined) return { kind: 'in-scope', asset, pattern };
  }
  return { kind: 'unclear', reason: 'no-match', assets };
}

/** An asset as people write it: `shop.example.com`, `192.0.2.10`, `acme/widget`. */
export function describeAsset(asset: Asset): string {
  switch (asset.kind) {
    case 'domain':
      return asset.host;
    case 'ip':
      return asset.address;
    case 'repository':
      return `${asset.owner}/${asset.repo}`;
  }
}

function parsePattern(pattern: string): Pattern | null {
  const slash = pattern.indexOf('/');
  if (slash < 0) {
    const ip = parseIp(pattern);
    if (ip !== null) return { kind: 'ip', version: ip.version, network: ip.value, prefix: IP_BITS[ip.version] };
    return domainPattern(pattern);
  }
  return cidrPattern(pattern.slice(0, slash), pattern.slice(slash + 1)) ?? repositoryPattern(pattern.slice(0, slash), pattern.slice(slash + 1));
}

function cidrPattern(address: string, prefixText: string): Pattern | null {
  const ip = parseIp(address);
  if (ip === null || !PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > IP_BITS[ip.version]) return null;
  return { kind: 'ip', version: ip.version, network: ip.value, prefix };
}

function repositoryPattern(owner: string, repo: string): Pattern | null {
  if (!OWNER.test(owner)) return null;
  if (repo === '*') return { kind: 'repository', owner: owner.toLowerCase(), repo: null };
  if (!REPO.test(repo) || repo === '.' || repo === '..') return null;
  return { kind: 'repository', owner: owner.toLowerCase(), repo: repo.toLowerCase() };
}

function domainPattern(pattern: string): Pattern | null {
  const wildcard = pattern.startsWith('*.');
  const host = normaliseHost(wildcard ? pattern.slice(2) : pattern);
  return host === null ? null : { kind: 'domain', host, wildcard };
}
