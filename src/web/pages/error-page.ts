import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout } from './layout.js';
import type { Translate } from './strings.js';

/** A page that explains why nothing happened and what to do next. */
export interface ErrorPageView {
  t: Translate;
  language: Language;
  title: string;
  paragraphs: string[];
  orgName?: string;
  /** The form to go back to, when there is one. */
  formHref?: string;
}

/** An error page: a heading, plain sentences, and a way back. */
export function renderErrorPage(view: ErrorPageView): SafeHtml {
  const { t } = view;
  const content = html`<h1>${view.title}</h1>
${view.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
${view.formHref !== undefined && html`<p><a href="${view.formHref}">${t('error.back')}</a></p>`}`;
  return layout({ t, language: view.language, title: view.title, orgName: view.orgName }, content);
}
