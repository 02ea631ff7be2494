import { describe, expect, it } from 'vitest';
import type { FixVerificationView, StatusStory, StatusView } from '../../src/flows/intake/intake-ports.js';
import { statusView, tokenFor, type FakeIntake } from './helpers/fake-intake.js';
import { serve } from './helpers/serve.js';

/*
 * The request to verify the fix on the status page (`/verify-fix`): the story shows each
 * request with its answer, the open one gets a form (confirmed fixed / not fixed, a note),
 * and the form posts to the page itself. The report was received on Tuesday 3 March 2026.
 */

const STORY: StatusStory = {
  acknowledgedAt: new Date('2026-03-03T08:05:00Z'),
  triageStartedAt: new Date('2026-03-04T09:00:00Z'),
  questions: [],
  acceptedAt: new Date('2026-03-05T10:00:00Z'),
  fixPlanned: null,
  fixedAt: null,
  published: null,
  advisoryPending: false,
  closed: null,
};
const ASKED = new Date('2026-03-09T10:00:00Z');

function request(overrides: Partial<FixVerificationView> = {}): FixVerificationView {
  return { request: 1, requestedAt: ASKED, answer: null, open: true, ...overrides };
}

/** An accepted report whose fix staff asked the researcher to verify. */
function asked(verifications: FixVerificationView[], overrides: Partial<StatusView> = {}): StatusView {
  return statusView({ state: 'filed', triage: { stage: 'accepted', paused: false, fixBy: null }, story: STORY, fixVerifications: verifications, ...overrides });
}

/** The story's list items as text, each with its state, tags removed. */
function stepsIn(html: string): string[] {
  const list = /<ol class="story-steps">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li class="step step-(done|current|next)[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map(
    ([, state, text]) => `${state}: ${(text ?? '').replace(/<br>/g, ' / ').replace(/<[^>]+>/g, '')}`,
  );
}

/** Records answers the page hands the desk, answering `outcome`. */
function answering(intake: FakeIntake, outcome: 'recorded' | 'already-answered' | 'not-open' | 'not-filed' | 'unknown' = 'recorded') {
  const answers: Array<{ token: string; request: number; verdict: string; note: string }> = [];
  intake.answerFixVerification = (token, answer) => {
    answers.push({ token, ...answer });
    return Promise.resolve(outcome);
  };
  return answers;
}

