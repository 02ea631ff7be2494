import { describe, expect, it } from 'vitest';
import { confirmationLine, refusalLine, usageLine } from '../../src/issue-text/command-replies.js';
import { expectInert, inlineParts } from '../helpers/inline-markdown.js';

const HOSTILE = 'evil.com @admin <img src=x> `x`';

describe('confirmationLine', () => {
  it.each([
    [
      'severity',
      { severity: 'critical', score: '9.8', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      'Severity set to **critical** (CVSS 9.8, `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`); the resolution target follows from it.',
      'Ernst gezet op **kritiek** (CVSS 9.8, `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`); de streefdatum volgt daaruit.',
    ],
    [
      'severity',
      { severity: 'high', score: '', vector: '' },
      'Severity set to **high**; the resolution target follows from it.',
      'Ernst gezet op **hoog**; de streefdatum volgt daaruit.',
    ],
    ['scope-in', {}, 'Marked **in scope**.', 'Gemarkeerd als **binnen scope**.'],
    [
      'scope-out',
      { category: 'dos' },
      'Marked **out of scope** (`dos`) and closed; the researcher gets the explanation for this category.',
      'Gemarkeerd als **buiten scope** (`dos`) en gesloten; de melder krijgt de uitleg bij deze categorie.',
    ],
    ['duplicate', { of: '3' }, 'Duplicate of #3. Closed; the researcher is told.', 'Dubbel met #3. Gesloten; de melder wordt ingelicht.'],
    [
      'known',
      { id: 'legacy-tls', title: 'TLS 1.0 on the old mail host' },
      'Known issue `legacy-tls` (TLS 1.0 on the old mail host). Closed; the researcher gets the known-issue notice.',
      'Bekend probleem `legacy-tls` (TLS 1.0 on the old mail host). Gesloten; de melder krijgt de melding over bekende problemen.',
    ],
    [
      'needs-info',
      {},
      'Question recorded for the researcher. **The SLA clock is paused** until `/info-received`.',
      'Vraag vastgelegd voor de melder. **De SLA-klok staat stil** tot `/info-received`.',
    ],
    [
      'needs-info-again',
      {},
      'Question recorded for the researcher. The SLA clock was already paused.',
      'Vraag vastgelegd voor de melder. De SLA-klok stond al stil.',
    ],
    [
      'info-received',
      {},
      '**The SLA clock runs again**; open deadlines moved by the time it was paused.',
      '**De SLA-klok loopt weer**; open termijnen zijn verschoven met de tijd dat hij stilstond.',
    ],
    [
      'accepted',
      { repository: 'acme/widget', reward: '' },
      '**Accepted** as a vulnerability in `acme/widget`; a draft advisory will be opened there.',
      '**Geaccepteerd** als kwetsbaarheid in `acme/widget`; daar wordt een concept-advisory geopend.',
    ],
    ['accepted', { repository: '', reward: '' }, '**Accepted** as a vulnerability.', '**Geaccepteerd** als kwetsbaarheid.'],
    [
      'accepted',
      { repository: 'acme/widget', reward: 'EUR 100 – EUR 500' },
      '**Accepted** as a vulnerability in `acme/widget`; a draft advisory will be opened there. Suggested reward for this severity: EUR 100 – EUR 500 (`/reward <amount> <currency>` records the decision).',
      '**Geaccepteerd** als kwetsbaarheid in `acme/widget`; daar wordt een concept-advisory geopend. Voorgestelde beloning bij deze ernst: EUR 100 – EUR 500 (`/reward <bedrag> <valuta>` legt het besluit vast).',
    ],
    [
      'accepted',
      { repository: '', reward: 'USD 250 – USD 750' },
      '**Accepted** as a vulnerability. Suggested reward for this severity: USD 250 – USD 750 (`/reward <amount> <currency>` records the decision).',
      '**Geaccepteerd** als kwetsbaarheid. Voorgestelde beloning bij deze ernst: USD 250 – USD 750 (`/reward <bedrag> <valuta>` legt het besluit vast).',
    ],
    [
      'advisory',
      { repository: 'acme/widget' },
      'A draft advisory will be opened in `acme/widget`.',
      'Er wordt een concept-advisory geopend in `acme/widget`.',
    ],
    ['cwe', { ids: 'CWE-79, CWE-89' }, 'CWE ids for the advisory: CWE-79, CWE-89.', 'CWE-ids voor de advisory: CWE-79, CWE-89.'],
    [
      'package',
      { ecosystem: 'npm', name: 'lodash', vulnerable: '< 4.17.21', patched: '4.17.21' },
      'Affected package `npm/lodash`, vulnerable `< 4.17.21`, patched `4.17.21`.',
      'Getroffen pakket `npm/lodash`, kwetsbaar `< 4.17.21`, opgelost in `4.17.21`.',
    ],
    [
      'package',
      { ecosystem: 'pip', name: 'django', vulnerable: '>= 4.0, < 4.2.1', patched: '' },
      'Affected package `pip/django`, vulnerable `>= 4.0, < 4.2.1`.',
      'Getroffen pakket `pip/django`, kwetsbaar `>= 4.0, < 4.2.1`.',
    ],
    [
      'package',
      { ecosystem: 'maven', name: 'org.apache.logging.log4j:log4j-core', vulnerable: '', patched: '2.17.1' },
      'Affected package `maven/org.apache.logging.log4j:log4j-core`, patched `2.17.1`.',
      'Getroffen pakket `maven/org.apache.logging.log4j:log4j-core`, opgelost in `2.17.1`.',
    ],
    ['package', { ecosystem: 'npm', name: 'lodash', vulnerable: '', patched: '' }, 'Affected package `npm/lodash`.', 'Getroffen pakket `npm/lodash`.'],
    [
      'reward',
      { amount: 'EUR 750' },
      'Reward recorded: EUR 750. It appears in the credit record when the advisory is published.',
      'Beloning vastgelegd: EUR 750. Die komt in het vermeldingsverslag bij publicatie.',
    ],
    ['rejected', {}, '**Rejected** and closed; the researcher gets the reason.', '**Afgewezen** en gesloten; de melder krijgt de reden.'],
    [
      'fix-by',
      { date: '2026-06-30' },
      'Expected fix date set to **2026-06-30**; the researcher gets the assessment.',
      'Verwachte datum voor een oplossing: **2026-06-30**; de melder krijgt de beoordeling.',
    ],
    ['resolved', {}, '**Resolved** and closed; the researcher is told.', '**Opgelost** en gesloten; de melder wordt ingelicht.'],
  ])('confirms %s in English and Dutch', (kind, params, en, nl) => {
    const confirmation = { kind, params };

    const lines = { en: confirmationLine('en', confirmation), nl: confirmationLine('nl', confirmation) };

    expect(lines).toEqual({ en, nl });
  });

  it('throws for a confirmation kind without text', () => {
    const confirmation = { kind: 'publish', params: {} };

    const confirm = () => confirmationLine('en', confirmation);

    expect(confirm).toThrow(RangeError);
  });

  it.each(['en', 'nl'] as const)('neutralises a hostile known-issue title with a mention (%s)', (lang) => {
    const confirmation = { kind: 'known', params: { id: 'legacy-tls', title: `Ping @security-team ${HOSTILE}` } };

    const line = confirmationLine(lang, confirmation);

    expectInert(line);
    expect(inlineParts(line).code).toEqual(expect.arrayContaining(['legacy-tls', '@security-team', '@admin']));
    expect(line).toContain('&lt;img src=x&gt;');
  });

  // Ids, dates and repositories go into code spans as they are: neutraliseInline would turn
  // `acme/deadbeef` into a nested span and show a backslash in `acme/my\_repo`.
  it.each(['acme/deadbeef', 'acme/my_repo'])('shows the accepted repository %s verbatim in one code span', (repository) => {
    const confirmation = { kind: 'accepted', params: { repository, reward: '' } };

    const line = confirmationLine('en', confirmation);

    expect(inlineParts(line)).toEqual({ code: [repository], prose: '**Accepted** as a vulnerability in ; a draft advisory will be opened there.', broken: 0 });
  });

  it.each(['en', 'nl'] as const)('keeps backticks and line breaks in package ranges from breaking out of their code spans (%s)', (lang) => {
    const confirmation = { kind: 'package', params: { ecosystem: 'npm', name: 'lodash', vulnerable: '< 1.0` @admin <img src=x>\n# Heading', patched: '1.0`' } };

    const line = confirmationLine(lang, confirmation);

    expectInert(line);
    expect(line).not.toContain('\n');
    expect(inlineParts(line).code).toEqual(['npm/lodash', '< 1.0 @admin <img src=x># Heading', '1.0']);
  });
});

describe('usageLine', () => {
  it.each([
    ['en', '`/severity` not applied: unknown value "X" for metric AV. `usage: /severity <none|low|medium|high|critical|CVSS:vector>`'],
    ['nl', '`/severity` niet uitgevoerd: unknown value "X" for metric AV. `usage: /severity <none|low|medium|high|critical|CVSS:vector>`'],
  ] as const)('names the command, the error and the usage (%s)', (lang, expected) => {
    const usage = 'usage: /severity <none|low|medium|high|critical|CVSS:vector>';

    const line = usageLine(lang, 'severity', 'unknown value "X" for metric AV', usage);

    expect(line).toBe(expected);
  });

  it.each(['en', 'nl'] as const)('neutralises a hostile error and keeps command and usage in unbroken code spans (%s)', (lang) => {
    const error = `unknown value "${HOSTILE}" for metric AV`;

    const line = usageLine(lang, 'severity', error, 'usage: /known <a`b|c>');

    expectInert(line);
    expect(inlineParts(line).code).toEqual(expect.arrayContaining(['/severity', '@admin', 'usage: /known <ab|c>']));
  });
});

describe('refusalLine', () => {
  it.each([
    ['en', '@octocat: only people with write access to this repository can run Disclosure Desk commands. Nothing was changed.'],
    ['nl', '@octocat: alleen mensen met schrijfrechten op deze repository kunnen Disclosure Desk-opdrachten geven. Er is niets veranderd.'],
  ] as const)('mentions the commenter and says nothing changed (%s)', (lang, expected) => {
    const line = refusalLine(lang, 'octocat');

    expect(line).toBe(expected);
  });

  it('keeps only the characters a GitHub login can have', () => {
    const login = 'evil<img src=x>/org@team`x`';

    const line = refusalLine('en', login);

    expect(line.startsWith('@evilimgsrcxorgteamx: ')).toBe(true);
    expect(line).not.toContain('<');
    expect(line).not.toContain('`');
  });
});
