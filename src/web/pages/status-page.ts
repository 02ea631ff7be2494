import type { StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { renderDeadlines } from './deadlines.js';
import { formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout, type LanguageLink } from './layout.js';
import type { Translate } from './strings.js';
import { renderMessages, renderPrivacy, renderReplyForm, type ReplyNotice } from './status-messages.js';

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
}

export type { ReplyNotice } from './status-messages.js';

/** A report's status: queued (held counts as queued) or filed with the security team, and the deadlines. */
export function renderStatusPage(view: StatusPageView): SafeHtml {
  const { t, language, status } = view;
  const filed = status.state === 'filed';
  const content = html`<h1>${t('status.heading')}</h1>
<dl class="facts">
<dt>${t('status.trackingId')}</dt>
<dd><strong class="tracking-id">${status.id}</strong></dd>
<dt>${t('status.organisation')}</dt>
<dd>${view.orgName}</dd>
<dt>${t('status.received')}</dt>
<dd><time datetime="${status.receivedAt.toISOString()}">${formatDateTime(status.receivedAt, language, status.timeZone)}</time></dd>
<dt>${t('status.state')}</dt>
<dd><strong class="state state-${status.state}">${t(filed ? 'status.filed' : 'status.queued')}</strong><br>${stateDetail(t, status)}</dd>
</dl>
${renderDeadlines(t, language, status)}
${renderMessages(t, language, status)}
${renderReplyForm(t, language, status, view.notice, view.draft ?? '')}
${renderPrivacy(t, language, view.token, status.retentionDays, view.erased === true)}`;
  return layout({ t, language, title: t('status.pageTitle', { id: status.id }), orgName: view.orgName, languageLinks: view.languageLinks }, content);
}

/** The triage stage in the researcher's terms, with the paused clock and the fix date when set. */
function stateDetail(t: Translate, status: StatusView): SafeHtml {
  if (status.state !== 'filed') return html`${t('status.queuedDetail')}`;
  const triage = status.triage;
  const stage = triage?.stage ?? null;
  const lines = [stage === null ? t('status.filedDetail') : t(`status.triage.${stage}`)];
  if (triage?.paused === true) lines.push(t('status.paused'));
  if (triage?.fixBy != null && stage !== 'closed' && stage !== 'resolved') lines.push(t('status.fixBy', { date: triage.fixBy }));
  return html`${lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
