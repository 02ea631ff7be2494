import { beforeEach, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.js';
import { fixVerificationKey } from '../../src/flows/researcher/receive-fix-verification.js';
import { sendMailJob, sendMailJobKey } from '../../src/flows/researcher/send-mail-job.js';
import { silentLogger } from '../../src/log.js';
import type { Mailer, OutgoingMail } from '../../src/ports/mailer.js';
import { ReportInput } from '../../src/report/report.js';
import { type Desk, ORG, SAMPLE_REPORT, TRACKING_REPO, openDesk } from '../helpers/filed-report.js';
import { describeEachBackend } from '../helpers/stores.js';
import { serve } from '../web/helpers/serve.js';

// Fix verification (README "Triage in the tracking issue", "The status page"): `/verify-fix`
// asks the researcher to check the fix, on the status page and by e-mail; their answer lands
// on the tracking issue once, as a comment and the label `fix:verified` or `fix:not-fixed`.

/** Past any backoff the worker gives a failed job here. */
const EMAIL = 'ada@example.org';
/** Text a hostile researcher might send: mentions, references, HTML, a fence of their own, a command, a marker. */
const HOSTILE = ['@acme/security still broken, see #1', '<img src=x onerror=alert(1)>', '```', '/accept', '```', '<!-- disclosure-desk:job=x -->'].join('\n');

describeEachBackend('verifying a fix with the researcher', (backend) => {
  let desk: Desk;
  let report: { id: string; issueNumber: number; token: string };

  beforeEach(async () => {
    desk = await openDesk(await backend.open());
    const accepted = await desk.intake.accept(ORG, 'api', ReportInput.parse({ ...SAMPLE_REPORT, contact: { email: EMAIL }, language: 'nl' }));
    await desk.core.worker.runOnce();
    const filed = await desk.store.getReport(accepted.id);
    if (filed?.issueNumber == null) throw new Error('the report was not filed');
    report = { id: accepted.id, issueNumber: filed.issueNumber, token: accepted.statusToken };
  });

  async function staff(command: string): Promise<void> {
    await desk.comment(report.issueNumber, command);
    await desk.core.worker.runOnce();
  }


  function answer(request: number, verdict: 'confirmed' | 'not-fixed', note = '') {
    const answerFixVerification = desk.statusDesk.answerFixVerification?.bind(desk.statusDesk);
    if (answerFixVerification === undefined) throw new Error('the status desk takes no fix verification');
    return answerFixVerification(report.token, { request, verdict, note });
  }

  /** The answers posted on the issue (by their outbox marker). */
  function answerComments(request = 1): string[] {
    return desk.commentsOn(report.issueNumber).filter((body) => body.includes(`disclosure-desk:job=${fixVerificationKey(report.id, request)}`));
  }

  function labels(): string[] {
    return desk.issue(report.issueNumber).labels;
  }

  it('refuses /verify-fix on a report with no fix to check, with a reply naming the usage, and changes nothing', async () => {
    const before = desk.commentsOn(report.issueNumber).length;
    await staff('/verify-fix');
    await staff('/severity high\n/verify-fix');

    const comments = desk.commentsOn(report.issueNumber).slice(before);
    expect(comments[0]).toContain('`/verify-fix` not applied: there is no fix to verify while the report is new. `usage: /verify-fix [note to the researcher] (after /accept or /resolved)`');
    expect(comments[1]).toContain('`/verify-fix` not applied: there is no fix to verify while the report is triaged.');
    const events = (await desk.store.listEvents(report.id)).map((event) => event.type);
    expect(events).not.toContain('fix-verification-requested');
    expect((await desk.statusDesk.status(report.token))?.fixVerifications).toBeUndefined();
    expect((await desk.store.listMessages(report.id)).map((m) => m.kind)).toEqual([]);
  });

  it('asks the researcher after /accept: a confirmation for staff, the request on the status page and a mail in their language', async () => {
    const before = desk.commentsOn(report.issueNumber).length;
    await staff('/accept\n/verify-fix Please try https://app.example.org/team again.');

    const [comment] = desk.commentsOn(report.issueNumber).slice(before);
    expect(comment).toContain('Fix verification requested: the researcher can answer **confirmed fixed** or **not fixed** on their status page');
    const view = await desk.statusDesk.status(report.token);
    expect(view?.fixVerifications).toEqual([{ request: 1, requestedAt: desk.now(), answer: null, open: true }]);
    const messages = await desk.store.listMessages(report.id);
    expect(messages.map((m) => m.kind)).toEqual(['accepted', 'verify-fix']);
    expect(messages[1]?.body).toBe(
      'We hebben een oplossing voor het probleem dat u meldde en vragen u die te controleren: treedt het probleem nog op?\n\nPlease try https://app.example.org/team again.\n\nGeef uw antwoord op uw statuspagina, "Opgelost" of "Niet opgelost", eventueel met een toelichting.',
    );
    const event = (await desk.store.listEvents(report.id)).find((e) => e.type === 'fix-verification-requested');
    // The event keeps the note's length, never its text.
    expect(event?.data).toEqual({ characters: 'Please try https://app.example.org/team again.'.length });
  });

  it('mails the request to the researcher, once, under its own subject', async () => {
    await desk.comment(report.issueNumber, '/resolved\n/verify-fix');
    // Before the worker runs: the desk in these tests has no SMTP, so its mail jobs end at once.
    const job = await desk.store.getJob(sendMailJobKey(report.id, 2));
    if (job === null) throw new Error('no mail job for the request');
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: (mail) => (sent.push(mail), Promise.resolve({ messageId: '' })) };
    const settings = { from: 'security@acme.example', replyTo: null, messageIdHost: 'acme.example' };

    const outcome = await sendMailJob({ store: desk.store, mailer, pgp: null, settings, log: silentLogger })(job);

    expect(outcome).toEqual({ kind: 'done' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(EMAIL);
    expect(sent[0]?.subject).toBe(`[${report.id}] Wilt u onze oplossing controleren?`);
    expect(sent[0]?.text).toContain('vragen u die te controleren');
    expect(sent[0]?.headers?.['Message-ID']).toBe(`<${report.id}.message-2@acme.example>`);
  });

  it.each([
    ['confirmed', 'fix:verified', '**Fix verification from the researcher** (status page): **confirmed fixed**.\n\nNo note.'],
    ['not-fixed', 'fix:not-fixed', '**Fix verification from the researcher** (status page): **not fixed**. Nothing else was changed'],
  ] as const)('lands a "%s" answer on the issue once, as a comment and the label %s, through a 502 and a lost answer', async (verdict, label, heading) => {
    await staff('/resolved\n/verify-fix');
    const issues = await desk.github.issues(7);
    const createComment = issues.createComment.bind(issues);
    const updateIssue = issues.updateIssue.bind(issues);
    let commentFailures = 0;
    let editFailures = 0;
    issues.createComment = async (owner, repo, issueNumber, body) => {
      if (body.includes('disclosure-desk:job=fix-verification:') && commentFailures < 2) {
        commentFailures += 1;
        // First a 502 (nothing posted), then a write GitHub performs and whose answer is lost.
        if (commentFailures === 2) await createComment(owner, repo, issueNumber, body);
        throw new TransientError('create comment: server error (502)', 502);
      }
      return createComment(owner, repo, issueNumber, body);
    };
    issues.updateIssue = async (owner, repo, issueNumber, update) => {
      if (update.labels?.includes(label) === true && editFailures < 2) {
        editFailures += 1;
        if (editFailures === 2) await updateIssue(owner, repo, issueNumber, update);
        throw new TransientError('update issue: server error (502)', 502);
      }
      return updateIssue(owner, repo, issueNumber, update);
    };

    const outcome = await answer(1, verdict);
    await desk.core.worker.runOnce();
    await desk.runLater(4);

    expect(outcome).toBe('recorded');
    expect([commentFailures, editFailures]).toEqual([2, 2]);
    const comments = answerComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(heading);
    expect(labels()).toContain(label);
    expect(labels().filter((name) => name.startsWith('fix:'))).toEqual([label]);
    // The label is created once in the repository, with its colour and description.
    expect((desk.github.labels.get(`${ORG}/${TRACKING_REPO}`) ?? []).filter((spec) => spec.name === label)).toHaveLength(1);
    expect((await desk.store.getJob(fixVerificationKey(report.id, 1)))?.state).toBe('done');
    const view = await desk.statusDesk.status(report.token);
    expect(view?.fixVerifications).toEqual([{ request: 1, requestedAt: expect.any(Date) as Date, answer: { verdict, at: expect.any(Date) as Date }, open: false }]);
  });

  it('writes the answer on the issue in the tracking language', async () => {
    const dutch = await openDesk(await backend.open(), { config: { tracking: { language: 'nl' } } });
    const accepted = await dutch.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));
    await dutch.core.worker.runOnce();
    const issueNumber = (await dutch.store.getReport(accepted.id))?.issueNumber ?? 0;
    await dutch.comment(issueNumber, '/accept\n/verify-fix');
    await dutch.core.worker.runOnce();

    const outcome = await dutch.statusDesk.answerFixVerification?.(accepted.statusToken, { request: 1, verdict: 'confirmed', note: 'Works.' });
    await dutch.core.worker.runOnce();

    expect(outcome).toBe('recorded');
    const comments = dutch.commentsOn(issueNumber);
    expect(comments.at(-2)).toContain('Controle van de oplossing gevraagd: de melder kan op de statuspagina antwoorden met **opgelost** of **niet opgelost**');
    expect(comments.at(-1)).toContain('**Controle van de oplossing door de melder** (statuspagina): **opgelost**.\n\n```text\nWorks.\n```');
    expect(dutch.issue(issueNumber).labels).toContain('fix:verified');
  });

  it('neutralises the note on the issue and keeps it as written for the status page', async () => {
    await staff('/accept\n/verify-fix');

    const outcome = await answer(1, 'not-fixed', `  ${HOSTILE}\u0000 `);
    await desk.core.worker.runOnce();

    expect(outcome).toBe('recorded');
    const [comment] = answerComments();
    const body = (comment ?? '').split('\n').slice(1).join('\n');
    const match = /^(.*)\n\n(`{3,}|~{3,})text\n([\s\S]*)\n\2$/.exec(body);
    expect(match?.[1]).toBe(
      '**Fix verification from the researcher** (status page): **not fixed**. Nothing else was changed: plan the next fix (`/accept` reopens a resolved report, `/fix-by` sets a date), then ask again with `/verify-fix`.',
    );
    const fence = match?.[2] ?? '';
    const content = match?.[3] ?? '';
    expect(content).toContain('@acme/security still broken, see #1\n<img src=x onerror=alert(1)>\n```\n/accept\n```\n');
    expect(content).not.toContain(fence);
    expect(content).not.toContain('<!--');
    expect(labels()).toContain('fix:not-fixed');
    const messages = await desk.store.listMessages(report.id);
    expect(messages.at(-1)).toMatchObject({ kind: 'from-researcher', body: `Controle van de oplossing: niet opgelost.\n\n${HOSTILE}` });
    const event = (await desk.store.listEvents(report.id)).find((e) => e.type === 'fix-verification-answered');
    expect(event?.data).toEqual({ request: 1, verdict: 'not-fixed', characters: HOSTILE.length });
    // Nothing else moves: staff decide what "not fixed" means.
    expect((await desk.store.getTriage(report.id))?.status).toBe('accepted');
  });

  it('keeps the first answer to a request and refuses a second one, also when both come at once', async () => {
    await staff('/resolved\n/verify-fix');

    const [first, second] = await Promise.all([answer(1, 'confirmed', 'Works now.'), answer(1, 'not-fixed', 'Oops, no.')]);
    const third = await answer(1, 'not-fixed');
    await desk.core.worker.runOnce();

    expect([first, second].sort()).toEqual(['already-answered', 'recorded']);
    expect(third).toBe('already-answered');
    expect(answerComments()).toHaveLength(1);
    expect((await desk.store.listEvents(report.id)).filter((e) => e.type === 'fix-verification-answered')).toHaveLength(1);
    expect(labels().filter((name) => name.startsWith('fix:'))).toHaveLength(1);
  });

  it('opens a new request with a new /verify-fix: the old one can no longer be answered, and the labels follow the new answer', async () => {
    await staff('/accept\n/verify-fix');
    await answer(1, 'not-fixed', 'Still there.');
    await desk.core.worker.runOnce();
    expect(labels()).toContain('fix:not-fixed');
    await staff('/verify-fix Second attempt deployed.');
    const asked = await desk.statusDesk.status(report.token);

    const stale = await answer(1, 'confirmed');
    const unknownRequest = await answer(3, 'confirmed');
    const fresh = await answer(2, 'confirmed');
    await desk.core.worker.runOnce();

    // The new request removed the verdict on the earlier fix.
    expect(asked?.fixVerifications?.map((r) => [r.request, r.answer?.verdict ?? null, r.open])).toEqual([
      [1, 'not-fixed', false],
      [2, null, true],
    ]);
    expect([stale, unknownRequest, fresh]).toEqual(['already-answered', 'not-open', 'recorded']);
    expect(labels().filter((name) => name.startsWith('fix:'))).toEqual(['fix:verified']);
    expect(answerComments(2)).toHaveLength(1);
    const view = await desk.statusDesk.status(report.token);
    expect(view?.fixVerifications?.map((r) => [r.request, r.answer?.verdict ?? null, r.open])).toEqual([
      [1, 'not-fixed', false],
      [2, 'confirmed', false],
    ]);
  });

  it('supersedes an unanswered request with a new one', async () => {
    await staff('/accept\n/verify-fix');
    await staff('/verify-fix');

    expect(await answer(1, 'confirmed')).toBe('not-open');
    expect(await answer(2, 'confirmed')).toBe('recorded');
  });

  it('closes an open request when the report no longer has a fix to check', async () => {
    await staff('/accept\n/verify-fix');
    await staff('/reject Not a vulnerability after all.');

    const view = await desk.statusDesk.status(report.token);
    const outcome = await answer(1, 'confirmed');

    expect(view?.fixVerifications).toEqual([{ request: 1, requestedAt: expect.any(Date) as Date, answer: null, open: false }]);
    expect(outcome).toBe('not-open');
    expect(answerComments()).toEqual([]);
  });

  it('goes from the page to the issue and back: the form, the answer once, the story, a second post refused', async () => {
    await staff('/resolved\n/verify-fix');
    const { base } = await serve({ statusDesk: desk.statusDesk, pages: desk.pages, now: desk.now });
    const url = `${base}/status/${report.token}`;

    const page = await (await fetch(url)).text();
    const request = /<input type="hidden" name="request" value="(\d+)">/.exec(page)?.[1] ?? '';
    const body = new URLSearchParams({ request, verification: 'not-fixed', note: HOSTILE });
    const posted = await fetch(url, { method: 'POST', body, redirect: 'manual' });
    await desk.core.worker.runOnce();
    const after = await (await fetch(`${url}?lang=nl&sent=1`)).text();
    const again = await fetch(url, { method: 'POST', body, redirect: 'manual' });
    await desk.core.worker.runOnce();

    expect(page).toContain('<h2 id="verify-fix-heading">Is het probleem opgelost?</h2>');
    expect(request).toBe('1');
    expect(posted.status).toBe(303);
    expect(answerComments()).toHaveLength(1);
    expect(labels()).toContain('fix:not-fixed');
    expect(after).toContain('U liet ons op 2 maart 2026 weten dat het probleem niet is opgelost.');
    expect(after).not.toContain('name="verification"');
    // The note is in the conversation, escaped.
    expect(after).toContain('Controle van de oplossing: niet opgelost.\n\n@acme/security still broken, see #1\n&lt;img src=x onerror=alert(1)&gt;');
    expect(after).not.toContain('<img src=x');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('U hebt deze vraag al beantwoord; uw eerste antwoord blijft staan.');
    expect(answerComments()).toHaveLength(1);
  });

  it('answers unknown for an unknown token and not-filed before filing', async () => {
    const queued = await desk.intake.accept(ORG, 'api', ReportInput.parse(SAMPLE_REPORT));
    const answerFixVerification = desk.statusDesk.answerFixVerification?.bind(desk.statusDesk);

    expect(await answerFixVerification?.('x'.repeat(43), { request: 1, verdict: 'confirmed', note: '' })).toBe('unknown');
    expect(await answerFixVerification?.(queued.statusToken, { request: 1, verdict: 'confirmed', note: '' })).toBe('not-filed');
  });
});
