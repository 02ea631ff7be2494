import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError } from '../../src/errors.js';
import { advisoryLinkedLine, advisoryRefusalLine, collaboratorRefusalLine } from '../../src/issue-text/advisory-replies.js';
import { expectInert as expectInertInline, inlineParts } from '../helpers/inline-markdown.js';

const WIDGET = { owner: 'acme', repo: 'widget' };
const ADVANCED_SECURITY = 'Advanced Security must be enabled for this repository to create security advisories.';
/** GitHub's detail as an attacker who controls part of it might shape it. */
const HOSTILE_DETAIL = 'Validation failed: `cwe_ids` @octocat\n# Heading\r\n<img src=x> ```';
/** What HOSTILE_DETAIL looks like once it is one line without backticks. */
const HOSTILE_SHOWN = 'Validation failed:  cwe_ids  @octocat # Heading <img src=x>  ';
const GHSA = 'GHSA-abcd-1234-efgh';
const GHSA_URL = `https://github.com/acme/widget/security/advisories/${GHSA}`;

/** One line, every code span closed, and no mention, HTML or heading outside code spans. */
/** Inert (see expectInertInline), and on one line. */
function expectInert(line: string): void {
  expect(line).not.toMatch(/[\r\n]/);
  expectInertInline(line);
}

function refused(status: number, detail?: string): RefusedError {
  return new RefusedError(`create advisory: refused (${status})`, status, detail === undefined ? {} : { detail });
}

