import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import * as openpgp from 'openpgp';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedError, TransientError } from '../../src/errors.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { mailSettingsFromEnv } from '../../src/mail/mail-settings.js';
import type { Mailer } from '../../src/ports/mailer.js';
import { type ResearcherMailInput, planResearcherMail } from '../../src/researcher/plan-mail.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';

const REPORT_ID = 'DD-0123456789AB';
const MAIL_FROM = '"Acme Security" <security@acme.example>';

interface Received {
  envelope: { from: string; to: string[] };
  user: string | null;
  mail: ParsedMail;
}

interface Receiver {
  port: number;
  received: Received[];
}

const servers: SMTPServer[] = [];

afterEach(async () => {
  const closing = servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
  await Promise.all(closing);
});

/**
 * A real SMTP receiver on loopback (plain text, no STARTTLS). `rcptReply` makes it answer
 * RCPT TO with that code, the way a mail server defers (4xx) or refuses (5xx) a recipient.
 */
async function startReceiver(options: { rcptReply?: number } = {}): Promise<Receiver> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      if (options.rcptReply === undefined) return callback();
      callback(Object.assign(new Error(options.rcptReply >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: options.rcptReply }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          received.push({
            envelope: { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
            user: typeof session.user === 'string' ? session.user : null,
            mail,
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error('parse failed')));
    },
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return { port: (server.server.address() as AddressInfo).port, received };
}

function mailerFor(url: string, env: NodeJS.ProcessEnv = {}): Mailer {
  const mailer = createSmtpMailer({ SMTP_URL: url, MAIL_FROM, ...env });
  if (mailer === null) throw new Error('no mailer');
  return mailer;
}

function anInput(overrides: Partial<ResearcherMailInput> = {}): ResearcherMailInput {
  const settings = mailSettingsFromEnv({ MAIL_FROM, MAIL_REPLY_TO: 'security+{token}@acme.example' });
  if (settings === null) throw new Error('no settings');
  return {
    reportId: REPORT_ID,
    messageIndex: 1,
    kind: 'accepted',
    body: 'We have assessed your report and accept it as a vulnerability. We are working on a fix.',
    language: 'en',
    statusUrl: 'https://desk.acme.example/status/token-abc',
    to: 'ada@example.org',
    pgpKey: null,
    settings,
    ...overrides,
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('sending researcher mail over SMTP', () => {
  it('is off without SMTP_URL', () => {
    expect(createSmtpMailer({ MAIL_FROM })).toBeNull();
    expect(createSmtpMailer({ SMTP_URL: '', MAIL_FROM })).toBeNull();
  });

  it('refuses to start with SMTP_URL but no MAIL_FROM, or with a URL that is not SMTP', () => {
    expect(() => createSmtpMailer({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow('MAIL_FROM is required when SMTP_URL is set');
    expect(() => createSmtpMailer({ SMTP_URL: 'https://user:secret@mail.example', MAIL_FROM })).toThrow('SMTP_URL must be an smtp:// or smtps:// URL');
  });

  it('delivers the planned mail with its subject, headers and body', async () => {
    const receiver = await startReceiver();
    const planned = await planResearcherMail(anInput(), null);

    const sent = await mailerFor(`smtp://127.0.0.1:${receiver.port}`).send(planned);

    expect(receiver.received).toHaveLength(1);
    const [{ envelope, mail }] = receiver.received as [Received];
    expect(envelope).toEqual({ from: 'security@acme.example', to: ['ada@example.org'] });
    expect(mail.subject).toBe('[DD-0123456789AB] Your report was accepted');
    expect(mail.messageId).toBe('<DD-0123456789AB.message-1@acme.example>');
    expect(sent.messageId).toBe('<DD-0123456789AB.message-1@acme.example>');
    expect(mail.from?.value).toEqual([{ address: 'security@acme.example', name: 'Acme Security' }]);
    expect(mail.replyTo?.value).toEqual([{ address: 'security+dd-0123456789ab@acme.example', name: '' }]);
    expect(mail.inReplyTo).toBe('<DD-0123456789AB.message-0@acme.example>');
    expect(mail.references).toBe('<DD-0123456789AB.message-0@acme.example>');
    expect(mail.text).toContain('We have assessed your report and accept it as a vulnerability.');
    expect(mail.text).toContain('Follow your report and reply on its status page: https://desk.acme.example/status/token-abc');
    expect(mail.html).toBe(false);
  });

  it('delivers a Dutch acknowledgement in Dutch, marked as an automatic reply', async () => {
    const receiver = await startReceiver();
    const planned = await planResearcherMail(
      anInput({ kind: 'acknowledgement', messageIndex: 0, language: 'nl', body: 'Dank u voor uw melding.', inReplyTo: '<original@mail.example.net>' }),
      null,
    );

    await mailerFor(`smtp://127.0.0.1:${receiver.port}`).send(planned);

    const [{ mail }] = receiver.received as [Received];
    expect(mail.subject).toBe('[DD-0123456789AB] We hebben uw melding ontvangen');
    expect(mail.text).toContain('Dank u voor uw melding.');
    expect(mail.text).toContain('Meldingsnummer: DD-0123456789AB');
    expect(mail.text).toContain('U kunt ook op deze e-mail antwoorden');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.inReplyTo).toBe('<original@mail.example.net>');
  });

  it('logs in with the user and password from SMTP_URL', async () => {
    const receiver = await startReceiver();

    await mailerFor(`smtp://desk%40acme.example:s3cret%2F1@127.0.0.1:${receiver.port}`).send(await planResearcherMail(anInput(), null));

    expect(receiver.received[0]?.user).toBe('desk@acme.example');
  });

  it('delivers an encrypted body that the researcher can decrypt, and nothing of the message in clear', async () => {
    const receiver = await startReceiver();
    const researcher = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'ada@example.org' }], format: 'armored' });
    // Stands in for the org key pair: encrypts with openpgp.js directly (signing is OrgPgp's business).
    const pgp: Pick<OrgPgp, 'encryptTo'> = {
      async encryptTo(recipientArmored, text) {
        const encryptionKeys = await openpgp.readKey({ armoredKey: recipientArmored });
        return openpgp.encrypt({ message: await openpgp.createMessage({ text }), encryptionKeys, format: 'armored' });
      },
    };
    const planned = await planResearcherMail(anInput({ pgpKey: researcher.publicKey }), pgp);

    await mailerFor(`smtp://127.0.0.1:${receiver.port}`).send(planned);

    const [{ mail }] = receiver.received as [Received];
    expect(mail.subject).toBe('[DD-0123456789AB] Message from the security team');
    const body = mail.text ?? '';
    expect(body.trim()).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----$/);
    expect(body).not.toContain('accept');
    expect(body).not.toContain('token-abc');
    const decryptionKeys = await openpgp.readPrivateKey({ armoredKey: researcher.privateKey });
    const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: body }), decryptionKeys });
    expect(data).toContain('We have assessed your report and accept it as a vulnerability.');
    expect(data).toContain('https://desk.acme.example/status/token-abc');
  });

  it('throws a TransientError when the server defers the recipient (451)', async () => {
    const receiver = await startReceiver({ rcptReply: 451 });

    const sending = mailerFor(`smtp://127.0.0.1:${receiver.port}`).send(await planResearcherMail(anInput(), null));

    const error = await sending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(451);
    expect(receiver.received).toHaveLength(0);
  });

  it('throws a RefusedError when the server refuses the recipient (550), naming no address', async () => {
    const receiver = await startReceiver({ rcptReply: 550 });

    const sending = mailerFor(`smtp://127.0.0.1:${receiver.port}`).send(await planResearcherMail(anInput(), null));

    const error = await sending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).status).toBe(550);
    expect((error as RefusedError).message).toBe('SMTP server refused the message at RCPT TO (550)');
    expect((error as RefusedError).message).not.toContain('ada@example.org');
  });

  it('throws a TransientError when the connection is refused', async () => {
    const port = await closedPort();

    const sending = mailerFor(`smtp://127.0.0.1:${port}`).send(await planResearcherMail(anInput(), null));

    const error = await sending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBeNull();
  });
});
