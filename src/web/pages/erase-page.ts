import type { ContactKind, StatusView } from '../../flows/intake/intake-ports.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout, type LanguageLink } from './layout.js';
import type { StringKey, Translate } from './strings.js';
import { renderContactRemoved } from './status-messages.js';

/** Why an erasure was not done: no confirmation came with it, or one that is too old or not ours. */
export type EraseProblem = 'missing' | 'invalid';

/** The confirmation page before the contact details are erased. */
export interface ErasePageView {
  t: Translate;
  language: Language;
  orgName: string;
  status: StatusView;
  languageLinks: LanguageLink[];
  /** The status token of the page (its own path). */
  token: string;
  /** The value the form posts back to prove it came from this page (see erase-confirmation.ts). */
  confirmation: string;
  /** Set when a post was refused; the page then asks again. */
  problem?: EraseProblem;
}

const KIND_TEXT: Readonly<Record<ContactKind, StringKey>> = {
  name: 'erase.kind.name',
  email: 'erase.kind.email',
  phone: 'erase.kind.phone',
  github: 'erase.kind.github',
  pgpKey: 'erase.kind.pgpKey',
};

/**
 * `GET /status/{token}/erase`: exactly what erasing removes (the kinds of contact details
 * held now, and credit by name) and what stays, with a form that posts the erasure. Works
 * without JavaScript; nothing is erased until the form is sent. Once the details are gone,
 * or when none are held, it says so and offers the way back instead.
 */
export function renderErasePage(view: ErasePageView): SafeHtml {
  const { t, language, status, token } = view;
  const back = html`<p><a href="/status/${token}?lang=${language}">${t('erase.cancel')}</a></p>`;
  const problem =
    view.problem === undefined
      ? html``
      : html`<p class="error-message" role="alert">${t(view.problem === 'missing' ? 'erase.missingConfirmation' : 'erase.invalidConfirmation')}</p>`;
  let body: SafeHtml;
  if (status.contactRemoved !== null) {
    body = html`${renderContactRemoved(t, language, status, false)}
${back}`;
  } else if (status.contact.held.length === 0 && !status.contact.namedCredit) {
    body = html`<p>${t('erase.nothingHeld')}</p>
${back}`;
  } else {
    const removed = [
      ...status.contact.held.map((kind) => t(KIND_TEXT[kind])),
      ...(status.contact.namedCredit ? [t('erase.creditLost')] : []),
      // Erasure takes these too (the receipt holds the contact details as sent).
      t('erase.receipt'),
      t('erase.attachments'),
    ];
    body = html`${problem}
<p>${t('erase.intro', { id: status.id })}</p>
<h2>${t('erase.removedHeading')}</h2>
<ul class="erase-removed">
${removed.map((line) => html`<li>${line}</li>\n`)}</ul>
<h2>${t('erase.keptHeading')}</h2>
<ul class="erase-kept">
<li>${t('erase.kept.report', { org: view.orgName })}</li>
<li>${t('erase.kept.page')}</li>
<li>${t('erase.kept.messages', { days: status.retentionDays })}</li>
</ul>
<form method="post" action="/status/${token}/erase?lang=${language}">
<input type="hidden" name="confirmation" value="${view.confirmation}">
<button type="submit">${t('erase.confirm')}</button>
</form>
${back}`;
  }
  const content = html`<h1>${t('erase.heading')}</h1>
${body}`;
  return layout({ t, language, title: t('erase.pageTitle', { id: status.id }), orgName: view.orgName, languageLinks: view.languageLinks }, content);
}
