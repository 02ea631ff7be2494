import { createHash } from 'node:crypto';

/** What duplicate detection keeps of a report: asset keys (see `assetKey`) and its text fingerprint. */
export interface DuplicateSubject {
  assetKeys: string[];
  fingerprint: string[];
}

/** An earlier report that may be a duplicate. */
export interface DuplicateCandidateInput extends DuplicateSubject {
  issueNumber: number;
  url: string;
}

/** A possible duplicate, with the reasons staff see: the shared asset and the text similarity. */
export interface DuplicateCandidate {
  issueNumber: number;
  url: string;
  /** The first asset key of the subject that the candidate shares; null when none is shared. */
  sameAsset: string | null;
  /** Jaccard similarity of the fingerprints, 0..1, rounded to 2 decimals. */
  similarity: number;
}

/**
 * Two reports about the same asset need only some shared vocabulary: researchers describe
 * one bug in different words, and the shared asset already narrows it down a lot.
 */
export const SAME_ASSET_MIN_SIMILARITY = 0.2;

/**
 * Without a shared asset, only strongly overlapping text counts, since reports on different
 * assets share boilerplate (XSS, payloads, browsers) and staff should not wade through noise.
 */
export const TEXT_ONLY_MIN_SIMILARITY = 0.5;

/** Bounds what is stored per report; see `textFingerprint`. */
export const FINGERPRINT_MAX_WORDS = 400;

const HASH_HEX_CHARS = 8;
const MIN_WORD_LENGTH = 3;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

// Common words in both report languages; words under three characters are dropped anyway.
const ENGLISH = [
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'all', 'any', 'can', 'had', 'her', 'was', 'one', 'our',
  'out', 'has', 'his', 'how', 'its', 'may', 'new', 'now', 'old', 'see', 'two', 'way', 'who', 'did', 'get',
  'let', 'she', 'too', 'use', 'used', 'using', 'with', 'this', 'that', 'from', 'they', 'them', 'then',
  'than', 'there', 'their', 'these', 'those', 'what', 'when', 'where', 'which', 'while', 'will', 'would',
  'could', 'should', 'have', 'been', 'being', 'into', 'onto', 'only', 'also', 'just', 'some', 'such',
  'very', 'more', 'most', 'much', 'many', 'other', 'your', 'yours', 'about', 'after', 'before', 'again',
  'because', 'between', 'both', 'each', 'every', 'here', 'like', 'does', 'doing', 'done', 'over', 'under',
  'same', 'so', 'still', 'through', 'upon', 'were', 'whom', 'whose', 'why', 'within', 'without', 'yet',
  'able', 'even', 'make', 'made', 'need', 'via', 'etc', 'cannot', 'might', 'must', 'again', 'also',
];

const DUTCH = [
  'de', 'het', 'een', 'van', 'die', 'dat', 'niet', 'en', 'wel', 'ook', 'nog', 'maar', 'als', 'bij',
  'voor', 'met', 'naar', 'door', 'over', 'uit', 'aan', 'tot', 'tegen', 'zonder', 'onder', 'tussen',
  'omdat', 'dus', 'want', 'toen', 'dan', 'wat', 'wie', 'waar', 'hoe', 'welke', 'deze', 'dit', 'zijn',
  'was', 'waren', 'wordt', 'worden', 'werd', 'werden', 'heeft', 'hebben', 'had', 'hadden', 'kan',
  'kunnen', 'kon', 'konden', 'zal', 'zullen', 'zou', 'zouden', 'moet', 'moeten', 'mag', 'mogen', 'wil',
  'willen', 'ben', 'bent', 'jij', 'jou', 'jouw', 'wij', 'zij', 'hij', 'haar', 'hun', 'hen', 'ons',
  'onze', 'mijn', 'uw', 'jullie', 'men', 'er', 'hier', 'daar', 'nu', 'al', 'alle', 'alles', 'iets',
  'niets', 'geen', 'veel', 'meer', 'meest', 'zo', 'zeer', 'heel', 'erg', 'toch', 'even', 'weer',
  'reeds', 'altijd', 'nooit', 'soms', 'na', 'om', 'op', 'te', 'in', 'of', 'dezelfde', 'hetzelfde',
  'zelf', 'elk', 'elke', 'ieder', 'iedere', 'via', 'enz', 'bijvoorbeeld', 'gebruik', 'gebruiken',
  'mij', 'hem', 'zich', 'zoals', 'waarom', 'wanneer', 'sinds', 'tijdens', 'binnen', 'buiten',
];

