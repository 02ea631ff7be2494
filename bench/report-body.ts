/**
 * A valid JSON API report (the shape `POST /api/v1/orgs/{org}/reports` accepts). Each `n`
 * names its own host and carries its own words, so the duplicate check at filing does not
 * (rightly) flag the bench's reports as duplicates of each other.
 */
export function sampleReport(n = 0): Record<string, unknown> {
  const own = Array.from({ length: 40 }, (_, i) => `w${n}x${i}`).join(' ');
  return {
    title: `Stored XSS in the profile page (${n})`,
    description: `The display name is rendered without escaping on /profile, so a script in it runs for every visitor. ${own}`,
    steps: '1. Set the display name to <script>alert(1)</script>\n2. Open /profile',
    affected: `https://app${n}.acme.example/profile`,
    impact: 'Session theft for any user who views the profile.',
    cvss: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
    contact: { name: 'Ada Researcher', email: 'ada@example.org' },
    credit: 'name',
    language: 'en',
  };
}

/** The path of the JSON API for an organisation. */
export function reportsPath(org: string): string {
  return `/api/v1/orgs/${org}/reports`;
}
