import { describe, expect, it } from 'vitest';
import { planTriageNotes, scopeUnclear, type TriageFindings } from '../../src/issue-text/plan-triage-notes.js';
import type { KnownIssueCandidate } from '../../src/triage/known-issues.js';
import type { DuplicateCandidate } from '../../src/triage/similarity.js';
import { inlineParts } from '../helpers/inline-markdown.js';

const HOSTILE = 'evil.com @admin <img src=x> `x`';

function buildFindings(overrides: Partial<TriageFindings> = {}): TriageFindings {
  return { scope: { kind: 'not-configured' }, known: [], duplicates: [], ...overrides };
}

const KNOWN: KnownIssueCandidate = {
  id: 'legacy-tls',
  title: 'TLS 1.0 on the old mail host',
  matchedAsset: 'mail.acme.example',
  matchedKeywords: ['tls 1.0', 'weak cipher'],
};

const DUPLICATE: DuplicateCandidate = {
  issueNumber: 12,
  url: 'https://github.com/acme/security-reports/issues/12',
  sameAsset: 'domain:shop.acme.example',
  similarity: 0.42,
};

describe('planTriageNotes', () => {
  it.each([
    ['scope is not configured', buildFindings()],
    ['the asset is in scope', buildFindings({ scope: { kind: 'in-scope', asset: { kind: 'domain', host: 'shop.acme.example' }, pattern: '*.acme.example' } })],
  ])('has nothing to say when %s and nothing matched', (_name, findings) => {
    const notes = { en: planTriageNotes('en', findings), nl: planTriageNotes('nl', findings) };

    expect(notes).toEqual({ en: null, nl: null });
  });

  it.each([
    [
      'en',
      '### Triage notes\n\n- **Scope unclear:** no domain, IP address or repository could be recognised in the affected field. Decide with `/scope in` or `/scope out <category>`; nothing is closed on a guess.',
    ],
    [
      'nl',
      '### Triagenotities\n\n- **Scope onduidelijk:** in het veld "getroffen" is geen domein, IP-adres of repository te herkennen. Beslis met `/scope in` of `/scope out <categorie>`; er wordt niets gesloten op een gok.',
    ],
  ] as const)('says the scope is unclear when no asset was recognised (%s)', (lang, expected) => {
    const findings = buildFindings({ scope: { kind: 'unclear', reason: 'no-asset' } });

    const notes = planTriageNotes(lang, findings);

    expect(notes).toBe(expected);
  });

  it.each([
    ['en', '- **Scope unclear:** `shop.other.example`, `192.0.2.7`, `acme/widget` matches none of the in-scope assets in `.github/disclosure.yml`.'],
    ['nl', '- **Scope onduidelijk:** `shop.other.example`, `192.0.2.7`, `acme/widget` past bij geen van de assets binnen scope in `.github/disclosure.yml`.'],
  ] as const)('lists the assets that matched no in-scope rule (%s)', (lang, expected) => {
    const findings = buildFindings({
      scope: {
        kind: 'unclear',
        reason: 'no-match',
        assets: [
          { kind: 'domain', host: 'shop.other.example' },
          { kind: 'ip', address: '192.0.2.7', version: 4 },
          { kind: 'repository', owner: 'acme', repo: 'widget' },
        ],
      },
    });

    const notes = planTriageNotes(lang, findings);

    expect(notes?.split('\n')[2]?.startsWith(expected)).toBe(true);
  });

  it.each([
    [
      'en',
      '- **Known issue candidate:** `legacy-tls` (TLS 1.0 on the old mail host): asset matches `mail.acme.example`; keywords found: `tls 1.0`, `weak cipher`. If it is, `/known legacy-tls`.',
    ],
    [
      'nl',
      '- **Mogelijk bekend probleem:** `legacy-tls` (TLS 1.0 on the old mail host): asset past bij `mail.acme.example`; trefwoorden gevonden: `tls 1.0`, `weak cipher`. Zo ja: `/known legacy-tls`.',
    ],
  ] as const)('names a known-issue candidate with what matched (%s)', (lang, expected) => {
    const findings = buildFindings({ known: [KNOWN] });

    const notes = planTriageNotes(lang, findings);

    expect(notes?.split('\n').slice(2)).toEqual([expected]);
  });

  it('gives only the reasons a known issue has: keywords without an asset', () => {
    const findings = buildFindings({ known: [{ ...KNOWN, matchedAsset: null, matchedKeywords: ['self-xss'] }] });

    const notes = planTriageNotes('en', findings);

    expect(notes).toContain('(TLS 1.0 on the old mail host): keywords found: `self-xss`. If it is');
  });

  it.each([
    ['en', '- **Possible duplicate:** #12: same asset `domain:shop.acme.example`; 42% of distinctive words in common. If it is, `/duplicate #12`.'],
    ['nl', '- **Mogelijk dubbel:** #12: zelfde asset `domain:shop.acme.example`; 42% van de kenmerkende woorden gemeen. Zo ja: `/duplicate #12`.'],
  ] as const)('names a possible duplicate with its shared asset and similarity (%s)', (lang, expected) => {
    const findings = buildFindings({ duplicates: [DUPLICATE] });

    const notes = planTriageNotes(lang, findings);

    expect(notes?.split('\n').slice(2)).toEqual([expected]);
  });

  it('gives only the similarity of a duplicate on another asset', () => {
    const findings = buildFindings({ duplicates: [{ ...DUPLICATE, sameAsset: null, similarity: 0.555 }] });

    const notes = planTriageNotes('en', findings);

    expect(notes).toContain('- **Possible duplicate:** #12: 56% of distinctive words in common.');
  });

  it('lists scope first, then known issues, then duplicates, one item each', () => {
    const findings = buildFindings({ scope: { kind: 'unclear', reason: 'no-asset' }, known: [KNOWN], duplicates: [DUPLICATE, { ...DUPLICATE, issueNumber: 15 }] });

    const notes = planTriageNotes('en', findings);

    const items = notes?.split('\n').slice(2) ?? [];
    expect(items).toHaveLength(4);
    expect(items[0]).toMatch(/^- \*\*Scope unclear:\*\* /);
    expect(items[1]).toMatch(/^- \*\*Known issue candidate:\*\* `legacy-tls` /);
    expect(items[2]).toMatch(/^- \*\*Possible duplicate:\*\* #12: /);
    expect(items[3]).toMatch(/^- \*\*Possible duplicate:\*\* #15: /);
  });

  it.each(['en', 'nl'] as const)('neutralises hostile assets, titles and keywords: no mention, raw HTML or broken code span (%s)', (lang) => {
    const findings = buildFindings({
      scope: { kind: 'unclear', reason: 'no-match', assets: [{ kind: 'domain', host: HOSTILE }, { kind: 'repository', owner: '@admin', repo: 'x`y\nz' }] },
      known: [{ id: 'legacy-tls', title: `Ping @security-team ${HOSTILE}`, matchedAsset: HOSTILE, matchedKeywords: ['`rm -rf`', '@team <!-- x'] }],
      duplicates: [{ ...DUPLICATE, sameAsset: `domain:${HOSTILE}` }],
    });

    const notes = planTriageNotes(lang, findings) ?? '';

    const lines = notes.split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const { prose, broken } = inlineParts(line);
      expect(broken).toBe(0);
      expect(prose).not.toMatch(/@\w/);
      expect(prose).not.toContain('<');
    }
    expect(notes).not.toContain('<!--');
    expect(inlineParts(notes).code).toEqual(expect.arrayContaining(["evil.com @admin <img src=x> 'x'", "@admin/x'y z", '@security-team', '@admin']));
  });
});

describe('scopeUnclear', () => {
  it.each([
    [true, 'an unclear scope', { kind: 'unclear', reason: 'no-asset' } as const],
    [false, 'scope not configured', { kind: 'not-configured' } as const],
    [false, 'an in-scope asset', { kind: 'in-scope', asset: { kind: 'domain', host: 'shop.acme.example' }, pattern: 'shop.acme.example' } as const],
  ])('is %s for %s', (unclear, _name, scope) => {
    const findings = buildFindings({ scope });

    const result = scopeUnclear(findings);

    expect(result).toBe(unclear);
  });
});
