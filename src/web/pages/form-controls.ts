import type { FormField, FormTextField } from '../http/form-fields.js';
import { formatBytes } from './format.js';
import type { FormPageView } from './form-view.js';
import { html, type SafeHtml } from '../http/html.js';
import type { StringKey, Translate } from './strings.js';

/** How a text control is presented. */
export interface FieldOptions {
  optional?: boolean;
  hint?: boolean;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  spellcheck?: boolean;
  rows?: number;
}

/** A one-line input with its label, hint and error. */
export function textField(view: FormPageView, field: FormTextField, options: FieldOptions = {}): SafeHtml {
  const parts = fieldParts(view, field, options);
  return html`<div class="${parts.className}">
${parts.label}${parts.hint}${parts.error}
<input id="${field}" name="${field}" type="${options.type ?? 'text'}" value="${view.values[field] ?? ''}"${parts.aria}${options.autocomplete !== undefined && html` autocomplete="${options.autocomplete}"`}${options.spellcheck === false && html` spellcheck="false"`}>
</div>`;
}

/** A multi-line input with its label, hint and error. */
export function textArea(view: FormPageView, field: FormTextField, options: FieldOptions = {}): SafeHtml {
  const parts = fieldParts(view, field, options);
  return html`<div class="${parts.className}">
${parts.label}${parts.hint}${parts.error}
<textarea id="${field}" name="${field}" rows="${options.rows ?? 6}"${parts.aria}${options.spellcheck === false && html` spellcheck="false"`}>${view.values[field] ?? ''}</textarea>
</div>`;
}

/** The file input; after a round trip it asks for the files again, since a page cannot refill it. */
export function attachmentsField(view: FormPageView): SafeHtml {
  const { t } = view;
  const parts = fieldParts(view, 'attachments', { optional: true }, {
    count: view.maxAttachments,
    size: formatBytes(view.maxAttachmentBytes, view.language),
  });
  return html`<div class="${parts.className}">
${parts.label}${parts.hint}${parts.error}
${view.filesDropped && html`<p class="notice" id="attachments-reattach">${t('field.attachments.reattach')}</p>`}
<input id="attachments" name="attachments" type="file" multiple accept=".txt,.log,.json,.har,.png,.jpg,.jpeg,.gif,.webp,.pdf,.zip,text/plain,application/json,image/png,image/jpeg,image/gif,image/webp,application/pdf,application/zip"${parts.aria}>
</div>`;
}

/** The credit choice as radios in a fieldset; the organisation's default until the reporter chooses. */
export function creditField(view: FormPageView): SafeHtml {
  const { t } = view;
  const messages = errorsFor(view, 'credit');
  const chosen = view.values.credit || view.creditDefault;
  const options = ['name', 'pseudonym', 'anonymous'] as const;
  return html`<fieldset class="${messages.length > 0 ? 'field field-error' : 'field'}"${messages.length > 0 && html` aria-describedby="credit-error"`}>
<legend>${t('field.credit.legend')}</legend>
${errorParagraph(t, 'credit', messages)}
${options.map(
    (option) => html`<div class="choice">
<input id="credit-${option}" name="credit" type="radio" value="${option}"${chosen === option && html` checked`}${messages.length > 0 && html` aria-invalid="true"`}>
<label for="credit-${option}">${t(`field.credit.${option}`)}</label>
</div>`,
  )}
</fieldset>`;
}

interface FieldParts {
  className: string;
  label: SafeHtml;
  hint: SafeHtml | false;
  error: SafeHtml | false;
  aria: SafeHtml;
}

/** Label, hint, error message and the aria attributes that tie them to the input. */
function fieldParts(view: FormPageView, field: FormField, options: FieldOptions, hintParams: Record<string, string | number> = {}): FieldParts {
  const { t } = view;
  const messages = errorsFor(view, field);
  const hintKey = options.hint === false ? undefined : HINTS[field];
  const hasHint = hintKey !== undefined;
  const describedBy = [
    hasHint ? `${field}-hint` : null,
    messages.length > 0 ? `${field}-error` : null,
    field === 'attachments' && view.filesDropped ? 'attachments-reattach' : null,
  ].filter((id) => id !== null);
  return {
    className: messages.length > 0 ? 'field field-error' : 'field',
    label: html`<label for="${field}">${label(t, field)}${options.optional === true && html` <span class="optional">${t('form.optional')}</span>`}</label>`,
    hint: hintKey !== undefined && html`<p class="hint" id="${field}-hint">${t(hintKey, hintParams)}</p>`,
    error: errorParagraph(t, field, messages),
    aria: html`${describedBy.length > 0 && html` aria-describedby="${describedBy.join(' ')}"`}${messages.length > 0 && html` aria-invalid="true"`}`,
  };
}

function errorParagraph(t: Translate, field: FormField, messages: string[]): SafeHtml | false {
  return (
    messages.length > 0 &&
    html`<p class="error-message" id="${field}-error">${messages.map((message, i) => html`${i > 0 && html`<br>`}<span class="visually-hidden">${t('errors.prefix')} </span>${message}`)}</p>`
  );
}

function errorsFor(view: FormPageView, field: FormField): string[] {
  return view.errors.filter((error) => error.field === field).map((error) => error.message);
}

/** A field's visible label, also used in the error summary. */
export function label(t: Translate, field: FormField): string {
  return t(LABELS[field]);
}

const LABELS: Record<FormField, StringKey> = {
  title: 'field.title.label',
  description: 'field.description.label',
  steps: 'field.steps.label',
  affected: 'field.affected.label',
  impact: 'field.impact.label',
  cvss: 'field.cvss.label',
  attachments: 'field.attachments.label',
  contact_name: 'field.contact_name.label',
  contact_email: 'field.contact_email.label',
  contact_phone: 'field.contact_phone.label',
  contact_github: 'field.contact_github.label',
  contact_pgp_key: 'field.contact_pgp_key.label',
  credit: 'field.credit.legend',
  lang: 'field.lang.label',
};

const HINTS: Partial<Record<FormField, StringKey>> = {
  title: 'field.title.hint',
  description: 'field.description.hint',
  steps: 'field.steps.hint',
  affected: 'field.affected.hint',
  impact: 'field.impact.hint',
  cvss: 'field.cvss.hint',
  attachments: 'field.attachments.hint',
  contact_email: 'field.contact_email.hint',
  contact_phone: 'field.contact_phone.hint',
  contact_github: 'field.contact_github.hint',
  contact_pgp_key: 'field.contact_pgp_key.hint',
};
