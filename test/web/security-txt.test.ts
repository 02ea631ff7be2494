import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { EXPIRES_DAYS, publicBase, renderSecurityTxt, securityTxtExpires, securityTxtFields, type SecurityTxtInput } from '../../src/web/pages/security-txt.js';
import { testOrgPgp, type TestPgpKey } from '../helpers/pgp-keys.js';
import { createFakeIntake, type FakeIntake } from './helpers/fake-intake.js';
import { checkSecurityTxt } from './helpers/rfc9116.js';
import { serve } from './helpers/serve.js';

const PUBLIC_URL = 'https://desk.example.org';
/** Tuesday 3 March 2026, 09:30 UTC. */
const NOW = new Date('2026-03-03T09:30:00Z');
const DAY_MS = 86_400_000;

function input(overrides: Partial<SecurityTxtInput> = {}): SecurityTxtInput {
  return { base: PUBLIC_URL, login: 'acme', email: undefined, hasKey: false, languages: ['en', 'nl'], wellKnown: false, now: NOW, ...overrides };
}

/** A fake intake where acme's config has a contact e-mail and Dutch first. */
function intakeWithEmail(): FakeIntake {
  const intake = createFakeIntake();
  const parsed = parseConfig({ name: 'Acme Corp', languages: ['nl', 'en'], contact: { email: 'security@acme.example' } });
  if (!parsed.ok) throw new Error('test config does not parse');
  intake.configs.set('acme', parsed.config);
  return intake;
}

function valueOf(body: string, name: string): string[] {
  return checkSecurityTxt(body).fields.filter((field) => field.name === name).map((field) => field.value);
}

describe('the RFC 9116 checker', () => {
  const VALID = 'Contact: https://a.example/report\nExpires: 2026-08-30T00:00:00Z\n';

  it('accepts a minimal file, with LF or CRLF line ends', () => {
    expect(checkSecurityTxt(VALID).problems).toEqual([]);
    expect(checkSecurityTxt(VALID.replace(/\n/g, '\r\n')).problems).toEqual([]);
  });

  it.each([
    ['no Contact', 'Expires: 2026-08-30T00:00:00Z\n', 'no Contact field'],
    ['two Expires', `${VALID}Expires: 2026-08-31T00:00:00Z\n`, '2 Expires fields'],
    ['no Expires', 'Contact: https://a.example/report\n', '0 Expires fields'],
    ['an http Contact', 'Contact: http://a.example/report\nExpires: 2026-08-30T00:00:00Z\n', 'not an https or mailto URI'],
    ['a relative Policy', `${VALID}Policy: /policy\n`, 'not an https or mailto URI'],
    ['a date that is not RFC 3339', 'Contact: https://a.example/\nExpires: 30 August 2026\n', 'not an RFC 3339 date-time'],
    ['the 31st of February', 'Contact: https://a.example/\nExpires: 2026-02-31T00:00:00Z\n', 'not a real date'],
    ['a language list with semicolons', `${VALID}Preferred-Languages: en; nl\n`, 'not a comma-separated list'],
    ['no space after the colon', 'Contact:https://a.example/\nExpires: 2026-08-30T00:00:00Z\n', 'not "Name: value"'],
    ['a field name with a space', `${VALID}Bug Bounty: https://a.example/\n`, 'not "Name: value"'],
    ['no final line end', VALID.trimEnd(), 'does not end with an end-of-line'],
    ['a signed file whose content is not dash-escaped', '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n-----x\nContact: https://a.example/\nExpires: 2026-08-30T00:00:00Z\n-----BEGIN PGP SIGNATURE-----\n\nabcd\n-----END PGP SIGNATURE-----\n', 'not dash-escaped'],
    ['a signed file without the signature', '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nContact: https://a.example/\nExpires: 2026-08-30T00:00:00Z\n', 'no -----BEGIN PGP SIGNATURE----- line'],
  ])('refuses %s', (_name, body, problem) => {
    expect(checkSecurityTxt(body).problems.join('\n')).toContain(problem);
  });

  it('refuses an Expires in the past or more than a year ahead', () => {
    expect(checkSecurityTxt(VALID, { now: new Date('2026-09-01T00:00:00Z') }).problems.join()).toContain('not in the future');
    expect(checkSecurityTxt(VALID, { now: new Date('2025-08-01T00:00:00Z') }).problems.join()).toContain('more than a year ahead');
  });
});

