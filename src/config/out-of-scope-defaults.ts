/**
 * The out-of-scope categories of seed policy 000 ("What doesn't need to be reported"),
 * plus the attack techniques it forbids. Each has a stable id that staff use in
 * `/scope out <id>` and a text per language for the researcher.
 */
export const DEFAULT_OUT_OF_SCOPE = [
  { id: 'physical', en: 'Physical attacks', nl: 'Fysieke aanvallen' },
  { id: 'social-engineering', en: 'Social engineering', nl: 'Social engineering' },
  { id: 'dos', en: '(Distributed) denial of service', nl: '(Distributed) denial of service' },
  { id: 'email-auth', en: 'Incomplete or missing SPF, DKIM or DMARC records', nl: 'Onvolledige of ontbrekende SPF-, DKIM- of DMARC-records' },
  { id: 'httponly', en: 'Missing HttpOnly flag on cookies that hold no sensitive data', nl: 'Ontbrekende HttpOnly-vlag op cookies zonder gevoelige gegevens' },
  { id: 'version-lists', en: 'Plain lists of versions of operating systems or services, or of open ports', nl: 'Lijsten van versies van besturingssystemen of diensten, of van open poorten' },
  { id: 'public-files', en: 'Publicly available files that are meant to be public', nl: 'Openbare bestanden die openbaar bedoeld zijn' },
  { id: 'third-party', en: 'Services run by third parties (see their own disclosure policy)', nl: 'Diensten van derden (zie hun eigen disclosure-beleid)' },
  { id: 'third-party-breach', en: 'E-mail addresses found in a data breach at a third party', nl: 'E-mailadressen uit een datalek bij een derde partij' },
  { id: 'recent-patch', en: 'Vulnerabilities for which a patch was released less than 2 weeks ago', nl: 'Kwetsbaarheden waarvoor minder dan 2 weken geleden een patch is uitgebracht' },
  { id: 'redirect', en: 'URL redirects to a valid page', nl: 'URL-redirects naar een geldige pagina' },
  { id: 'not-reproducible', en: 'Situations that cannot be reproduced or validated with a second method', nl: 'Situaties die niet reproduceerbaar zijn of niet met een tweede methode te valideren' },
  { id: 'user-error', en: 'User errors', nl: 'Gebruikersfouten' },
] as const;
