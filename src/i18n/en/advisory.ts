/**
 * What the app says on a tracking issue about the draft advisory: that it was opened, or why
 * GitHub refused it and how to fix that. `said` is GitHub's own message (or empty), `repeat`
 * the line that tells staff to run the command again; both are filled from this catalogue.
 */
export const advisory = {
  said: (detail: string) => ` GitHub says: \`${detail}\`.`,
  repeat: (where: string) => `Then repeat \`/advisory ${where}\`.`,
  advancedSecurity: (where: string, said: string, repeat: string) =>
    `No draft advisory was opened: GitHub does not allow new security advisories in a private repository (\`${where}\`) without GitHub Advanced Security.${said} Enable Advanced Security for the repository, or name the public repository the flaw is in. ${repeat} Tracking goes on without the advisory.`,
  notInstalled: (where: string, repeat: string) =>
    `No draft advisory was opened: the repository \`${where}\` does not exist or is not in the app's installation. Add it (Settings → GitHub Apps → Disclosure Desk → Configure → Repository access). ${repeat} Tracking goes on without the advisory.`,
  noPermission: (where: string, said: string, repeat: string) =>
    `No draft advisory was opened: the app may not write security advisories in \`${where}\`.${said} An owner can grant the permission "Repository security advisories: write" (Settings → GitHub Apps → Disclosure Desk → Permissions & events) and approve the request. ${repeat} Tracking goes on without the advisory.`,
  refused: (status: number, said: string, repeat: string) =>
    `No draft advisory was opened: GitHub refused the request (${status}).${said} Correct it (for example with \`/cwe\` or \`/package\`). ${repeat} Tracking goes on without the advisory.`,
  opened: (anchor: string, where: string) => `Draft advisory ${anchor} opened in \`${where}\`.`,
  credited: (who: string) => `${who} is credited as finder.`,
  collaborator: (who: string) => `${who} was added as a collaborator and follows the fix on GitHub.`,
  noLogin: 'The researcher gave no GitHub login: no credit or collaboration on GitHub.',
  updateRefused: (ghsa: string, where: string, status: number, said: string) =>
    `The draft advisory \`${ghsa}\` in \`${where}\` stays as it was: GitHub refused the update (${status}).${said} Correct it and repeat \`/cwe\` or \`/package\`, or edit the advisory on GitHub.`,
  collaboratorRefused: (who: string) =>
    `GitHub refused to add ${who} as a collaborator (does the account exist?). Add the researcher on the advisory yourself if needed.`,
  cvssRefused: (vector: string, severity: string | null, said: string) =>
    `GitHub refused the CVSS vector ${vector} for the draft advisory.${said} ${
      severity === null ? 'The advisory was sent without a severity: set one on GitHub.' : `The advisory was sent with the severity ${severity} (from this score) instead.`
    } Set the vector on the advisory on GitHub once GitHub accepts it.`,
  noWriteAccess: (who: string, where: string, target: string) =>
    `No draft advisory was opened: ${who} has no write access to ${where}. Someone who can write there may run \`/advisory ${target}\`. Tracking goes on without the advisory.`,
};
