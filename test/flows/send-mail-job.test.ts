import * as openpgp from 'openpgp';
import { testOrgPgp } from '../helpers/pgp-keys.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { RefusedError, TransientError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { type SendMailDeps, type SendMailPayload, newSendMailJob, sendMailJob } from '../../src/flows/researcher/send-mail-job.js';
import { ReportInput } from '../../src/report/report.js';
import type { MailSettings, Mailer, OutgoingMail } from '../../src/ports/mailer.js';
import { PgpError } from '../../src/ports/org-pgp.js';
import type { Store } from '../../src/store/store.js';
import { type Desk, ORG, SAMPLE_REPORT, openDesk } from '../helpers/filed-report.js';
import { confirmReceiptByAcknowledgement } from '../../src/flows/researcher/confirm-receipt.js';
import { describeEachBackend } from '../helpers/stores.js';
import { noMetrics } from '../../src/metrics/metrics.js';

const SETTINGS: MailSettings = { from: 'security@acme.example', replyTo: 'security+{token}@acme.example', messageIdHost: 'acme.example' };
const EMAIL = 'ada@example.org';
const BODY = 'We have assessed your report and accept it as a vulnerability. We are working on a fix.';

/** A Mailer that records what it sends; queue errors to make the next sends fail. */
function fakeMailer(): Mailer & { sent: OutgoingMail[]; failures: Error[] } {
  const sent: OutgoingMail[] = [];
  const failures: Error[] = [];
  return {
    sent,
    failures,
    async send(message) {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      sent.push(message);
      return { messageId: message.headers?.['Message-ID'] ?? '' };
    },
  };
}

