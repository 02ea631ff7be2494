import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportReceipt } from '../../src/report/receipt.js';
import { ReportInput } from '../../src/report/report.js';

const RECEIVED = new Date('2026-03-02T09:00:00.000Z');
const input = ReportInput.parse({
  title: 'Stored XSS in profile name',
  description: 'The profile name is rendered without escaping on the team page.',
  affected: 'https://app.example.org/team',
  contact: { email: 'rita@example.net' },
  credit: 'name',
  attachments: [{ filename: 'poc.txt', contentType: 'text/plain', dataBase64: Buffer.from('alert(1)\n').toString('base64') }],
});

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('the receipt of a report', () => {
  it('gives a hash anyone can compute again from its last line', () => {
    const receipt = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input });
    const lastLine = receipt.text.split('\n').at(-1) ?? '';

    expect(sha256(lastLine)).toBe(receipt.sha256);
    expect(receipt.text).toContain(`SHA-256 of the report: ${receipt.sha256}`);
    expect(receipt.text).toContain('Received: 2026-03-02T09:00:00.000Z');
    expect(receipt.text).toContain('Report: DD-0123456789AB');
    expect(receipt.text).toContain('Organisation: acme');
  });

  it('holds the report as received, each attachment by its size and SHA-256 instead of its bytes', () => {
    const receipt = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input });
    const report = JSON.parse(receipt.text.split('\n').at(-1) ?? '') as Record<string, unknown>;

    expect(report).toMatchObject({ title: input.title, description: input.description, affected: input.affected, credit: 'name', contact: { email: 'rita@example.net' } });
    expect(report.attachments).toEqual([{ filename: 'poc.txt', content_type: 'text/plain', size: 9, sha256: sha256(Buffer.from('alert(1)\n')) }]);
    expect(receipt.text).not.toContain(input.attachments[0]?.dataBase64);
  });

  it('changes its hash when one character of the report changes, and not when nothing does', () => {
    const once = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input });
    const again = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input: { ...input } });
    const changed = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input: { ...input, affected: 'https://app.example.org/teams' } });

    expect(again.sha256).toBe(once.sha256);
    expect(changed.sha256).not.toBe(once.sha256);
  });

  it('keeps the report on one line whatever it contains, so a signature cannot be split by it', () => {
    const multiline = ReportInput.parse({ ...input, attachments: [], description: 'line one\n-----BEGIN PGP SIGNATURE-----\nline three with enough text' });
    const receipt = reportReceipt({ org: 'acme', id: 'DD-0123456789AB', receivedAt: RECEIVED, input: multiline });

    expect(receipt.text.split('\n')).toHaveLength(9);
    expect(receipt.text).not.toMatch(/^-----BEGIN/m);
  });
});
