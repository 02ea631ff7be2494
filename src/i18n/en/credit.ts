/** The credit record posted on the tracking issue when the advisory is published, or when a report is resolved without one. */
export const credit = {
  heading: 'Credit record',
  intro: 'The advisory was published. This comment records who is credited, and how.',
  advisory: 'Advisory',
  cve: 'CVE',
  summary: 'Summary',
  received: 'Report received',
  published: 'Advisory published',
  /** A report resolved (`/resolved`) without a GitHub advisory. */
  resolvedIntro: 'The report was resolved without a GitHub advisory. This comment records who is credited, and how.',
  resolved: 'Report resolved',
  /** The advisory was published after the researcher was credited on `/resolved`: credit is recorded once. */
  publishedAfterCredit: (advisory: string) =>
    `The advisory ${advisory} was published. The researcher was credited when the report was resolved (the credit record above); that credit stands and is not recorded twice.`,
  choice: "Researcher's choice",
  account: 'GitHub account',
  credited: 'Credited in the advisory',
  reward: 'Reward',
  none: 'none',
  noIntake: 'no researcher details: the report did not come through Disclosure Desk',
  anonymous: 'anonymous: no credit, and no name is shown anywhere',
  byName: (name: string) => `credit by name: ${name}`,
  byPseudonym: (name: string) => `credit under the pseudonym ${name}`,
  /** Credit by name chosen, no name given, but a GitHub account (private vulnerability reporting). */
  byAccount: (login: string) => `credit under their GitHub account ${login}`,
  noName: '(no name given)',
  /** The advisory credits the researcher's account although they asked to stay anonymous. */
  anonymousCredited: "**Check the advisory's credits:** the researcher asked to stay anonymous, but their GitHub account is credited. Remove that credit.",
  /** The researcher chose credit but their account is not among the advisory's credits. */
  notCredited: "**Check the advisory's credits:** the researcher asked for credit, but their GitHub account is not credited.",
};
