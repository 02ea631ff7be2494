import { beforeEach, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { csrfOf, staffBrowser, type StaffBrowser } from '../helpers/staff-browser.js';
import { openStaffDesk, ORG, STAFF_PUBLIC_URL, type StaffDesk, TRACKING_REPO, WRITER } from '../helpers/staff-desk.js';
import { describeEachBackend } from '../helpers/stores.js';
import { testPgpKey } from '../helpers/pgp-keys.js';

const RESEARCHER = {
  contact: { name: 'Ada <b>Lovelace</b>', email: 'ada@example.net', phone: '+31 6 12345678', github: 'ada-l' },
  credit: 'name' as const,
};

/** Everything the desk logged, to check no contact detail is in it. */
function capturingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (meta: object, message: string) => lines.push(`${message} ${JSON.stringify(meta)}`);
  return { lines, debug: write, info: write, warn: write, error: write };
}

describeEachBackend('the staff page: sign-in with GitHub', (backend) => {
  let desk: StaffDesk;
  let browser: StaffBrowser;
  let log: ReturnType<typeof capturingLog>;

  beforeEach(async () => {
    log = capturingLog();
    desk = await openStaffDesk(await backend.open(), { log });
    browser = staffBrowser(desk.base);
  });

  it('sends a signed-out visitor to GitHub with a state bound to a short-lived cookie', async () => {
    const { id } = await desk.file(RESEARCHER);

    const { state, authorize, response } = await browser.startSignIn(desk.pagePath(id));

    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${desk.oauth.url}/login/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(desk.oauth.env.GITHUB_CLIENT_ID);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${STAFF_PUBLIC_URL}/staff/callback`);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('dd_staff_sign_in='));
    expect(cookie).toMatch(/; Path=\/staff; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    expect(cookie).not.toContain(state);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in round trip: the code is exchanged once, the token revoked, and a session cookie set', async () => {
    const { id } = await desk.file(RESEARCHER);

    const callback = await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));

    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(desk.pagePath(id));
    const session = callback.headers.getSetCookie().find((line) => line.startsWith('dd_staff_session='));
    expect(session).toMatch(/; Path=\/staff; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    expect(browser.cookies.has('dd_staff_sign_in')).toBe(false);
    expect(desk.oauth.redirectUris).toEqual([`${STAFF_PUBLIC_URL}/staff/callback`]);
    expect(desk.oauth.tokensIssued).toHaveLength(1);
    expect(desk.oauth.tokensRevoked).toEqual(desk.oauth.tokensIssued);
    const token = desk.oauth.tokensIssued[0] ?? 'none';
    expect(session).not.toContain(token);
    expect(log.lines.join('\n')).not.toContain(token);

    const page = await browser.get(desk.pagePath(id));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(html).toContain(`Report ${id}`);
    expect(html).toContain(`Signed in with GitHub as ${WRITER}.`);
    expect(html).toContain('Stored XSS in profile name');
    expect(html).toContain('By name');
    expect(html).toContain('Held: name, e-mail address, phone number, GitHub login.');
    expect(html).toContain('Reveal contact details');
    // Hidden until revealed: the values are not on the page.
    expect(html).not.toContain('ada@example.net');
    expect(html).not.toContain('12345678');
    expect(html).not.toContain('Lovelace');
  });

  it('refuses a callback whose state is wrong, missing, or not bound to this browser', async () => {
    const { id } = await desk.file(RESEARCHER);
    const { state } = await browser.startSignIn(desk.pagePath(id));

    const wrong = await browser.get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}&state=${state.slice(1)}x`);
    const missing = await browser.get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}`);
    const otherBrowser = await staffBrowser(desk.base).get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}&state=${state}`);

    for (const response of [wrong, missing, otherBrowser]) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Sign-in failed');
      expect(response.headers.getSetCookie().some((line) => line.startsWith('dd_staff_session='))).toBe(false);
    }
    // Refused before GitHub was asked anything.
    expect(desk.oauth.requests.filter((r) => r.path === '/login/oauth/access_token')).toEqual([]);
  });

  it('takes a state once: a replayed callback is refused, on this instance and any other', async () => {
    const { id } = await desk.file(RESEARCHER);
    const { state } = await browser.startSignIn(desk.pagePath(id));
    const stateCookie = browser.cookies.get('dd_staff_sign_in') ?? '';

    const first = await browser.get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}&state=${state}`);
    // A replay brings the state cookie back with it, as a copied request would.
    browser.cookies.set('dd_staff_sign_in', stateCookie);
    browser.cookies.delete('dd_staff_session');
    const replay = await browser.get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}&state=${state}`);

    expect(first.status).toBe(303);
    expect(replay.status).toBe(400);
    expect(browser.cookies.has('dd_staff_session')).toBe(false);
    expect(desk.oauth.requests.filter((r) => r.path === '/login/oauth/access_token')).toHaveLength(1);
  });

  it('refuses a state that came back after ten minutes', async () => {
    const { id } = await desk.file(RESEARCHER);
    const { state } = await browser.startSignIn(desk.pagePath(id));

    desk.setNow(new Date(desk.now().getTime() + 10 * 60_000 + 1_000));
    const late = await browser.get(`/staff/callback?code=${desk.oauth.issueCode(WRITER)}&state=${state}`);

    expect(late.status).toBe(400);
    expect(browser.cookies.has('dd_staff_session')).toBe(false);
  });

  it('says so when GitHub refuses the code, and answers 503 when GitHub cannot be reached', async () => {
    const { id } = await desk.file(RESEARCHER);
    const refused = browser.startSignIn(desk.pagePath(id)).then(({ state }) => browser.get(`/staff/callback?code=not-a-code&state=${state}`));
    expect((await refused).status).toBe(400);

    desk.oauth.failNextExchange(502);
    const down = await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    expect(down.status).toBe(503);
    expect(browser.cookies.has('dd_staff_session')).toBe(false);
  });

  it('refuses sign-in callbacks from one network past twenty in ten minutes', async () => {
    const { id } = await desk.file(RESEARCHER);
    const answers: number[] = [];

    for (let i = 0; i < 21; i += 1) {
      const { state } = await browser.startSignIn(desk.pagePath(id));
      answers.push((await browser.get(`/staff/callback?code=wrong&state=${state}`)).status);
    }

    expect(answers.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(answers[20]).toBe(429);
  });

  it('refuses someone without write access to the tracking repository: 403, no session', async () => {
    const { id } = await desk.file(RESEARCHER);
    desk.setPermission('mallory', 'triage');

    const callback = await browser.signIn(desk.oauth, 'mallory', desk.pagePath(id));
    const html = await callback.text();

    expect(callback.status).toBe(403);
    expect(html).toContain('No access');
    expect(html).toContain(`Only people with write, maintain or admin access to ${ORG}/${TRACKING_REPO}`);
    expect(browser.cookies.has('dd_staff_session')).toBe(false);
    expect(html).not.toContain('ada@example.net');
  });

  it.each(['write', 'maintain', 'admin'] as const)('lets in someone with %s access', async (permission) => {
    const { id } = await desk.file(RESEARCHER);
    desk.setPermission('bob', permission);

    expect((await browser.signIn(desk.oauth, 'bob', desk.pagePath(id))).status).toBe(303);
    expect((await browser.get(desk.pagePath(id))).status).toBe(200);
  });

  it('stops letting someone in within a minute of their access being removed', async () => {
    const { id } = await desk.file(RESEARCHER);
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    expect((await browser.get(desk.pagePath(id))).status).toBe(200);

    desk.setPermission(WRITER, 'read');
    desk.setNow(new Date(desk.now().getTime() + 61_000));
    const page = await browser.get(desk.pagePath(id));
    const html = await page.text();
    const reveal = await browser.post(`${desk.pagePath(id)}/reveal`, { csrf: csrfOf(html) });

    expect(page.status).toBe(403);
    expect(html).toContain('No access');
    expect(reveal.status).toBe(403);
    expect(await reveal.text()).not.toContain('ada@example.net');
    expect((await desk.store.listEvents(id)).map((e) => e.type)).not.toContain('contact-revealed');
  });

  it('refuses a tampered session cookie, and one past its eight hours', async () => {
    const { id } = await desk.file(RESEARCHER);
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    const good = browser.cookies.get('dd_staff_session') ?? '';
    const [payload = '', signature = ''] = good.split('.');
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace(WRITER, 'mallo'), 'utf8').toString('base64url');

    browser.cookies.set('dd_staff_session', `${forged}.${signature}`);
    const tampered = await browser.get(desk.pagePath(id));
    const tamperedPost = await browser.post(`${desk.pagePath(id)}/reveal`, { csrf: 'x' });
    // Changed for certain: one signature in about a thousand already ends in "AA".
    browser.cookies.set('dd_staff_session', `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'QA' : 'AA'}`);
    const badSignature = await browser.get(desk.pagePath(id));

    browser.cookies.set('dd_staff_session', good);
    desk.setNow(new Date(desk.now().getTime() + 8 * 60 * 60_000 + 1_000));
    const expired = await browser.get(desk.pagePath(id));

    // A GET without a valid session starts a sign-in instead of showing anything; a POST is refused.
    for (const response of [tampered, badSignature, expired]) {
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toContain('/login/oauth/authorize?');
    }
    expect(tamperedPost.status).toBe(403);
    expect((await desk.store.listEvents(id)).map((e) => e.type)).not.toContain('contact-revealed');
  });

  it('refuses a staff form without the CSRF token of the session', async () => {
    const { id } = await desk.file(RESEARCHER);
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    const other = staffBrowser(desk.base);
    desk.setPermission('bob', 'write');
    await other.signIn(desk.oauth, 'bob', desk.pagePath(id));
    const othersToken = csrfOf(await (await other.get(desk.pagePath(id))).text());

    const missing = await browser.post(`${desk.pagePath(id)}/reveal`, {});
    const foreign = await browser.post(`${desk.pagePath(id)}/reveal`, { csrf: othersToken });
    const signOut = await browser.post('/staff/sign-out', {});

    for (const response of [missing, foreign, signOut]) {
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('The form has expired');
      expect(html).not.toContain('ada@example.net');
    }
    expect(browser.cookies.has('dd_staff_session')).toBe(true);
    expect((await desk.store.listEvents(id)).map((e) => e.type)).not.toContain('contact-revealed');
    expect(await desk.store.getJob(`reveal:${id}:${WRITER}:2026-03-02`)).toBeNull();
  });

  it('signs out on a POST with the token: the cookie is cleared and the page asks to sign in again', async () => {
    const { id } = await desk.file(RESEARCHER);
    await browser.signIn(desk.oauth, WRITER, desk.pagePath(id));
    const csrf = csrfOf(await (await browser.get(desk.pagePath(id))).text());

    const out = await browser.post('/staff/sign-out', { csrf });

    expect(out.status).toBe(200);
    expect(await out.text()).toContain('You are signed out');
    expect(browser.cookies.has('dd_staff_session')).toBe(false);
    expect((await browser.get(desk.pagePath(id))).status).toBe(302);
  });
});

