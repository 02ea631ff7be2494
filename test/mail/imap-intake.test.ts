import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATIC_KEYWORD, createImapPoller, REJECTED_KEYWORD, type EmailIntake, type EmailReplyDetails, type ImapPollerDeps } from '../../src/mail/imap-poller.js';
import type { ParsedEmail } from '../../src/mail/parse-email.js';
import type { Logger } from '../../src/log.js';
import type { ReportInput } from '../../src/report/report.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { dovecotMissing, startDovecot, type TestDovecot } from '../helpers/dovecot.js';
import { buildMail, pgpMimeMail, PNG_BYTES } from './build-mail.js';
import { gpgMissing, researcherGpg, type ResearcherGpg } from './gpg.js';
import { encryptTo, testOrgPgp } from './test-org-pgp.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const SECRET = 'the admin password is printed in the footer';
const skip = dovecotMissing ?? gpgMissing;

/** The intake as a recording fake; `hold()` keeps the next accept pending, `failNext()` makes it throw. */
function fakeIntake() {
  const accepted: Array<{ org: string; channel: string; input: ReportInput; id: string }> = [];
  const keys = new Map<string, string>();
  let failures = 0;
  let gate: Promise<void> | null = null;
  let entered: () => void = () => undefined;
  const intake: EmailIntake = {
    async accept(org, channel, input, options) {
      entered();
      if (gate !== null) await gate;
      if (failures > 0) {
        failures -= 1;
        throw new Error('store unavailable');
      }
      const id = `DD-${String(accepted.length + 1).padStart(12, '0')}`;
      accepted.push({ org, channel, input, id });
      // Like the store: the message key is committed with the report.
      keys.set(options.emailMessageKey, id);
      return { id, statusToken: 'token', receipt: { sha256: 'ab'.repeat(32), receivedAt: new Date(0) } };
    },
  };
  return {
    intake,
    accepted,
    keys,
    failNext() {
      failures += 1;
    },
    /** Holds accepts until the returned release() is called; `reached` resolves when accept is entered. */
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (entered = resolve));
      return {
        reached,
        release: () => {
          gate = null;
          release();
        },
      };
    },
  };
}

