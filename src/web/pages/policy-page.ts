import { POLICY_SECTION_IDS, type DisclosureConfig, type PolicySectionId } from '../../config/schema.js';
import type { OrganisationView } from '../../flows/intake/intake-ports.js';
import { textIn, type TextIn } from '../../config/localised-text.js';
import { catalogue } from '../../i18n/catalogues.js';
import type { Language } from '../../report/report.js';
import { html, type SafeHtml } from '../http/html.js';
import { layout, type LanguageLink } from './layout.js';
import { businessDayFacts, channelFacts, creditFacts, deadlineFacts, knownIssueFacts, outOfScopeFacts, privacyFacts, type PolicyFacts } from './policy-facts.js';
import type { Prose } from './policy-texts.js';
import { renderSecurityNav } from './security-nav.js';
import { inLanguage, orgPagePaths } from './org-page-paths.js';
import { translator } from './strings.js';

/** What the policy page is made from: the organisation, its config, and what the app knows. */
export interface PolicyPageView {
  language: Language;
  organisation: OrganisationView;
  config: DisclosureConfig;
  /** The organisation key's fingerprint when a key is configured (and served). */
  keyFingerprint: string | null;
  /** The current time: which year's holidays are listed. */
  now: Date;
  languageLinks: LanguageLink[];
}

/** Markup the app derives from the config, placed before or after a section's wording. */
interface SectionFacts {
  before?: (facts: PolicyFacts) => SafeHtml;
  after?: (facts: PolicyFacts) => SafeHtml;
}

const FACTS: Readonly<Partial<Record<PolicySectionId, SectionFacts>>> = {
  how_to_report: { after: channelFacts },
  out_of_scope: { after: outOfScopeFacts },
  known_issues: { after: knownIssueFacts },
  what_to_expect: { before: deadlineFacts, after: businessDayFacts },
  confidentiality: { after: privacyFacts },
  credit: { after: creditFacts },
};

/**
 * The public disclosure policy (`/orgs/{org}/policy`): the standard sections in the page
 * language, each worded by the organisation when its config says so (`policy.sections`),
 * with the facts from the config (links, lists, deadlines, rewards) always kept, then the
 * organisation's extra sections. Every piece of config text is escaped.
 */
export function renderPolicyPage(view: PolicyPageView): SafeHtml {
  const { language, organisation, config } = view;
  const texts = catalogue(language).policy;
  const facts: PolicyFacts = { language, texts, login: organisation.login, config, keyFingerprint: view.keyFingerprint, now: view.now };
  const extra = config.policy.extra.map((section, index) => ({
    id: `extra-${index + 1}`,
    title: textIn(section.title, language),
    text: textIn(section.text, language),
  }));
  const contents = [...POLICY_SECTION_IDS.map((id) => ({ id, title: texts.headings[id] })), ...extra.map((section) => ({ id: section.id, title: section.title.value }))];
  const title = texts.title(organisation.name);
  const content = html`<h1>${title}</h1>
${renderSecurityNav(texts, organisation.login, language, 'policy')}
<nav class="policy-contents" aria-labelledby="contents-heading">
<h2 id="contents-heading">${texts.contents}</h2>
<ol>${contents.map((entry) => html`<li><a href="#${entry.id}">${entry.title}</a></li>`)}</ol>
</nav>
${POLICY_SECTION_IDS.map((id) => {
    const override = config.policy.sections[id];
    const own = override === undefined ? null : textIn(override, language);
    const prose = own === null ? renderProse(texts.prose[id](organisation.name)) : renderConfigText(own);
    const sectionFacts = FACTS[id];
    return html`<section class="policy-section" id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${texts.headings[id]}</h2>
${sectionFacts?.before?.(facts)}
${prose}
${sectionFacts?.after?.(facts)}
</section>
`;
  })}
${extra.map(
    (section) => html`<section class="policy-section policy-extra" id="${section.id}" aria-labelledby="${section.id}-heading">
<h2 id="${section.id}-heading"${section.title.lang !== language && html` lang="${section.title.lang}"`}>${section.title.value}</h2>
${renderConfigText(section.text)}
</section>
`,
  )}`;
  return layout({ t: translator(language), language, title, orgName: organisation.name, languageLinks: view.languageLinks }, content);
}

function renderProse(prose: Prose): SafeHtml {
  return html`${prose.paragraphs.map((p) => html`<p>${p}</p>`)}
${prose.items !== undefined && html`<ul>${prose.items.map((item) => html`<li>${item}</li>`)}</ul>`}
${(prose.after ?? []).map((p) => html`<p>${p}</p>`)}`;
}

/**
 * An organisation's own text: plain text, escaped; a blank line starts a new paragraph and
 * single line breaks are kept by the stylesheet. Marked with its language when it is not the page's.
 */
function renderConfigText(text: TextIn): SafeHtml {
  const paragraphs = text.value
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return html`<div class="config-text" lang="${text.lang}">${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}</div>`;
}

/**
 * The policy page of an organisation whose config was never valid: it says the policy is
 * being set up, and where to report meanwhile, rather than presenting the built-in defaults
 * as the organisation's own promises.
 */
export function renderPolicySettingUpPage(view: { language: Language; organisation: OrganisationView; languageLinks: LanguageLink[] }): SafeHtml {
  const t = translator(view.language);
  const org = view.organisation.name;
  const title = t('policy.settingUp.title', { org });
  const content = html`<h1>${title}</h1>
<p>${t('policy.settingUp.body', { org })}</p>
<p><a href="${inLanguage(orgPagePaths(view.organisation.login).report, view.language)}">${t('policy.settingUp.report')}</a></p>`;
  return layout({ t, language: view.language, title, orgName: org, languageLinks: view.languageLinks }, content);
}
