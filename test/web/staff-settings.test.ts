import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import type { OrgRole } from '../../src/ports/github.js';
import { csrfOf, staffBrowser, type StaffBrowser } from '../helpers/staff-browser.js';
import { openStaffDesk, ORG, type StaffDesk, WRITER } from '../helpers/staff-desk.js';
import { testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { encryptedBackends, type EncryptedDatabase } from '../store/encrypted-database.js';

const OWNER = 'olivia';
const PASSPHRASE = 'owner passphrase that must never show';
const PASSWORD = 'mailbox-password-never-shown';
const SETTINGS = `/staff/orgs/${ORG}/settings`;

function capturingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (meta: object, message: string) => void lines.push(`${message} ${JSON.stringify(meta)}`);
  return { lines, debug: write, info: write, warn: write, error: write };
}

let key: TestPgpKey;
beforeAll(async () => {
  key = await testPgpKey('Acme Security', { passphrase: PASSPHRASE });
});

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`the organisation settings page [${backend.name}]`, () => {
    let database: EncryptedDatabase;
    let desk: StaffDesk;
    let browser: StaffBrowser;
    let log: ReturnType<typeof capturingLog>;
    const roles = new Map<string, OrgRole>();

    afterEach(() => database.cleanup());

    async function open(): Promise<void> {
      database = await backend.create();
      log = capturingLog();
      desk = await openStaffDesk(await database.open(), { log });
      // Owners have admin on every repository of the organisation.
      desk.setPermission(OWNER, 'admin');
      roles.clear();
      roles.set(OWNER, 'admin');
      roles.set(WRITER, 'member');
      const issues = await desk.github.issues(7);
      issues.orgRoleOf = (org, login) => Promise.resolve(org === ORG ? (roles.get(login) ?? 'none') : 'none');
      browser = staffBrowser(desk.base);
    }

    it('shows an owner which settings exist, with fingerprints and mailbox host and user only', async () => {
      await open();
      await desk.core.orgSettings.setKey(ORG, key.privateArmored, PASSPHRASE);
      await desk.core.orgSettings.setMailbox(ORG, { host: 'imap.acme.example', port: 993, user: 'security@acme.example', password: PASSWORD, folder: 'INBOX', tls: 'implicit', processedFolder: null });
      await browser.signIn(desk.oauth, OWNER, SETTINGS);

      const response = await browser.get(SETTINGS);
      const page = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(page).toContain(`Current key: ${key.fingerprint}`);
      expect(page).toContain('security@acme.example at imap.acme.example:993 (INBOX, implicit;');
      expect(page).not.toContain(PASSWORD);
      expect(page).not.toContain(PASSPHRASE);
      expect(page).not.toContain('PRIVATE KEY BLOCK');
    });

    it('refuses anyone but an owner with 403, staff with write access included', async () => {
      await open();
      await browser.signIn(desk.oauth, WRITER, SETTINGS);

      const page = await browser.get(SETTINGS);
      const post = await browser.post(`${SETTINGS}/key`, { csrf: 'x', key: key.privateArmored });

      expect(page.status).toBe(403);
      expect(post.status).toBe(403);
      expect((await desk.core.orgSettings.show(ORG)).pgpKey).toBeNull();
      expect(log.lines.join('\n')).toContain(`organisation settings refused: not an owner {"org":"${ORG}","staff":"${WRITER}"}`);
    });

    it('sends a signed-out visitor to sign in, and refuses a signed-out POST', async () => {
      await open();

      const page = await browser.get(SETTINGS);
      const post = await browser.post(`${SETTINGS}/mailbox`, { host: 'h' });

      expect(page.status).toBe(302);
      expect(post.status).toBe(403);
    });

    it('lets an owner upload a new key with the CSRF token, and refuses it without', async () => {
      await open();
      await browser.signIn(desk.oauth, OWNER, SETTINGS);
      const csrf = csrfOf(await (await browser.get(SETTINGS)).text());

      const forged = await browser.post(`${SETTINGS}/key`, { key: key.privateArmored, passphrase: PASSPHRASE });
      const wrong = await browser.post(`${SETTINGS}/key`, { csrf, key: key.privateArmored, passphrase: 'wrong' });
      const saved = await browser.post(`${SETTINGS}/key`, { csrf, key: key.privateArmored, passphrase: PASSPHRASE, grace_days: '14' });

      expect(forged.status).toBe(403);
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('passphrase: does not unlock the key');
      expect(saved.status).toBe(200);
      expect(await saved.text()).toContain(`Current key: ${key.fingerprint}`);
      expect((await desk.core.orgSettings.show(ORG)).pgpKey?.fingerprint).toBe(key.fingerprint);
      expect(log.lines.join('\n')).not.toContain(PASSPHRASE);
      expect(log.lines.join('\n')).not.toContain('PRIVATE KEY');
    });

    it('lets an owner set the mailbox, naming a refused field', async () => {
      await open();
      await browser.signIn(desk.oauth, OWNER, SETTINGS);
      const csrf = csrfOf(await (await browser.get(SETTINGS)).text());

      const bad = await browser.post(`${SETTINGS}/mailbox`, { csrf, host: 'imap.acme.example', port: '0', user: 'sec', password: PASSWORD });
      const saved = await browser.post(`${SETTINGS}/mailbox`, { csrf, host: 'imap.acme.example', port: '993', user: 'sec', password: PASSWORD, folder: 'INBOX', tls: 'implicit' });

      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('port: ');
      expect(saved.status).toBe(200);
      expect((await desk.core.orgSettings.mailbox(ORG))?.password).toBe(PASSWORD);
      expect(log.lines.join('\n')).not.toContain(PASSWORD);
    });

    it('answers 404 for an organisation the app is not installed on', async () => {
      await open();
      await browser.signIn(desk.oauth, OWNER, SETTINGS);

      const response = await browser.get('/staff/orgs/elsewhere/settings');

      expect(response.status).toBe(404);
    });
  });
}
