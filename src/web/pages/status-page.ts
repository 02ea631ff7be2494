import type { StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { renderDeadlines } from './deadlines.js';
import { formatCalendarDay, formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout, type LanguageLink } from './layout.js';
import type { Translate } from './strings.js';
import {
  renderContactRemoved,
  renderFixVerificationForm,
  renderMessages,
  renderPrivacy,
  renderReplyForm,
  type FixVerificationDraft,
  type FixVerificationNotice,
  type ReplyNotice,
} from './status-messages.js';
import { renderStory } from './status-story.js';

/** What the status page shows: never report text, only id, dates and state. */
export interface StatusPageView {
  t: Translate;
  language: Language;
  orgName: string;
  status: StatusView;
  languageLinks: LanguageLink[];
  /** After a reply was posted, or why it was not. */
  notice?: ReplyNotice;
  /** The reply text to show again after a refused post. */
  draft?: string;
  /** The contact details were just erased. */
  erased?: boolean;
  /** The status token of the page (its own path), for the download and erase links. */
  token: string;
  /** Why an answer to the request to verify the fix was not taken. */
  verifyNotice?: FixVerificationNotice;
  /** The answer to show again after a refused post. */
  verifyDraft?: FixVerificationDraft;
}

export type { FixVerificationDraft, FixVerificationNotice, ReplyNotice } from './status-messages.js';

/**
 * A report's status: where it stands (queued, with the security team, being assessed,
 * accepted, fixed, published, closed), its story step by step with dates, every promised
 * deadline and how it fared, the answer form when staff asked to verify the fix, the
 * conversation, the reply form and the researcher's data.
 * Once the contact details are gone, every visit says so at the top.
 */
export function renderStatusPage(view: StatusPageView): SafeHtml {
  const { t, language, status } = view;
  const content = html`<h1>${t('status.heading')}</h1>
${renderContactRemoved(t, language, status, view.erased === true)}
<dl class="facts">
<dt>${t('status.trackingId')}</dt>
<dd><strong class="tracking-id">${status.id}</strong></dd>
<dt>${t('status.organisation')}</dt>
<dd>${view.orgName}</dd>
<dt>${t('status.received')}</dt>
<dd><time datetime="${status.receivedAt.toISOString()}">${formatDateTime(status.receivedAt, language, status.timeZone)}</time></dd>
<dt>${t('status.state')}</dt>
<dd><strong class="state state-${status.state}">${headline(t, status)}</strong><br>${stateDetail(t, language, status)}</dd>
</dl>
${renderStory(t, language, status)}
${renderDeadlines(t, language, status, true)}
${renderFixVerificationForm(t, language, status, view.verifyNotice, view.verifyDraft ?? { verdict: null, note: '' })}${renderMessages(t, language, status)}
${renderReplyForm(t, language, status, view.notice, view.draft ?? '')}
${renderPrivacy(t, language, view.token, status)}`;
  return layout({ t, language, title: t('status.pageTitle', { id: status.id }), orgName: view.orgName, languageLinks: view.languageLinks }, content);
}

/** Where the report stands in a word or two: never "with the security team" once it is fixed, published or closed. */
function headline(t: Translate, status: StatusView): string {
  if (status.state !== 'filed') return t('status.queued');
  const stage = status.triage?.stage ?? null;
  return stage === null ? t('status.filed') : t(`status.stage.${stage}`);
}

/** The triage stage in the researcher's terms, with the paused clock and the fix date when set. */
function stateDetail(t: Translate, language: Language, status: StatusView): SafeHtml {
  if (status.state !== 'filed') return html`${t('status.queuedDetail')}`;
  const triage = status.triage;
  const stage = triage?.stage ?? null;
  const lines = [stage === null ? t('status.filedDetail') : t(`status.triage.${stage}`)];
  if (triage?.paused === true) lines.push(t('status.paused'));
  if ((status.fixVerifications ?? []).some((request) => request.open)) lines.push(t('status.verifyFix'));
  const open = stage !== 'closed' && stage !== 'resolved' && stage !== 'published';
  if (triage?.fixBy != null && open) lines.push(t('status.fixBy', { date: formatCalendarDay(triage.fixBy, language) }));
  return html`${lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