const BOILERPLATE = [
  'steps', 'step', 'reproduce', 'reproduction', 'vulnerability', 'vulnerabilities', 'issue', 'issues',
  'page', 'user', 'users', 'please', 'found', 'http', 'https', 'www', 'com', 'report', 'reported',
  'security', 'attacker', 'impact', 'description', 'summary', 'hello', 'thanks', 'thank', 'regards',
  'kwetsbaarheid', 'kwetsbaarheden', 'stappen', 'reproduceren', 'gebruiker', 'pagina', 'gevonden',
  'graag', 'alstublieft', 'bedankt', 'groeten', 'melding',
];

const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH, ...DUTCH, ...BOILERPLATE]);

/**
 * The distinctive words of a text, hashed: we must not keep report plaintext after filing.
 * Words are runs of Unicode letters and digits (NFKC, lower-case) of at least three
 * characters that are not stop words or report boilerplate. Each is replaced by the first
 * 8 hex characters of its SHA-256; the result is sorted and deduplicated. Short words are
 * easy to guess from their hash, so this hides text from casual reading, not from a
 * determined attacker with a dictionary.
 *
 * At most `FINGERPRINT_MAX_WORDS` hashes are kept: the lowest in sorted order. As hashes
 * are uniformly spread, this is a fixed random sample of the vocabulary, the same one for
 * every report (a bottom-k sketch), so long reports stay comparable.
 */
export function textFingerprint(text: string): string[] {
  const hashes = new Set<string>();
  for (const word of text.normalize('NFKC').toLowerCase().split(NOT_WORD)) {
    if ([...word].length < MIN_WORD_LENGTH || STOP_WORDS.has(word)) continue;
    hashes.add(createHash('sha256').update(word).digest('hex').slice(0, HASH_HEX_CHARS));
  }
  return [...hashes].sort().slice(0, FINGERPRINT_MAX_WORDS);
}

/** Jaccard similarity |A∩B| / |A∪B| of two fingerprints; 0 when both are empty. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const item of right) if (left.has(item)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Earlier reports that may describe the same thing, best first, at most `limit`. A report
 * qualifies when it shares an asset key and its similarity is at least
 * `SAME_ASSET_MIN_SIMILARITY`, or when its similarity alone is at least
 * `TEXT_ONLY_MIN_SIMILARITY`. Thresholds apply to the rounded similarity staff see.
 * Order: a shared asset first, then higher similarity, then the older (lower) issue number.
 */
export function findDuplicateCandidates(
  subject: DuplicateSubject,
  others: readonly DuplicateCandidateInput[],
  limit = 3,
): DuplicateCandidate[] {
  const candidates: DuplicateCandidate[] = [];
  for (const other of others) {
    const otherKeys = new Set(other.assetKeys);
    const sameAsset = subject.assetKeys.find((key) => otherKeys.has(key)) ?? null;
    const similarity = Math.round(jaccard(subject.fingerprint, other.fingerprint) * 100) / 100;
    const qualifies = sameAsset !== null ? similarity >= SAME_ASSET_MIN_SIMILARITY : similarity >= TEXT_ONLY_MIN_SIMILARITY;
    if (qualifies) candidates.push({ issueNumber: other.issueNumber, url: other.url, sameAsset, similarity });
  }
  return candidates.sort(compareCandidates).slice(0, Math.max(0, limit));
}

function compareCandidates(a: DuplicateCandidate, b: DuplicateCandidate): number {
  const byAsset = Number(b.sameAsset !== null) - Number(a.sameAsset !== null);
  if (byAsset !== 0) return byAsset;
  return b.similarity - a.similarity || a.issueNumber - b.issueNumber;
}
