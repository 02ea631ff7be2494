import type { Channel, CreditPreference, Language } from '../report/report.js';
import type { Severity } from '../report/severity.js';

/** The short, trusted phrases that fill a tracking issue's placeholders, per language. */
export interface TrackingText {
  weekdays: readonly string[];
  months: readonly string[];
  decimalSeparator: string;
  channel: Readonly<Record<Channel, string>>;
  credit: Readonly<Record<CreditPreference, string>>;
  severity: Readonly<Record<Severity, string>>;
  /** Shown for an empty optional field. */
  empty: string;
  githubLogin: string;
  email: string;
  phone: string;
  name: string;
  /** Which contact details were given, e.g. "e-mail address, phone number". */
  contactGiven(kinds: string): string;
  noContact: string;
  cvssScore(score: string, severity: string): string;
  businessDays(count: number): string;
  /** Under a field whose rest is in comments. */
  continued(characters: number): string;
  /** Heading of a comment that carries the rest of a field. */
  continuation(section: string, part: number): string;
  sections: Readonly<Record<'description' | 'steps' | 'impact', string>>;
}

const EN: TrackingText = {
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  decimalSeparator: '.',
  channel: { form: 'web form', api: 'JSON API', email: 'e-mail', github: 'GitHub private vulnerability reporting' },
  credit: { name: 'credit by name', pseudonym: 'credit under a pseudonym', anonymous: 'no credit (anonymous)' },
  severity: { none: 'none', low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  empty: '—',
  githubLogin: 'GitHub login',
  email: 'e-mail address',
  phone: 'phone number',
  name: 'name',
  contactGiven: (kinds) => `${kinds} given (kept by Disclosure Desk, not shown here)`,
  noContact: 'none given (anonymous report)',
  cvssScore: (score, severity) => `base score ${score}, ${severity} (computed from the researcher's vector)`,
  businessDays: (count) => `${count} business ${count === 1 ? 'day' : 'days'}`,
  continued: (characters) => `Continued in the comments below (${characters} more characters).`,
  continuation: (section, part) => `${section} (continued, part ${part})`,
  sections: { description: 'Description', steps: 'Steps to reproduce', impact: 'Impact' },
};

const NL: TrackingText = {
  weekdays: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  decimalSeparator: ',',
  channel: { form: 'webformulier', api: 'JSON-API', email: 'e-mail', github: 'GitHub private vulnerability reporting' },
  credit: { name: 'vermelding met naam', pseudonym: 'vermelding onder pseudoniem', anonymous: 'geen vermelding (anoniem)' },
  severity: { none: 'geen', low: 'laag', medium: 'middel', high: 'hoog', critical: 'kritiek' },
  empty: '—',
  githubLogin: 'GitHub-login',
  email: 'e-mailadres',
  phone: 'telefoonnummer',
  name: 'naam',
  contactGiven: (kinds) => `${kinds} opgegeven (bewaard door Disclosure Desk, niet hier getoond)`,
  noContact: 'niets opgegeven (anonieme melding)',
  cvssScore: (score, severity) => `basisscore ${score}, ${severity} (berekend uit de vector van de melder)`,
  businessDays: (count) => `${count} ${count === 1 ? 'werkdag' : 'werkdagen'}`,
  continued: (characters) => `Vervolg in de reacties hieronder (nog ${characters} tekens).`,
  continuation: (section, part) => `${section} (vervolg, deel ${part})`,
  sections: { description: 'Beschrijving', steps: 'Stappen om te reproduceren', impact: 'Impact' },
};

/** Tracking-issue phrases by language. */
export const TRACKING_TEXT: Readonly<Record<Language, TrackingText>> = { en: EN, nl: NL };
