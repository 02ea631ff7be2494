import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** A raw RFC 822 message built by nodemailer, as a researcher's mail client would send it. */
export function buildMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ from: 'Rita Researcher <rita@example.net>', to: 'security@example.org', ...options }).compile().build();
}

/**
 * Wraps armored ciphertext in RFC 3156 PGP/MIME (multipart/encrypted), the way Thunderbird
 * and Mailvelope send it: a version part and the ciphertext as application/octet-stream.
 */
export function pgpMimeMail(armored: string, headers: Record<string, string>): Buffer {
  const boundary = 'enc-boundary-42';
  const lines = [
    ...Object.entries({ From: 'Rita Researcher <rita@example.net>', To: 'security@example.org', 'MIME-Version': '1.0', ...headers }).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${boundary}"`,
    '',
    'This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)',
    `--${boundary}`,
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    '',
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Description: OpenPGP encrypted message',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    armored.trim(),
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** The first bytes of a real PNG, enough for the content sniff. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
