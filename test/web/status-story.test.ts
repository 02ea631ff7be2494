import { describe, expect, it } from 'vitest';
import type { DeadlineView, StatusStory, StatusView } from '../../src/flows/intake/intake-ports.js';
import { cveRecordUrl, safeAdvisoryUrl, storySteps } from '../../src/web/pages/status-story.js';
import { translator } from '../../src/web/pages/strings.js';
import { serve } from './helpers/serve.js';
import { statusView, tokenFor } from './helpers/fake-intake.js';

/*
 * The story on the status page, state by state. The report was received on Tuesday 3 March
 * 2026 at 09:00 in Amsterdam (statusView); the fixtures move it along as the store would.
 */

const GHSA = 'GHSA-4m6q-2x7v-9cfh';
const ADVISORY_URL = `https://github.com/acme/widget/security/advisories/${GHSA}`;

const NO_STORY: StatusStory = { acknowledgedAt: null, triageStartedAt: null, questions: [], acceptedAt: null, fixPlanned: null, fixedAt: null, published: null, advisoryPending: false, closed: null };

const RECEIPT_DUE = new Date('2026-03-04T22:59:59.999Z');
const ASSESSMENT_DUE = new Date('2026-03-10T22:59:59.999Z');
const RESOLUTION_DUE = new Date('2026-04-02T21:59:59.999Z');

function deadline(kind: DeadlineView['kind'], outcome: DeadlineView['outcome'], metAt: string | null = null): DeadlineView {
  const due = kind === 'receipt' ? RECEIPT_DUE : kind === 'assessment' ? ASSESSMENT_DUE : RESOLUTION_DUE;
  const span = kind === 'resolution' ? { days: 30, unit: 'calendar' as const } : { days: kind === 'receipt' ? 1 : 5, unit: 'business' as const };
  return { kind, due, span, metAt: metAt === null ? null : new Date(metAt), outcome };
}

/** A filed report at a stage, with its story so far. */
function filed(stage: NonNullable<StatusView['triage']>['stage'], story: Partial<StatusStory>, overrides: Partial<StatusView> = {}): StatusView {
  return statusView({
    state: 'filed',
    triage: { stage, paused: (story.questions ?? []).some((q) => q.answeredAt === null), fixBy: story.fixPlanned?.date ?? null },
    story: { ...NO_STORY, acknowledgedAt: new Date('2026-03-03T08:05:00Z'), ...story },
    deadlines: [deadline('receipt', 'met', '2026-03-03T08:05:00Z'), deadline('assessment', 'due')],
    ...overrides,
  });
}

async function page(view: StatusView, lang = 'en'): Promise<string> {
  const { base, intake } = await serve();
  intake.statuses.set(tokenFor(1), view);
  return (await fetch(`${base}/status/${tokenFor(1)}?lang=${lang}`)).text();
}

/** The story's list items as text, each with its state, tags removed. */
function stepsIn(html: string): string[] {
  const list = /<ol class="story-steps">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li class="step step-(done|current|next)[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map(
    ([, state, text]) => `${state}: ${(text ?? '').replace(/<br>/g, ' / ').replace(/<[^>]+>/g, '')}`,
  );
}

/** The text of the Status row. */
function stateIn(html: string): string {
  return (/<strong class="state [^"]+">([^<]*)<\/strong>/.exec(html)?.[1] ?? '').trim();
}

