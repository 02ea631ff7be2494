import { beforeEach, expect, it } from 'vitest';
import { ZIP_BYTES } from '../report/attachment-fixtures.js';
import { type Desk, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

describeEachBackend('attachments in the tracking repository', (backend) => {
  let desk: Desk;

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
  });

  it('stores every file under a safe name and says in the issue what was changed', async () => {
    const file = (filename: string, contentType: 'text/plain' | 'application/zip', data: Buffer) => ({ filename, contentType, dataBase64: data.toString('base64') });

    const report = await desk.file({
      attachments: [
        file('..', 'text/plain', Buffer.from('dots')),
        file('invoice\u202Etxt.exe', 'text/plain', Buffer.from('rtl')),
        file('evidence.zip', 'application/zip', ZIP_BYTES),
        file('trace.log', 'text/plain', Buffer.from('GET / 200')),
      ],
    });

    const prefix = `acme/security-reports/attachments/${report.id}/`;
    expect([...desk.github.files.keys()]).toEqual([`${prefix}1-attachment-1.txt`, `${prefix}2-invoice_txt.exe.txt`, `${prefix}3-evidence.zip.bin`, `${prefix}4-trace.log`]);
    expect(desk.github.files.get(`${prefix}3-evidence.zip.bin`)).toBe(ZIP_BYTES.toString('base64'));
    const body = desk.issue(report.issueNumber).body;
    const url = `https://github.com/${prefix.replace('acme/security-reports/', 'acme/security-reports/blob/main/')}`;
    expect(body).toContain(`- [\`attachment-1.txt\`](${url}1-attachment-1.txt) (4 B, text/plain)\n  - sent as .. — `);
    expect(body).toContain(`- [\`invoice_txt.exe.txt\`](${url}2-invoice_txt.exe.txt) (3 B, text/plain)\n  - sent as invoice\\[U+202E\\]txt.exe — `);
    expect(body).toContain(`- [\`evidence.zip.bin\`](${url}3-evidence.zip.bin) (110 B, application/zip)\n  - sent as evidence.zip — extension set to match its verified type\n  - ZIP archive: stored with \`.bin\``);
    expect(body).toContain(`- [\`trace.log\`](${url}4-trace.log) (9 B, text/plain)\n`);
    expect(body).not.toContain('\u202E');
  });
});
