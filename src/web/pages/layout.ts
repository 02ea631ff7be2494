import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { LANGUAGE_NAMES } from './language.js';
import type { Translate } from './strings.js';

/** A link to the same page in another language. */
export interface LanguageLink {
  language: Language;
  href: string;
}

/** What every page shares: language, title, the organisation's name and the language switch. */
export interface PageFrame {
  t: Translate;
  language: Language;
  title: string;
  /** Shown in the header and footer; absent on pages not tied to a known organisation. */
  orgName?: string;
  languageLinks?: LanguageLink[];
}

/** Wraps page content in the document shell. The stylesheet is a file because CSP forbids inline styles. */
export function layout(frame: PageFrame, content: SafeHtml): SafeHtml {
  const { t, language, title, orgName, languageLinks = [] } = frame;
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="site-header">
<p class="site-org">${orgName ?? 'Disclosure Desk'}</p>
${languageLinks.length > 0 && html`<nav class="language-switch" aria-label="${t('layout.languageNav')}"><ul>${languageLinks.map(
    (link) => html`<li><a href="${link.href}" hreflang="${link.language}" lang="${link.language}">${LANGUAGE_NAMES[link.language]}</a></li>`,
  )}</ul></nav>`}
</header>
<main id="main">
${content}
</main>
${orgName !== undefined && html`<footer class="site-footer"><p>${footerSentence(t, orgName)}</p></footer>`}
</body>
</html>
`;
}

/** Links to `path` in every offered language but the current one, other query parameters kept. */
export function languageLinks(url: URL, current: Language, offered: readonly Language[]): LanguageLink[] {
  return offered
    .filter((language) => language !== current)
    .map((language) => {
      const params = new URLSearchParams(url.searchParams);
      params.set('lang', language);
      return { language, href: `${url.pathname}?${params.toString()}` };
    });
}

/** The footer's sentence ends with a full stop: a name that ends with one ("Acme B.V.") does not get a second. */
export function footerSentence(t: Translate, orgName: string): string {
  return t('layout.footer', { org: orgName }).replace(/\.\.$/, '.');
}