describe('the story on the status page', () => {
  it('a fresh report in the queue: received is the current step, confirmation of receipt is next, with its promised date', async () => {
    const html = await page(statusView());

    expect(stateIn(html)).toBe('In the queue');
    expect(html).toContain('<h2 id="story-heading">Progress</h2>');
    expect(stepsIn(html)).toEqual(['current: Received – 3 March 2026', 'next: Next: Confirmation of receipt, by Wednesday, 4 March 2026 at 09:00 CET']);
    expect(html).toContain('<li class="step step-current step-received" aria-current="step"><strong>Received</strong> – <time datetime="2026-03-03T08:00:00.000Z">3 March 2026</time></li>');
  });

  it('acknowledged: receipt confirmed is current, the assessment is next', async () => {
    const html = await page(filed(null, {}));

    expect(stateIn(html)).toBe('With the security team');
    expect(stepsIn(html)).toEqual(['done: Received – 3 March 2026', 'current: Receipt confirmed – 3 March 2026', 'next: Next: Our assessment, by Tuesday, 10 March 2026 at 23:59 CET']);
    expect(html.match(/aria-current="step"/g)).toHaveLength(1);
  });

  it('needs your input: the open question is the current step, with the deadlines on hold and nothing next', async () => {
    const view = filed('triaged', { triageStartedAt: new Date('2026-03-04T09:00:00Z'), questions: [{ at: new Date('2026-03-04T09:00:00Z'), answeredAt: null }] });
    view.deadlines = [deadline('receipt', 'met', '2026-03-03T08:05:00Z'), deadline('assessment', 'paused')];

    const html = await page(view);

    expect(stateIn(html)).toBe('Being assessed');
    expect(stepsIn(html)).toEqual([
      'done: Received – 3 March 2026',
      'done: Receipt confirmed – 3 March 2026',
      'done: Assessment started – 4 March 2026',
      'current: We asked you for more information – 4 March 2026 / Waiting for your answer: see the messages below. The deadlines are on hold until then.',
    ]);
    expect(html).toContain('The deadlines are paused while the security team waits for information from you.');
    expect(html).toContain('Assessment by Tuesday, 10 March 2026 at 23:59 CET (within 5 business days): <strong class="outcome outcome-paused">on hold while we wait for your answer; the date moves by the time we wait</strong>');
  });

  it('an answered question stays in the story with its answer date; assessment is current again', async () => {
    const html = await page(filed('triaged', { triageStartedAt: new Date('2026-03-04T09:00:00Z'), questions: [{ at: new Date('2026-03-04T09:00:00Z'), answeredAt: new Date('2026-03-05T12:00:00Z') }] }));

    expect(stepsIn(html)).toEqual([
      'done: Received – 3 March 2026',
      'done: Receipt confirmed – 3 March 2026',
      'current: Assessment started – 4 March 2026',
      'done: We asked you for more information – 4 March 2026 / Information received on 5 March 2026.',
      'next: Next: Our assessment, by Tuesday, 10 March 2026 at 23:59 CET',
    ]);
  });

  it('accepted with a fix date: fix planned is current with the date for people, the fix is next, the resolution target is promised', async () => {
    const view = filed('accepted', {
      triageStartedAt: new Date('2026-03-04T09:00:00Z'),
      acceptedAt: new Date('2026-03-05T10:00:00Z'),
      fixPlanned: { date: '2026-04-01', at: new Date('2026-03-05T10:00:00Z') },
    });
    view.deadlines = [deadline('receipt', 'met', '2026-03-03T08:05:00Z'), deadline('assessment', 'met', '2026-03-05T10:00:00Z'), deadline('resolution', 'due')];

    const html = await page(view);

    expect(stateIn(html)).toBe('Accepted');
    expect(stepsIn(html)).toEqual([
      'done: Received – 3 March 2026',
      'done: Receipt confirmed – 3 March 2026',
      'done: Assessment started – 4 March 2026',
      'done: Accepted as a vulnerability – 5 March 2026',
      'current: Fix planned for 1 April 2026 – 5 March 2026',
      'next: Next: The fix, expected by 1 April 2026',
    ]);
    expect(html).toContain('Expected fix date: 1 April 2026');
    expect(html).toContain('Fix by Thursday, 2 April 2026 at 23:59 CEST (within 30 calendar days): <strong class="outcome outcome-due">due</strong>');
    expect(html).not.toMatch(/>[^<]*2026-04-01/);
  });

  it('accepted without a fix date: the expected fix date is next, by the assessment deadline', async () => {
    const html = await page(filed('accepted', { triageStartedAt: new Date('2026-03-04T09:00:00Z'), acceptedAt: new Date('2026-03-05T10:00:00Z') }));

    expect(stepsIn(html).at(-2)).toBe('current: Accepted as a vulnerability – 5 March 2026');
    expect(stepsIn(html).at(-1)).toBe('next: Next: An expected fix date, by Tuesday, 10 March 2026 at 23:59 CET');
  });

  it('resolved: fixed, then closed as fixed; never "with the security team" any more', async () => {
    const view = filed('resolved', {
      triageStartedAt: new Date('2026-03-04T09:00:00Z'),
      acceptedAt: new Date('2026-03-05T10:00:00Z'),
      fixPlanned: { date: '2026-04-01', at: new Date('2026-03-05T10:00:00Z') },
      fixedAt: new Date('2026-03-20T15:00:00Z'),
      closed: { at: new Date('2026-03-20T15:00:00Z'), reason: 'fixed' },
    });
    view.deadlines = [deadline('receipt', 'met', '2026-03-03T08:05:00Z'), deadline('assessment', 'met', '2026-03-05T10:00:00Z'), deadline('resolution', 'met', '2026-03-20T15:00:00Z')];

    const html = await page(view);

    expect(stateIn(html)).toBe('Fixed');
    expect(html).not.toContain('With the security team');
    expect(html).toContain('The vulnerability has been fixed.');
    expect(html).not.toContain('Expected fix date');
    expect(stepsIn(html).slice(-2)).toEqual(['done: Fixed – 20 March 2026', 'current: Closed: the vulnerability is fixed – 20 March 2026']);
    expect(html).toContain('(within 30 calendar days): <strong class="outcome outcome-met">met on 20 March 2026</strong>');
  });

  it('resolved while its advisory is still a draft: fixed is current and the publication is next', async () => {
    const html = await page(
      filed('resolved', {
        fixedAt: new Date('2026-03-20T15:00:00Z'),
        advisoryPending: true,
        closed: { at: new Date('2026-03-20T15:00:00Z'), reason: 'fixed' },
      }),
    );

    expect(stepsIn(html).slice(-2)).toEqual(['current: Fixed – 20 March 2026', 'next: Next: Publication of the security advisory']);
  });

  it('published: the advisory and the CVE id are links, and the report is closed', async () => {
    const html = await page(
      filed('published', {
        acceptedAt: new Date('2026-03-05T10:00:00Z'),
        fixedAt: new Date('2026-03-20T15:00:00Z'),
        published: { at: new Date('2026-03-24T12:00:00Z'), ghsaId: GHSA, advisoryUrl: ADVISORY_URL, cveId: 'CVE-2026-12345' },
        closed: { at: new Date('2026-03-24T12:00:00Z'), reason: 'published' },
      }),
    );

    expect(stateIn(html)).toBe('Published');
    expect(html).not.toContain('With the security team');
    expect(html).toContain('The vulnerability has been fixed and the security advisory is published.');
    expect(html).toContain(`Advisory: <a href="${ADVISORY_URL}" rel="noreferrer">${GHSA}</a><br>CVE: <a href="https://www.cve.org/CVERecord?id=CVE-2026-12345" rel="noreferrer">CVE-2026-12345</a>`);
    expect(stepsIn(html).slice(-3)).toEqual([
      'done: Fixed – 20 March 2026',
      `done: Security advisory published – 24 March 2026 / Advisory: ${GHSA} / CVE: CVE-2026-12345`,
      'current: Closed: fixed and published – 24 March 2026',
    ]);
  });

  it('published without a CVE id: only the advisory is linked', async () => {
    const html = await page(filed('published', { published: { at: new Date('2026-03-24T12:00:00Z'), ghsaId: GHSA, advisoryUrl: ADVISORY_URL, cveId: null }, closed: { at: new Date('2026-03-24T12:00:00Z'), reason: 'published' } }));

    expect(html).toContain(`Advisory: <a href="${ADVISORY_URL}" rel="noreferrer">${GHSA}</a></li>`);
    expect(html).not.toContain('cve.org');
  });

  it.each([
    ['duplicate', 'Closed: a duplicate of a report we already had', 'Gesloten: dubbel met een melding die we al hadden'],
    ['out-of-scope', 'Closed: out of scope', 'Gesloten: valt buiten de scope'],
    ['known', 'Closed: a known issue', 'Gesloten: een bekend probleem'],
    ['rejected', 'Closed: not accepted as a vulnerability', 'Gesloten: niet erkend als kwetsbaarheid'],
    ['closed', 'Closed', 'Gesloten'],
  ] as const)('closed as %s: the reason is the last, current step, in English and Dutch, and nothing is next', async (reason, english, dutch) => {
    const view = filed('closed', { triageStartedAt: new Date('2026-03-04T09:00:00Z'), closed: { at: new Date('2026-03-06T11:00:00Z'), reason } });
    view.deadlines = [deadline('receipt', 'met', '2026-03-03T08:05:00Z'), deadline('assessment', 'met', '2026-03-06T11:00:00Z')];

    const en = await page(view, 'en');
    const nl = await page(view, 'nl');

    expect(stateIn(en)).toBe('Closed');
    expect(stepsIn(en).at(-1)).toBe(`current: ${english} – 6 March 2026`);
    expect(stepsIn(nl).at(-1)).toBe(`current: ${dutch} – 6 maart 2026`);
    expect(en).not.toContain('step-next');
    expect(en).toContain('The security team has closed your report. See their message below.');
  });

  it('lists the steps by date when a question came after the acceptance, keeping the furthest step current', async () => {
    const steps = storySteps(
      translator('en'),
      'en',
      filed('accepted', {
        triageStartedAt: new Date('2026-03-04T09:00:00Z'),
        acceptedAt: new Date('2026-03-05T10:00:00Z'),
        questions: [{ at: new Date('2026-03-06T10:00:00Z'), answeredAt: new Date('2026-03-07T10:00:00Z') }],
      }),
    );

    expect(steps.map((step) => `${step.state} ${step.key}`)).toEqual(['done received', 'done acknowledged', 'done triage', 'current accepted', 'done needs-info', 'next fix-planned']);
  });
});

