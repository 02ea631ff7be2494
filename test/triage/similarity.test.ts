import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FINGERPRINT_MAX_WORDS,
  SAME_ASSET_MIN_SIMILARITY,
  TEXT_ONLY_MIN_SIMILARITY,
  findDuplicateCandidates,
  jaccard,
  textFingerprint,
  type DuplicateCandidateInput,
} from '../../src/triage/similarity.js';

function hashOf(word: string): string {
  return createHash('sha256').update(word).digest('hex').slice(0, 8);
}

/** Fingerprints with a chosen overlap: `shared` common entries, then `own` entries unique to `tag`. */
function fingerprint(shared: number, own: number, tag: string): string[] {
  return [...Array.from({ length: shared }, (_, i) => `s${i}`), ...Array.from({ length: own }, (_, i) => `${tag}${i}`)].sort();
}

function other(issueNumber: number, assetKeys: string[], fingerprintOf: string[]): DuplicateCandidateInput {
  return { issueNumber, url: `https://github.com/acme/security-reports/issues/${issueNumber}`, assetKeys, fingerprint: fingerprintOf };
}

describe('textFingerprint', () => {
  it('keeps only hashes, never the words themselves', () => {
    const text = 'Reflected cross-site scripting in the checkout';

    const result = textFingerprint(text);

    expect(result.join(' ')).not.toContain('checkout');
    expect(result).toContain(hashOf('checkout'));
    expect(result.every((hash) => /^[0-9a-f]{8}$/.test(hash))).toBe(true);
  });

  it('lower-cases words, drops short and stop words, and sorts and deduplicates', () => {
    const result = textFingerprint('Checkout CHECKOUT checkout, the XSS is on a page; please reproduce. De kwetsbaarheid is ernstig.');

    expect(result).toEqual([hashOf('checkout'), hashOf('xss'), hashOf('ernstig')].sort());
  });

  it('splits on anything but Unicode letters and digits', () => {
    const result = textFingerprint('größe_überlauf/cve2024');

    expect(result).toEqual([hashOf('größe'), hashOf('überlauf'), hashOf('cve2024')].sort());
  });

  it.each([
    ['boilerplate', 'Steps to reproduce: please see the vulnerability issue I found on this page as a user, https://www'],
    ['Dutch stop words', 'Het was niet van mij, maar zij hebben het toch ook al gebruikt'.replace('gebruikt', 'gebruiken')],
    ['only short words', 'a b cd ef'],
    ['nothing', ''],
  ])('is empty for %s', (_name, text) => {
    const result = textFingerprint(text);

    expect(result).toEqual([]);
  });

  it(`keeps at most ${FINGERPRINT_MAX_WORDS} hashes, the lowest`, () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`);

    const result = textFingerprint(words.join(' '));

    expect(result).toEqual(words.map(hashOf).sort().slice(0, FINGERPRINT_MAX_WORDS));
  });
});

describe('jaccard', () => {
  it.each<[string[], string[], number]>([
    [[], [], 0],
    [['a'], [], 0],
    [['a', 'b'], ['a', 'b'], 1],
    [['a', 'b'], ['c', 'd'], 0],
    [['a', 'b', 'c'], ['b', 'c', 'd'], 0.5],
    [['a'], ['a', 'b', 'c', 'd'], 0.25],
  ])('of %j and %j is %d', (a, b, expected) => {
    const similarity = jaccard(a, b);

    expect(similarity).toBe(expected);
  });
});

describe('findDuplicateCandidates', () => {
  const subject = { assetKeys: ['domain:example.com', 'repo:acme/widget'], fingerprint: fingerprint(10, 0, 'x') };

  it('has thresholds that ask more of text alone than of a shared asset', () => {
    expect(SAME_ASSET_MIN_SIMILARITY).toBe(0.2);
    expect(TEXT_ONLY_MIN_SIMILARITY).toBe(0.5);
  });

  it.each<[string, string[], string[], boolean]>([
    ['a shared asset and similarity 0.2', ['repo:acme/widget'], fingerprint(10, 40, 'y'), true],
    ['a shared asset and similarity 0.19', ['repo:acme/widget'], fingerprint(10, 43, 'y'), false],
    ['a shared asset and similarity 0.196, shown and judged as 0.2', ['repo:acme/widget'], fingerprint(10, 41, 'y'), true],
    ['no shared asset and similarity 0.5', ['domain:other.org'], fingerprint(10, 10, 'y'), true],
    ['no shared asset and similarity 0.48', ['domain:other.org'], fingerprint(10, 11, 'y'), false],
    ['no shared asset but a different key of the same kind', ['repo:acme/widget-pro'], fingerprint(10, 11, 'y'), false],
    ['a shared asset and no shared words', ['domain:example.com'], fingerprint(0, 10, 'y'), false],
  ])('qualifies a report with %s: %s', (_name, assetKeys, words, expected) => {
    const candidates = findDuplicateCandidates(subject, [other(7, assetKeys, words)]);

    expect(candidates.length).toBe(expected ? 1 : 0);
  });

  it('explains a candidate with the shared asset key and the rounded similarity', () => {
    const candidates = findDuplicateCandidates(subject, [other(7, ['repo:acme/widget', 'domain:example.com'], fingerprint(10, 20, 'y'))]);

    expect(candidates).toEqual([
      { issueNumber: 7, url: 'https://github.com/acme/security-reports/issues/7', sameAsset: 'domain:example.com', similarity: 0.33 },
    ]);
  });

  it('puts a shared asset first, then higher similarity, then the lower issue number', () => {
    const others = [
      other(1, [], fingerprint(10, 0, 'y')),
      other(2, ['domain:example.com'], fingerprint(10, 30, 'y')),
      other(3, ['repo:acme/widget'], fingerprint(10, 10, 'y')),
      other(4, ['repo:acme/widget'], fingerprint(10, 30, 'z')),
      other(5, [], fingerprint(10, 5, 'y')),
    ];

    const candidates = findDuplicateCandidates(subject, others, 10);

    expect(candidates.map((c) => [c.issueNumber, c.similarity])).toEqual([
      [3, 0.5],
      [2, 0.25],
      [4, 0.25],
      [1, 1],
      [5, 0.67],
    ]);
  });

  it.each([
    [3, [1, 2, 3]],
    [1, [1]],
    [0, []],
  ])('returns at most %d candidates', (limit, expected) => {
    const others = [4, 3, 2, 1].map((n) => other(n, [], fingerprint(10, 0, 'y')));

    const candidates = findDuplicateCandidates(subject, others, limit);

    expect(candidates.map((c) => c.issueNumber)).toEqual(expected);
  });

  it('returns three candidates by default', () => {
    const others = [5, 4, 3, 2, 1].map((n) => other(n, [], fingerprint(10, 0, 'y')));

    const candidates = findDuplicateCandidates(subject, others);

    expect(candidates).toHaveLength(3);
  });
});
