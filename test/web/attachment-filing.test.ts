import { createHash } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { ZIP_BYTES } from '../report/attachment-fixtures.js';
import { type Desk, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describeEachBackend('attachments in the app’s store', (backend) => {
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

    // Nothing is committed to the tracking repository: the files are in the store.
    expect([...desk.github.files.keys()]).toEqual([]);
    expect(desk.github.calls.filter((call) => call.startsWith('putFile'))).toEqual([]);
    const stored = await desk.store.listAttachments(report.id);
    expect(stored.map((f) => [f.position, f.fileName, f.contentType, f.size])).toEqual([
      [1, 'attachment-1.txt', 'text/plain', 4],
      [2, 'invoice_txt.exe.txt', 'text/plain', 3],
      [3, 'evidence.zip.bin', 'application/zip', ZIP_BYTES.length],
      [4, 'trace.log', 'text/plain', 9],
    ]);
    expect(stored[2]?.sha256).toBe(sha256(ZIP_BYTES));
    expect((await desk.store.getAttachment(report.id, 3))?.data.equals(ZIP_BYTES)).toBe(true);
    // Without PUBLIC_URL there is no staff page to link to: the names are listed as code.
    const body = desk.issue(report.issueNumber).body;
    expect(body).toContain(`- \`attachment-1.txt\` (4 B, text/plain)\n  - sent as .. — `);
    expect(body).toContain(`- \`invoice_txt.exe.txt\` (3 B, text/plain)\n  - sent as invoice\\[U+202E\\]txt.exe — `);
    expect(body).toContain(
      `- \`evidence.zip.bin\` (110 B, application/zip)\n  - sent as evidence.zip — extension set to match its verified type\n  - ZIP archive: stored with \`.bin\``,
    );
    expect(body).toContain(`  - SHA-256 \`${sha256(ZIP_BYTES)}\``);
    expect(body).toContain(`- \`trace.log\` (9 B, text/plain)\n  - SHA-256 \`${sha256(Buffer.from('GET / 200'))}\`\n`);
    expect(body).not.toContain('\u202E');
  });
});