function recordingLogger(): Logger & { lines: Array<{ level: string; meta: object; message: string }> } {
  const lines: Array<{ level: string; meta: object; message: string }> = [];
  const record = (level: string) => (meta: object, message: string) => void lines.push({ level, meta, message });
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describe.skipIf(skip !== null)(`IMAP intake against a real Dovecot${skip === null ? '' : ` (${skip})`}`, () => {
  let dovecot: TestDovecot;
  let pgp: OrgPgp;
  let otherPgp: OrgPgp;
  let researcher: ResearcherGpg;
  let mailboxCount = 0;

  beforeAll(async () => {
    [dovecot, pgp, otherPgp, researcher] = await Promise.all([startDovecot(), testOrgPgp(), testOrgPgp('Else <else@example.com>'), researcherGpg('rita@example.net')]);
    await researcher.importKey(pgp.publicKeyArmored);
  });

  afterAll(async () => {
    await Promise.all([dovecot?.stop(), researcher?.close()]);
  });

  /** A poller on a mailbox of its own, with in-memory message ids and a recording onReply. */
  function setup(overrides: Partial<ImapPollerDeps> = {}) {
    mailboxCount += 1;
    const mailbox = `Test${mailboxCount}`;
    const fake = fakeIntake();
    const known = new Map<string, string>();
    const replies: Array<{ reportId: string; text: string; from: ParsedEmail['from']; details: EmailReplyDetails }> = [];
    const log = recordingLogger();
    const poller = createImapPoller({
      imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, pass: dovecot.pass, mailbox },
      org: 'acme',
      intake: fake.intake,
      pgp,
      async onReply(reportId, text, from, details) {
        replies.push({ reportId, text, from, details });
      },
      isKnownMessage: async (key) => known.has(key) || fake.keys.has(key),
      rememberMessage: async (key, reportId) => void known.set(key, reportId),
      log,
      clock: () => NOW,
      ...overrides,
    });
    return { mailbox, fake, known, replies, log, poller, deliver: (raw: Buffer | string) => dovecot.deliver(raw, mailbox), list: () => dovecot.list(mailbox) };
  }

  it('files a plain message as a report with its attachments, then marks it seen', async () => {
    const t = setup();
    await t.deliver(
      await buildMail({
        subject: 'Stored XSS in the profile page',
        messageId: '<plain-1@example.net>',
        text: `Steps: set the display name to <script>. Also ${SECRET}.`,
        attachments: [
          { filename: 'poc.png', content: PNG_BYTES, contentType: 'image/png' },
          { filename: 'payload.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
        ],
      }),
    );

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ at: NOW, reports: 1, replies: 0, rejected: 0, failed: 0 });
    expect(t.fake.accepted).toHaveLength(1);
    const [report] = t.fake.accepted;
    expect(report).toMatchObject({ org: 'acme', channel: 'email', input: { title: 'Stored XSS in the profile page', contact: { email: 'rita@example.net' }, language: 'en' } });
    expect(report?.input.description).toContain(SECRET);
    expect(report?.input.description).toContain('"payload.exe" has type application/x-msdownload');
    expect(report?.input.attachments).toEqual([{ filename: 'poc.png', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') }]);
    expect(t.fake.keys.get('<plain-1@example.net>')).toBe(report?.id);
    expect(await t.list()).toEqual([{ uid: 1, flags: ['\\Seen'], messageId: '<plain-1@example.net>' }]);
  });

  it('never logs report text or the sender', async () => {
    const t = setup();
    await t.deliver(await buildMail({ subject: 'Secret subject line', text: SECRET }));

    await t.poller.runOnce();

    const logged = JSON.stringify(t.log.lines);
    expect(t.log.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain('Secret subject line');
    expect(logged).not.toContain('rita@example.net');
  });

  it('decrypts an inline-PGP message that real gpg encrypted and signed', async () => {
    const t = setup();
    const armored = await researcher.encryptAndSign(pgp.fingerprint, `Encrypted details: ${SECRET}.\n`);
    await t.deliver(await buildMail({ subject: 'Encrypted: auth bypass', messageId: '<inline-gpg@example.net>', text: armored }));

    const summary = await t.poller.runOnce();

    expect(summary.reports).toBe(1);
    expect(t.fake.accepted[0]?.input.description).toContain(`Encrypted details: ${SECRET}.`);
    expect(t.fake.accepted[0]?.input.description).not.toContain('BEGIN PGP MESSAGE');
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('checks the signature against a public key attached to the e-mail, and keeps the key for answers', async () => {
    const t = setup();
    const armored = await researcher.encryptAndSign(pgp.fingerprint, `Signed details: ${SECRET}.\n`);
    const key = await researcher.exportPublicKey();
    await t.deliver(await buildMail({ subject: 'Signed: auth bypass', messageId: '<signed-key@example.net>', text: armored, attachments: [{ filename: 'key.asc', content: key, contentType: 'application/pgp-keys' }] }));

    const summary = await t.poller.runOnce();

    expect(summary.reports).toBe(1);
    expect(t.fake.accepted[0]?.input.contact.pgpKey).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('rejects a message whose signature does not verify against the key attached to it', async () => {
    const t = setup();
    const armored = await researcher.encryptAndSign(pgp.fingerprint, `Signed details: ${SECRET}.\n`);
    const stranger = await researcherGpg('mallory@example.net');
    const wrongKey = await stranger.exportPublicKey();
    await stranger.close();
    await t.deliver(await buildMail({ subject: 'Signed: auth bypass', messageId: '<signed-wrong@example.net>', text: armored, attachments: [{ filename: 'key.asc', content: wrongKey, contentType: 'application/pgp-keys' }] }));

    const summary = await t.poller.runOnce();

    expect(summary.reports).toBe(0);
    expect(t.fake.accepted).toEqual([]);
    expect((await t.list())[0]?.flags).toContain(REJECTED_KEYWORD);
  });

  it('decrypts a PGP/MIME message around real gpg ciphertext, files included', async () => {
    const t = setup();
    const inner = await buildMail({
      subject: 'Path traversal in /download',
      text: `GET /download?f=../../etc/passwd returns the file. ${SECRET}.`,
      attachments: [{ filename: 'response.txt', content: 'root:x:0:0', contentType: 'text/plain' }],
      headers: { 'Content-Language': 'nl' },
    });
    const armored = await researcher.encryptAndSign(pgp.fingerprint, inner);
    await t.deliver(pgpMimeMail(armored, { Subject: '...', 'Message-ID': '<pgpmime-gpg@example.net>' }));

    const summary = await t.poller.runOnce();

    expect(summary.reports).toBe(1);
    expect(t.fake.accepted[0]?.input).toMatchObject({ title: 'Path traversal in /download', language: 'nl' });
    expect(t.fake.accepted[0]?.input.description).toContain(SECRET);
    expect(t.fake.accepted[0]?.input.attachments).toEqual([{ filename: 'response.txt', contentType: 'text/plain', dataBase64: Buffer.from('root:x:0:0').toString('base64') }]);
  });

  it.each([
    ['In-Reply-To of an app Message-ID', { subject: 'Re: your report', inReplyTo: '<DD-0123456789AB.message-0@example.org>' }],
    ['[DD-…] in the subject', { subject: 'Re: [DD-0123456789AB] We received your report' }],
  ])('hands a reply recognised by %s to onReply and files no report', async (_, headers) => {
    const t = setup();
    await t.deliver(await buildMail({ ...headers, messageId: '<reply-1@example.net>', text: 'Here is the extra information you asked for.' }));

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ reports: 0, replies: 1 });
    expect(t.fake.accepted).toEqual([]);
    expect(t.replies).toHaveLength(1);
    expect(t.replies[0]).toMatchObject({ reportId: 'DD-0123456789AB', from: { address: 'rita@example.net' }, details: { messageId: '<reply-1@example.net>', pgp: 'none' } });
    expect(t.replies[0]?.text).toContain('Here is the extra information you asked for.');
    expect(t.known.get('<reply-1@example.net>')).toBe('DD-0123456789AB');
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('files a reply to an unknown report as a new report when onReply says there is none', async () => {
    const t = setup({ onReply: async () => false });
    await t.deliver(await buildMail({ subject: '[DD-0123456789AB] an id we never issued', text: 'This should still reach someone.' }));

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ reports: 1, replies: 0 });
    expect(t.fake.accepted[0]?.input.title).toBe('[DD-0123456789AB] an id we never issued');
  });

  it('marks the message seen only after accept resolved', async () => {
    const t = setup();
    await t.deliver(await buildMail({ subject: 'Slow store', text: 'The store takes its time to commit this.' }));
    const held = t.fake.hold();

    const run = t.poller.runOnce();
    await held.reached;
    const whilePending = await t.list();
    held.release();
    await run;

    expect(whilePending[0]?.flags).toEqual([]);
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('leaves the message unseen when accept fails and files it once on the next poll', async () => {
    const t = setup();
    await t.deliver(await buildMail({ subject: 'Store hiccup', messageId: '<retry-1@example.net>', text: 'Filed on the second attempt.' }));
    t.fake.failNext();

    const first = await t.poller.runOnce();
    const afterFailure = await t.list();
    const second = await t.poller.runOnce();
    const third = await t.poller.runOnce();

    expect(first).toMatchObject({ reports: 0, failed: 1 });
    expect(afterFailure[0]?.flags).toEqual([]);
    expect(second).toMatchObject({ reports: 1, failed: 0 });
    expect(third).toMatchObject({ reports: 0, failed: 0, duplicates: 0 });
    expect(t.fake.accepted).toHaveLength(1);
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('files a message delivered twice with the same Message-ID once and marks both seen', async () => {
    const t = setup();
    const raw = await buildMail({ subject: 'Delivered twice', messageId: '<twice@example.net>', text: 'The MTA retried the delivery.' });
    await t.deliver(raw);
    await t.deliver(raw);

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ reports: 1, duplicates: 1 });
    expect(t.fake.accepted).toHaveLength(1);
    expect((await t.list()).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen']]);
  });

  it('only marks seen a message accepted before a crash (its id remembered, the flag never set)', async () => {
    const t = setup();
    await t.deliver(await buildMail({ subject: 'Accepted before the crash', messageId: '<crash@example.net>', text: 'The process died before STORE.' }));
    t.known.set('<crash@example.net>', 'DD-000000000099');

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ reports: 0, duplicates: 1 });
    expect(t.fake.accepted).toEqual([]);
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });

  it('flags an undecryptable message rejected, keeps it unseen in the mailbox and does not retry it', async () => {
    const t = setup();
    const armored = await encryptTo(otherPgp.publicKeyArmored, SECRET);
    await t.deliver(await buildMail({ subject: 'Encrypted to the wrong key', messageId: '<wrong-key@example.net>', text: String(armored) }));

    const first = await t.poller.runOnce();
    const second = await t.poller.runOnce();

    expect(first).toMatchObject({ rejected: 1, reports: 0 });
    expect(second).toMatchObject({ rejected: 0, reports: 0 });
    expect(t.fake.accepted).toEqual([]);
    expect(await t.list()).toEqual([{ uid: 1, flags: [REJECTED_KEYWORD], messageId: '<wrong-key@example.net>' }]);
    expect(t.log.lines).toContainEqual(expect.objectContaining({ level: 'warn', meta: expect.objectContaining({ uid: 1, reason: 'pgp-decrypt' }) }));
  });

  it('marks an auto-reply seen with the automatic keyword and files nothing', async () => {
    const t = setup();
    await t.deliver(await buildMail({ subject: 'Out of office', inReplyTo: '<DD-0123456789AB.message-0@example.org>', text: 'Away until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } }));

    const summary = await t.poller.runOnce();

    expect(summary).toMatchObject({ automatic: 1, reports: 0, replies: 0 });
    expect(t.replies).toEqual([]);
    expect((await t.list())[0]?.flags).toEqual([AUTOMATIC_KEYWORD, '\\Seen'].sort());
  });

  it('moves handled messages to the processed folder when one is configured', async () => {
    const processed = `Processed${mailboxCount + 1}`;
    const t = setup();
    const moving = createImapPoller({
      imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, pass: dovecot.pass, mailbox: t.mailbox, processedMailbox: processed },
      org: 'acme',
      intake: t.fake.intake,
      pgp,
      onReply: async () => undefined,
      isKnownMessage: async () => false,
      rememberMessage: async () => undefined,
      log: t.log,
      clock: () => NOW,
    });
    await t.deliver(await buildMail({ subject: 'Move me when done', messageId: '<move@example.net>', text: 'This one is filed, then moved.' }));

    await moving.runOnce();

    expect(await t.list()).toEqual([]);
    expect(await dovecot.list(processed)).toEqual([{ uid: 1, flags: ['\\Seen'], messageId: '<move@example.net>' }]);
  });

  it('polls on start() and finishes the poll in progress on stop()', async () => {
    const t = setup({ pollMs: 60_000 });
    await t.deliver(await buildMail({ subject: 'Picked up by the timer', text: 'start() polls at once, then every pollMs.' }));

    t.poller.start();
    const deadline = Date.now() + 5_000;
    while (t.fake.accepted.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await t.poller.stop();

    expect(t.fake.accepted).toHaveLength(1);
    expect((await t.list())[0]?.flags).toEqual(['\\Seen']);
  });
});
