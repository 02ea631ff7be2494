import type { RevealedContact, StaffContactKind, StaffDeadline, StaffReportView } from '../../flows/staff/staff-ports.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatBytes, formatDate, formatDateTime } from './format.js';
import { layout, type LanguageLink } from './layout.js';
import { renderSignOut } from './staff-message-page.js';
import type { StaffKey, StaffTranslate } from './staff-strings.js';
import { translator } from './strings.js';

/** The staff page of one report. */
export interface StaffReportPageView {
  t: StaffTranslate;
  language: Language;
  languageLinks: LanguageLink[];
  /** Who is signed in. */
  login: string;
  /** The session's CSRF token, for the page's forms. */
  csrf: string;
  report: StaffReportView;
  /** After a recorded reveal: the contact details. */
  revealed?: RevealedContact;
}

const KIND_KEYS: Readonly<Record<StaffContactKind, StaffKey>> = {
  name: 'contact.kind.name',
  email: 'contact.kind.email',
  phone: 'contact.kind.phone',
  github: 'contact.kind.github',
  pgpKey: 'contact.kind.pgpKey',
};

/**
 * A report as staff see it beside the tracking issue: its facts and deadlines, the
 * researcher's contact details behind a recorded reveal, and the attachments to download.
 * Server-rendered, no script; every value escaped.
 */
export function renderStaffReportPage(view: StaffReportPageView): SafeHtml {
  const { t, language, report } = view;
  const base = reportPath(report);
  const content = html`<h1>${t('report.heading', { id: report.id })}</h1>
<p class="hint">${t('session.signedInAs', { login: view.login })}</p>
${renderSignOut(t, view.csrf)}
${renderFacts(view)}
${renderDeadlines(t, language, report)}
${renderContact(view, base)}
${renderAttachments(t, language, report, base)}`;
  return layout({ t: translator(language), language, title: t('report.title', { id: report.id }), orgName: report.org, languageLinks: view.languageLinks }, content);
}

/** `/staff/orgs/{org}/reports/{id}`: both are checked before a page is rendered (a login, a report id). */
export function reportPath(report: Pick<StaffReportView, 'org' | 'id'>): string {
  return `/staff/orgs/${encodeURIComponent(report.org)}/reports/${encodeURIComponent(report.id)}`;
}

function renderFacts(view: StaffReportPageView): SafeHtml {
  const { t, language, report } = view;
  const issueUrl = report.issue !== null && /^https?:\/\//i.test(report.issue.url) ? report.issue.url : null;
  return html`<dl class="facts">
<dt>${t('facts.title')}</dt>
<dd>${report.title ?? t('facts.titleUnavailable')}</dd>
<dt>${t('facts.status')}</dt>
<dd>${statusText(t, report)}</dd>
<dt>${t('facts.severity')}</dt>
<dd>${report.severity === null ? t('severity.unset') : t(`severity.${report.severity}`)}</dd>
<dt>${t('facts.received')}</dt>
<dd><time datetime="${report.receivedAt.toISOString()}">${formatDateTime(report.receivedAt, language, report.timeZone)}</time></dd>
${report.issue !== null && html`<dt>${t('facts.issue')}</dt>
<dd>${issueUrl === null ? t('facts.issueLink', { number: report.issue.number, repo: `${report.org}/${report.issue.repo}` }) : html`<a href="${issueUrl}">${t('facts.issueLink', { number: report.issue.number, repo: `${report.org}/${report.issue.repo}` })}</a>`}</dd>`}
${report.credit !== null && html`<dt>${t('facts.credit')}</dt>
<dd>${t(`credit.${report.credit}`)}</dd>`}
</dl>`;
}

function statusText(t: StaffTranslate, report: StaffReportView): string {
  if (report.state !== 'filed' || report.status === null) return t(report.state === 'held' ? 'status.held' : 'status.queued');
  const status = t(`status.${report.status}`);
  return report.paused ? `${status}: ${t('status.paused')}` : status;
}

function renderDeadlines(t: StaffTranslate, language: Language, report: StaffReportView): SafeHtml {
  if (report.deadlines.length === 0) return html``;
  return html`<section class="deadlines" aria-labelledby="deadlines-heading">
<h2 id="deadlines-heading">${t('deadlines.heading')}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('deadlines.promise')}</th><th scope="col">${t('deadlines.due')}</th><th scope="col">${t('deadlines.state')}</th></tr></thead>
<tbody>
${report.deadlines.map(
  (deadline) => html`<tr><th scope="row">${t(`deadline.${deadline.kind}`)}</th><td><time datetime="${deadline.due.toISOString()}">${formatDateTime(deadline.due, language, report.timeZone)}</time></td><td>${outcome(t, language, report.timeZone, deadline)}</td></tr>\n`,
)}</tbody>
</table></div>
</section>`;
}