/** A Logger that keeps every line, to check that only ids are logged. */
function recordingLogger(): Logger & { lines: Array<{ level: string; meta: object; message: string }> } {
  const lines: Array<{ level: string; meta: object; message: string }> = [];
  const record = (level: string) => (meta: object, message: string) => lines.push({ level, meta, message });
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

describeEachBackend('sending a message to the researcher by e-mail', (backend) => {
  let desk: Desk;
  let mailer: ReturnType<typeof fakeMailer>;
  let log: ReturnType<typeof recordingLogger>;

  function payload(reportId: string, overrides: Partial<SendMailPayload> = {}): SendMailPayload {
    return { reportId, messageIndex: 1, kind: 'accepted', body: BODY, language: 'en', statusUrl: null, ...overrides };
  }

  function run(reportId: string, overrides: Partial<SendMailPayload> = {}, deps: Partial<SendMailDeps> = {}) {
    const handler = sendMailJob({ store: desk.store, mailer, pgp: null, settings: SETTINGS, log, ...deps });
    return handler(newSendMailJob(ORG, payload(reportId, overrides), desk.now()));
  }

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    mailer = fakeMailer();
    log = recordingLogger();
  });

  it('sends the message once to the address the researcher gave, in their language', async () => {
    const report = await desk.file({ contact: { email: EMAIL }, language: 'nl' });

    const outcome = await run(report.id, { language: 'nl', messageIndex: 2 });

    expect(outcome).toEqual({ kind: 'done' });
    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent as [OutgoingMail];
    expect(mail.to).toBe(EMAIL);
    expect(mail.from).toBe('security@acme.example');
    expect(mail.subject).toBe(`[${report.id}] Uw melding is geaccepteerd`);
    expect(mail.text).toContain(BODY);
    expect(mail.text).toContain(`Meldingsnummer: ${report.id}`);
    expect(mail.headers?.['Message-ID']).toBe(`<${report.id}.message-2@acme.example>`);
    expect(mail.headers?.['Reply-To']).toBe(`security+${report.id.toLowerCase()}@acme.example`);
  });

  it('confirms receipt once the acknowledgement went out, and shows it in the Deadlines section', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    const onAcknowledged = (reportId: string) => confirmReceiptByAcknowledgement({ store: desk.store, clock: desk.now, kick: () => undefined }, reportId);

    await run(report.id, { kind: 'acknowledgement', messageIndex: 0 }, { onAcknowledged });
    await desk.core.worker.runOnce();

    const triage = await desk.store.getTriage(report.id);
    expect(triage?.sla.receiptMetAt).toEqual(desk.now());
    const events = (await desk.store.listEvents(report.id)).filter((e) => e.type === 'receipt-confirmed');
    expect(events.map((e) => e.data)).toEqual([{ by: 'acknowledgement' }]);
    expect(desk.issue(report.issueNumber).body).toMatch(/\| Confirm receipt \| [^|]+ \| met /);
  });

  it('does not confirm receipt for other messages, nor send again when recording it fails', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    const calls: string[] = [];

    const other = await run(report.id, {}, { onAcknowledged: async (id) => void calls.push(id) });
    const failing = await run(report.id, { kind: 'acknowledgement', messageIndex: 0 }, { onAcknowledged: () => Promise.reject(new Error('store down')) });

    expect(calls).toEqual([]);
    expect([other, failing]).toEqual([{ kind: 'done' }, { kind: 'done' }]);
    expect(mailer.sent).toHaveLength(2);
  });

  it('throws a transient failure so the worker retries, and the retry sends the same Message-ID', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    mailer.failures.push(new TransientError('SMTP server deferred the message at RCPT TO (451, EENVELOPE)', 451));

    await expect(run(report.id)).rejects.toBeInstanceOf(TransientError);
    const retry = await run(report.id);

    expect(retry).toEqual({ kind: 'done' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.headers?.['Message-ID']).toBe(`<${report.id}.message-1@acme.example>`);
  });

  it('is done without sending when the researcher gave no e-mail address', async () => {
    const report = await desk.file();

    const outcome = await run(report.id);

    expect(outcome).toEqual({ kind: 'done' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('is done when the mail server refuses the message, and logs ids only', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    mailer.failures.push(new RefusedError('SMTP server refused the message at RCPT TO (550)', 550));

    const outcome = await run(report.id);

    expect(outcome).toEqual({ kind: 'done' });
    const warnings = log.lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      { level: 'warn', meta: { reportId: report.id, messageIndex: 1, kind: 'accepted', status: 550 }, message: 'researcher mail refused by the mail server; not retried' },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain(EMAIL);
    expect(JSON.stringify(log.lines)).not.toContain('vulnerability');
  });

  it('waits while the report is not filed yet', async () => {
    const { id } = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: EMAIL } }));

    const outcome = await run(id);

    expect(outcome).toMatchObject({ kind: 'later', reason: 'report not filed yet' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('is done without sending for a report that does not exist', async () => {
    const outcome = await run('DD-000000000000');

    expect(outcome).toEqual({ kind: 'done' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('puts the receipt, signed with the organisation key, under the acknowledgement', async () => {
    const org = await testOrgPgp();
    const report = await desk.file({ contact: { email: EMAIL } });
    const receipt = await desk.store.getReceipt(report.id);

    await run(report.id, { kind: 'acknowledgement', messageIndex: 0, body: 'Thank you.' }, { pgp: org.pgp });

    const text = mailer.sent[0]?.text ?? '';
    expect(receipt).not.toBeNull();
    expect(text).toContain('Thank you.\n\nYour receipt follows: the report exactly as we received it');
    expect(text).toContain('-----BEGIN PGP SIGNED MESSAGE-----');
    const signed = text.slice(text.indexOf('-----BEGIN PGP SIGNED MESSAGE-----'), text.indexOf('-----END PGP SIGNATURE-----') + '-----END PGP SIGNATURE-----'.length);
    const verified = await openpgp.verify({
      message: await openpgp.readCleartextMessage({ cleartextMessage: signed }),
      verificationKeys: await openpgp.readKey({ armoredKey: org.key.publicArmored }),
      expectSigned: true,
    });
    expect(verified.data).toBe(receipt);
  });

  it('puts the receipt unsigned under the acknowledgement without an organisation key, and none under other messages', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    const receipt = (await desk.store.getReceipt(report.id)) ?? 'no receipt';

    await run(report.id, { kind: 'acknowledgement', messageIndex: 0, body: 'Thank you.' });
    await run(report.id, { messageIndex: 2 });

    expect(mailer.sent[0]?.text).toContain(`Thank you.\n\nYour receipt follows: the report exactly as we received it, its SHA-256 and the time of receipt.\n\n${receipt}`);
    expect(mailer.sent[0]?.text).not.toContain('PGP');
    expect(mailer.sent[1]?.text).not.toContain('Your receipt');
  });

  describe('when the researcher gave a PGP key', () => {
    const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\nada\n-----END PGP PUBLIC KEY BLOCK-----';

    /** The real store, with the key the researcher facts will carry once filing records it. */
    function withKey(store: Store): SendMailDeps['store'] {
      return {
        getReport: (id) => store.getReport(id),
        getReceipt: (id) => store.getReceipt(id),
        async getTriage(id) {
          const triage = await store.getTriage(id);
          return triage?.researcher == null ? triage : { ...triage, researcher: { ...triage.researcher, pgpKey: KEY } };
        },
      };
    }

    it('sends the message encrypted to their key', async () => {
      const report = await desk.file({ contact: { email: EMAIL } });
      const encrypted: string[] = [];
      const pgp = {
        async encryptTo(key: string, text: string) {
          encrypted.push(`${key}|${text}`);
          return '-----BEGIN PGP MESSAGE-----\n\nsealed\n-----END PGP MESSAGE-----\n';
        },
        clearsign: (text: string) => Promise.resolve(text),
      };

      const outcome = await run(report.id, {}, { store: withKey(desk.store), pgp });

      expect(outcome).toEqual({ kind: 'done' });
      expect(encrypted).toHaveLength(1);
      expect(encrypted[0]).toContain(`${KEY}|${BODY}`);
      expect(mailer.sent[0]?.text).toBe('-----BEGIN PGP MESSAGE-----\n\nsealed\n-----END PGP MESSAGE-----\n');
      expect(mailer.sent[0]?.subject).toBe(`[${report.id}] Message from the security team`);
    });

    it('sends nothing in clear when no organisation key is configured', async () => {
      const report = await desk.file({ contact: { email: EMAIL } });

      const outcome = await run(report.id, {}, { store: withKey(desk.store), pgp: null });

      expect(outcome).toEqual({ kind: 'done' });
      expect(mailer.sent).toHaveLength(0);
      expect(log.lines.map((line) => line.message)).toContain('researcher mail not sent: they gave a PGP key but no organisation key is configured');
    });

    it('sends nothing when their key cannot be used', async () => {
      const report = await desk.file({ contact: { email: EMAIL } });
      const pgp = {
        async encryptTo(): Promise<string> {
          throw new PgpError('key', 'the key is expired');
        },
        clearsign: (text: string) => Promise.resolve(text),
      };

      const outcome = await run(report.id, {}, { store: withKey(desk.store), pgp });

      expect(outcome).toEqual({ kind: 'done' });
      expect(mailer.sent).toHaveLength(0);
    });

    it('counts a mail it cannot encrypt as refused', async () => {
      const report = await desk.file({ contact: { email: EMAIL } });
      const outcomes: string[] = [];
      const metrics = { ...noMetrics, mail: (outcome: string) => void outcomes.push(outcome) };

      await run(report.id, {}, { store: withKey(desk.store), pgp: null, metrics });

      expect(outcomes).toEqual(['refused']);
    });
  });

  it('counts each attempt: failed when it will be retried, refused when never, sent', async () => {
    const report = await desk.file({ contact: { email: EMAIL } });
    const outcomes: string[] = [];
    const metrics = { ...noMetrics, mail: (outcome: string) => void outcomes.push(outcome) };
    mailer.failures.push(new TransientError('SMTP server deferred the message (451, EENVELOPE)', 451), new RefusedError('SMTP server refused the message (550)', 550));

    await expect(run(report.id, {}, { metrics })).rejects.toBeInstanceOf(TransientError);
    await run(report.id, { messageIndex: 2 }, { metrics });
    await run(report.id, { messageIndex: 3 }, { metrics });

    expect(outcomes).toEqual(['failed', 'refused', 'sent']);
  });

  it('rejects a payload that does not match the contract', async () => {
    const handler = sendMailJob({ store: desk.store, mailer, pgp: null, settings: SETTINGS, log });

    await expect(handler({ payload: JSON.stringify({ reportId: 'DD-000000000000', kind: 'from-researcher' }) })).rejects.toThrow('send-mail job payload does not match its schema');
  });
});
