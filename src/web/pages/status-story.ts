import type { DeadlineKind, FixVerificationView, StatusStory, StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { formatCalendarDay, formatDate, formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import type { StringKey, Translate } from './strings.js';

/** Where a step stands: behind the report, where it is now (`aria-current="step"`), or expected next. */
export type StepState = 'done' | 'current' | 'next';

/** One step of the report's story, as the page lists it. */
export interface StoryStep {
  /** What the step is, e.g. `received`, `needs-info`, `closed`: the class of its list item. */
  key: string;
  state: StepState;
  /** Plain text; the page escapes it. */
  title: string;
  /** When it happened; null for the next step, and for a step whose time was not recorded. */
  at: Date | null;
  /** Under the title: an answer received, the advisory links. */
  detail: SafeHtml | null;
}

/** A step that happened, before it is placed. `rank` is its place in the usual order of a report. */
interface Happened {
  key: string;
  rank: number;
  title: string;
  at: Date | null;
  detail: SafeHtml | null;
}

const RANK = { received: 0, acknowledged: 1, triage: 2, 'needs-info': 3, accepted: 4, 'fix-planned': 5, fixed: 6, 'verify-fix': 7, published: 8, closed: 9 } as const;

/** Steps that are current only while they wait for the researcher, never as the furthest one reached. */
const ASKS: ReadonlySet<string> = new Set(['needs-info', 'verify-fix']);

/**
 * The report's story as ordered steps: what happened, oldest first (by date, the usual order
 * of a report on a tie), the current step, and where useful the step expected next with its
 * promised date. The current step is an open question while staff wait for the researcher,
 * the end once the report is closed, else the furthest step reached (received → receipt
 * confirmed → assessment → accepted → fix planned → fixed → published). Each request to
 * verify the fix is a step too, with its answer; the open one is the current step.
 */
export function storySteps(t: Translate, language: Language, status: StatusView): StoryStep[] {
  const story = status.story;
  const stage = status.state === 'filed' ? (status.triage?.stage ?? null) : null;
  const happened: Happened[] = [{ key: 'received', rank: RANK.received, title: t('status.step.received'), at: status.receivedAt, detail: null }];
  const add = (key: keyof typeof RANK, title: string, at: Date | null, detail: SafeHtml | null = null) => happened.push({ key, rank: RANK[key], title, at, detail });

  if (story.acknowledgedAt !== null) add('acknowledged', t('status.step.acknowledged'), story.acknowledgedAt);
  if (story.triageStartedAt !== null || (stage !== null && stage !== 'closed')) add('triage', t('status.step.triage'), story.triageStartedAt);
  const openQuestion = story.questions.findLast((question) => question.answeredAt === null) ?? null;
  for (const question of story.questions) {
    const detail =
      question.answeredAt !== null
        ? html`${t('status.step.needsInfo.answered', { date: formatDate(question.answeredAt, language, status.timeZone) })}`
        : question === openQuestion
          ? html`${t('status.step.needsInfo.waiting')}`
          : null;
    add('needs-info', t('status.step.needsInfo'), question.at, detail);
  }
  if (story.acceptedAt !== null) add('accepted', t('status.step.accepted'), story.acceptedAt);
  if (story.fixPlanned !== null) add('fix-planned', t('status.step.fixPlanned', { date: formatCalendarDay(story.fixPlanned.date, language) }), story.fixPlanned.at);
  if (story.fixedAt !== null) add('fixed', t('status.step.fixed'), story.fixedAt);
  // An agreed publication date is a fact of the story, never its furthest step (not in RANK's progress).
  if (story.disclosureAgreed != null) happened.push({ key: 'disclosure', rank: RANK.fixed, title: t('status.step.disclosure', { date: formatCalendarDay(story.disclosureAgreed.date, language) }), at: story.disclosureAgreed.at, detail: null });
  const verifications = status.fixVerifications ?? [];
  const openVerification = status.state === 'filed' ? (verifications.find((request) => request.open) ?? null) : null;
  for (const request of verifications) add('verify-fix', t('status.step.verifyFix'), request.requestedAt, verificationDetail(t, language, status, request, request === openVerification));
  if (story.published !== null) add('published', t('status.step.published'), story.published.at, advisoryLinks(t, story.published));
  // A fixed report whose advisory is still to come is not finished: publication is next.
  const ended = story.closed !== null && !(story.closed.reason === 'fixed' && story.advisoryPending);
  if (ended && story.closed !== null) add('closed', t(`status.step.closed.${story.closed.reason}`), story.closed.at);

  const ordered = chronological(happened);
  // An open request to verify the fix waits for the researcher, even on a report closed as fixed.
  const current =
    (openVerification !== null ? ordered.find((step) => step.key === 'verify-fix' && step.at === openVerification.requestedAt) : undefined) ??
    (ended ? ordered.find((step) => step.key === 'closed') : undefined) ??
    (openQuestion !== null && !ended ? ordered.find((step) => step.key === 'needs-info' && step.at === openQuestion.at) : undefined) ??
    ordered.filter((step) => !ASKS.has(step.key) && step.key !== 'disclosure').reduce((furthest, step) => (step.rank >= furthest.rank ? step : furthest));
  const steps: StoryStep[] = ordered.map((step) => ({ key: step.key, state: step === current ? 'current' : 'done', title: step.title, at: step.at, detail: step.detail }));
  const next = ended || openQuestion !== null ? null : nextStep(t, language, status, stage);
  if (next !== null) steps.push({ ...next, state: 'next', at: null, detail: null });
  return steps;
}

/** Under a request to verify the fix: the answer and when it came, that it waits for one, or that it no longer can be answered. */
function verificationDetail(t: Translate, language: Language, status: StatusView, request: FixVerificationView, open: boolean): SafeHtml {
  if (request.answer !== null) {
    const date = formatDate(request.answer.at, language, status.timeZone);
    return html`${t(request.answer.verdict === 'confirmed' ? 'status.step.verifyFix.confirmed' : 'status.step.verifyFix.notFixed', { date })}`;
  }
  return html`${t(open ? 'status.step.verifyFix.waiting' : 'status.step.verifyFix.notOpen')}`;
}

/** Oldest first; a step without a time stays after the one before it; on a tie, the usual order. */
function chronological(steps: Happened[]): Happened[] {
  let previous = 0;
  const timed = steps.map((step) => {
    previous = step.at?.getTime() ?? previous;
    return { step, time: previous };
  });
  return timed.sort((a, b) => a.time - b.time || a.step.rank - b.step.rank).map(({ step }) => step);
}

/** The step expected next, with the date promised for it when there is one. */
function nextStep(t: Translate, language: Language, status: StatusView, stage: NonNullable<StatusView['triage']>['stage']): { key: string; title: string } | null {
  const story = status.story;
  const openDue = (kind: DeadlineKind): string | null => {
    const deadline = status.deadlines.find((d) => d.kind === kind);
    return deadline === undefined || deadline.metAt !== null ? null : formatDateTime(deadline.due, language, status.timeZone);
  };
  const withDate = (key: string, dated: StringKey, open: StringKey | null, date: string | null) =>
    date !== null ? { key, title: t(dated, { date }) } : open === null ? null : { key, title: t(open) };

  if (story.acknowledgedAt === null) {
    const receipt = withDate('acknowledged', 'status.next.acknowledged', null, openDue('receipt'));
    if (receipt !== null) return receipt;
  }
  const accepted = story.acceptedAt !== null || stage === 'accepted' || stage === 'resolved' || stage === 'published';
  if (!accepted && story.fixPlanned === null && story.fixedAt === null) return withDate('assessment', 'status.next.assessment', 'status.next.assessmentOpen', openDue('assessment'));
  if (story.fixPlanned === null && story.fixedAt === null) return withDate('fix-planned', 'status.next.fixPlanned', 'status.next.fixPlannedOpen', openDue('assessment'));
  if (story.fixedAt === null) {
    const fixBy = story.fixPlanned === null ? null : formatCalendarDay(story.fixPlanned.date, language);
    return withDate('fixed', 'status.next.fixed', 'status.next.fixedOpen', fixBy);
  }
  if (story.advisoryPending && story.published === null) return { key: 'published', title: t('status.next.published') };
  return null;
}

/** The published advisory and its CVE id, as links when they have a safe form; otherwise the id as text (escaped), or nothing. */
function advisoryLinks(t: Translate, published: NonNullable<StatusStory['published']>): SafeHtml | null {
  const url = safeAdvisoryUrl(published.advisoryUrl);
  const label = published.ghsaId ?? (url === null ? null : url.slice(url.lastIndexOf('/') + 1));
  const advisory =
    label === null ? null : url === null ? html`${t('status.step.advisory')} ${label}` : html`${t('status.step.advisory')} <a href="${url}" rel="noreferrer">${label}</a>`;
  const cve = cveRecordUrl(published.cveId);
  const cveLink = cve === null ? null : html`${t('status.step.cve')} <a href="${cve.url}" rel="noreferrer">${cve.id}</a>`;
  if (advisory === null && cveLink === null) return null;
  if (advisory === null || cveLink === null) return advisory ?? cveLink;
  return html`${advisory}<br>${cveLink}`;
}

const ADVISORY_PATH = /^\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}\/security\/advisories|advisories)\/GHSA(?:-[0-9a-z]{4}){3}$/;

