import { inEveryLanguage, type Catalogue } from '../i18n/catalogues.js';

/** The short, trusted phrases that fill a tracking issue's placeholders (src/i18n, `tracking.text`). */
export type TrackingText = Catalogue['tracking']['text'];

/** Tracking-issue phrases by language. */
export const TRACKING_TEXT = inEveryLanguage((texts) => texts.tracking.text);
