import type { Language } from '../../report/report.js';

/** The public pages of one organisation, root-relative. */
export interface OrgPagePaths {
  report: string;
  policy: string;
  hallOfFame: string;
  pgpKey: string;
  securityTxt: string;
}

/** Paths of an organisation's pages; `login` has passed the route's login check, and is encoded anyway. */
export function orgPagePaths(login: string): OrgPagePaths {
  const base = `/orgs/${encodeURIComponent(login)}`;
  return {
    report: `${base}/report`,
    policy: `${base}/policy`,
    hallOfFame: `${base}/hall-of-fame`,
    pgpKey: `${base}/pgp-key.asc`,
    securityTxt: `${base}/security.txt`,
  };
}

/** A link to another page in the current language, so `?lang=` carries across pages. */
export function inLanguage(path: string, language: Language): string {
  return `${path}?lang=${language}`;
}
