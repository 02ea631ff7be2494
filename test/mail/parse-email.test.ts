import { beforeAll, describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/mail/parse-email.js';
import { PgpError, type OrgPgp } from '../../src/ports/org-pgp.js';
import { buildMail, pgpMimeMail, PNG_BYTES } from './build-mail.js';
import { encryptTo, researcherKey, testOrgPgp } from './test-org-pgp.js';

let pgp: OrgPgp;
let otherPgp: OrgPgp;

beforeAll(async () => {
  [pgp, otherPgp] = await Promise.all([testOrgPgp(), testOrgPgp('Someone Else <else@example.com>')]);
});

describe('parseEmail', () => {
  it('reads the envelope, text and files of a plain message', async () => {
    const raw = await buildMail({
      subject: 'SQL injection in /search',
      to: 'Security <security+dd-0123456789ab@example.org>',
      cc: 'Other <other@example.org>',
      messageId: '<abc@mail.example.net>',
      inReplyTo: '<x@y>',
      references: ['<r1@y>', '<r2@y>'],
      text: 'The q parameter is concatenated into SQL.',
      headers: { 'Content-Language': 'nl-NL' },
      attachments: [{ filename: 'poc.png', content: PNG_BYTES, contentType: 'image/png' }],
    });

    const email = await parseEmail(raw, pgp);

    expect(email).toMatchObject({
      messageId: '<abc@mail.example.net>',
      inReplyTo: '<x@y>',
      references: ['<r1@y>', '<r2@y>'],
      from: { address: 'rita@example.net', name: 'Rita Researcher' },
      subject: 'SQL injection in /search',
      language: 'nl-nl',
      automatic: false,
      pgp: 'none',
      signature: 'unsigned',
    });
    expect(email.text.trim()).toBe('The q parameter is concatenated into SQL.');
    expect(email.recipients).toEqual(['security+dd-0123456789ab@example.org', 'other@example.org']);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ filename: 'poc.png', contentType: 'image/png' });
    expect(email.attachments[0]?.content.equals(PNG_BYTES)).toBe(true);
  });

  it('derives the text of an HTML-only message', async () => {
    const raw = await buildMail({ subject: 'html', html: '<p>Hello <b>security</b> team</p>' });

    const email = await parseEmail(raw, pgp);

    expect(email.text).toContain('Hello security team');
  });

  it('decrypts an inline PGP block in place and keeps the clear text around it', async () => {
    const armored = await encryptTo(pgp.publicKeyArmored, 'The secret details of the bug.');
    const raw = await buildMail({ subject: 'Encrypted report', text: `Hello,\n\n${String(armored)}\n\n-- \nRita` });

    const email = await parseEmail(raw, pgp);

    expect(email.pgp).toBe('inline');
    expect(email.signature).toBe('unsigned');
    expect(email.text).toContain('The secret details of the bug.');
    expect(email.text).toContain('Hello,');
    expect(email.text).not.toContain('BEGIN PGP MESSAGE');
  });

  it("reports a researcher's signature inside the ciphertext as unchecked", async () => {
    const researcher = await researcherKey();
    const armored = await encryptTo(pgp.publicKeyArmored, 'Signed and sealed.', { signWith: researcher.privateKey });
    const raw = await buildMail({ subject: 'Signed', text: String(armored) });

    const email = await parseEmail(raw, pgp);

    expect(email.signature).toBe('unchecked');
    expect(email.text.trim()).toBe('Signed and sealed.');
  });

  it('decrypts a PGP/MIME message and reads the inner MIME entity with its protected subject and files', async () => {
    const inner = await buildMail({
      subject: 'RCE in the upload handler',
      text: 'Uploading a .phtml file executes it.',
      attachments: [{ filename: 'shot.png', content: PNG_BYTES, contentType: 'image/png' }],
    });
    const armored = await encryptTo(pgp.publicKeyArmored, new Uint8Array(inner));
    const raw = pgpMimeMail(String(armored), { Subject: '...', 'Message-ID': '<pgpmime@example.net>' });

    const email = await parseEmail(raw, pgp);

    expect(email.pgp).toBe('mime');
    expect(email.messageId).toBe('<pgpmime@example.net>');
    expect(email.subject).toBe('RCE in the upload handler');
    expect(email.text.trim()).toBe('Uploading a .phtml file executes it.');
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([['shot.png', 'image/png']]);
  });

  it('decrypts an encrypted .pgp attachment and drops the extension', async () => {
    const encrypted = await encryptTo(pgp.publicKeyArmored, new Uint8Array(Buffer.from('log line 1\nlog line 2\n')), { armor: false });
    const raw = await buildMail({ subject: 'With a log', text: 'See the attached log.', attachments: [{ filename: 'server.log.pgp', content: Buffer.from(encrypted), contentType: 'application/octet-stream' }] });

    const email = await parseEmail(raw, pgp);

    expect(email.pgp).toBe('inline');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]?.filename).toBe('server.log');
    expect(email.attachments[0]?.content.toString()).toBe('log line 1\nlog line 2\n');
  });

  it('marks a multipart/signed message unchecked and leaves the signature out of the files', async () => {
    const raw = Buffer.from(
      [
        'From: rita@example.net',
        'To: security@example.org',
        'Subject: Signed only',
        'MIME-Version: 1.0',
        'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig"',
        '',
        '--sig',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'A report that is signed but not encrypted.',
        '--sig',
        'Content-Type: application/pgp-signature; name="signature.asc"',
        '',
        '-----BEGIN PGP SIGNATURE-----',
        'iQ==',
        '-----END PGP SIGNATURE-----',
        '--sig--',
        '',
      ].join('\r\n'),
    );

    const email = await parseEmail(raw, pgp);

    expect(email.pgp).toBe('none');
    expect(email.signature).toBe('unchecked');
    expect(email.attachments).toEqual([]);
  });

  it('throws PgpError when the message was encrypted to another key', async () => {
    const armored = await encryptTo(otherPgp.publicKeyArmored, 'not for us');
    const raw = await buildMail({ subject: 'Wrong key', text: String(armored) });

    await expect(parseEmail(raw, pgp)).rejects.toBeInstanceOf(PgpError);
  });

  it('throws PgpError for a PGP/MIME message whose ciphertext is not for us', async () => {
    const armored = await encryptTo(otherPgp.publicKeyArmored, 'Content-Type: text/plain\r\n\r\nhidden');
    const raw = pgpMimeMail(String(armored), { Subject: '...' });

    await expect(parseEmail(raw, pgp)).rejects.toMatchObject({ name: 'PgpError', kind: 'decrypt' });
  });

  it.each([
    ['auto-replied', true],
    ['auto-notified', true],
    // RFC 3834: anything but "no" was not written by a person (no loops with robots).
    ['auto-generated', true],
    ['no', false],
  ])('treats Auto-Submitted: %s as automatic: %s', async (value, automatic) => {
    const raw = await buildMail({ subject: 'Out of office', text: 'I am away until Monday.', headers: { 'Auto-Submitted': value } });

    const email = await parseEmail(raw, pgp);

    expect(email.automatic).toBe(automatic);
  });
});

