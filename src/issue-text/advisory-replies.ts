import { NotFoundError, type RefusedError } from '../errors.js';
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
  const where = `${repository.owner}/${repository.repo}`;
  const detail = detailOf(error);
  const said = detail === '' ? '' : lang === 'nl' ? ` GitHub zegt: \`${detail}\`.` : ` GitHub says: \`${detail}\`.`;
  const repeat = lang === 'nl' ? `Herhaal daarna \`/advisory ${where}\`.` : `Then repeat \`/advisory ${where}\`.`;
  if (error instanceof NotFoundError && target?.private === true) {
    return lang === 'nl'
      ? `Geen concept-advisory geopend: GitHub staat in een private repository (\`${where}\`) geen nieuwe security advisories toe zonder GitHub Advanced Security. Zet Advanced Security aan voor de repository, of kies de publieke repository waarin de fout zit. ${repeat} De melding loopt door zonder advisory.`
      : `No draft advisory was opened: GitHub does not allow new security advisories in a private repository (\`${where}\`) without GitHub Advanced Security. Enable Advanced Security for the repository, or name the public repository the flaw is in. ${repeat} Tracking goes on without the advisory.`;
  }
  if (error instanceof NotFoundError) {
    return lang === 'nl'
      ? `Geen concept-advisory geopend: de repository \`${where}\` bestaat niet of valt niet onder de installatie van de app. Voeg haar toe (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). ${repeat} De melding loopt door zonder advisory.`
      : `No draft advisory was opened: the repository \`${where}\` does not exist or is not in the app's installation. Add it (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). ${repeat} Tracking goes on without the advisory.`;
  }
  if (error.status === 403 && /advanced security/i.test(detail)) {
    return lang === 'nl'
      ? `Geen concept-advisory geopend: GitHub staat in een private repository (\`${where}\`) geen nieuwe security advisories toe zonder GitHub Advanced Security.${said} Zet Advanced Security aan voor de repository, of kies de publieke repository waarin de fout zit. ${repeat} De melding loopt door zonder advisory.`
      : `No draft advisory was opened: GitHub does not allow new security advisories in a private repository (\`${where}\`) without GitHub Advanced Security.${said} Enable Advanced Security for the repository, or name the public repository the flaw is in. ${repeat} Tracking goes on without the advisory.`;
  }
  if (error.status === 403) {
    return lang === 'nl'
      ? `Geen concept-advisory geopend: de app mag geen security advisories schrijven in \`${where}\`.${said} Een eigenaar kan de permissie "Repository security advisories: write" toekennen (Settings → GitHub Apps → Disclosure Desk → Permissions & events) en het verzoek goedkeuren. ${repeat} De melding loopt door zonder advisory.`
      : `No draft advisory was opened: the app may not write security advisories in \`${where}\`.${said} An owner can grant the permission "Repository security advisories: write" (Settings → GitHub Apps → Disclosure Desk → Permissions & events) and approve the request. ${repeat} Tracking goes on without the advisory.`;
  }
  return lang === 'nl'
    ? `Geen concept-advisory geopend: GitHub weigerde het verzoek (${error.status}).${said} Pas het aan (bijvoorbeeld met \`/cwe\` of \`/package\`). ${repeat} De melding loopt door zonder advisory.`
    : `No draft advisory was opened: GitHub refused the request (${error.status}).${said} Correct it (for example with \`/cwe\` or \`/package\`). ${repeat} Tracking goes on without the advisory.`;
}

/** The link from the issue to its draft advisory, with who was credited and added. */
export function advisoryLinkedLine(
  lang: Language,
  link: { owner: string; repo: string; ghsaId: string; url: string; login: string | null; credited: boolean; collaborator: boolean },
): string {
  const ghsa = link.ghsaId.replace(/[^A-Za-z0-9-]/g, '');
  const url = /^https:\/\/[^\s()<>]+$/.test(link.url) ? link.url : '';
  const anchor = url === '' ? `\`${ghsa}\`` : `[${ghsa}](${url})`;
  // Logins are shown as code: a mention would notify the researcher from a private repository.
  const who = link.login === null ? null : `\`${link.login.replace(/[^A-Za-z0-9-]/g, '')}\``;
  const parts: string[] = [];
  if (lang === 'nl') {
    parts.push(`Concept-advisory ${anchor} geopend in \`${link.owner}/${link.repo}\`.`);
    if (who !== null && link.credited) parts.push(`${who} staat erin als finder.`);
    if (who !== null && link.collaborator) parts.push(`${who} is toegevoegd als medewerker en volgt de oplossing op GitHub.`);
    if (who === null) parts.push('De melder gaf geen GitHub-login: geen vermelding of medewerking op GitHub.');
  } else {
    parts.push(`Draft advisory ${anchor} opened in \`${link.owner}/${link.repo}\`.`);
    if (who !== null && link.credited) parts.push(`${who} is credited as finder.`);
    if (who !== null && link.collaborator) parts.push(`${who} was added as a collaborator and follows the fix on GitHub.`);
    if (who === null) parts.push('The researcher gave no GitHub login: no credit or collaboration on GitHub.');
  }
  return parts.join(' ');
}

/** GitHub refused to update an existing draft (`/cwe`, `/package`): the draft is still there. */
export function advisoryUpdateRefusalLine(lang: Language, advisory: { owner: string; repo: string; ghsaId: string }, error: RefusedError | NotFoundError): string {
  const detail = detailOf(error);
  const ghsa = advisory.ghsaId.replace(/[^A-Za-z0-9-]/g, '');
  const status = error instanceof NotFoundError ? 404 : error.status;
  const said = detail === '' ? '' : lang === 'nl' ? ` GitHub zegt: \`${detail}\`.` : ` GitHub says: \`${detail}\`.`;
  return lang === 'nl'
    ? `De concept-advisory \`${ghsa}\` in \`${advisory.owner}/${advisory.repo}\` blijft zoals hij was: GitHub weigerde de wijziging (${status}).${said} Pas het aan en herhaal \`/cwe\` of \`/package\`, of wijzig de advisory op GitHub.`
    : `The draft advisory \`${ghsa}\` in \`${advisory.owner}/${advisory.repo}\` stays as it was: GitHub refused the update (${status}).${said} Correct it and repeat \`/cwe\` or \`/package\`, or edit the advisory on GitHub.`;
}

/** The researcher's login could not be added as a collaborator (e.g. the account does not exist). */
export function collaboratorRefusalLine(lang: Language, login: string): string {
  const who = `\`${login.replace(/[^A-Za-z0-9-]/g, '')}\``;
  return lang === 'nl'
    ? `GitHub weigerde ${who} toe te voegen als medewerker (bestaat het account?). Voeg de melder zo nodig zelf toe op de advisory.`
    : `GitHub refused to add ${who} as a collaborator (does the account exist?). Add the researcher on the advisory yourself if needed.`;
}

/** The person who asked cannot write to the repository the draft would go to. */
export function advisoryPermissionLine(lang: Language, repository: { owner: string; repo: string }, login: string): string {
  const who = `\`${login.replace(/[^A-Za-z0-9-]/g, '')}\``;
  const where = `\`${repository.owner}/${repository.repo}\``;
  return lang === 'nl'
    ? `Geen concept-advisory geopend: ${who} heeft geen schrijfrechten op ${where}. Iemand met schrijfrechten daar kan \`/advisory ${repository.owner}/${repository.repo}\` geven. De melding loopt door zonder advisory.`
    : `No draft advisory was opened: ${who} has no write access to ${where}. Someone who can write there may run \`/advisory ${repository.owner}/${repository.repo}\`. Tracking goes on without the advisory.`;
}
