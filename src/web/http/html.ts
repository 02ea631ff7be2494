/**
 * A tiny HTML template helper (rule "untrusted text never becomes markup"): every interpolation is escaped
 * unless it is already a SafeHtml value, i.e. the output of another `html` template.
 * There is deliberately no way to mark an arbitrary string as safe.
 */

const BRAND = Symbol('SafeHtml');

/** Markup produced by {@link html}; only this module can make one. */
export interface SafeHtml {
  readonly [BRAND]: true;
  readonly value: string;
}

/** Anything that may be interpolated: text is escaped, SafeHtml is kept, lists are joined. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** `html\`<p>${text}</p>\`` → SafeHtml with `text` escaped. `false`, null and undefined render as nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return safe(out);
}

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/** True when the value came out of {@link html}. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && BRAND in value;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

function safe(value: string): SafeHtml {
  return { [BRAND]: true, value };
}
