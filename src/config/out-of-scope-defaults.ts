import { catalogue } from '../i18n/catalogues.js';

const EN = catalogue('en').outOfScope;
const NL = catalogue('nl').outOfScope;

/**
 * The out-of-scope categories of seed policy 000 ("What doesn't need to be reported"),
 * plus the attack techniques it forbids. Each has a stable id that staff use in
 * `/scope out <id>` and a text per language for the researcher (src/i18n, `outOfScope`),
 * in the config's own shape so an organisation's list and the default look alike.
 */
export const DEFAULT_OUT_OF_SCOPE = (Object.keys(EN) as (keyof typeof EN)[]).map((id) => ({ id, en: EN[id], nl: NL[id] }));
