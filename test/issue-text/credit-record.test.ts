import { describe, expect, it } from 'vitest';
import { creditRecordMarker, planCreditRecord, type CreditRecord } from '../../src/issue-text/credit-record.js';

const HOSTILE = '@evil <img src=x onerror=alert(1)> | x #1 [link](https://evil.example)';

function buildRecord(overrides: Partial<CreditRecord> = {}): CreditRecord {
  return {
    ghsaId: 'GHSA-2c8m-7wq9-x4vj',
    advisoryUrl: 'https://github.com/acme/shop/security/advisories/GHSA-2c8m-7wq9-x4vj',
    cveId: 'CVE-2026-12345',
    summary: 'SQL injection in the search page',
    publishedAt: new Date('2026-05-04T08:30:00Z'),
    receivedAt: new Date('2026-03-27T17:45:00Z'),
    timeZone: 'Europe/Amsterdam',
    credit: { preference: 'name', name: 'Ada Lovelace', login: 'ada' },
    advisoryCredits: [{ login: 'ada', type: 'finder' }],
    reward: { amount: 1500, currency: 'EUR', note: 'paid by bank transfer' },
    ...overrides,
  };
}

/** The text outside code spans and link targets: what GitHub would scan for mentions and HTML. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(?<!\\)`[^`\n]*`/g, ' ').replace(/\]\([^)\s]*\)/g, '] ');
}

/** The value cell of a table row. */
function cell(markdown: string, label: string): string | undefined {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${label} |`));
  return line?.slice(`| ${label} | `.length, -2);
}

describe('planCreditRecord', () => {
  it('records the advisory, the CVE, both dates, the credit and the reward', () => {
    const record = buildRecord();

    const comment = planCreditRecord('en', record);

    expect(comment.startsWith(`${creditRecordMarker(record.ghsaId)}\n\n### Credit record`)).toBe(true);
    expect(cell(comment, 'Advisory')).toBe(`[GHSA-2c8m-7wq9-x4vj](${record.advisoryUrl})`);
    expect(cell(comment, 'CVE')).toBe('[CVE-2026-12345](https://www.cve.org/CVERecord?id=CVE-2026-12345)');
    expect(cell(comment, 'Report received')).toBe('Friday 27 March 2026, 18:45 (Europe/Amsterdam)');
    expect(cell(comment, 'Advisory published')).toBe('Monday 4 May 2026, 10:30 (Europe/Amsterdam)');
    expect(cell(comment, "Researcher's choice")).toBe('credit by name: Ada Lovelace');
    expect(cell(comment, 'GitHub account')).toBe('`@ada`');
    expect(cell(comment, 'Credited in the advisory')).toBe('`@ada` (finder)');
    expect(cell(comment, 'Reward')).toBe('EUR 1,500 — paid by bank transfer');
    expect(comment).not.toContain('> **Check');
  });

  it('writes Dutch dates and amounts', () => {
    const record = buildRecord();

    const comment = planCreditRecord('nl', record);

    expect(cell(comment, 'Advies gepubliceerd')).toBe('maandag 4 mei 2026, 10:30 (Europe/Amsterdam)');
    expect(cell(comment, 'Keuze van de melder')).toBe('vermelding met naam: Ada Lovelace');
    expect(cell(comment, 'Beloning')).toBe('EUR 1.500 — paid by bank transfer');
  });

  it.each([
    ['name', 'credit by name: Ada Lovelace'],
    ['pseudonym', 'credit under the pseudonym Ada Lovelace'],
    ['anonymous', 'anonymous: no credit, and no name is shown anywhere'],
  ] as const)('says how a researcher who chose %s is credited', (preference, expected) => {
    const record = buildRecord({ credit: { preference, name: 'Ada Lovelace', login: 'ada' }, advisoryCredits: preference === 'anonymous' ? [] : [{ login: 'ada', type: 'finder' }] });

    const comment = planCreditRecord('en', record);

    expect(cell(comment, "Researcher's choice")).toBe(expected);
  });

  it('credits a reporter from private vulnerability reporting by their account, not "no name given"', () => {
    const record = buildRecord({ credit: { preference: 'name', name: null, login: 'rita-r' }, advisoryCredits: [{ login: 'rita-r', type: 'reporter' }] });

    const english = cell(planCreditRecord('en', record), "Researcher's choice");
    const dutch = cell(planCreditRecord('nl', record), 'Keuze van de melder');

    expect(english).toBe('credit under their GitHub account `@rita-r`');
    expect(dutch).toBe('vermelding met hun GitHub-account `@rita-r`');
    expect(english).not.toContain('no name given');
  });

  it('never prints the name or login of an anonymous researcher', () => {
    const record = buildRecord({ credit: { preference: 'anonymous', name: 'Ada Lovelace', login: 'ada' }, advisoryCredits: [] });

    const comment = planCreditRecord('en', record);

    expect(comment).not.toContain('Ada');
    expect(comment).not.toContain('ada');
    expect(cell(comment, 'GitHub account')).toBeUndefined();
  });

  it('warns staff when the advisory credits a researcher who asked to stay anonymous', () => {
    const record = buildRecord({ credit: { preference: 'anonymous', name: null, login: 'ada' }, advisoryCredits: [{ login: 'Ada', type: 'finder' }] });

    const comment = planCreditRecord('en', record);

    expect(comment).toContain("> **Check the advisory's credits:** the researcher asked to stay anonymous");
  });

  it('warns staff when a researcher who asked for credit is not credited', () => {
    const record = buildRecord({ advisoryCredits: [{ login: 'someone-else', type: 'remediation_developer' }] });

    const comment = planCreditRecord('en', record);

    expect(cell(comment, 'Credited in the advisory')).toBe('`@someone-else` (remediation developer)');
    expect(comment).toContain("> **Check the advisory's credits:** the researcher asked for credit");
  });

  it('says so when the report did not come through Disclosure Desk', () => {
    const record = buildRecord({ credit: null, receivedAt: null, cveId: null, reward: null, advisoryCredits: [] });

    const comment = planCreditRecord('en', record);

    expect(cell(comment, "Researcher's choice")).toBe('no researcher details: the report did not come through Disclosure Desk');
    expect(cell(comment, 'Report received')).toBe('—');
    expect(cell(comment, 'CVE')).toBe('—');
    expect(cell(comment, 'Credited in the advisory')).toBe('none');
    expect(cell(comment, 'Reward')).toBe('none');
  });

  it('neutralises names, notes, the summary and odd credits', () => {
    const record = buildRecord({
      summary: HOSTILE,
      credit: { preference: 'pseudonym', name: HOSTILE, login: 'ada' },
      advisoryCredits: [{ login: '@evil team', type: '<b>x</b>' }],
      reward: { amount: 10, currency: 'EUR', note: HOSTILE },
    });

    const comment = planCreditRecord('en', record);

    const visible = outsideCode(comment);
    expect(visible).not.toMatch(/@evil|<img|<b>|#1|https:\/\/evil/);
    expect(comment).toContain('`@evil`');
    for (const line of comment.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(4);
    }
  });

  it('does not link an advisory URL outside github.com', () => {
    const record = buildRecord({ advisoryUrl: 'https://evil.example/GHSA' });

    const comment = planCreditRecord('en', record);

    expect(cell(comment, 'Advisory')).toBe('`GHSA-2c8m-7wq9-x4vj`');
  });

  it('refuses a GHSA id that could not sit in a marker', () => {
    const record = buildRecord({ ghsaId: 'GHSA --> <b>' });

    const plan = () => planCreditRecord('en', record);

    expect(plan).toThrow(RangeError);
  });
});