describe('advisoryRefusalLine', () => {
  it.each([
    [
      'en',
      'No draft advisory was opened: GitHub does not allow new security advisories in a private repository (`acme/widget`) without GitHub Advanced Security. Enable Advanced Security for the repository, or name the public repository the flaw is in. Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      'Geen concept-advisory geopend: GitHub staat in een private repository (`acme/widget`) geen nieuwe security advisories toe zonder GitHub Advanced Security. Zet Advanced Security aan voor de repository, of kies de publieke repository waarin de fout zit. Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
  ] as const)('explains Advanced Security when GitHub answers 404 for a private repository the app can see (%s)', (lang, expected) => {
    const error = new NotFoundError('create advisory: not found @octocat <img>');

    const line = advisoryRefusalLine(lang, WIDGET, error, { private: true });

    expect(line).toBe(expected);
  });

  it.each([
    [
      'en',
      null,
      'No draft advisory was opened: the repository `acme/widget` does not exist or is not in the app\'s installation. Add it (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      null,
      'Geen concept-advisory geopend: de repository `acme/widget` bestaat niet of valt niet onder de installatie van de app. Voeg haar toe (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
    [
      'en',
      { private: false },
      'No draft advisory was opened: the repository `acme/widget` does not exist or is not in the app\'s installation. Add it (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
  ] as const)('says the repository is missing from the installation on a 404 (%s, target %o)', (lang, target, expected) => {
    const error = new NotFoundError('create advisory: not found');

    const line = advisoryRefusalLine(lang, WIDGET, error, target);

    expect(line).toBe(expected);
  });

  it('treats a 404 without a target as a repository the app cannot see', () => {
    const error = new NotFoundError('create advisory: not found');

    const line = advisoryRefusalLine('en', WIDGET, error);

    expect(line).toBe(advisoryRefusalLine('en', WIDGET, error, null));
  });

  it.each([
    [
      'en',
      'No draft advisory was opened: GitHub does not allow new security advisories in a private repository (`acme/widget`) without GitHub Advanced Security. GitHub says: `Advanced Security must be enabled for this repository to create security advisories.`. Enable Advanced Security for the repository, or name the public repository the flaw is in. Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      'Geen concept-advisory geopend: GitHub staat in een private repository (`acme/widget`) geen nieuwe security advisories toe zonder GitHub Advanced Security. GitHub zegt: `Advanced Security must be enabled for this repository to create security advisories.`. Zet Advanced Security aan voor de repository, of kies de publieke repository waarin de fout zit. Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
  ] as const)('explains Advanced Security on a 403 that names it, quoting GitHub (%s)', (lang, expected) => {
    const error = refused(403, ADVANCED_SECURITY);

    const line = advisoryRefusalLine(lang, WIDGET, error);

    expect(line).toBe(expected);
  });

  it('recognises Advanced Security in any case and across a line break', () => {
    const error = refused(403, 'ADVANCED\nsecurity is required');

    const line = advisoryRefusalLine('en', WIDGET, error);

    expect(line).toContain('without GitHub Advanced Security. GitHub says: `ADVANCED security is required`.');
  });

  it.each([
    [
      'en',
      'Resource not accessible by integration',
      'No draft advisory was opened: the app may not write security advisories in `acme/widget`. GitHub says: `Resource not accessible by integration`. An owner can grant the permission "Repository security advisories: write" (Settings → GitHub Apps → Disclosure Desk → Permissions & events) and approve the request. Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      'Resource not accessible by integration',
      'Geen concept-advisory geopend: de app mag geen security advisories schrijven in `acme/widget`. GitHub zegt: `Resource not accessible by integration`. Een eigenaar kan de permissie "Repository security advisories: write" toekennen (Settings → GitHub Apps → Disclosure Desk → Permissions & events) en het verzoek goedkeuren. Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
    [
      'en',
      undefined,
      'No draft advisory was opened: the app may not write security advisories in `acme/widget`. An owner can grant the permission "Repository security advisories: write" (Settings → GitHub Apps → Disclosure Desk → Permissions & events) and approve the request. Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      undefined,
      'Geen concept-advisory geopend: de app mag geen security advisories schrijven in `acme/widget`. Een eigenaar kan de permissie "Repository security advisories: write" toekennen (Settings → GitHub Apps → Disclosure Desk → Permissions & events) en het verzoek goedkeuren. Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
  ] as const)('asks for the advisory permission on any other 403 (%s, detail %j)', (lang, detail, expected) => {
    const error = refused(403, detail);

    const line = advisoryRefusalLine(lang, WIDGET, error);

    expect(line).toBe(expected);
  });

  it.each([
    [
      'en',
      'Validation failed: cwe_ids contains an unknown CWE',
      'No draft advisory was opened: GitHub refused the request (422). GitHub says: `Validation failed: cwe_ids contains an unknown CWE`. Correct it (for example with `/cwe` or `/package`). Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      'Validation failed: cwe_ids contains an unknown CWE',
      'Geen concept-advisory geopend: GitHub weigerde het verzoek (422). GitHub zegt: `Validation failed: cwe_ids contains an unknown CWE`. Pas het aan (bijvoorbeeld met `/cwe` of `/package`). Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
    [
      'en',
      undefined,
      'No draft advisory was opened: GitHub refused the request (422). Correct it (for example with `/cwe` or `/package`). Then repeat `/advisory acme/widget`. Tracking goes on without the advisory.',
    ],
    [
      'nl',
      undefined,
      'Geen concept-advisory geopend: GitHub weigerde het verzoek (422). Pas het aan (bijvoorbeeld met `/cwe` of `/package`). Herhaal daarna `/advisory acme/widget`. De melding loopt door zonder advisory.',
    ],
  ] as const)('names the status and GitHub\'s detail on another 4xx (%s, detail %j)', (lang, detail, expected) => {
    const error = refused(422, detail);

    const line = advisoryRefusalLine(lang, WIDGET, error);

    expect(line).toBe(expected);
  });

  it.each([400, 410, 422, 451])('names status %i in the reply', (status) => {
    const error = refused(status, 'nope');

    const line = advisoryRefusalLine('en', WIDGET, error);

    expect(line).toContain(`GitHub refused the request (${status}). GitHub says: \`nope\`.`);
  });

  describe('with hostile text in GitHub\'s detail', () => {
    it.each([
      ['en', 403, ADVANCED_SECURITY],
      ['nl', 403, ADVANCED_SECURITY],
      ['en', 403, ''],
      ['nl', 403, ''],
      ['en', 422, ''],
      ['nl', 422, ''],
    ] as const)('keeps the detail on one line in one code span (%s, %i, %j)', (lang, status, prefix) => {
      const error = refused(status, `${prefix} ${HOSTILE_DETAIL}`);

      const line = advisoryRefusalLine(lang, WIDGET, error);

      expectInert(line);
      // Leading and trailing blanks are trimmed from GitHub's detail.
      expect(inlineParts(line).code).toContain(`${prefix} ${HOSTILE_SHOWN}`.trim());
    });

    it('shows at most 300 characters of the detail', () => {
      const error = refused(422, `${'x'.repeat(299)}\`${'y'.repeat(100)}`);

      const line = advisoryRefusalLine('en', WIDGET, error);

      expectInert(line);
      expect(inlineParts(line).code).toContain(`${'x'.repeat(299)} `);
    });

    it('shows neither our own error message nor a 404\'s message', () => {
      const errors = [new NotFoundError('secret @octocat <img>'), refused(403)];

      const lines = errors.map((error) => advisoryRefusalLine('en', WIDGET, error, { private: true }));

      for (const line of lines) expect(line).not.toMatch(/secret|create advisory/);
    });
  });
});

describe('advisoryLinkedLine', () => {
  const LINK = { ...WIDGET, ghsaId: GHSA, url: GHSA_URL, login: 'octocat', credited: true, collaborator: true };

  it.each([
    [
      'en',
      LINK,
      `Draft advisory [${GHSA}](${GHSA_URL}) opened in \`acme/widget\`. \`octocat\` is credited as finder. \`octocat\` was added as a collaborator and follows the fix on GitHub.`,
    ],
    [
      'nl',
      LINK,
      `Concept-advisory [${GHSA}](${GHSA_URL}) geopend in \`acme/widget\`. \`octocat\` staat erin als finder. \`octocat\` is toegevoegd als medewerker en volgt de oplossing op GitHub.`,
    ],
    ['en', { ...LINK, collaborator: false }, `Draft advisory [${GHSA}](${GHSA_URL}) opened in \`acme/widget\`. \`octocat\` is credited as finder.`],
    ['nl', { ...LINK, collaborator: false }, `Concept-advisory [${GHSA}](${GHSA_URL}) geopend in \`acme/widget\`. \`octocat\` staat erin als finder.`],
    [
      'en',
      { ...LINK, credited: false },
      `Draft advisory [${GHSA}](${GHSA_URL}) opened in \`acme/widget\`. \`octocat\` was added as a collaborator and follows the fix on GitHub.`,
    ],
    [
      'nl',
      { ...LINK, credited: false },
      `Concept-advisory [${GHSA}](${GHSA_URL}) geopend in \`acme/widget\`. \`octocat\` is toegevoegd als medewerker en volgt de oplossing op GitHub.`,
    ],
    ['en', { ...LINK, credited: false, collaborator: false }, `Draft advisory [${GHSA}](${GHSA_URL}) opened in \`acme/widget\`.`],
    ['nl', { ...LINK, credited: false, collaborator: false }, `Concept-advisory [${GHSA}](${GHSA_URL}) geopend in \`acme/widget\`.`],
    [
      'en',
      { ...LINK, login: null, credited: false, collaborator: false },
      `Draft advisory [${GHSA}](${GHSA_URL}) opened in \`acme/widget\`. The researcher gave no GitHub login: no credit or collaboration on GitHub.`,
    ],
    [
      'nl',
      { ...LINK, login: null, credited: false, collaborator: false },
      `Concept-advisory [${GHSA}](${GHSA_URL}) geopend in \`acme/widget\`. De melder gaf geen GitHub-login: geen vermelding of medewerking op GitHub.`,
    ],
  ] as const)('links the advisory and says who was credited and added (%s, %o)', (lang, link, expected) => {
    const line = advisoryLinkedLine(lang, link);

    expect(line).toBe(expected);
  });

  it.each(['en', 'nl'] as const)('shows the researcher\'s login as code, never as a mention (%s)', (lang) => {
    const link = { ...LINK, login: '@evil`x`<img src=x>\n@admin' };

    const line = advisoryLinkedLine(lang, link);

    expectInert(line);
    expect(line).not.toContain('@');
    expect(inlineParts(line).code).toEqual([`acme/widget`, 'evilximgsrcxadmin', 'evilximgsrcxadmin']);
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a plain http URL', `http://github.com/acme/widget/security/advisories/${GHSA}`],
    ['a URL that closes the link', 'https://evil.example/) [click](https://evil.example'],
    ['a URL with a line break', 'https://github.com/x\n# Heading'],
    ['a URL with markup', 'https://github.com/<img src=x>'],
  ])('shows the advisory id as code without a link for %s', (_case, url) => {
    const link = { ...LINK, url, credited: false, collaborator: false };

    const line = advisoryLinkedLine('en', link);

    expect(line).toBe(`Draft advisory \`${GHSA}\` opened in \`acme/widget\`.`);
  });

  it('keeps only the characters of a GHSA id', () => {
    const link = { ...LINK, ghsaId: 'GHSA-`x`](https://evil.example)<b>', credited: false, collaborator: false };

    const line = advisoryLinkedLine('en', link);

    expect(line).toBe(`Draft advisory [GHSA-xhttpsevilexampleb](${GHSA_URL}) opened in \`acme/widget\`.`);
  });
});

describe('collaboratorRefusalLine', () => {
  it.each([
    ['en', 'GitHub refused to add `octocat` as a collaborator (does the account exist?). Add the researcher on the advisory yourself if needed.'],
    ['nl', 'GitHub weigerde `octocat` toe te voegen als medewerker (bestaat het account?). Voeg de melder zo nodig zelf toe op de advisory.'],
  ] as const)('names the login as code and asks staff to add the researcher themselves (%s)', (lang, expected) => {
    const line = collaboratorRefusalLine(lang, 'octocat');

    expect(line).toBe(expected);
  });

  it.each(['en', 'nl'] as const)('never mentions a hostile login (%s)', (lang) => {
    const line = collaboratorRefusalLine(lang, '@evil`x`<img src=x>\n@admin');

    expectInert(line);
    expect(line).not.toContain('@');
    expect(inlineParts(line).code).toEqual(['evilximgsrcxadmin']);
  });
});
