import { NotFoundError, type RefusedError } from '../errors.js';
import { catalogue } from '../i18n/catalogues.js';
import type { Language } from '../report/report.js';

/** GitHub's own refusal message, for staff: one line, no backticks (it goes in a code span). */
function detailOf(error: RefusedError | NotFoundError): string {
  const detail = error instanceof NotFoundError ? null : error.detail;
  return detail === null ? '' : detail.replace(/[\r\n`]+/g, ' ').trim().slice(0, 300);
}

/**
 * Why GitHub refused to open the draft advisory, and how to fix it. Tracking goes on
 * without the advisory; the command can be repeated once the cause is fixed.
 */
export function advisoryRefusalLine(
  lang: Language,
  repository: { owner: string; repo: string },
  error: RefusedError | NotFoundError,
  /** For a 404: the repository as the app sees it (null: it cannot see it). */
  target: { private: boolean } | null = null,
): string {
  const text = catalogue(lang).advisory;
  const where = `${repository.owner}/${repository.repo}`;
  const detail = detailOf(error);
  const said = detail === '' ? '' : text.said(detail);
  const repeat = text.repeat(where);
  // A 404 on a private repository is GitHub's way of saying Advanced Security is off; it gives no message then.
  if (error instanceof NotFoundError && target?.private === true) return text.advancedSecurity(where, '', repeat);
  if (error instanceof NotFoundError) return text.notInstalled(where, repeat);
  if (error.status === 403 && /advanced security/i.test(detail)) return text.advancedSecurity(where, said, repeat);
  if (error.status === 403) return text.noPermission(where, said, repeat);
  return text.refused(error.status, said, repeat);
}

/** The link from the issue to its draft advisory, with who was credited and added. */
export function advisoryLinkedLine(
  lang: Language,
  link: { owner: string; repo: string; ghsaId: string; url: string; login: string | null; credited: boolean; collaborator: boolean },
): string {
  const text = catalogue(lang).advisory;
  const ghsa = link.ghsaId.replace(/[^A-Za-z0-9-]/g, '');
  const url = /^https:\/\/[^\s()<>]+$/.test(link.url) ? link.url : '';
  const anchor = url === '' ? `\`${ghsa}\`` : `[${ghsa}](${url})`;
  // Logins are shown as code: a mention would notify the researcher from a private repository.
  const who = link.login === null ? null : `\`${link.login.replace(/[^A-Za-z0-9-]/g, '')}\``;
  const parts = [text.opened(anchor, `${link.owner}/${link.repo}`)];
  if (who !== null && link.credited) parts.push(text.credited(who));
  if (who !== null && link.collaborator) parts.push(text.collaborator(who));
  if (who === null) parts.push(text.noLogin);
  return parts.join(' ');
}

/** GitHub refused to update an existing draft (`/cwe`, `/package`): the draft is still there. */
export function advisoryUpdateRefusalLine(lang: Language, advisory: { owner: string; repo: string; ghsaId: string }, error: RefusedError | NotFoundError): string {
  const text = catalogue(lang).advisory;
  const detail = detailOf(error);
  const ghsa = advisory.ghsaId.replace(/[^A-Za-z0-9-]/g, '');
  const status = error instanceof NotFoundError ? 404 : error.status;
  return text.updateRefused(ghsa, `${advisory.owner}/${advisory.repo}`, status, detail === '' ? '' : text.said(detail));
}

/** The researcher's login could not be added as a collaborator (e.g. the account does not exist). */
export function collaboratorRefusalLine(lang: Language, login: string): string {
  return catalogue(lang).advisory.collaboratorRefused(`\`${login.replace(/[^A-Za-z0-9-]/g, '')}\``);
}

/** The person who asked cannot write to the repository the draft would go to. */
export function advisoryPermissionLine(lang: Language, repository: { owner: string; repo: string }, login: string): string {
  const who = `\`${login.replace(/[^A-Za-z0-9-]/g, '')}\``;
  const where = `\`${repository.owner}/${repository.repo}\``;
  return catalogue(lang).advisory.noWriteAccess(who, where, `${repository.owner}/${repository.repo}`);
}

/**
 * GitHub refused the CVSS vector of the draft advisory, so the advisory gets the severity
 * of its score instead (or none, for a score of 0.0). The vector is shown as code; only the
 * characters of a vector are kept.
 */
export function cvssRefusedLine(lang: Language, vector: string, severity: string | null, error: RefusedError): string {
  const text = catalogue(lang).advisory;
  const detail = detailOf(error);
  const shown = `\`${vector.replace(/[^A-Za-z0-9:./]/g, '')}\``;
  return text.cvssRefused(shown, severity === null ? null : `\`${severity.replace(/[^a-z]/g, '')}\``, detail === '' ? '' : text.said(detail));
}
