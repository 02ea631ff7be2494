import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ReportInput, type Attachment, type Report } from '../../src/report/report.js';
import { planTracking } from '../../src/issue-text/plan-tracking.js';

function plan(attachments: Attachment[], language: 'en' | 'nl' = 'en', urls?: string[]): string {
  const parsed = parseConfig({ sla: { time_zone: 'Europe/Amsterdam' }, tracking: { language } });
  if (!parsed.ok) throw new Error('test config must parse');
  const report: Report = {
    id: 'DD-0123456789AB',
    org: 'acme',
    channel: 'api',
    receivedAt: new Date('2026-03-27T17:45:00Z'),
    input: ReportInput.parse({ title: 'Files with odd names', description: 'See the attached files, please.', affected: 'https://acme.example', attachments }),
  };
  const input = { report, config: parsed.config, receiptDue: new Date('2026-03-30T22:00:00Z'), assessmentDue: new Date('2026-04-03T22:00:00Z') };
  return planTracking(urls === undefined ? input : { ...input, attachmentUrls: urls }).body;
}

const text = (filename: string, contentType: Attachment['contentType'] = 'text/plain'): Attachment => ({ filename, contentType, dataBase64: Buffer.from('hello').toString('base64') });

describe('attachments in the tracking issue', () => {
  it('links a file kept under its own name to its staff download, with its SHA-256, without a note', () => {
    const body = plan([text('trace.log')], 'en', ['https://desk.acme.example/staff/orgs/acme/reports/DD-0123456789AB/attachments/1']);

    expect(body).toContain(
      '- [`trace.log`](https://desk.acme.example/staff/orgs/acme/reports/DD-0123456789AB/attachments/1) (5 B, text/plain)\n' +
        '  - SHA-256 `2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824`\n',
    );
    expect(body).not.toContain('sent as');
  });

  it('shows a right-to-left override name neutralised beside the name it is stored under', () => {
    const body = plan([text('invoice\u202Etxt.exe')]);

    expect(body).toContain('- `invoice_txt.exe.txt` (5 B, text/plain)\n  - sent as invoice\\[U+202E\\]txt.exe — characters other than');
    expect(body).toContain('; extension set to match its verified type');
    expect(body).not.toContain('\u202E');
  });

  it('names a file whose name was only dots, and says so', () => {
    const body = plan([text('..'), text('....')]);

    expect(body).toContain('- `attachment-1.txt` (5 B, text/plain)\n  - sent as .. — leading dots, dashes or underscores, trailing dots or repeated dots removed; extension set to match its verified type; no usable characters left: neutral name');
    expect(body).toContain('- `attachment-2.txt` (5 B, text/plain)\n  - sent as ....');
  });

  it('stores a ZIP archive as .zip.bin and warns not to open it outside an isolated environment', () => {
    const body = plan([text('evidence.zip', 'application/zip')]);

    expect(body).toContain('- `evidence.zip.bin` (5 B, application/zip)\n  - sent as evidence.zip — extension set to match its verified type\n  - ZIP archive: stored with `.bin` so that a click downloads it instead of opening it. Its contents were not checked; open it only in an isolated environment.');
  });

  it('says it in the tracking language', () => {
    const body = plan([text('poc.py'), text('x.zip', 'application/zip')], 'nl');

    expect(body).toContain('- `poc.py.txt` (5 B, text/plain)\n  - verstuurd als poc.py — extensie aangepast aan het gecontroleerde type');
    expect(body).toContain('  - ZIP-archief: opgeslagen met `.bin`');
  });
});