/**
 * The advisory's URL when it is a GitHub advisory page (`https://github.com/{owner}/{repo}/security/advisories/GHSA-…`
 * or `https://github.com/advisories/GHSA-…`), exactly as written; null for anything else.
 */
export function safeAdvisoryUrl(url: string | null): string | null {
  if (url === null || !url.startsWith('https://github.com/')) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const plain = parsed.protocol === 'https:' && parsed.host === 'github.com' && parsed.username === '' && parsed.password === '' && parsed.search === '' && parsed.hash === '';
  return plain && parsed.href === url && ADVISORY_PATH.test(parsed.pathname) ? url : null;
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** The CVE record's page for a well-formed CVE id; null for anything else. */
export function cveRecordUrl(cveId: string | null): { id: string; url: string } | null {
  return cveId !== null && CVE_ID.test(cveId) ? { id: cveId, url: `https://www.cve.org/CVERecord?id=${cveId}` } : null;
}

/** The story as an ordered list: each step with its date, the current one marked for assistive technology too. */
export function renderStory(t: Translate, language: Language, status: StatusView): SafeHtml {
  const steps = storySteps(t, language, status);
  const item = (step: StoryStep): SafeHtml => {
    const when =
      step.at === null ? html`` : html` – <time datetime="${step.at.toISOString()}">${formatDate(step.at, language, status.timeZone)}</time>`;
    const detail = step.detail === null ? html`` : html`<br>${step.detail}`;
    if (step.state === 'next') return html`<li class="step step-next step-${step.key}">${t('status.step.next')} ${step.title}</li>`;
    if (step.state === 'current') return html`<li class="step step-current step-${step.key}" aria-current="step"><strong>${step.title}</strong>${when}${detail}</li>`;
    return html`<li class="step step-done step-${step.key}">${step.title}${when}${detail}</li>`;
  };
  return html`<section class="story" aria-labelledby="story-heading">
<h2 id="story-heading">${t('status.storyHeading')}</h2>
<ol class="story-steps">
${steps.map((step) => html`${item(step)}\n`)}</ol>
</section>`;
}