function outcome(t: StaffTranslate, language: Language, timeZone: string, deadline: StaffDeadline): string {
  const metOn = deadline.metAt === null ? '' : formatDate(deadline.metAt, language, timeZone);
  switch (deadline.outcome) {
    case 'met':
      return t('outcome.met', { date: metOn });
    case 'met-late':
      return t('outcome.metLate', { date: metOn });
    case 'missed':
    case 'due':
    case 'paused':
    case 'void':
      return t(`outcome.${deadline.outcome}`);
  }
}

function renderContact(view: StaffReportPageView, base: string): SafeHtml {
  const { t, language, report } = view;
  let body: SafeHtml;
  if (view.revealed !== undefined) {
    body = html`<p class="notice" role="status">${t('contact.revealedNote')}</p>
${renderRevealed(t, view.revealed)}`;
  } else if (report.contactRemoved !== null) {
    const key = report.contactRemoved.by === 'erased' ? 'contact.removed.erased' : 'contact.removed.retention';
    body = html`<p class="notice">${t(key, { date: formatDate(report.contactRemoved.at, language, report.timeZone) })}</p>`;
  } else if (report.contactHeld.length === 0) {
    body = html`<p>${t('contact.none')}</p>`;
  } else if (report.state !== 'filed') {
    body = html`<p>${t('contact.held', { kinds: kinds(t, report.contactHeld) })}</p>
<p class="hint">${t('contact.notFiled')}</p>`;
  } else {
    body = html`<p>${t('contact.held', { kinds: kinds(t, report.contactHeld) })}</p>
<p class="hint">${t('contact.recorded')}</p>
<form method="post" action="${base}/reveal?lang=${language}">
<input type="hidden" name="csrf" value="${view.csrf}">
<button type="submit">${t('contact.reveal')}</button>
</form>`;
  }
  const reveals =
    report.reveals.length === 0
      ? html``
      : html`<h3>${t('contact.reveals')}</h3>
<ul class="reveals">
${report.reveals.map((reveal) => html`<li>${t('contact.revealLine', { login: reveal.login, date: formatDateTime(reveal.at, language, report.timeZone) })}</li>\n`)}</ul>`;
  return html`<section class="contact" aria-labelledby="contact-heading">
<h2 id="contact-heading">${t('contact.heading')}</h2>
${body}
${reveals}
</section>`;
}

function kinds(t: StaffTranslate, held: readonly StaffContactKind[]): string {
  return held.map((kind) => t(KIND_KEYS[kind])).join(', ');
}

function renderRevealed(t: StaffTranslate, contact: RevealedContact): SafeHtml {
  const row = (key: StaffKey, value: SafeHtml | string | null) => (value === null ? html`` : html`<dt>${t(key)}</dt>\n<dd>${value}</dd>\n`);
  const fingerprint =
    contact.pgpFingerprint === null ? null : contact.pgpFingerprint === 'unreadable' ? t('contact.pgpKeyUnreadable') : html`<code class="fingerprint">${contact.pgpFingerprint}</code>`;
  return html`<dl class="facts revealed">
${row('contact.name', contact.name)}${row('contact.email', contact.email)}${row('contact.phone', contact.phone)}${row('contact.github', contact.github)}${row('contact.pgpKey', fingerprint)}</dl>`;
}

function renderAttachments(t: StaffTranslate, language: Language, report: StaffReportView, base: string): SafeHtml {
  const removed = report.attachmentsRemoved;
  const removedNote =
    removed === null
      ? html``
      : html`<p class="notice">${t(`attachments.${removed.by === 'erased' ? 'erased' : 'purged'}.${removed.count === 1 ? 'one' : 'other'}`, {
          count: removed.count,
          date: formatDate(removed.at, language, report.timeZone),
        })}</p>`;
  const list =
    report.attachments.length === 0
      ? removed === null
        ? html`<p>${t('attachments.none')}</p>`
        : html``
      : html`<ul class="attachments">
${report.attachments.map(
  (file) => html`<li><a href="${base}/attachments/${file.position}" download="${file.fileName}">${file.fileName}</a> (${t('attachments.details', { type: file.contentType, size: formatBytes(file.size, language) })})<br><code class="fingerprint">${t('attachments.sha256', { digest: file.sha256 })}</code></li>\n`,
)}</ul>
<p class="hint">${t('attachments.note')}</p>`;
  return html`<section class="attachments" aria-labelledby="attachments-heading">
<h2 id="attachments-heading">${t('attachments.heading')}</h2>
${removedNote}
${list}
</section>`;
}
