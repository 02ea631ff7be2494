import { describe, expect, it } from 'vitest';
import { planAdvisory, type PlanAdvisoryInput } from '../../src/issue-text/plan-advisory.js';
import { neutraliseTitle } from '../../src/report/neutralise.js';

const ID = 'DD-0123456789AB';

/** The summary planned for a tracking issue titled the way filing titles it: `[id] ` and the neutralised title. */
function summaryFor(reporterTitle: string): string {
  return summaryOfIssueTitle(`[${ID}] ${neutraliseTitle(reporterTitle, 256 - ID.length - 3)}`);
}

function summaryOfIssueTitle(issueTitle: string): string {
  const input: PlanAdvisoryInput = {
    reportId: ID,
    issueTitle,
    issueBody: '',
    cvssVector: null,
    severity: 'high',
    cweIds: [],
    packages: [],
    repository: { owner: 'acme', repo: 'shop' },
    researcher: null,
  };
  return planAdvisory(input).summary;
}

/** Code points that show nothing: a plain-text summary must not carry any. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/;

describe('the advisory summary is the readable title in plain text', () => {
  it.each([
    ['a mention', 'XSS in the profile page reported to @alice', 'XSS in the profile page reported to @alice'],
    ['a team mention', 'Ping @acme/security about the login bypass', 'Ping @acme/security about the login bypass'],
    ['references and a URL', 'Regression of #12 and acme/shop#3 at https://shop.acme.example/login', 'Regression of #12 and acme/shop#3 at https://shop.acme.example/login'],
    ['an e-mail address', 'Password reset mails go to admin@acme.example', 'Password reset mails go to admin@acme.example'],
    ['an HTML comment opener', 'Stored XSS via <!-- in the comment field', 'Stored XSS via <!-- in the comment field'],
    ['the reporter’s backticks (shown as quotes in the issue title)', 'RCE via `eval` in the template engine', "RCE via 'eval' in the template engine"],
  ])('shows %s without code-span backticks or invisible characters', (_name, title, summary) => {
    const planned = summaryFor(title);

    expect(planned).toBe(summary);
    expect(planned).not.toMatch(INVISIBLE);
    expect(planned).not.toContain('`');
  });

  it('drops the code spans staff typed when editing the title, keeping their text', () => {
    expect(summaryOfIssueTitle(`[${ID}] Prototype pollution in \`merge\` of \`@acme/utils\``)).toBe('Prototype pollution in merge of @acme/utils');
  });

  it('keeps a lone backtick staff typed: it opens no code span', () => {
    expect(summaryOfIssueTitle(`[${ID}] The \` character breaks the parser`)).toBe('The ` character breaks the parser');
  });

  it('keeps what the issue shows of a hidden character, and removes zero-width characters staff pasted', () => {
    expect(summaryFor('Invoice\u202Etxt.exe download')).toBe('Invoice[U+202E]txt.exe download');
    expect(summaryOfIssueTitle(`[${ID}] Zero\u200Bwidth\u2060 and\uFEFF joiners`)).toBe('Zerowidth and joiners');
  });

  it('keeps emoji sequences intact', () => {
    expect(summaryOfIssueTitle(`[${ID}] Login bypass 👩‍💻`)).toBe('Login bypass 👩‍💻');
  });
});
