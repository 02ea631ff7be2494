import { createHash } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { staffBrowser, type StaffBrowser } from '../helpers/staff-browser.js';
import { openStaffDesk, ORG, STAFF_PUBLIC_URL, type StaffDesk, TRACKING_REPO, WRITER } from '../helpers/staff-desk.js';
import { describeEachBackend } from '../helpers/stores.js';

const LOG = Buffer.from('GET /admin?token=abc 200\n<script>alert(1)</script>\n');
/** A file that a browser would happily render as a page, were it let. */
const HTML_AS_TEXT = Buffer.from('<html><body onload="alert(1)">hi</body></html>');

describeEachBackend('attachments on the staff page', (backend) => {
  let desk: StaffDesk;
  let browser: StaffBrowser;

  beforeEach(async () => {
    desk = await openStaffDesk(await backend.open());
    browser = staffBrowser(desk.base);
  });

  async function fileWithAttachments() {
    return desk.file({
      contact: { email: 'ada@example.net' },
      attachments: [
        { filename: 'trace.log', contentType: 'text/plain', dataBase64: LOG.toString('base64') },
        { filename: 'page.html', contentType: 'text/plain', dataBase64: HTML_AS_TEXT.toString('base64') },
      ],
    });
  }

  it('files them with no GitHub write, and links each download from the issue with its SHA-256', async () => {
    const { id, issueNumber } = await fileWithAttachments();

    expect(desk.github.calls.filter((call) => call.startsWith('putFile'))).toEqual([]);
    const body = desk.github.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? '';
    const download = `${STAFF_PUBLIC_URL}/staff/orgs/${ORG}/reports/${id}/attachments`;
    expect(body).toContain(`- [\`trace.log\`](${download}/1) (${LOG.length} B, text/plain)\n  - SHA-256 \`${createHash('sha256').update(LOG).digest('hex')}\``);
    expect(body).toContain(`- [\`page.html.txt\`](${download}/2)`);
  });

  it('lists them on the staff page and serves each only as a download, to signed-in staff', async () => {
    const { id } = await fileWithAttachments();
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));

    const page = await (await browser.get(desk.pagePath(id))).text();
    const first = await browser.get(`${desk.pagePath(id)}/attachments/1`);
    const second = await browser.get(`${desk.pagePath(id)}/attachments/2`);

    expect(page).toContain(`<a href="${desk.pagePath(id)}/attachments/1" download="trace.log">trace.log</a>`);
    expect(page).toContain(createHash('sha256').update(LOG).digest('hex'));
    expect(first.status).toBe(200);
    expect(Buffer.from(await first.arrayBuffer()).equals(LOG)).toBe(true);
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="trace.log"');
    expect(first.headers.get('content-type')).toBe('application/octet-stream');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('content-security-policy')).toContain('sandbox');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(second.headers.get('content-disposition')).toBe('attachment; filename="page.html.txt"');
    expect(Buffer.from(await second.arrayBuffer()).equals(HTML_AS_TEXT)).toBe(true);
  });

  it('sends a signed-out browser to sign in instead of the file', async () => {
    const { id } = await fileWithAttachments();

    const response = await browser.get(`${desk.pagePath(id)}/attachments/1`);
    const text = await response.text();

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/login/oauth/authorize?');
    expect(text).not.toContain('GET /admin');
    // Once signed in, GitHub's redirect comes back to the download itself.
    const callback = await browser.signIn(desk.oauth, WRITER, `${desk.pagePath(id)}/attachments/1`);
    expect(callback.headers.get('location')).toBe(`${desk.pagePath(id)}/attachments/1`);
  });

  it('refuses someone without write access, and answers 404 for a file that is not there', async () => {
    const { id } = await fileWithAttachments();
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    desk.setPermission(WRITER, 'triage');
    desk.setNow(new Date(desk.now().getTime() + 61_000));

    const refused = await browser.get(`${desk.pagePath(id)}/attachments/1`);
    desk.setPermission(WRITER, 'write');
    desk.setNow(new Date(desk.now().getTime() + 61_000));
    const missing = await browser.get(`${desk.pagePath(id)}/attachments/3`);

    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('GET /admin');
    expect(missing.status).toBe(404);
  });

  it('says they were removed, and when, after the retention period; the download is gone', async () => {
    const { id } = await fileWithAttachments();
    const triage = await desk.store.getTriage(id);
    if (triage === null) throw new Error('not filed');
    await desk.store.saveTriage({ reportId: id, expectedVersion: triage.version, fields: { ...triage, status: 'resolved', closedAt: desk.now() }, events: [], jobs: [], messages: [] });
    desk.setNow('2026-06-15T12:00:00Z');
    await desk.store.purgeContacts(desk.now());
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));

    const page = await (await browser.get(desk.pagePath(id))).text();
    const download = await browser.get(`${desk.pagePath(id)}/attachments/1`);

    expect(page).toContain('2 attachments were removed on 15 June 2026, at the end of the retention period.');
    expect(page).not.toContain('trace.log');
    expect(download.status).toBe(404);
  });

  it('says they were removed at the researcher’s request', async () => {
    const { id, statusToken } = await fileWithAttachments();
    desk.setNow('2026-03-03T08:00:00Z');
    await desk.statusDesk.erase(statusToken);
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));

    const page = await (await browser.get(desk.pagePath(id))).text();

    expect(page).toContain('2 attachments were removed on 3 March 2026, at the researcher’s request.');
    expect((await browser.get(`${desk.pagePath(id)}/attachments/2`)).status).toBe(404);
  });
});
