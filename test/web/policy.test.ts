import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/parse-config.js';
import type { DisclosureConfig } from '../../src/config/schema.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { testOrgPgp } from '../helpers/pgp-keys.js';
import { createFakeIntake, type FakeIntake } from './helpers/fake-intake.js';
import { serve } from './helpers/serve.js';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Tuesday 3 March 2026: the page lists 2026's holidays. */
const NOW = new Date('2026-03-03T09:30:00Z');
const EXAMPLES = new URL('../../docs/examples/', import.meta.url);

function config(raw: unknown): DisclosureConfig {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`test config does not parse: ${JSON.stringify(result.problems)}`);
  return result.config;
}

function exampleConfig(file: string): DisclosureConfig {
  return config(parse(readFileSync(new URL(file, EXAMPLES), 'utf8')));
}

/** A fake intake with one organisation `login` configured as given. */
function intakeWith(login: string, disclosure: DisclosureConfig): FakeIntake {
  const intake = createFakeIntake();
  intake.organisations.set(login, { login, name: disclosure.name ?? login, languages: disclosure.languages, creditDefault: disclosure.credit.default });
  intake.configs.set(login, disclosure);
  return intake;
}

/** The page as a reader sees it: tags dropped, entities decoded, white space collapsed. */
function textOf(page: string): string {
  return page
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function policyPage(intake: FakeIntake, path: string, options: { pgp?: OrgPgp; headers?: Record<string, string> } = {}): Promise<{ response: Response; page: string; text: string }> {
  const { base } = await serve({ intake, now: () => NOW, ...(options.pgp ? { pgp: options.pgp } : {}) });
  const response = await fetch(`${base}${path}`, { headers: options.headers ?? {} });
  const page = await response.text();
  return { response, page, text: textOf(page) };
}

describe('the policy page of each seed policy', () => {
  let pgp: OrgPgp;

  beforeAll(async () => {
    ({ pgp } = await testOrgPgp());
  });

  it('seed 000 (upload portal, English): receipt in 1 business day, a detailed response in 5, its out-of-scope list and known issues', async () => {
    const intake = intakeWith('portal', exampleConfig('000-upload-portal.yml'));

    const { response, page, text } = await policyPage(intake, '/orgs/portal/policy?lang=en');

    expect(response.status).toBe(200);
    expect(page).toContain('<html lang="en">');
    expect(text).toContain('We confirm receipt of your report within 1 business day.');
    expect(text).toContain('Within 5 business days, we send you our assessment of your report and, where possible, an expected date for a fix.');
    expect(text).toContain('we keep you informed of our progress towards a fix');
    expect(text).toContain('We treat your report confidentially.');
    expect(text).toContain('we will not take legal action against you');
    expect(text).toContain('Incomplete or missing SPF, DKIM or DMARC records');
    expect(text).toContain('Missing HttpOnly flag on cookies that hold no sensitive data');
    expect(text).toContain('or have accepted it as a risk, we do not process your report further. We will tell you when that is the case.');
    expect(text).toContain('place malware;');
    expect(text).toContain('use brute force to get into a system;');
    expect(text).toContain('use denial-of-service attacks, social engineering, spam or attacks on physical security.');
    expect(text).toContain('Delete any data you obtained through the vulnerability');
    expect(text).toContain('Public holidays on weekdays in 2026 (Netherlands), which are not business days:');
    expect(text).toContain("Monday 27 April : King's Day");
    expect(page).toContain('<a href="/orgs/portal/report?lang=en">Report a vulnerability</a>');
  });

  it.each(['en', 'nl'] as const)('seed 003 (e-mail, PGP, reward) in %s: answer within 7 days, no receipt promise, pseudonyms, credit, a reward by severity and quality, the key', async (lang) => {
    const intake = intakeWith('cloudsters', exampleConfig('003-email-pgp-reward.yml'));

    const { page, text } = await policyPage(intake, `/orgs/cloudsters/policy?lang=${lang}`, { pgp });

    const expected = {
      en: [
        // "binnen 7 dagen": the stricter of the seed's Dutch and English texts, in both languages.
        'Within 7 days, we send you our assessment of your report and, where possible, an expected date for a fix.',
        'You may report under a pseudonym.',
        'we name you as the discoverer of the vulnerability',
        'by name, under a pseudonym, or not at all',
        'If you do not choose, we name you as the discoverer, unless you tell us you would rather not be named.',
        'we offer a reward for each report of a security problem we did not know about yet. We set the amount by the severity of the problem and the quality of your report.',
        'we will not take legal action against you',
        'We do not share your personal details with third parties without your permission',
        'Attacks on physical security',
        'Applications of third parties',
        'OpenPGP key pgp-key.asc',
      ],
      nl: [
        'Binnen 7 dagen reageren wij op uw melding met onze beoordeling en, waar mogelijk, een verwachte datum voor een oplossing.',
        'Melden onder een pseudoniem mag.',
        'noemen wij u als ontdekker van de kwetsbaarheid',
        'Als u niet kiest, noemen wij u als ontdekker, tenzij u laat weten dat u liever niet genoemd wordt.',
        'Als dank bieden wij een beloning voor elke melding van een beveiligingsprobleem dat wij nog niet kenden. De hoogte bepalen wij naar de ernst van het probleem en de kwaliteit van uw melding.',
        'ondernemen wij geen juridische stappen tegen u',
        'Wij delen uw persoonlijke gegevens niet zonder uw toestemming met derden',
        'Aanvallen op fysieke beveiliging',
        'Applicaties van derden',
        'OpenPGP-sleutel pgp-key.asc',
      ],
    }[lang];
    for (const promise of expected) expect(text).toContain(promise);
    expect(text).not.toMatch(/confirm receipt|ontvangstbevestiging/);
    expect(page).toContain(`<html lang="${lang}">`);
    expect(page).toContain('<a href="/orgs/cloudsters/pgp-key.asc" type="application/pgp-keys">pgp-key.asc</a>');
    expect(text).not.toMatch(/EUR \d/);
  });

  it('seed 004 (NCSC guideline, Dutch): receipt within 1 working day, assessment within 5, the e-mail address, the AVG and the Hall of Fame', async () => {
    const intake = intakeWith('cak', exampleConfig('004-ncsc-guideline.yml'));

    const { page, text } = await policyPage(intake, '/orgs/cak/policy');

    expect(page).toContain('<html lang="nl">');
    expect(text).toContain('Wij sturen u binnen 1 werkdag een ontvangstbevestiging.');
    expect(text).toContain('Binnen 5 werkdagen reageren wij op uw melding met onze beoordeling en, waar mogelijk, een verwachte datum voor een oplossing.');
    expect(page).toContain('<a href="mailto:responsible-disclosure@hetcak.nl">responsible-disclosure@hetcak.nl</a>');
    expect(text).toContain('Gebruik dit adres alleen voor meldingen van kwetsbaarheden.');
    expect(text).toContain('Algemene verordening gegevensbescherming (AVG)');
    expect(text).toContain('tenzij de wet of een rechterlijke uitspraak ons daartoe verplicht');
    expect(text).toContain('ondernemen wij geen juridische stappen tegen u');
    expect(text).toContain('leidraad Coordinated Vulnerability Disclosure (CVD) van het Nationaal Cyber Security Centrum (NCSC)');
    expect(text).toContain('malware plaatsen;');
    expect(text).toContain('Denial-of-service-aanvallen');
    expect(text).toContain('Bruteforcen om toegang tot systemen te krijgen');
    expect(text).toContain('in onze Hall of Fame');
    expect(text).toContain('Als u niet kiest, noemen wij uw naam niet: wij vermelden u alleen als u daarom vraagt.');
    expect(page).toContain('<a href="/orgs/cak/hall-of-fame?lang=nl">Onze Hall of Fame</a>');
    expect(text).toContain('maandag 27 april : Koningsdag');
    expect(page).not.toContain('pgp-key.asc');
  });
});

describe('what the policy derives from the config', () => {
  it('renders the configured deadlines, resolution targets and reward ranges', async () => {
    const intake = intakeWith(
      'acme',
      config({
        name: 'Acme Corp',
        languages: ['en'],
        sla: { receipt_business_days: 2, assessment_business_days: 10, resolution_days: { critical: 7, high: 1 } },
        rewards: { currency: 'EUR', by_severity: { critical: { min: 1000, max: 5000 }, low: { min: 50, max: 50 } } },
      }),
    );

    const { text } = await policyPage(intake, '/orgs/acme/policy');

    expect(text).toContain('We confirm receipt of your report within 2 business days.');
    expect(text).toContain('Within 10 business days, we send you our assessment');
    expect(text).toContain('Critical 7 days High 1 day Medium 90 days Low 120 days');
    expect(text).toContain('Reward ranges by severity: Critical EUR 1,000 – EUR 5,000 Low EUR 50');
    expect(text).toContain('Business days are Monday to Friday, in the time zone UTC, except public holidays.');
    expect(text).not.toContain('Public holidays on weekdays');
  });

  it.each([
    ['en', 'We may thank you with a reward', 'we offer a reward for each report', 'Reward by severity: Critical EUR 500 High EUR 250'],
    ['nl', 'Wij kunnen u bedanken met een beloning', 'bieden wij een beloning voor elke melding', 'Beloning naar ernst: Kritiek EUR 500 Hoog EUR 250'],
  ] as const)('promises no reward where rewards are discretionary, and says fixed amounts are fixed (%s)', async (lang, says, neverSays, amounts) => {
    const intake = intakeWith(
      'acme',
      config({ languages: ['en', 'nl'], rewards: { currency: 'EUR', by_severity: { critical: { min: 500, max: 500 }, high: { min: 250, max: 250 } } } }),
    );

    const { text } = await policyPage(intake, `/orgs/acme/policy?lang=${lang}`);

    expect(text).toContain(says);
    expect(text).not.toContain(neverSays);
    expect(text).toContain(amounts);
  });

  it('lists the titles of known issues and accepted risks, and nothing about rewards or e-mail when they are not configured', async () => {
    const intake = intakeWith(
      'acme',
      config({ known_issues: [{ id: 'tls', title: 'TLS 1.0 still enabled on legacy.example.org', keywords: ['tls 1.0'] }], scope: { out_of_scope: [] } }),
    );

    const { page, text } = await policyPage(intake, '/orgs/acme/policy?lang=en');

    expect(text).toContain('Known issues and accepted risks at the moment: TLS 1.0 still enabled on legacy.example.org');
    expect(text).toContain('No categories are excluded.');
    expect(page).not.toContain('mailto:');
    expect(text).not.toContain('we offer a reward');
  });

  it('shows an out-of-scope category without a Dutch label in English, marked as English', async () => {
    const intake = intakeWith('acme', config({ languages: ['nl'], scope: { out_of_scope: [{ id: 'clickjacking', en: 'Clickjacking on pages without actions' }] } }));

    const { page } = await policyPage(intake, '/orgs/acme/policy');

    expect(page).toContain('<li lang="en">Clickjacking on pages without actions</li>');
  });
});

describe('sections the organisation rewords or adds', () => {
  it("replaces a section's wording in the page language, and keeps the deadlines from the config", async () => {
    const intake = intakeWith(
      'acme',
      config({
        name: 'Acme Corp',
        policy: { sections: { what_to_expect: { en: 'We answer every report.\n\nOur CISO reads each one.\nPersonally.', nl: 'Wij beantwoorden elke melding.' } } },
      }),
    );

    const en = await policyPage(intake, '/orgs/acme/policy?lang=en');
    const nl = await policyPage(intake, '/orgs/acme/policy?lang=nl');

    expect(en.page).toContain('<div class="config-text" lang="en"><p>We answer every report.</p><p>Our CISO reads each one.\nPersonally.</p></div>');
    expect(en.text).not.toContain('we keep you informed of our progress');
    expect(en.text).toContain('We confirm receipt of your report within 1 business day.');
    expect(nl.page).toContain('<div class="config-text" lang="nl"><p>Wij beantwoorden elke melding.</p></div>');
    expect(nl.text).toContain('Wij sturen u binnen 1 werkdag een ontvangstbevestiging.');
  });

  it('shows a reworded section given only in English on the Dutch page, marked as English', async () => {
    const intake = intakeWith('acme', config({ policy: { sections: { safe_harbour: { en: 'We never sue researchers who follow these rules.' } } } }));

    const { page, text } = await policyPage(intake, '/orgs/acme/policy?lang=nl');

    expect(page).toContain('<div class="config-text" lang="en"><p>We never sue researchers who follow these rules.</p></div>');
    expect(text).not.toContain('ondernemen wij geen juridische stappen');
    expect(text).toContain('Geen juridische stappen');
  });

  it('adds extra sections after the standard ones, in order, in the table of contents too', async () => {
    const intake = intakeWith(
      'acme',
      config({
        policy: {
          extra: [
            { title: { en: 'Bug bounty platforms', nl: 'Bugbountyplatforms' }, text: { en: 'We are not on any platform.', nl: 'Wij zitten op geen enkel platform.' } },
            { title: { en: 'Contact by phone' }, text: { en: 'Call +31 588 458 000 if the form fails.' } },
          ],
        },
      }),
    );

    const { page, text } = await policyPage(intake, '/orgs/acme/policy?lang=nl');

    expect(page).toContain('<li><a href="#extra-1">Bugbountyplatforms</a></li><li><a href="#extra-2">Contact by phone</a></li>');
    expect(page).toContain('<h2 id="extra-1-heading">Bugbountyplatforms</h2>');
    expect(page).toContain('<h2 id="extra-2-heading" lang="en">Contact by phone</h2>');
    expect(text.indexOf('Vermelding, Hall of Fame en beloning')).toBeLessThan(text.indexOf('Wij zitten op geen enkel platform.'));
    expect(text.indexOf('Wij zitten op geen enkel platform.')).toBeLessThan(text.indexOf('Call +31 588 458 000 if the form fails.'));
  });

  it('escapes every piece of config text: name, reworded sections, extra sections, categories and known issues', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const intake = intakeWith(
      'acme',
      config({
        name: `Acme ${evil}`,
        languages: ['en'],
        scope: { out_of_scope: [{ id: 'x', en: `Category ${evil}` }] },
        known_issues: [{ id: 'k', title: `Known ${evil}`, keywords: ['known issue'] }],
        policy: { sections: { why: { en: `Why ${evil}` } }, extra: [{ title: { en: `Extra ${evil}` }, text: { en: `Text ${evil}"'\`` } }] },
      }),
    );

    const { page, text } = await policyPage(intake, '/orgs/acme/policy');

    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    for (const shown of ['Acme', 'Category', 'Known', 'Why', 'Extra']) expect(text).toContain(`${shown} ${evil}`);
    expect(page).toContain('Text &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&#96;');
  });

  it('lists the phone number as a tel: link, and refuses one not in international form', async () => {
    const intake = intakeWith('portal', config({ contact: { phone: '+31 58 845 8000' } }));

    const { page } = await policyPage(intake, '/orgs/portal/policy');
    const refused = parseConfig({ contact: { phone: '058-8458000' } });

    expect(page).toContain('<a href="tel:+31588458000">+31 58 845 8000</a>');
    expect(refused.ok ? [] : refused.problems).toContainEqual({ key: 'contact.phone', reason: expect.stringContaining('international form') });
  });

  it.each([
    ['an unknown section', { policy: { sections: { bounty: { en: 'x' } } } }, 'policy.sections.bounty', 'is not a known key; known here: why, how_to_report,'],
    ['a section without text', { policy: { sections: { why: {} } } }, 'policy.sections.why', 'give the text in at least one of: en, nl'],
    ['an extra section whose title is in no language', { policy: { extra: [{ title: {}, text: { en: 'y' } }] } }, 'policy.extra.0.title', 'give the text in at least one of: en, nl'],
    ['an e-mail address that is none', { contact: { email: 'security at acme' } }, 'contact.email', 'must be an e-mail address'],
  ])('refuses %s in the config, naming the key', (_name, raw, key, reason) => {
    const result = parseConfig(raw);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ key, reason: expect.stringContaining(reason) });
  });
});