describe('security.txt fields', () => {
  it('lists the form as Contact, then Expires, Acknowledgments, Preferred-Languages, Canonical and Policy, as absolute https URLs', () => {
    const text = renderSecurityTxt(securityTxtFields(input()));

    expect(checkSecurityTxt(text, { now: NOW }).problems).toEqual([]);
    expect(checkSecurityTxt(text).fields).toEqual([
      { name: 'Contact', value: 'https://desk.example.org/orgs/acme/report' },
      { name: 'Expires', value: '2026-08-30T00:00:00Z' },
      { name: 'Acknowledgments', value: 'https://desk.example.org/orgs/acme/hall-of-fame' },
      { name: 'Preferred-Languages', value: 'en, nl' },
      { name: 'Canonical', value: 'https://desk.example.org/orgs/acme/security.txt' },
      { name: 'Policy', value: 'https://desk.example.org/orgs/acme/policy' },
    ]);
  });

  it('adds the e-mail address as a second Contact, the key as Encryption, and the well-known Canonical', () => {
    const fields = securityTxtFields(input({ email: 'security@acme.example', hasKey: true, wellKnown: true }));

    expect(fields.filter((field) => field.name === 'Contact').map((field) => field.value)).toEqual(['https://desk.example.org/orgs/acme/report', 'mailto:security@acme.example']);
    expect(fields.filter((field) => field.name === 'Encryption').map((field) => field.value)).toEqual(['https://desk.example.org/orgs/acme/pgp-key.asc']);
    expect(fields.filter((field) => field.name === 'Canonical').map((field) => field.value)).toEqual([
      'https://desk.example.org/orgs/acme/security.txt',
      'https://desk.example.org/.well-known/security.txt',
    ]);
  });

  it('adds the phone number for trouble with reporting as a tel: Contact after the e-mail address', () => {
    const fields = securityTxtFields(input({ email: 'security@acme.example', phone: '+31 58 845 8000' }));

    expect(fields.filter((field) => field.name === 'Contact').map((field) => field.value)).toEqual([
      'https://desk.example.org/orgs/acme/report',
      'mailto:security@acme.example',
      'tel:+31588458000',
    ]);
  });

  it.each([
    ['at 09:30', '2026-03-03T09:30:00Z', '2026-08-30T00:00:00Z'],
    ['at midnight', '2026-03-03T00:00:00Z', '2026-08-30T00:00:00Z'],
    ['a second before midnight', '2026-03-03T23:59:59Z', '2026-08-30T00:00:00Z'],
    ['the next day', '2026-03-04T00:00:01Z', '2026-08-31T00:00:00Z'],
    ['on 29 February of a leap year', '2028-02-29T12:00:00Z', '2028-08-27T00:00:00Z'],
    ['on New Year\'s Eve', '2026-12-31T18:00:00Z', '2027-06-29T00:00:00Z'],
  ])('renews Expires to 180 days after the start of the day, %s', (_when, now, expires) => {
    expect(securityTxtExpires(new Date(now)).toISOString().replace('.000Z', 'Z')).toBe(expires);
  });

  it.each([new Date('2026-03-03T00:00:00Z'), new Date('2026-03-03T23:59:59.999Z'), new Date('2030-12-31T23:00:00Z')])('keeps Expires in the future and under a year ahead at %s', (now) => {
    const expires = securityTxtExpires(now).getTime();

    expect(expires - now.getTime()).toBeGreaterThan((EXPIRES_DAYS - 1) * DAY_MS);
    expect(expires - now.getTime()).toBeLessThanOrEqual(EXPIRES_DAYS * DAY_MS);
    expect(EXPIRES_DAYS * DAY_MS).toBeLessThan(365 * DAY_MS);
  });

  it.each([
    ['https://desk.example.org', 'https://desk.example.org'],
    ['https://desk.example.org/', 'https://desk.example.org'],
    ['https://example.org/desk//', 'https://example.org/desk'],
    ['http://desk.example.org', null],
    ['https://user:secret@desk.example.org', null],
    ['https://desk.example.org/?x=1', null],
    ['not a url', null],
    ['', null],
    [undefined, null],
  ])('takes %j as the base %j', (url, base) => {
    expect(publicBase(url)).toBe(base);
  });
});

