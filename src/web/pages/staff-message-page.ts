import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout } from './layout.js';
import type { StaffTranslate } from './staff-strings.js';
import { translator } from './strings.js';

/** A staff page that only says something: a refusal, a failed sign-in, signed out. */
export interface StaffMessageView {
  t: StaffTranslate;
  language: Language;
  title: string;
  paragraphs: string[];
  /** Offers to sign out (for someone signed in with an account that has no access). */
  signOut?: { csrf: string };
}

export function renderStaffMessage(view: StaffMessageView): SafeHtml {
  const content = html`<h1>${view.title}</h1>
${view.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
${view.signOut !== undefined && renderSignOut(view.t, view.signOut.csrf)}`;
  return layout({ t: translator(view.language), language: view.language, title: view.title }, content);
}

/** The sign-out form: a POST with the session's CSRF token, never a link a page could fire. */
export function renderSignOut(t: StaffTranslate, csrf: string): SafeHtml {
  return html`<form method="post" action="/staff/sign-out" class="sign-out">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit">${t('session.signOut')}</button>
</form>`;
}
