import { afterEach, describe, expect, it } from 'vitest';
import type { OrgDirectory } from '../../src/flows/org-directory.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { researcherFor, type HallOfFameEntry, type HallOfFameResearcher } from '../../src/issue-text/hall-of-fame.js';
import { createPublicPages } from '../../src/flows/intake/public-pages.js';
import type { CreditPreference } from '../../src/report/report.js';
import { backends, cleanupStores } from '../helpers/stores.js';
import { createFakeIntake, type FakeIntake } from './helpers/fake-intake.js';
import { serve } from './helpers/serve.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The researchers of an advisory as the credit step stores them: each by their own choice, the anonymous left out. */
function researchers(...choices: [CreditPreference, string | null, string | null][]): HallOfFameResearcher[] {
  return choices.flatMap(([preference, name, login]) => researcherFor(preference, name, login) ?? []);
}

function entry(overrides: Partial<HallOfFameEntry> = {}): HallOfFameEntry {
  const ghsaId = overrides.ghsaId ?? 'GHSA-2345-6789-cfgh';
  return {
    ghsaId,
    advisoryUrl: `https://github.com/acme/widget/security/advisories/${ghsaId}`,
    cveId: 'CVE-2026-12345',
    summary: 'Stored XSS in the profile page',
    publishedAt: new Date('2026-03-20T10:00:00Z'),
    researchers: researchers(['name', 'Ada Lovelace', 'ada-l']),
    reward: { amount: 1500, currency: 'EUR' },
    ...overrides,
  };
}

function intakeWith(entries: HallOfFameEntry[], raw: unknown = {}): FakeIntake {
  const intake = createFakeIntake();
  const parsed = parseConfig({ name: 'Acme Corp', languages: ['en', 'nl'], ...(raw as object) });
  if (!parsed.ok) throw new Error('test config does not parse');
  intake.configs.set('acme', parsed.config);
  intake.hallOfFameEntries.set('acme', entries);
  return intake;
}

async function hallOfFame(intake: FakeIntake, path = '/orgs/acme/hall-of-fame'): Promise<{ response: Response; page: string }> {
  const { base } = await serve({ intake });
  const response = await fetch(`${base}${path}`);
  return { response, page: await response.text() };
}

