import type { Language } from '../../report/report.js';
import { POLICY_TEXT_EN } from './policy-texts-en.js';
import { POLICY_TEXT_NL } from './policy-texts-nl.js';
import type { PolicyTexts } from './policy-texts.js';

const TEXTS: Readonly<Record<Language, PolicyTexts>> = { en: POLICY_TEXT_EN, nl: POLICY_TEXT_NL };

/** The policy and hall-of-fame page texts in one language. */
export function policyTextFor(language: Language): PolicyTexts {
  return TEXTS[language];
}