describeEachBackend('the staff page: the report and the recorded reveal', (backend) => {
  let desk: StaffDesk;
  let browser: StaffBrowser;
  let log: ReturnType<typeof capturingLog>;

  beforeEach(async () => {
    log = capturingLog();
    desk = await openStaffDesk(await backend.open(), { log });
    browser = staffBrowser(desk.base);
  });

  async function signedInPage(id: string, path = desk.pagePath(id)): Promise<string> {
    await browser.signIn(desk.oauth, WRITER, path);
    return (await browser.get(path)).text();
  }

  it('links the staff page from the tracking issue, absolute, when PUBLIC_URL is set', async () => {
    const { issueNumber, id } = await desk.file(RESEARCHER);

    const body = desk.github.issue(ORG, TRACKING_REPO, issueNumber)?.body ?? '';

    expect(body).toContain(`| Tracking id | \`${id}\` · [staff page](${STAFF_PUBLIC_URL}/staff/orgs/${ORG}/reports/${id}) |`);
  });

  it('reveals the contact details on request, records it, and comments once on the tracking issue', async () => {
    const { id, issueNumber } = await desk.file(RESEARCHER);
    const csrf = csrfOf(await signedInPage(id));

    const revealed = await browser.post(`${desk.pagePath(id)}/reveal`, { csrf });
    const html = await revealed.text();

    expect(revealed.status).toBe(200);
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('ada@example.net');
    expect(html).toContain('+31 6 12345678');
    expect(html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(html).not.toContain('<b>Lovelace');
    expect(html).toContain('ada-l');
    expect(html).toContain('Your view was recorded');
    const events = (await desk.store.listEvents(id)).filter((e) => e.type === 'contact-revealed');
    expect(events.map((e) => e.data)).toEqual([{ login: WRITER }]);

    await desk.core.worker.runOnce();
    // Again the same day: recorded again, but the day's comment is not repeated.
    await browser.post(`${desk.pagePath(id)}/reveal`, { csrf });
    await desk.core.worker.runOnce();

    const comments = desk.commentsOn(issueNumber).filter((c) => c.includes('contact details'));
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`@${WRITER} viewed the researcher's contact details on 2 March 2026.`);
    expect((await desk.store.listEvents(id)).filter((e) => e.type === 'contact-revealed')).toHaveLength(2);
    const page = await (await browser.get(desk.pagePath(id))).text();
    expect(page).toContain('Recorded views');
    expect(page).not.toContain('ada@example.net');
    // Never in a log line.
    const logged = log.lines.join('\n');
    for (const secret of ['ada@example.net', '12345678', 'Lovelace']) expect(logged).not.toContain(secret);
    expect(logged).toContain('contact details revealed to staff');
  });

  it('posts the reveal comment exactly once through a 502 and a lost answer', async () => {
    const { id, issueNumber } = await desk.file(RESEARCHER);
    const issues = await desk.github.issues(7);
    const create = issues.createComment.bind(issues);
    let lost = 0;
    desk.github.failNext('createComment', new TransientError('create comment: 502', 502));
    issues.createComment = async (owner, repo, number, body) => {
      await create(owner, repo, number, body);
      // The second attempt lands, and its answer never arrives.
      if (body.includes('contact details') && (lost += 1) === 1) throw new TransientError('create comment: connection reset', null);
    };
    const csrf = csrfOf(await signedInPage(id));

    expect((await browser.post(`${desk.pagePath(id)}/reveal`, { csrf })).status).toBe(200);
    for (let round = 0; round < 5; round += 1) {
      await desk.core.worker.runOnce();
      desk.setNow(new Date(desk.now().getTime() + 10 * 60_000));
    }

    const comments = desk.commentsOn(issueNumber).filter((c) => c.includes('contact details'));
    expect(lost).toBe(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`disclosure-desk:job=reveal:${id}:${WRITER}:2026-03-02`);
    expect((await desk.store.getJob(`reveal:${id}:${WRITER}:2026-03-02`))?.state).toBe('done');
  });

  it('shows the fingerprint of the researcher’s OpenPGP key', async () => {
    const key = await testPgpKey('Ada', { date: new Date('2026-01-01T00:00:00Z') });
    const { id } = await desk.file({ ...RESEARCHER, contact: { ...RESEARCHER.contact, pgpKey: key.publicArmored } });
    const csrf = csrfOf(await signedInPage(id));

    const html = await (await browser.post(`${desk.pagePath(id)}/reveal`, { csrf })).text();

    expect(html).toContain(key.fingerprint);
    expect(html).not.toContain('BEGIN PGP');
  });

  it('says the contact details were removed, and when, after the researcher erased them', async () => {
    const { id, statusToken } = await desk.file(RESEARCHER);
    desk.setNow('2026-03-04T10:00:00Z');
    await desk.statusDesk.erase(statusToken);

    const html = await signedInPage(id);
    const reveal = await browser.post(`${desk.pagePath(id)}/reveal`, { csrf: csrfOf(html) });
    const after = await reveal.text();

    expect(html).toContain('The contact details were removed on 4 March 2026, at the researcher’s request.');
    expect(html).not.toContain('Reveal contact details');
    expect(reveal.status).toBe(200);
    expect(after).not.toContain('ada@example.net');
    expect((await desk.store.listEvents(id)).map((e) => e.type)).not.toContain('contact-revealed');
  });

  it('says the contact details were removed at the end of the retention period', async () => {
    const { id, issueNumber } = await desk.file(RESEARCHER);
    const triage = await desk.store.getTriage(id);
    await desk.store.saveTriage({ reportId: id, expectedVersion: triage?.version ?? 0, fields: { ...(triage as NonNullable<typeof triage>), status: 'rejected', closedAt: desk.now() }, events: [], jobs: [], messages: [] });
    await desk.store.purgeContacts(new Date(desk.now().getTime() + 91 * 86_400_000));
    desk.setNow(new Date(desk.now().getTime() + 91 * 86_400_000));

    const html = await signedInPage(id);

    expect(issueNumber).toBeGreaterThan(0);
    expect(html).toContain('at the end of the retention period');
    expect(html).not.toContain('Reveal contact details');
  });

  it('says so when the researcher left no contact details', async () => {
    const { id } = await desk.file({ credit: 'anonymous' });

    const html = await signedInPage(id);

    expect(html).toContain('The researcher left no contact details.');
    expect(html).toContain('No credit (anonymous)');
    expect(html).not.toContain('Reveal contact details');
  });

  it('answers 404 for an unknown report and for a report of another organisation', async () => {
    const { id } = await desk.file(RESEARCHER);
    desk.github.installations.set('globex', 8);
    desk.github.repos.set('globex/security-reports', { private: true, archived: false });
    desk.github.setPermission('globex', 'security-reports', WRITER, 'admin');
    await signedInPage(id);

    const unknown = await browser.get(`/staff/orgs/${ORG}/reports/DD-000000000000`);
    const elsewhere = await browser.get(`/staff/orgs/globex/reports/${id}`);
    const elsewhereReveal = await browser.post(`/staff/orgs/globex/reports/${id}/reveal`, { csrf: csrfOf(await (await browser.get(desk.pagePath(id))).text()) });
    const malformed = await browser.get(`/staff/orgs/${ORG}/reports/not-an-id`);

    expect(unknown.status).toBe(404);
    expect(elsewhere.status).toBe(404);
    expect(elsewhereReveal.status).toBe(404);
    expect(await elsewhereReveal.text()).not.toContain('ada@example.net');
    expect(malformed.status).toBe(404);
  });

  it('escapes the title as GitHub has it, and speaks Dutch when asked', async () => {
    const { id, issueNumber } = await desk.file(RESEARCHER);
    const issue = desk.github.issue(ORG, TRACKING_REPO, issueNumber);
    if (issue) issue.title = `[${id}] <script>alert(1)</script> & more`;

    const html = await signedInPage(id, `${desk.pagePath(id)}?lang=nl`);

    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(`Melding ${id}`);
    expect(html).toContain('Contactgegevens tonen');
  });

  it('answers 405 for the wrong method and a plain 404 for other staff paths', async () => {
    const { id } = await desk.file(RESEARCHER);

    expect((await browser.get(`${desk.pagePath(id)}/reveal`)).status).toBe(405);
    expect((await browser.post(desk.pagePath(id), {})).status).toBe(405);
    expect((await browser.get('/staff/elsewhere')).status).toBe(404);
  });
});

describeEachBackend('the staff page without its settings', (backend) => {
  it('answers 503 naming the variables that are missing', async () => {
    const desk = await openStaffDesk(await backend.open(), { env: { GITHUB_CLIENT_SECRET: '', PUBLIC_URL: '' } });
    const { id } = await desk.file(RESEARCHER);

    const response = await fetch(`${desk.base}${desk.pagePath(id)}`, { redirect: 'manual' });
    const text = await response.text();

    expect(response.status).toBe(503);
    expect(text).toContain('GITHUB_CLIENT_SECRET, PUBLIC_URL are not set');
    expect(text).not.toContain('GITHUB_CLIENT_ID,');
    const body = desk.github.issue(ORG, TRACKING_REPO, 1)?.body ?? '';
    expect(body).not.toContain('staff page');
  });
});