describe('the deadlines on the status page', () => {
  it.each([
    ['met', deadline('receipt', 'met', '2026-03-03T15:00:00Z'), 'met on 3 March 2026', 'gehaald op 3 maart 2026'],
    ['met late', deadline('receipt', 'missed', '2026-03-05T09:00:00Z'), 'missed: done on 5 March 2026', 'niet gehaald: gedaan op 5 maart 2026'],
    ['missed', deadline('receipt', 'missed'), 'missed', 'niet gehaald'],
    ['due', deadline('receipt', 'due'), 'due', 'loopt nog'],
    ['on hold', deadline('receipt', 'paused'), 'on hold while we wait for your answer; the date moves by the time we wait', 'staat stil zolang we op uw antwoord wachten; de datum schuift op met de tijd dat we wachten'],
    ['void', deadline('receipt', 'void'), 'no longer applies: the report was closed', 'vervallen: de melding is gesloten'],
  ])('shows a %s deadline as such, in English and Dutch', async (_what, view, english, dutch) => {
    const status = statusView({ state: 'filed', deadlines: [view] });

    const en = await page(status, 'en');
    const nl = await page(status, 'nl');

    expect(en).toContain(`Confirmation of receipt by Wednesday, 4 March 2026 at 23:59 CET (within 1 business day): <strong class="outcome outcome-${view.outcome}">${english}</strong>`);
    expect(nl).toContain(`Ontvangstbevestiging uiterlijk woensdag 4 maart 2026 om 23:59 CET (binnen 1 werkdag): <strong class="outcome outcome-${view.outcome}">${dutch}</strong>`);
  });

  it('shows the resolution target in calendar days, and no section at all without deadlines', async () => {
    const one = { ...deadline('resolution', 'due'), span: { days: 1, unit: 'calendar' as const } };

    const withTarget = await page(statusView({ state: 'filed', deadlines: [one] }), 'nl');
    const without = await page(statusView({ state: 'filed', deadlines: [] }));

    expect(withTarget).toContain('Oplossing uiterlijk donderdag 2 april 2026 om 23:59 CEST (binnen 1 kalenderdag)');
    expect(without).not.toContain('deadlines-heading');
  });

  it('keeps the confirmation page free of outcomes: a report just sent has only promises', async () => {
    const { base } = await serve();

    const response = await fetch(`${base}/orgs/acme/report`, {
      method: 'POST',
      body: new URLSearchParams({ title: 'Stored XSS in the notes', description: 'The notes field is not escaped anywhere at all.', affected: 'https://shop.example.org/', lang: 'en' }),
    });
    const html = await response.text();

    expect(html).toContain('Confirmation of receipt by Wednesday, 4 March 2026 at 09:00 CET (within 1 business day)</li>');
    expect(html).not.toContain('class="outcome');
  });
});

