import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ReportInput } from './report.js';

/** What a researcher can prove they sent: the report's canonical form, its hash, the time. */
export interface ReportReceipt {
  /** SHA-256 (hex) of `canonical`'s UTF-8 bytes. */
  sha256: string;
  receivedAt: Date;
  /** The receipt's text, signed when it is handed out (an OpenPGP cleartext signature). */
  text: string;
}

/**
 * The receipt of one report: the report exactly as it was accepted, in canonical JSON
 * (RFC 8785), with each attachment as its name, type, size and SHA-256 rather than its
 * bytes. The JSON is the text's last line, so `tail -n 1 receipt.txt | tr -d '\n' |
 * sha256sum` gives the hash again; the organisation's signature covers all of it.
 */
export function reportReceipt(facts: { org: string; id: string; receivedAt: Date; input: ReportInput }): ReportReceipt {
  const { attachments, ...fields } = facts.input;
  const canonical = canonicalJson({
    ...fields,
    attachments: attachments.map((file) => {
      const bytes = Buffer.from(file.dataBase64, 'base64');
      return { filename: file.filename, content_type: file.contentType, size: bytes.length, sha256: sha256(bytes) };
    }),
  });
  const digest = sha256(Buffer.from(canonical, 'utf8'));
  const text = [
    'Receipt of a vulnerability report',
    '',
    `Organisation: ${facts.org}`,
    `Report: ${facts.id}`,
    `Received: ${facts.receivedAt.toISOString()}`,
    `SHA-256 of the report: ${digest}`,
    '',
    'The report as received (RFC 8785 canonical JSON; attachments by SHA-256), on the next line:',
    canonical,
  ].join('\n');
  return { sha256: digest, receivedAt: facts.receivedAt, text };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
