import type { FormField } from '../intake/form-fields.js';
import { attachmentsField, creditField, label, textArea, textField } from './form-controls.js';
import type { FormPageView } from './form-view.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

/** The id the error summary links to, per field; radios link to their first option. */
const FIELD_ANCHORS: Partial<Record<FormField, string>> = { credit: 'credit-name', lang: 'report-form' };

/** The report form, usable without JavaScript; on errors a summary at the top links to each field. */
export function renderFormPage(view: FormPageView): SafeHtml {
  const { t, errors, notice, orgName } = view;
  const content = html`<h1>${t('form.heading', { org: orgName })}</h1>
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
<form id="report-form" method="post" action="${view.action}" enctype="multipart/form-data" accept-charset="utf-8" novalidate>
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
</fieldset>
${creditField(view)}
<button type="submit">${t('form.submit')}</button>
</form>`;
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

