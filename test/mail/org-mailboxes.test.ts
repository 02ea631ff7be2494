import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrgSettingsDesk } from '../../src/flows/org-settings/org-settings-desk.js';
import type { Logger } from '../../src/log.js';
import { createOrgMailboxes, imapSettingsOf } from '../../src/mail/org-mailboxes.js';
import type { EmailIntake } from '../../src/mail/imap-poller.js';
import { checkOrgKey } from '../../src/pgp/check-org-key.js';
import { createOrgPgpResolver } from '../../src/pgp/org-pgp-resolver.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import type { ReportInput } from '../../src/report/report.js';
import type { Store } from '../../src/store/store.js';
import { dovecotMissing, startDovecot, type TestDovecot } from '../helpers/dovecot.js';
import { testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { sqliteDatabase, type EncryptedDatabase } from '../store/encrypted-database.js';
import { buildMail } from './build-mail.js';
import { encryptTo, testOrgPgp } from './test-org-pgp.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const SECRET = 'the admin password is printed in the footer';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (meta: object, message: string) => void lines.push(`${message} ${JSON.stringify(meta)}`);
  return { lines, debug: record, info: record, warn: record, error: record };
}

function fakeIntake(): EmailIntake & { accepted: Array<{ org: string; input: ReportInput }> } {
  const accepted: Array<{ org: string; input: ReportInput }> = [];
  return {
    accepted,
    accept(org, _channel, input) {
      accepted.push({ org, input });
      return Promise.resolve({ id: `DD-${String(accepted.length).padStart(12, '0')}`, statusToken: 'token', receipt: { sha256: 'ab'.repeat(32), receivedAt: NOW } });
    },
  };
}

describe('the mailbox setting as the poller takes it', () => {
  it('maps implicit TLS to imaps and keeps folder and processed folder', () => {
    expect(imapSettingsOf({ host: 'imap.acme.example', port: 993, user: 'u', password: 'p', folder: 'INBOX', tls: 'implicit', processedFolder: 'Done' })).toEqual({
      host: 'imap.acme.example',
      port: 993,
      secure: true,
      user: 'u',
      pass: 'p',
      mailbox: 'INBOX',
      processedMailbox: 'Done',
    });
  });
});

describe.skipIf(dovecotMissing !== null)(`each organisation's own mailbox against a real Dovecot${dovecotMissing === null ? '' : ` (${dovecotMissing})`}`, () => {
  let dovecot: TestDovecot;
  let instance: OrgPgp;
  let acmeKey: TestPgpKey;
  let database: EncryptedDatabase;
  let store: Store;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    [dovecot, instance, acmeKey] = await Promise.all([startDovecot(), testOrgPgp(), testPgpKey('Acme Security')]);
  });
  afterAll(async () => {
    await dovecot?.stop();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await database.cleanup();
  });

  async function setup() {
    database = await sqliteDatabase();
    store = await database.open();
    const desk = createOrgSettingsDesk({ store, checkKey: checkOrgKey, clock: () => NOW });
    const log = recordingLogger();
    const resolver = createOrgPgpResolver({ store, desk, instance, clock: () => NOW, log });
    const intake = fakeIntake();
    const mailboxes = createOrgMailboxes({
      store,
      desk,
      pgpFor: resolver.forOrg,
      log,
      poller: { intake, onReply: () => Promise.resolve(false), isKnownMessage: () => Promise.resolve(false), rememberMessage: () => Promise.resolve(), log, clock: () => NOW },
    });
    stops.push(() => mailboxes.stop());
    const mailbox = (folder: string) => ({ host: dovecot.host, port: dovecot.port, user: dovecot.user, password: dovecot.pass, folder, tls: 'starttls', processedFolder: null });
    return { desk, log, intake, mailboxes, mailbox };
  }

  it("files mail from each organisation's mailbox under that organisation, decrypted with its own key", async () => {
    const { desk, log, intake, mailboxes, mailbox } = await setup();
    await desk.setKey('acme', acmeKey.privateArmored, null);
    await desk.setMailbox('acme', mailbox('AcmeBox'));
    await desk.setMailbox('beta', mailbox('BetaBox'));
    const armored = (await encryptTo(acmeKey.publicArmored, SECRET)) as string;
    await dovecot.deliver(await buildMail({ subject: 'Encrypted: auth bypass', messageId: '<acme-1@example.net>', text: armored }), 'AcmeBox');
    await dovecot.deliver(await buildMail({ subject: 'XSS in the contact form', messageId: '<beta-1@example.net>', text: 'The name field is echoed unescaped.' }), 'BetaBox');

    const summaries = await mailboxes.runOnce();

    expect([...summaries.keys()].sort()).toEqual(['acme', 'beta']);
    expect(summaries.get('acme')?.reports).toBe(1);
    expect(summaries.get('beta')?.reports).toBe(1);
    expect(intake.accepted.map((r) => r.org).sort()).toEqual(['acme', 'beta']);
    expect(intake.accepted.find((r) => r.org === 'acme')?.input.description).toContain(SECRET);
    expect(log.lines.join('\n')).not.toContain(dovecot.pass);
    expect(log.lines.join('\n')).not.toContain(SECRET);
  });

  it('stops polling a removed mailbox and replaces the poller of a changed one', async () => {
    const { desk, intake, mailboxes, mailbox } = await setup();
    await desk.setMailbox('acme', mailbox('AcmeOld'));
    await desk.setMailbox('beta', mailbox('BetaGone'));
    await dovecot.deliver(await buildMail({ subject: 'First', messageId: '<acme-old@example.net>', text: 'Found in the old folder.' }), 'AcmeOld');
    await dovecot.deliver(await buildMail({ subject: 'Second', messageId: '<beta-first@example.net>', text: 'Found before the removal.' }), 'BetaGone');
    await mailboxes.runOnce();

    await desk.remove('beta', 'mailbox');
    await desk.setMailbox('acme', mailbox('AcmeNew'));
    await dovecot.deliver(await buildMail({ subject: 'Open redirect', messageId: '<acme-new@example.net>', text: 'The next parameter is not checked.' }), 'AcmeNew');
    await dovecot.deliver(await buildMail({ subject: 'Left alone', messageId: '<beta-gone@example.net>', text: 'Nobody polls this folder now.' }), 'BetaGone');
    const summaries = await mailboxes.runOnce();

    expect([...summaries.keys()]).toEqual(['acme']);
    expect(intake.accepted.map((r) => [r.org, r.input.title])).toEqual([['acme', 'First'], ['beta', 'Second'], ['acme', 'Open redirect']]);
    expect((await dovecot.list('BetaGone')).map((m) => m.flags.includes('\\Seen'))).toEqual([true, false]);
  });
});
