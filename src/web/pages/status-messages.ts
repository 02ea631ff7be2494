import type { StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import type { FixVerdict } from '../../triage/fix-verification.js';
import { formatDate, formatDateTime } from './format.js';
import { html, type SafeHtml } from '../http/html.js';
import type { Translate } from './strings.js';

/** What the page says about a reply: sent, or why it was not taken. */
export type ReplyNotice = 'sent' | 'empty' | 'too-long' | 'not-filed';

/** The conversation, oldest first; plain text, escaped, line breaks kept by CSS. */
export function renderMessages(t: Translate, language: Language, status: StatusView): SafeHtml {
  const purged = status.messagesPurged;
  if (status.messages.length === 0 && purged === null) return html``;
  // Deleted at the end of the retention period: say so, rather than show an empty conversation.
  const purgedNote =
    purged === null ? html`` : html`<p class="hint">${t('status.messagesPurged', { date: formatDateTime(purged.at, language, status.timeZone), days: purged.retentionDays })}</p>`;
  return html`<section class="messages" aria-labelledby="messages-heading">
<h2 id="messages-heading">${t('status.messagesHeading')}</h2>
${purgedNote}
<ol>
${status.messages.map(
  (m) => html`<li class="from-${m.from}"><strong>${t(m.from === 'team' ? 'status.fromTeam' : 'status.fromYou')}</strong>, <time datetime="${m.at.toISOString()}">${formatDateTime(m.at, language, status.timeZone)}</time>
<p class="message">${m.body}</p></li>
`,
)}</ol>
</section>`;
}

/**
 * The reply form, once the report is with the security team. It posts to the page's own
 * URL; no JavaScript, and the token never leaves the path.
 */
export function renderReplyForm(t: Translate, language: Language, status: StatusView, notice: ReplyNotice | undefined, draft: string): SafeHtml {
  const noticeHtml =
    notice === undefined
      ? html``
      : html`<p class="${notice === 'sent' ? 'notice' : 'error-message'}" role="${notice === 'sent' ? 'status' : 'alert'}">${t(`status.reply.${notice}`)}</p>`;
  if (status.state !== 'filed') {
    return html`<section class="reply">${notice === 'not-filed' ? noticeHtml : html`${noticeHtml}<p class="hint">${t('status.reply.not-filed')}</p>`}</section>`;
  }
  return html`<section class="reply" aria-labelledby="reply-heading">
<h2 id="reply-heading">${t('status.replyHeading')}</h2>
${noticeHtml}
<form method="post" action="?lang=${language}">
<label for="reply-message">${t('status.replyLabel')}</label>
<textarea id="reply-message" name="message" rows="6" required maxlength="50000">${draft}</textarea>
<p class="hint">${t('status.replyHint')}</p>
<button type="submit">${t('status.replySubmit')}</button>
</form>
</section>`;
}

/** What the page says about an answer to a fix verification request that was not taken. */
export type FixVerificationNotice = 'choose' | 'too-long' | 'already-answered' | 'not-open';

/** An answer to show again after a refused post. */
export interface FixVerificationDraft {
  verdict: FixVerdict | null;
  note: string;
}

/**
 * The answer to the open request to verify the fix (`/verify-fix`): "confirmed fixed" or "not
 * fixed" and an optional note. It posts to the page's own URL like the reply form, naming the
 * request it answers, so an answer given on a page opened before a newer request is refused
 * rather than taken for the newer one. Without an open request only a notice is shown (why an
 * answer was not taken), or nothing.
 */
export function renderFixVerificationForm(
  t: Translate,
  language: Language,
  status: StatusView,
  notice: FixVerificationNotice | undefined,
  draft: FixVerificationDraft,
): SafeHtml {
  const noticeHtml = notice === undefined ? html`` : html`<p class="error-message" role="alert">${t(`status.verify.${notice}`)}</p>`;
  const open = status.state === 'filed' ? (status.fixVerifications ?? []).find((request) => request.open) : undefined;
  // Each ends with a line break: the page puts the next section right after it.
  if (open === undefined) return notice === undefined ? html`` : html`<section class="verify-fix">${noticeHtml}</section>\n`;
  const choice = (verdict: FixVerdict, label: SafeHtml | string) => html`<div class="choice">
<input id="verify-${verdict}" name="verification" type="radio" value="${verdict}" required${draft.verdict === verdict && html` checked`}${notice === 'choose' && html` aria-invalid="true"`}>
<label for="verify-${verdict}">${label}</label>
</div>`;
  return html`<section class="verify-fix" aria-labelledby="verify-fix-heading">
<h2 id="verify-fix-heading">${t('status.verifyHeading')}</h2>
${noticeHtml}
<p>${t('status.verifyIntro', { date: formatDate(open.requestedAt, language, status.timeZone) })}</p>
<form method="post" action="?lang=${language}">
<input type="hidden" name="request" value="${String(open.request)}">
<fieldset>
<legend>${t('status.verifyLegend')}</legend>
${choice('confirmed', t('status.verifyConfirmed'))}
${choice('not-fixed', t('status.verifyNotFixed'))}
</fieldset>
<label for="verify-note">${t('status.verifyNoteLabel')}</label>
<textarea id="verify-note" name="note" rows="4" maxlength="50000">${draft.note}</textarea>
<p class="hint">${t('status.verifyHint')}</p>
<button type="submit">${t('status.verifySubmit')}</button>
</form>
</section>
`;
}

/**
 * What the app holds about the researcher: a download of all of it, and the way to erase the
 * contact details, through a confirmation page (relative links: the token stays in the path,
 * never in a referrer). Once they are gone the page says so at the top instead.
 */
export function renderPrivacy(t: Translate, language: Language, token: string, status: StatusView): SafeHtml {
  const canErase = status.contactRemoved === null && (status.contact.held.length > 0 || status.contact.namedCredit);
  return html`<section class="privacy" aria-labelledby="privacy-heading">
<h2 id="privacy-heading">${t('status.privacyHeading')}</h2>
<p>${t('status.privacyText', { days: status.retentionDays })}</p>
<p><a href="/status/${token}/data.json" download>${t('status.download')}</a></p>
${status.contactRemoved === null ? html`<p><a href="/status/${token}/receipt.asc" download>${t('status.receipt')}</a></p>` : html``}
${canErase ? html`<p><a href="/status/${token}/erase?lang=${language}">${t('status.erase')}</a></p>
<p class="hint">${t('status.eraseHint')}</p>` : html``}
</section>`;
}

/**
 * At the top of the page, on every visit once the contact details are gone: when, and what
 * was removed and kept. `justErased` announces it (the visit right after the erasure).
 */
export function renderContactRemoved(t: Translate, language: Language, status: StatusView, justErased: boolean): SafeHtml {
  const removed = status.contactRemoved;
  const role = justErased ? html` role="status"` : html``;
  if (removed === null) return justErased ? html`<p class="notice" role="status">${t('status.erased')}</p>` : html``;
  const date = formatDate(removed.at, language, status.timeZone);
  const kept = removed.by === 'erased' ? html`
<p>${t('status.removed.kept', { days: status.retentionDays })}</p>` : html``;
  return html`<div class="notice contact-removed"${role}>
<p><strong>${t(removed.by === 'erased' ? 'status.removed.erased' : 'status.removed.retention', { date })}</strong></p>
<p>${t('status.removed.what')}</p>${kept}
</div>`;
}
