import { neutraliseInline } from '../report/neutralise.js';
import type { Contact } from '../report/report.js';
import { scoreCvss } from '../report/cvss.js';
import type { TrackingText } from './tracking-text.js';

/**
 * Which contact details the researcher gave. Only the GitHub login is shown (as code, so
 * it does not notify): it is a public identity that staff need for advisory credits and
 * collaboration. E-mail, phone and name stay with the app: everyone with access to the
 * tracking repository can read the issue, GitHub keeps every edit of it, and the later
 * researcher channel mails the researcher through the app.
 */
export function contactCell(contact: Contact, text: TrackingText): string {
  const parts: string[] = [];
  if (contact.github !== undefined) parts.push(`${text.githubLogin} ${neutraliseInline(`@${contact.github}`)}`);
  const given = [contact.email && text.email, contact.phone && text.phone, contact.name && text.name].filter(
    (kind): kind is string => typeof kind === 'string' && kind !== '',
  );
  if (given.length > 0) parts.push(text.contactGiven(given.join(', ')));
  return parts.length > 0 ? parts.join('; ') : text.noContact;
}

/** The vector as written and, when it scores (CVSS 3.x or 4.0), its score and severity. */
export function cvssCell(vector: string | undefined, text: TrackingText): string {
  if (vector === undefined) return text.empty;
  const shown = neutraliseInline(vector);
  const scored = scoreCvss(vector);
  if (!scored.ok) return shown;
  const formatted = scored.score.toFixed(1).replace('.', text.decimalSeparator);
  return `${shown} — ${text.cvssScore(formatted, text.severity[scored.severity])}`;
}
