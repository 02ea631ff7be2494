import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import { dovecotMissing, startDovecot, type TestDovecot } from '../helpers/dovecot.js';
import { createFakeGitHub, type FakeGitHub, type FakeTrackedIssue } from '../helpers/fake-issues.js';
import { testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { describeEachBackend } from '../helpers/stores.js';
import { buildMail } from '../mail/build-mail.js';
import { gpgMissing } from '../mail/gpg.js';
import { researcherMailGpg, type ResearcherMailGpg } from './researcher-gpg.js';

// The researcher's e-mail channel through the wired app (createCore), configured the way a
// deployment is, through the environment: a real Dovecot as the security mailbox (IMAP_URL),
// a real SMTP receiver on loopback (SMTP_URL), the org key pair (PGP_PRIVATE_KEY) and a
// researcher with real GnuPG. Only GitHub is the in-memory fake. The poller and the worker
// are driven by hand.

const ORG = 'acme';
const REPO = 'security-reports';
const RITA = 'rita@example.net';
/** Monday 2 March 2026, 09:00 UTC. */
const MONDAY_MORNING = new Date('2026-03-02T09:00:00Z');
const TRACKING_ID = /^DD-[0-9A-HJKMNP-TV-Z]{12}$/;

/** What the report says: mentions, a reference and HTML, which must stay inert on the issue. */
const DESCRIPTION = [
  'The admin login accepts any password once the "remember" cookie is set to 1.',
  'Steps: curl -b remember=1 https://admin.acme.example/login, then ask @octocat about #12 <img src=x onerror=alert(1)>.',
].join('\n');

const skip = dovecotMissing ?? gpgMissing;

interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

/** A real SMTP receiver on loopback: plain text, no auth, every message parsed. */
async function startSmtpReceiver(): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          received.push({ envelope: { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) }, mail });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error('parse failed')));
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachBackend("the researcher's e-mail channel through the wired app", (backend) => {
  describe.skipIf(skip !== null)(`with Dovecot, SMTP and GnuPG${skip === null ? '' : ` (${skip})`}`, () => {
    let dovecot: TestDovecot;
    let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
    let orgKey: TestPgpKey;
    let rita: ResearcherMailGpg;
    const cores: Core[] = [];

    beforeAll(async () => {
      [dovecot, smtp, orgKey, rita] = await Promise.all([startDovecot(), startSmtpReceiver(), testPgpKey('Acme Security'), researcherMailGpg(RITA)]);
      await rita.importKey(orgKey.publicArmored);
    });

    afterAll(async () => {
      await Promise.all(cores.splice(0).map((core) => core.close()));
      await Promise.all([dovecot?.stop(), smtp?.stop(), rita?.close()]);
    });

    /** The app wired as main.ts does, from the environment, on a fresh store. */
    async function openApp(mailboxName = 'INBOX') {
      let now = MONDAY_MORNING;
      const clock = () => now;
      const github: FakeGitHub = createFakeGitHub(clock);
      github.installations.set(ORG, 1);
      github.repos.set(`${ORG}/${REPO}`, { private: true, archived: false });
      github.setPermission(ORG, REPO, 'alice', 'write');
      github.configs.set(ORG, { name: 'Acme Corp', sla: { receipt_business_days: 2, assessment_business_days: 5 } });
      const env: NodeJS.ProcessEnv = {
        IMAP_URL: `imap://${encodeURIComponent(dovecot.user)}:${encodeURIComponent(dovecot.pass)}@127.0.0.1:${dovecot.port}/${encodeURIComponent(mailboxName)}`,
        IMAP_ORG: ORG,
        IMAP_POLL_MS: '5000',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'security@acme.example',
        MAIL_REPLY_TO: 'security+{token}@acme.example',
        PUBLIC_URL: 'https://desk.acme.example',
        PGP_PRIVATE_KEY: orgKey.privateArmored,
      };
      const core = await createCore({ github, store: await backend.open(), log: silentLogger, clock, sleep: async () => undefined, env });
      cores.push(core);
      const mailbox = core.mailbox;
      if (mailbox === null) throw new Error('IMAP_URL is set, yet the app has no mailbox');
      const issues = (): FakeTrackedIssue[] => github.filedIssues.get(`${ORG}/${REPO}`) ?? [];
      return {
        github,
        core,
        mailbox,
        issues,
        comments: (issueNumber: number) => [...(github.comments.get(`${ORG}/${REPO}#${issueNumber}`) ?? [])],
        advance(ms: number) {
          now = new Date(now.getTime() + ms);
        },
      };
    }

    /** Rita's report: inline PGP, encrypted to the org key and signed by her, her public key attached. */
    async function ritaReport(messageId: string): Promise<Buffer> {
      const armored = await rita.encryptAndSign(orgKey.fingerprint, `${DESCRIPTION}\n`);
      return buildMail({
        from: `Rita Researcher <${RITA}>`,
        to: 'security@acme.example',
        subject: 'Authentication bypass on the admin login',
        messageId,
        text: armored,
        attachments: [{ filename: 'rita.asc', content: await rita.exportPublicKey(), contentType: 'application/pgp-keys' }],
      });
    }

    /** The mails the SMTP receiver got since `from`, for rita. */
    function mailsToRita(from = 0): ParsedMail[] {
      return smtp.received.slice(from).filter((r) => r.envelope.to.includes(RITA)).map((r) => r.mail);
    }

    it('files an encrypted e-mailed report, answers it encrypted, asks a question and files her reply once', { timeout: 30_000 }, async () => {
      const app = await openApp();
      const smtpBefore = smtp.received.length;

      // 1. The report arrives by e-mail.
      await dovecot.deliver(await ritaReport('<report-1@example.net>'));
      const first = await app.mailbox.runOnce();
      await app.core.worker.runOnce();

      expect(first).toMatchObject({ reports: 1, replies: 0, duplicates: 0, rejected: 0, failed: 0 });
      expect(app.issues()).toHaveLength(1);
      const issue = app.issues()[0] as FakeTrackedIssue;
      expect(issue.labels).toContain('channel:email');
      expect(issue.body).not.toContain('BEGIN PGP');
      // The decrypted text, byte for byte, but only inside a code fence (no mentions, links or HTML).
      expect(issue.body).toMatch(/(`{3,}|~{3,})text\n[^`~]*@octocat about #12 <img src=x onerror=alert\(1\)>[^`~]*\n\1\n/);
      expect(issue.body).toContain('The admin login accepts any password once the "remember" cookie is set to 1.');
      expect(await dovecot.list()).toEqual([{ uid: 1, flags: ['\\Seen'], messageId: '<report-1@example.net>' }]);

      const [ack, ...moreAcks] = mailsToRita(smtpBefore);
      expect(moreAcks).toEqual([]);
      if (ack === undefined) throw new Error('no acknowledgement was sent to rita');
      const reportId = /^\[(DD-[0-9A-Z]{12})\] /.exec(ack.subject ?? '')?.[1] ?? '';
      expect(reportId).toMatch(TRACKING_ID);
      // Encrypted: the subject tells nothing but the tracking id.
      expect(ack.subject).toBe(`[${reportId}] Message from the security team`);
      expect(ack.from?.value).toEqual([{ address: 'security@acme.example', name: '' }]);
      expect(ack.replyTo?.value).toEqual([{ address: `security+${reportId.toLowerCase()}@acme.example`, name: '' }]);
      expect(ack.messageId).toBe(`<${reportId}.message-0@acme.example>`);
      expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
      const ackBody = ack.text ?? '';
      expect(ackBody.trim()).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----$/);
      expect(ackBody).not.toContain('desk.acme.example/status');
      const ackPlain = await rita.decrypt(ackBody);
      expect(ackPlain.signedBy).toBe(orgKey.fingerprint);
      expect(ackPlain.text).toContain(`We have received it under tracking id ${reportId}.`);
      expect(ackPlain.text).toMatch(/Follow your report and reply on its status page: https:\/\/desk\.acme\.example\/status\/[A-Za-z0-9_-]{43}\n/);
      expect(issue.body).toContain(reportId);

      // 2. Staff ask a question.
      app.advance(60 * 60_000);
      await app.core.commentCreated({ org: ORG, repo: REPO, issueNumber: issue.number, commentId: 5001, body: '/needs-info Which browser did you use?', author: 'alice', authorIsBot: false });
      await app.core.worker.runOnce();

      expect(app.issues()[0]?.labels).toContain('sla:paused');
      const [question, ...moreQuestions] = mailsToRita(smtpBefore + 1);
      expect(moreQuestions).toEqual([]);
      if (question === undefined) throw new Error('the question was not mailed to rita');
      expect(question.subject).toBe(`[${reportId}] Message from the security team`);
      expect(question.messageId).toBe(`<${reportId}.message-1@acme.example>`);
      expect(question.inReplyTo).toBe(`<${reportId}.message-0@acme.example>`);
      expect(question.text ?? '').not.toContain('browser');
      const questionPlain = await rita.decrypt(question.text ?? '');
      expect(questionPlain.signedBy).toBe(orgKey.fingerprint);
      expect(questionPlain.text).toContain('Which browser did you use?');
      expect(questionPlain.text).toContain(`Tracking id: ${reportId}`);

      // 3. Rita answers by e-mail, in her thread.
      app.advance(60 * 60_000);
      const commentsBefore = app.comments(issue.number);
      const reply = await buildMail({
        from: `Rita Researcher <${RITA}>`,
        to: `security+${reportId.toLowerCase()}@acme.example`,
        subject: `Re: [${reportId}] Message from the security team`,
        messageId: '<reply-1@example.net>',
        inReplyTo: question.messageId,
        references: [`<${reportId}.message-0@acme.example>`, question.messageId ?? ''],
        text: 'Firefox 148 on Linux; @octocat saw it in Chrome too.\n',
      });
      await dovecot.deliver(reply);
      const second = await app.mailbox.runOnce();
      await app.core.worker.runOnce();

      expect(second).toMatchObject({ reports: 0, replies: 1, duplicates: 0, rejected: 0, failed: 0 });
      expect(app.issues()).toHaveLength(1);
      const added = app.comments(issue.number).slice(commentsBefore.length);
      expect(added).toHaveLength(1);
      expect(added[0]).toContain('Reply from the researcher (e-mail)');
      expect(added[0]).toMatch(/(`{3,}|~{3,})text\nFirefox 148 on Linux; @octocat saw it in Chrome too\.\n\1/);
      expect(app.issues()[0]?.labels).not.toContain('sla:paused');
      expect((await dovecot.list()).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen']]);
      // Receiving her answer sends her nothing.
      expect(mailsToRita(smtpBefore)).toHaveLength(2);

      // 4. The same reply delivered again changes nothing.
      const commentsAfterReply = app.comments(issue.number);
      const labelsAfterReply = [...(app.issues()[0]?.labels ?? [])];
      await dovecot.deliver(reply);
      const third = await app.mailbox.runOnce();
      await app.core.worker.runOnce();

      expect(third).toMatchObject({ reports: 0, replies: 0, duplicates: 1, rejected: 0, failed: 0 });
      expect(app.issues()).toHaveLength(1);
      expect(app.comments(issue.number)).toEqual(commentsAfterReply);
      expect(app.issues()[0]?.labels).toEqual(labelsAfterReply);
      expect(mailsToRita(smtpBefore)).toHaveLength(2);
      expect((await dovecot.list()).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen'], ['\\Seen']]);
    });

    it('threads the acknowledgement on the e-mail it answers', async () => {
      // A mailbox of its own, so the story above keeps INBOX to itself.
      await dovecot.deliver(await ritaReport('<report-2@example.net>'), 'Threading');
      const app = await openApp('Threading');
      const smtpBefore = smtp.received.length;

      await app.mailbox.runOnce();
      await app.core.worker.runOnce();

      const [ack] = mailsToRita(smtpBefore);
      expect(ack?.messageId).toMatch(/^<DD-[0-9A-Z]{12}\.message-0@acme\.example>$/);
      // The acknowledgement answers the researcher's own e-mail.
      expect(ack?.inReplyTo).toBe('<report-2@example.net>');
      expect(ack?.references).toBe('<report-2@example.net>');
    });
  });
});
