/** The organisation's alert issue and the config check run (operator-facing, in the tracking language). */
export const alert = {
  title: 'Disclosure Desk: attention needed',
  intro: 'Disclosure Desk needs someone from the organisation. This issue is kept up to date and closed when all is well again.',
  configHeading: 'The configuration is invalid',
  configBody: 'Reports are received and kept, but none is filed until `.github/disclosure.yml` is fixed; meanwhile the public pages keep the last valid policy.',
  heldHeading: (count: number) => (count === 1 ? '1 report is held' : `${count} reports are held`),
  heldBody: 'They are kept and filed as soon as the cause is fixed (checked every few minutes); nothing is lost.',
  deadHeading: (count: number) => (count === 1 ? '1 job stopped' : `${count} jobs stopped`),
  deadBody: 'Work the desk gave up on after retrying for a day (or could not read). The operator lists them with `npm run jobs -- dead` and requeues them once the cause is fixed: `npm run jobs -- requeue --all`.',
  resolved: 'All is well again: no invalid configuration, no held reports, no stopped jobs. Closing.',
  check: {
    noFileTitle: 'No configuration file',
    noFileSummary: (file: string) => `There is no \`${file}\` at this commit: the built-in defaults apply.`,
    validTitle: 'The configuration is valid',
    validSummary: (file: string) => `\`${file}\` is valid.`,
    invalidTitle: (count: number, file: string) => (count === 1 ? `1 problem in ${file}` : `${count} problems in ${file}`),
    invalidSummary: 'Reports are received and kept, but none is filed while the configuration on the default branch is invalid.',
    line: (line: number) => `line ${line}`,
  },
};
