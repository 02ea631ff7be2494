/** The pinned "SLA at a glance" issue in the tracking repository (staff-facing, in the tracking language). */
export const slaDashboard = {
  title: 'SLA at a glance',
  intro: 'How this quarter’s reports fare against the promised deadlines, and what is due. Disclosure Desk rewrites this issue once a day, only when something changed; edits by hand are overwritten.',
  quarterHeading: (quarter: string) => `This quarter (${quarter})`,
  reportsReceived: (count: number) => (count === 1 ? '1 report received this quarter.' : `${count} reports received this quarter.`),
  noReports: 'No report received this quarter yet.',
  columns: { deadline: 'Deadline', measured: 'Met', median: 'Median', p90: 'p90', metShare: 'Met on time' },
  deadlines: { receipt: 'Receipt', assessment: 'Assessment', resolution: 'Resolution' },
  /** Hours from receipt to meeting the deadline, one decimal. */
  hours: (value: string) => `${value} h`,
  none: '–',
  figuresNote: 'Median and p90: hours from receipt to meeting the deadline (nearest rank). Met on time: on time ÷ (on time + missed); deadlines not yet due are left out. The same figures as `npm run sla`.',
  chartHeading: 'Met on time this quarter',
  chartMet: 'Met on time',
  chartMissed: 'Missed',
  dueHeading: 'Due in the next 7 days',
  nothingDue: 'Nothing is due in the next 7 days.',
  overdueHeading: 'Overdue now',
  nothingOverdue: 'Nothing is overdue.',
  paused: (count: number) => (count === 1 ? '1 report waits for the researcher (clock paused): not listed.' : `${count} reports wait for the researcher (clock paused): not listed.`),
  entry: (link: string, deadline: string, due: string) => `${link}: ${deadline}, due ${due}`,
  pinRefused: 'GitHub refused to pin this issue (a repository pins at most 3 issues, and pinning needs write access). Pin it by hand if you want it on top; Disclosure Desk will not try again.',
};