function post(base: string, token: string, fields: Record<string, string>, query = ''): Promise<Response> {
  return fetch(`${base}/status/${token}${query}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

describe('the request to verify the fix on the status page', () => {
  it('shows the open request as the current step, with a form that names it', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(1), asked([request()]));

    const html = await (await fetch(`${base}/status/${tokenFor(1)}`)).text();

    expect(stepsIn(html)).toEqual([
      'done: Received – 3 March 2026',
      'done: Receipt confirmed – 3 March 2026',
      'done: Assessment started – 4 March 2026',
      'done: Accepted as a vulnerability – 5 March 2026',
      'current: We asked you to check the fix – 9 March 2026 / Waiting for your answer: see &quot;Is the problem fixed?&quot; below.',
      'next: Next: An expected fix date, by Tuesday, 10 March 2026 at 09:00 CET',
    ]);
    expect(html).toContain('The security team asks you to check their fix: see &quot;Is the problem fixed?&quot; below.');
    expect(html).toContain('<h2 id="verify-fix-heading">Is the problem fixed?</h2>');
    expect(html).toContain('<p>On 9 March 2026 the security team asked you to check their fix. Please tell them whether the problem still occurs.</p>');
    expect(html).toContain('<form method="post" action="?lang=en">\n<input type="hidden" name="request" value="1">');
    expect(html).toContain('<input id="verify-confirmed" name="verification" type="radio" value="confirmed" required>\n<label for="verify-confirmed">Confirmed fixed: the problem no longer occurs</label>');
    expect(html).toContain('<input id="verify-not-fixed" name="verification" type="radio" value="not-fixed" required>\n<label for="verify-not-fixed">Not fixed: the problem still occurs</label>');
    expect(html).toContain('<textarea id="verify-note" name="note" rows="4" maxlength="50000"></textarea>');
    expect(html).toContain('<button type="submit">Send answer</button>');
    // Before the conversation and the reply form, which stay as they were.
    expect(html.indexOf('verify-fix-heading')).toBeLessThan(html.indexOf('reply-heading'));
    expect(html).toContain('name="message"');
  });

  it('is in Dutch on a Dutch page', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(2), asked([request({ request: 2 })], { language: 'nl' }));

    const html = await (await fetch(`${base}/status/${tokenFor(2)}`)).text();

    expect(stepsIn(html)).toContain('current: We hebben u gevraagd de oplossing te controleren – 9 maart 2026 / We wachten op uw antwoord: zie &quot;Is het probleem opgelost?&quot; hieronder.');
    expect(html).toContain('<h2 id="verify-fix-heading">Is het probleem opgelost?</h2>');
    expect(html).toContain('<p>Op 9 maart 2026 vroeg het securityteam u de oplossing te controleren. Laat het team weten of het probleem nog optreedt.</p>');
    expect(html).toContain('<form method="post" action="?lang=nl">\n<input type="hidden" name="request" value="2">');
    expect(html).toContain('<label for="verify-confirmed">Opgelost: het probleem treedt niet meer op</label>');
    expect(html).toContain('<label for="verify-not-fixed">Niet opgelost: het probleem treedt nog op</label>');
    expect(html).toContain('<button type="submit">Antwoord versturen</button>');
    expect(html).not.toContain('Is the problem fixed?');
  });

  it('shows answers in the story, and no form once the request is answered or replaced', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(
      tokenFor(3),
      asked([
        request({ request: 1, answer: { verdict: 'not-fixed', at: new Date('2026-03-10T09:00:00Z') }, open: false }),
        request({ request: 2, requestedAt: new Date('2026-03-12T09:00:00Z'), open: false }),
        request({ request: 3, requestedAt: new Date('2026-03-13T09:00:00Z'), answer: { verdict: 'confirmed', at: new Date('2026-03-14T09:00:00Z') }, open: false }),
      ]),
    );

    const html = await (await fetch(`${base}/status/${tokenFor(3)}`)).text();

    expect(stepsIn(html).slice(3)).toEqual([
      'current: Accepted as a vulnerability – 5 March 2026',
      'done: We asked you to check the fix – 9 March 2026 / You told us on 10 March 2026 that the problem is not fixed.',
      'done: We asked you to check the fix – 12 March 2026 / No longer open for an answer.',
      'done: We asked you to check the fix – 13 March 2026 / You confirmed on 14 March 2026 that the problem is fixed.',
      'next: Next: An expected fix date, by Tuesday, 10 March 2026 at 09:00 CET',
    ]);
    expect(html).not.toContain('verify-fix-heading');
    expect(html).not.toContain('name="verification"');
    expect(html).not.toContain('asks you to check their fix');
  });

  it('leaves the page as it was while staff never asked', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(4), asked([]));
    const without = statusView({ state: 'filed', triage: { stage: 'accepted', paused: false, fixBy: null }, story: STORY });
    intake.statuses.set(tokenFor(5), without);

    const [empty, absent] = await Promise.all([fetch(`${base}/status/${tokenFor(4)}`).then((r) => r.text()), fetch(`${base}/status/${tokenFor(5)}`).then((r) => r.text())]);

    // The same page, but for its own token in the links.
    expect(empty.replaceAll(tokenFor(4), 'TOKEN')).toBe(absent.replaceAll(tokenFor(5), 'TOKEN'));
    expect(absent).not.toContain('verify-fix');
  });
});

describe('POST /status/{token} with an answer to the request', () => {
  it('hands the answer to the desk and redirects to the page (post/redirect/get)', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(6), asked([request({ request: 2 })]));
    const answers = answering(intake);

    const response = await post(base, tokenFor(6), { request: '2', verification: 'not-fixed', note: '  Still reproducible.\n' }, '?lang=nl');

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/status/${tokenFor(6)}?lang=nl&sent=1`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answers).toEqual([{ token: tokenFor(6), request: 2, verdict: 'not-fixed', note: 'Still reproducible.' }]);
    expect(intake.replies).toEqual([]);
  });

  it('takes a multipart post without a note', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(7), asked([request()]));
    const answers = answering(intake);
    const form = new FormData();
    form.append('request', '1');
    form.append('verification', 'confirmed');

    const response = await fetch(`${base}/status/${tokenFor(7)}`, { method: 'POST', body: form, redirect: 'manual' });

    expect(response.status).toBe(303);
    expect(answers).toEqual([{ token: tokenFor(7), request: 1, verdict: 'confirmed', note: '' }]);
  });

  it.each([['no choice', ''], ['an unknown choice', 'maybe']])('refuses %s with 400, keeping the note (escaped) in the form', async (_case, verification) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(8), asked([request()]));
    const answers = answering(intake);

    const response = await post(base, tokenFor(8), { request: '1', verification, note: '</textarea><script>alert(1)</script>' });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('<p class="error-message" role="alert">Choose &quot;Confirmed fixed&quot; or &quot;Not fixed&quot; first.</p>');
    expect(html).toContain('<textarea id="verify-note" name="note" rows="4" maxlength="50000">&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('aria-invalid="true"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(answers).toEqual([]);
  });

  it('refuses a note over 50,000 characters with 400, keeping the choice', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(9), asked([request()]));
    const answers = answering(intake);

    const response = await post(base, tokenFor(9), { request: '1', verification: 'not-fixed', note: 'x'.repeat(50_001) });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('Your note is too long: at most 50,000 characters.');
    expect(html).toContain('<input id="verify-not-fixed" name="verification" type="radio" value="not-fixed" required checked>');
    expect(answers).toEqual([]);
  });

  it.each([['missing', null], ['not a number', 'one'], ['zero', '0'], ['negative', '-1'], ['huge', '9'.repeat(20)]])('refuses a request number that is %s with 400', async (_case, value) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(10), asked([request()]));
    const answers = answering(intake);

    const response = await post(base, tokenFor(10), { verification: 'confirmed', ...(value === null ? {} : { request: value }) });

    expect(response.status).toBe(400);
    expect(answers).toEqual([]);
  });

  it.each([
    ['already-answered', 'You already answered this request, and your first answer stands. To add something, send a message below.'],
    ['not-open', 'This request can no longer be answered: the security team asked again, or the report moved on. The page shows where it stands now.'],
  ] as const)('answers %s with 409 and the page saying so', async (outcome, text) => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(11), asked([request({ answer: { verdict: 'confirmed', at: new Date('2026-03-10T09:00:00Z') }, open: false })]));
    answering(intake, outcome);

    const response = await post(base, tokenFor(11), { request: '1', verification: 'confirmed' });
    const html = await response.text();

    expect(response.status).toBe(409);
    expect(html).toContain(`<section class="verify-fix"><p class="error-message" role="alert">${text}</p></section>`);
    expect(html).not.toContain('name="verification"');
  });

  it('answers an unknown token with the plain 404', async () => {
    const { base, intake } = await serve();
    answering(intake);

    const response = await post(base, tokenFor(12), { request: '1', verification: 'confirmed' });

    expect(response.status).toBe(404);
  });

  it('still takes a plain reply on the same route', async () => {
    const { base, intake } = await serve();
    intake.statuses.set(tokenFor(13), asked([request()]));
    const answers = answering(intake);

    const response = await post(base, tokenFor(13), { message: 'One more thing.' });

    expect(response.status).toBe(303);
    expect(intake.replies).toEqual([{ token: tokenFor(13), text: 'One more thing.' }]);
    expect(answers).toEqual([]);
  });
});