describe('parseEmail keeps one decryption budget per e-mail', () => {
  it('refuses an e-mail with more encrypted parts than one report needs', async () => {
    const part = String(await encryptTo(pgp.publicKeyArmored, 'x'));
    const attachments = Array.from({ length: 13 }, (_, i) => ({ filename: `part-${i}.pgp`, content: part, contentType: 'application/octet-stream' }));
    const raw = await buildMail({ subject: 'Many parts', text: 'See the attached files, all of them.', attachments });

    await expect(parseEmail(raw, pgp)).rejects.toMatchObject({ name: 'PgpError', kind: 'decrypt' });
  });

  it('reads an e-mail with a few encrypted parts', async () => {
    const part = String(await encryptTo(pgp.publicKeyArmored, 'evidence'));
    const attachments = Array.from({ length: 3 }, (_, i) => ({ filename: `part-${i}.pgp`, content: part, contentType: 'application/octet-stream' }));
    const raw = await buildMail({ subject: 'Three parts', text: 'See the attached files, all of them.', attachments });

    const email = await parseEmail(raw, pgp);

    expect(email.attachments.map((a) => a.content.toString('utf8'))).toEqual(['evidence', 'evidence', 'evidence']);
  });
});

describe('parseEmail recognises other machine-sent mail', () => {
  it.each([
    ['Precedence: bulk', { Precedence: 'bulk' }],
    ['Precedence: list', { Precedence: 'list' }],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }],
    ['List-Id', { 'List-Id': '<security.lists.example.org>' }],
  ])('treats %s as automatic', async (_name, headers) => {
    const raw = await buildMail({ subject: 'Newsletter', text: 'Not a report at all, just a list mail.', headers });

    const email = await parseEmail(raw, pgp);

    expect(email.automatic).toBe(true);
  });
});

describe('parseEmail with OpenPGP files that are not messages', () => {
  it("keeps a researcher's attached public key as a file instead of trying to decrypt it", async () => {
    const researcher = await researcherKey();
    const raw = await buildMail({ subject: 'My key', text: 'My key is attached for your reply.', attachments: [{ filename: 'rita.asc', content: researcher.publicKeyArmored, contentType: 'application/pgp-keys' }] });

    const email = await parseEmail(raw, pgp);

    expect(email.pgp).toBe('none');
    expect(email.attachments.map((a) => a.filename)).toEqual(['rita.asc']);
  });
});
