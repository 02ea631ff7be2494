import { catalogue } from '../../i18n/catalogues.js';
import { renderSecurityNav } from './security-nav.js';
import type { FormField } from '../http/form-fields.js';
import { attachmentsField, creditField, label, textArea, textField } from './form-controls.js';
import { formatBytes } from './format.js';
import type { FormEncryption, FormPageView } from './form-view.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout } from './layout.js';
import { SCRIPTED_PAGE_HEADERS, type ExtraHeaders } from '../http/respond.js';

/** The id the error summary links to, per field; radios link to their first option. */
const FIELD_ANCHORS: Partial<Record<FormField, string>> = { credit: 'credit-name', lang: 'report-form' };

/**
 * The report form, usable without JavaScript; on errors a summary at the top links to each
 * field. With an organisation key, an external module script (`/assets/encrypt-form.js`)
 * encrypts the whole report in the browser before it is sent; its notes stay hidden until
 * the script runs, so the page never promises encryption that does not happen.
 */
export function renderFormPage(view: FormPageView): SafeHtml {
  const { t, errors, notice, orgName } = view;
  const content = html`${view.orgLogin !== undefined && renderSecurityNav(catalogue(view.language).policy, view.orgLogin, view.language, 'report')}
<h1>${t('form.heading', { org: orgName })}</h1>
${(errors.length > 0 || notice !== undefined) && errorSummary(view)}
<p>${t('form.intro')}</p>
<section class="rules" aria-labelledby="rules-heading">
<h2 id="rules-heading">${t('form.rulesHeading')}</h2>
<ul>
<li>${t('form.rule.noSharing')}</li>
<li>${t('form.rule.minimal')}</li>
<li>${t('form.rule.deleteData')}</li>
</ul>
</section>
<form id="report-form" method="post" action="${view.action}" enctype="multipart/form-data" accept-charset="utf-8"${view.encryption && html` data-pgp-key-url="${view.encryption.keyUrl}" data-pgp-max-bytes="${view.encryption.maxMessageBytes}"`} novalidate>
<input type="hidden" name="lang" value="${view.language}">
<p class="hint">${t('form.requiredNote')}</p>
<fieldset>
<legend>${t('form.sectionVulnerability')}</legend>
${textField(view, 'title', { autocomplete: 'off' })}
${textArea(view, 'description', { rows: 8 })}
${textArea(view, 'steps', { rows: 8, optional: true })}
${textField(view, 'affected', { spellcheck: false, autocomplete: 'off' })}
${textArea(view, 'impact', { rows: 4, optional: true })}
${textField(view, 'cvss', { optional: true, spellcheck: false, autocomplete: 'off' })}
${attachmentsField(view)}
</fieldset>
<fieldset>
<legend>${t('form.sectionContact')}</legend>
<p class="hint">${t('form.contactHint')}</p>
${textField(view, 'contact_name', { optional: true, autocomplete: 'nickname', hint: false })}
${textField(view, 'contact_email', { optional: true, type: 'email', autocomplete: 'email', spellcheck: false })}
${textField(view, 'contact_phone', { optional: true, type: 'tel', autocomplete: 'tel' })}
${textField(view, 'contact_github', { optional: true, autocomplete: 'off', spellcheck: false })}
${textArea(view, 'contact_pgp_key', { rows: 4, optional: true, spellcheck: false })}
</fieldset>
${creditField(view)}
${view.encryption && encryptionNotes(view, view.encryption)}
<button type="submit">${t('form.submit')}</button>
</form>
${view.encryption && html`<script type="module" src="/assets/encrypt-form.js"></script>`}`;
  // "Error:" in the title tells screen-reader users at once that the form came back with problems.
  const title = t('form.pageTitle', { org: orgName });
  const hasProblems = errors.length > 0 || notice !== undefined;
  return layout({ t, language: view.language, title: hasProblems ? `${t('errors.prefix')} ${title}` : title, orgName, languageLinks: view.languageLinks }, content);
}

function errorSummary(view: FormPageView): SafeHtml {
  const { t, errors, notice } = view;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t('errors.summaryHeading')}</h2>
<ul>
${notice !== undefined && html`<li>${notice}</li>`}
${errors.map((error) => html`<li><a href="#${FIELD_ANCHORS[error.field] ?? error.field}">${label(t, error.field)}: ${error.message}</a></li>`)}
</ul>
</div>`;
}


/** The CSP the form page needs: script and fetch from this origin only when it carries the encryption script. */
export function formPageHeaders(view: FormPageView): ExtraHeaders {
  return view.encryption ? { ...SCRIPTED_PAGE_HEADERS } : {};
}

/**
 * The note that the report is encrypted, and the notice the script shows when it cannot
 * encrypt (nothing is sent then; the reporter may send without browser encryption instead).
 * All hidden: `assets/encrypt-form.js` reveals them.
 */
function encryptionNotes(view: FormPageView, encryption: FormEncryption): SafeHtml {
  const { t } = view;
  const fingerprint = encryption.fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
  return html`<p class="hint" id="pgp-note" hidden>${t('form.pgp.note')} ${t('form.pgp.fingerprint', { fingerprint })}</p>
<div class="notice" id="pgp-problem" role="alert" tabindex="-1" hidden>
<p id="pgp-failed" hidden>${t('form.pgp.failed')}</p>
<p id="pgp-too-large" hidden>${t('form.pgp.tooLarge', { limit: formatBytes(encryption.maxMessageBytes, view.language) })}</p>
<p><button type="button" id="pgp-send-plain">${t('form.pgp.sendPlain')}</button></p>
</div>`;
}