describe('what the status page inserts is escaped, and only safe links are links', () => {
  it('escapes every value from the store and links nothing that is not a GitHub advisory or a CVE id', async () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const view = filed('published', {
      fixPlanned: { date: `2026-04-01${hostile}`, at: null },
      fixedAt: new Date('2026-03-20T15:00:00Z'),
      published: { at: new Date('2026-03-24T12:00:00Z'), ghsaId: `GHSA${hostile}`, advisoryUrl: `${ADVISORY_URL}${hostile}`, cveId: `CVE-2026-12345${hostile}` },
      closed: { at: new Date('2026-03-24T12:00:00Z'), reason: 'published' },
    });
    view.id = `DD-1${hostile}`;
    view.timeZone = 'Europe/Amsterdam';
    view.messages = [{ from: 'team', body: hostile, at: new Date('2026-03-04T10:00:00Z') }];

    const html = await page(view);

    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror=alert(2)>');
    expect(html).toContain('Fix planned for 2026-04-01&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Advisory: GHSA&quot;&gt;&lt;script&gt;');
    expect(html).not.toContain('<a href="https://github.com/acme');
    expect(html).not.toContain('cve.org');
    expect(html).toContain('DD-1&quot;&gt;&lt;script&gt;');
  });

  it.each([
    ['javascript:alert(1)', null],
    ['http://github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh', null],
    ['https://github.com.evil.example/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh', null],
    ['https://user@github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh', null],
    ['https://github.com:8443/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh', null],
    ['https://github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh?x=1', null],
    ['https://github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh#x', null],
    ['https://github.com/acme/widget/security/advisories/../../../evil', null],
    ['https://github.com/acme/widget/issues/1', null],
    ['https://github.com/acme/widget/security/advisories/%47HSA-4m6q-2x7v-9cfh', null],
    ['https://github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh', 'https://github.com/acme/widget/security/advisories/GHSA-4m6q-2x7v-9cfh'],
    ['https://github.com/advisories/GHSA-4m6q-2x7v-9cfh', 'https://github.com/advisories/GHSA-4m6q-2x7v-9cfh'],
    [null, null],
  ])('takes %s as an advisory link: %s', (url, expected) => {
    expect(safeAdvisoryUrl(url)).toBe(expected);
  });

  it.each([
    ['CVE-2026-12345', true],
    ['CVE-2026-1234', true],
    ['CVE-2026-123', false],
    ['cve-2026-12345', false],
    ['CVE-2026-12345 ', false],
    ['CVE-2026-12345\n', false],
    ['CVE-26-12345', false],
    ['CVE-2026-12345&x=<b>', false],
  ])('links the CVE id %j: %s', (id, linked) => {
    expect(cveRecordUrl(id)).toEqual(linked ? { id, url: `https://www.cve.org/CVERecord?id=${id}` } : null);
  });
});
