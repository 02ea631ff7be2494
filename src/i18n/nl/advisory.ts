import type { Catalogue } from '../catalogue.js';

/** The Dutch lines about the draft advisory; see the English catalogue. */
export const advisory: Catalogue['advisory'] = {
  said: (detail) => ` GitHub zegt: \`${detail}\`.`,
  repeat: (where) => `Herhaal daarna \`/advisory ${where}\`.`,
  advancedSecurity: (where, said, repeat) =>
    `Geen concept-advisory geopend: GitHub staat in een private repository (\`${where}\`) geen nieuwe security advisories toe zonder GitHub Advanced Security.${said} Zet Advanced Security aan voor de repository, of kies de publieke repository waarin de fout zit. ${repeat} De melding loopt door zonder advisory.`,
  notInstalled: (where, repeat) =>
    `Geen concept-advisory geopend: de repository \`${where}\` bestaat niet of valt niet onder de installatie van de app. Voeg haar toe (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). ${repeat} De melding loopt door zonder advisory.`,
  noPermission: (where, said, repeat) =>
    `Geen concept-advisory geopend: de app mag geen security advisories schrijven in \`${where}\`.${said} Een eigenaar kan de permissie "Repository security advisories: write" toekennen (Settings → GitHub Apps → Disclosure Desk → Permissions & events) en het verzoek goedkeuren. ${repeat} De melding loopt door zonder advisory.`,
  refused: (status, said, repeat) =>
    `Geen concept-advisory geopend: GitHub weigerde het verzoek (${status}).${said} Pas het aan (bijvoorbeeld met \`/cwe\` of \`/package\`). ${repeat} De melding loopt door zonder advisory.`,
  opened: (anchor, where) => `Concept-advisory ${anchor} geopend in \`${where}\`.`,
  credited: (who) => `${who} staat erin als finder.`,
  collaborator: (who) => `${who} is toegevoegd als medewerker en volgt de oplossing op GitHub.`,
  noLogin: 'De melder gaf geen GitHub-login: geen vermelding of medewerking op GitHub.',
  updateRefused: (ghsa, where, status, said) =>
    `De concept-advisory \`${ghsa}\` in \`${where}\` blijft zoals hij was: GitHub weigerde de wijziging (${status}).${said} Pas het aan en herhaal \`/cwe\` of \`/package\`, of wijzig de advisory op GitHub.`,
  collaboratorRefused: (who) =>
    `GitHub weigerde ${who} toe te voegen als medewerker (bestaat het account?). Voeg de melder zo nodig zelf toe op de advisory.`,
  cvssRefused: (vector, severity, said) =>
    `GitHub weigerde de CVSS-vector ${vector} voor de concept-advisory.${said} ${
      severity === null ? 'De advisory is zonder ernst verstuurd: stel die zelf in op GitHub.' : `De advisory is in plaats daarvan verstuurd met de ernst ${severity} (uit deze score).`
    } Zet de vector zelf op de advisory op GitHub zodra GitHub hem accepteert.`,
  noWriteAccess: (who, where, target) =>
    `Geen concept-advisory geopend: ${who} heeft geen schrijfrechten op ${where}. Iemand met schrijfrechten daar kan \`/advisory ${target}\` geven. De melding loopt door zonder advisory.`,
};