describe('GET /orgs/{org}/hall-of-fame', () => {
  it("names each researcher as they chose: a name, a pseudonym without the account behind it, a login, and the anonymous nowhere", async () => {
    const intake = intakeWith([
      entry({
        researchers: researchers(['name', 'Ada Lovelace', 'ada-l'], ['pseudonym', 'Nightjar', 'nightjar-real'], ['anonymous', 'Eve Hidden', 'eve-hidden'], ['name', null, 'bob-finds']),
      }),
    ]);

    const { response, page } = await hallOfFame(intake);

    expect(response.status).toBe(200);
    expect(page).toContain('<td><span class="researcher">Ada Lovelace</span>, <span class="researcher">Nightjar</span>, <a href="https://github.com/bob-finds">@bob-finds</a></td>');
    expect(page).not.toContain('nightjar-real');
    expect(page).not.toContain('ada-l');
    expect(page).not.toMatch(/Eve|eve-hidden/);
  });

  it('lists an advisory whose researchers all stayed anonymous without naming anyone', async () => {
    const intake = intakeWith([entry({ researchers: researchers(['anonymous', 'Eve Hidden', 'eve-hidden'], ['pseudonym', '  ', 'quiet-one']) })]);

    const { page } = await hallOfFame(intake);

    expect(page).toContain('<td><span class="not-named">Not named</span></td>');
    expect(page).not.toMatch(/Eve|eve-hidden|quiet-one/);
  });

  it('lists advisories newest first, linked to GitHub and cve.org', async () => {
    const intake = intakeWith([
      entry({ ghsaId: 'GHSA-aaaa-bbbb-cccc', summary: 'Older', publishedAt: new Date('2026-01-10T10:00:00Z'), cveId: null }),
      entry({ ghsaId: 'GHSA-dddd-eeee-ffff', summary: 'Newer', publishedAt: new Date('2026-03-20T10:00:00Z') }),
    ]);

    const { page } = await hallOfFame(intake);

    expect(page.indexOf('Newer')).toBeLessThan(page.indexOf('Older'));
    expect(page).toContain('<a href="https://github.com/acme/widget/security/advisories/GHSA-dddd-eeee-ffff">GHSA-dddd-eeee-ffff</a>');
    expect(page).toContain('<a href="https://www.cve.org/CVERecord?id=CVE-2026-12345">CVE-2026-12345</a>');
    expect(page).toContain('<time datetime="2026-03-20T10:00:00.000Z">20 March 2026</time>');
  });

  it('shows rewards only when hall_of_fame.show_rewards is set', async () => {
    const entries = [entry({ reward: { amount: 1500.5, currency: 'EUR' } }), entry({ ghsaId: 'GHSA-dddd-eeee-ffff', reward: null })];

    const hidden = (await hallOfFame(intakeWith(entries))).page;
    const shown = (await hallOfFame(intakeWith(entries, { hall_of_fame: { show_rewards: true } }))).page;

    expect(hidden).not.toContain('Reward');
    expect(hidden).not.toContain('1,500');
    expect(shown).toContain('<th scope="col">Reward</th>');
    expect(shown).toContain('<td>EUR 1,500.50</td>');
    expect(shown).toContain('<td>—</td>');
  });

  it('escapes names and summaries, and links no advisory or CVE that is not well-formed', async () => {
    const evil = '<script>alert(1)</script>';
    const intake = intakeWith([
      entry({
        summary: `XSS ${evil}`,
        researchers: [{ display: `Mallory ${evil}`, kind: 'name' }, { display: 'javascript:alert(1)', kind: 'login' }],
        advisoryUrl: 'javascript:alert(1)',
        cveId: `CVE-1 ${evil}`,
      }),
    ]);

    const { page } = await hallOfFame(intake);

    expect(page).not.toMatch(/<script|href="javascript/i);
    expect(page).toContain('XSS &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Mallory &lt;script&gt;');
    expect(page).toContain('<td>GHSA-2345-6789-cfgh</td>');
    expect(page).toContain('<td>CVE-1 &lt;script&gt;alert(1)&lt;/script&gt;</td>');
  });

  it('shows a dash, not its internal key, for a report credited without an advisory', async () => {
    const intake = intakeWith([entry({ ghsaId: 'no-advisory:0123456789abcdef0123', advisoryUrl: '', cveId: null, summary: 'Open redirect on the login page' })]);

    const { page } = await hallOfFame(intake);

    expect(page).toContain('Open redirect on the login page');
    expect(page).not.toContain('no-advisory:');
    expect(page).toMatch(/<td>—<\/td>\s*<td>Open redirect/);
  });

  it('says so when nothing has been published yet', async () => {
    const { page } = await hallOfFame(intakeWith([]));

    expect(page).toContain('No one has been credited yet.');
    expect(page).not.toContain('<table');
  });

  it('speaks Dutch with ?lang=nl, and every link carries the language', async () => {
    const { page } = await hallOfFame(intakeWith([entry()]), '/orgs/acme/hall-of-fame?lang=nl');

    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Acme Corp bedankt de onderstaande beveiligingsonderzoekers');
    expect(page).toContain('<time datetime="2026-03-20T10:00:00.000Z">20 maart 2026</time>');
    expect(page).toContain('<a href="/orgs/acme/policy?lang=nl">Meldbeleid</a>');
    expect(page).toContain('<a href="/orgs/acme/report?lang=nl">Kwetsbaarheid melden</a>');
    expect(page).toContain('<a href="/orgs/acme/hall-of-fame?lang=en" hreflang="en" lang="en">English</a>');
  });

  it('is served under the strict CSP without script or inline style, and 404 for an unknown organisation', async () => {
    const intake = intakeWith([entry()]);
    const { base } = await serve({ intake });

    const response = await fetch(`${base}/orgs/acme/hall-of-fame`);
    const page = await response.text();
    const unknown = await fetch(`${base}/orgs/nobody/hall-of-fame`);

    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(unknown.status).toBe(404);
  });
});

const sqlite = backends.find((backend) => backend.name === 'sqlite');

describe('the public pages port', () => {
  afterEach(cleanupStores);

  function directory(raw: unknown): OrgDirectory {
    return {
      get: (org) => Promise.resolve(org === 'acme' ? { org, installationId: 7, config: parseConfig(raw) } : null),
      forget: () => undefined,
    };
  }

  it('reads the hall of fame from the credit records in the store', async () => {
    if (sqlite === undefined) throw new Error('the SQLite backend is always available');
    const store = await sqlite.open();
    await store.saveCreditRecord({
      ghsaId: 'GHSA-2345-6789-cfgh',
      org: 'acme',
      reportId: null,
      advisoryUrl: 'https://github.com/acme/widget/security/advisories/GHSA-2345-6789-cfgh',
      cveId: null,
      summary: 'Stored XSS',
      publishedAt: new Date('2026-03-20T10:00:00Z'),
      researchers: [{ display: 'Nightjar', kind: 'pseudonym' }],
      reward: { amount: 500, currency: 'EUR' },
    });
    const pages = createPublicPages({ store, orgs: directory({}) });

    const entries = await pages.hallOfFame('acme');

    expect(entries).toEqual([
      {
        ghsaId: 'GHSA-2345-6789-cfgh',
        advisoryUrl: 'https://github.com/acme/widget/security/advisories/GHSA-2345-6789-cfgh',
        cveId: null,
        summary: 'Stored XSS',
        publishedAt: new Date('2026-03-20T10:00:00Z'),
        researchers: [{ display: 'Nightjar', kind: 'pseudonym' }],
        reward: { amount: 500, currency: 'EUR' },
      },
    ]);
  });

  it('gives the public pages the config, the defaults when it is invalid, and null when not installed', async () => {
    if (sqlite === undefined) throw new Error('the SQLite backend is always available');
    const store = await sqlite.open();
    const valid = createPublicPages({ store, orgs: directory({ name: 'Acme Corp', contact: { email: 'security@acme.example' } }) });
    const invalid = createPublicPages({ store, orgs: directory({ sla: { receipt_business_days: -1 } }) });

    const found = await valid.publicConfig('acme');
    const fallback = await invalid.publicConfig('acme');

    expect(found?.organisation).toEqual({ login: 'acme', name: 'Acme Corp', languages: ['en', 'nl'], creditDefault: 'anonymous' });
    expect(found?.config.contact.email).toBe('security@acme.example');
    expect(fallback?.config.sla.receipt_business_days).toBe(1);
    expect(await valid.publicConfig('nobody')).toBeNull();
  });
});