describe('GET security.txt', () => {
  it('serves /orgs/{org}/security.txt as plain text that passes the RFC 9116 checks', async () => {
    const { base } = await serve({ intake: intakeWithEmail(), publicUrl: PUBLIC_URL, now: () => NOW });

    const response = await fetch(`${base}/orgs/acme/security.txt`);
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(checkSecurityTxt(body, { now: NOW })).toMatchObject({ problems: [], signed: false });
    expect(valueOf(body, 'Contact')).toEqual(['https://desk.example.org/orgs/acme/report', 'mailto:security@acme.example']);
    expect(valueOf(body, 'Preferred-Languages')).toEqual(['nl, en']);
    expect(valueOf(body, 'Encryption')).toEqual([]);
  });

  it('serves the default organisation at /.well-known/security.txt, with the same body at both paths', async () => {
    const { base } = await serve({ intake: intakeWithEmail(), publicUrl: `${PUBLIC_URL}/`, defaultOrg: 'acme', now: () => NOW });

    const wellKnown = await (await fetch(`${base}/.well-known/security.txt`)).text();
    const orgPath = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    expect(checkSecurityTxt(wellKnown, { now: NOW }).problems).toEqual([]);
    expect(valueOf(wellKnown, 'Canonical')).toEqual(['https://desk.example.org/orgs/acme/security.txt', 'https://desk.example.org/.well-known/security.txt']);
    expect(orgPath).toBe(wellKnown);
  });

  it('leaves /.well-known/security.txt to Probot without a default organisation', async () => {
    const { base } = await serve({ publicUrl: PUBLIC_URL });

    const response = await fetch(`${base}/.well-known/security.txt`);

    expect(await response.text()).toBe('unhandled by disclosure desk');
  });

  it('renews Expires as the clock moves on', async () => {
    let now = NOW;
    const { base } = await serve({ publicUrl: PUBLIC_URL, now: () => now });
    const first = valueOf(await (await fetch(`${base}/orgs/acme/security.txt`)).text(), 'Expires');

    now = new Date(NOW.getTime() + 200 * DAY_MS);
    const later = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    expect(first).toEqual(['2026-08-30T00:00:00Z']);
    expect(valueOf(later, 'Expires')).toEqual(['2027-03-18T00:00:00Z']);
    expect(checkSecurityTxt(later, { now }).problems).toEqual([]);
  });

  it.each([
    ['no PUBLIC_URL', undefined],
    ['an http PUBLIC_URL', 'http://desk.example.org'],
  ])('answers 404 with a plain explanation with %s', async (_name, publicUrl) => {
    const { base } = await serve({ publicUrl, defaultOrg: 'acme' });

    for (const path of ['/orgs/acme/security.txt', '/.well-known/security.txt']) {
      const response = await fetch(`${base}${path}`);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toContain('PUBLIC_URL');
    }
  });

  it('answers the plain 404 for an organisation the app is not installed on, or a malformed one', async () => {
    const { base } = await serve({ publicUrl: PUBLIC_URL });

    for (const path of ['/orgs/nobody/security.txt', '/orgs/-bad-/security.txt']) {
      const response = await fetch(`${base}${path}`);

      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found\n');
    }
  });

  it('answers HEAD without a body and refuses POST', async () => {
    const { base } = await serve({ publicUrl: PUBLIC_URL });

    const head = await fetch(`${base}/orgs/acme/security.txt`, { method: 'HEAD' });
    const post = await fetch(`${base}/orgs/acme/security.txt`, { method: 'POST', body: 'x' });

    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('signed security.txt', () => {
  let org: { pgp: OrgPgp; key: TestPgpKey };

  beforeAll(async () => {
    org = await testOrgPgp();
  });

  it('is an OpenPGP cleartext-signed message around a valid file with an Encryption field', async () => {
    const { base } = await serve({ intake: intakeWithEmail(), publicUrl: PUBLIC_URL, pgp: org.pgp, defaultOrg: 'acme', now: () => NOW });

    const body = await (await fetch(`${base}/.well-known/security.txt`)).text();

    expect(checkSecurityTxt(body, { now: NOW })).toMatchObject({ problems: [], signed: true });
    expect(body).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    expect(body).toMatch(/-----END PGP SIGNATURE-----\n?$/);
    expect(valueOf(body, 'Encryption')).toEqual(['https://desk.example.org/orgs/acme/pgp-key.asc']);
  });

  it('signs the same text once a day and again when the day changes', async () => {
    let now = NOW;
    const { base } = await serve({ publicUrl: PUBLIC_URL, pgp: org.pgp, now: () => now });
    const first = await (await fetch(`${base}/orgs/acme/security.txt`)).text();
    const again = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    now = new Date(NOW.getTime() + DAY_MS);
    const tomorrow = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    expect(again).toBe(first);
    expect(tomorrow).not.toBe(first);
    expect(valueOf(tomorrow, 'Expires')).toEqual(['2026-08-31T00:00:00Z']);
  });
});

const HAS_GPG = spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;
const gpgTitle = HAS_GPG ? 'signed security.txt and GnuPG' : 'signed security.txt and GnuPG (skipped: gpg is not on PATH)';

describe.skipIf(!HAS_GPG)(gpgTitle, () => {
  let home: string;
  let org: { pgp: OrgPgp; key: TestPgpKey };

  function gpg(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('gpg', ['--batch', '--no-tty', '--trust-model', 'always', '--no-auto-key-retrieve', '--status-fd', '2', ...args], {
      input,
      env: { ...process.env, GNUPGHOME: home },
      timeout: 30_000,
    });
    return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
  }

  beforeAll(async () => {
    // A short path: gpg-agent's socket lives in GNUPGHOME and Unix socket paths are limited.
    home = mkdtempSync(join(tmpdir(), 'dd-sectxt-'));
    chmodSync(home, 0o700);
    org = await testOrgPgp();
    const imported = gpg(['--import'], org.key.publicArmored);
    if (imported.status !== 0) throw new Error(`gpg --import failed:\n${imported.stderr}`);
  });

  afterAll(() => {
    if (!home) return;
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
    rmSync(home, { recursive: true, force: true });
  });

  it('gpg --verify finds a good signature by the organisation key, over exactly the served fields', async () => {
    const { base } = await serve({ intake: intakeWithEmail(), publicUrl: PUBLIC_URL, pgp: org.pgp, now: () => NOW });
    const body = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    const verified = gpg(['--verify'], body);
    const content = gpg(['--decrypt'], body);

    expect(verified.status).toBe(0);
    expect(verified.stderr).toContain('[GNUPG:] GOODSIG');
    expect(verified.stderr).toMatch(new RegExp(`\\[GNUPG:\\] VALIDSIG .*${org.key.fingerprint}`));
    expect(checkSecurityTxt(content.stdout, { now: NOW }).problems).toEqual([]);
    expect(checkSecurityTxt(content.stdout).fields).toEqual(checkSecurityTxt(body).fields);
  });

  it('gpg --verify refuses the file once a field is changed', async () => {
    const { base } = await serve({ publicUrl: PUBLIC_URL, pgp: org.pgp, now: () => NOW });
    const body = await (await fetch(`${base}/orgs/acme/security.txt`)).text();

    const tampered = gpg(['--verify'], body.replace('https://desk.example.org/orgs/acme/report', 'https://evil.example/report'));

    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toContain('[GNUPG:] BADSIG');
  });
});