describe('GET /orgs/{org}/policy', () => {
  it('picks the language from ?lang, then Accept-Language, then the organisation, and every link carries it', async () => {
    const intake = createFakeIntake();

    const byQuery = await policyPage(intake, '/orgs/acme/policy?lang=nl', { headers: { 'Accept-Language': 'en' } });
    const byHeader = await policyPage(intake, '/orgs/acme/policy', { headers: { 'Accept-Language': 'nl-NL,nl;q=0.9' } });
    const byOrg = await policyPage(intake, '/orgs/gemeente/policy');

    expect([byQuery, byHeader, byOrg].map(({ page }) => /<html lang="(\w+)">/.exec(page)?.[1])).toEqual(['nl', 'nl', 'nl']);
    expect(byQuery.page).toContain('<a href="/orgs/acme/report?lang=nl">Kwetsbaarheid melden</a>');
    expect(byQuery.page).toContain('<a href="/orgs/acme/policy?lang=nl" aria-current="page">Meldbeleid</a>');
    expect(byQuery.page).toContain('<a href="/orgs/acme/hall-of-fame?lang=nl">Hall of Fame</a>');
    expect(byQuery.page).toContain('<a href="/orgs/acme/policy?lang=en" hreflang="en" lang="en">English</a>');
    expect(byQuery.response.headers.get('vary')).toBe('Accept-Language');
  });

  it('is a server-rendered page under the strict CSP, without script or inline style', async () => {
    const { response, page } = await policyPage(createFakeIntake(), '/orgs/acme/policy');

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('answers 404 for an organisation the app is not installed on, and 405 for POST', async () => {
    const { base } = await serve();

    const unknown = await fetch(`${base}/orgs/nobody/policy`);
    const post = await fetch(`${base}/orgs/acme/policy`, { method: 'POST', body: 'x' });

    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy')).toBe(CSP);
    expect(post.status).toBe(405);
  });

  it('has a print stylesheet section that hides the navigation', () => {
    const css = readFileSync(new URL('../../assets/style.css', import.meta.url), 'utf8');

    const print = [...css.matchAll(/@media print \{([\s\S]*?)\n\}/g)].map((match) => match[1]).join('\n');

    expect(print).toContain('.page-nav, .policy-contents { display: none; }');
  });
});
