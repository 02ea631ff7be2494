import type { LabelSpec } from '../ports/github.js';
import type { Channel } from '../report/report.js';
import type { Severity } from '../report/severity.js';
import type { FixLabelName } from '../triage/fix-verification.js';

/** Where a report is in its life: filing sets `status:new`, triage commands the others. */
export type StatusLabel = `status:${'new' | 'triaged' | 'accepted' | 'rejected' | 'duplicate' | 'known' | 'resolved' | 'published'}`;
/** Which intake channel a report came through. */
export type ChannelLabel = `channel:${Channel}`;
/** The CVSS qualitative severity (from the reporter's vector until triage sets it). */
export type SeverityLabel = `severity:${Severity}`;
/** Triage and SLA flags: the asset matched no in-scope rule; the clock is paused; a deadline passed. */
export type FlagLabel = 'scope:unclear' | 'sla:paused' | 'sla:overdue' | 'advisory:draft';
/** The researcher's answer to `/verify-fix`: the fix confirmed, or not fixed. */
export type FixLabel = FixLabelName;
/** Every label the app creates and sets. */
export type LabelName = StatusLabel | ChannelLabel | SeverityLabel | FlagLabel | FixLabel;

interface CatalogueEntry extends LabelSpec {
  name: LabelName;
}

/** The label catalogue: created in the tracking repository when missing. Descriptions ≤ 100 characters. */
export const LABELS = [
  { name: 'status:new', color: 'fbca04', description: 'New report: confirm receipt and triage' },
  { name: 'status:triaged', color: 'c5def5', description: 'Triaged: severity and scope set, assessment under way' },
  { name: 'status:accepted', color: '0e8a16', description: 'Accepted as a vulnerability: fix and advisory in progress' },
  { name: 'status:rejected', color: 'cfd3d7', description: 'Not a vulnerability, or out of scope' },
  { name: 'status:duplicate', color: 'cfd3d7', description: 'Duplicate of an earlier report' },
  { name: 'status:known', color: 'bfdadc', description: 'Already known to us, or an accepted risk' },
  { name: 'status:resolved', color: '5319e7', description: 'Fixed; advisory not yet published' },
  { name: 'status:published', color: '1d76db', description: 'Advisory published and researcher credited' },
  { name: 'channel:form', color: 'ededed', description: 'Reported through the web form' },
  { name: 'channel:api', color: 'ededed', description: 'Reported through the JSON API' },
  { name: 'channel:email', color: 'ededed', description: 'Reported by e-mail' },
  { name: 'channel:github', color: 'ededed', description: 'Reported through GitHub private vulnerability reporting' },
  { name: 'severity:none', color: 'e6e6e6', description: 'CVSS 0.0: no impact' },
  { name: 'severity:low', color: 'c2e0c6', description: 'CVSS 0.1–3.9' },
  { name: 'severity:medium', color: 'fef2c0', description: 'CVSS 4.0–6.9' },
  { name: 'severity:high', color: 'f9a825', description: 'CVSS 7.0–8.9' },
  { name: 'severity:critical', color: 'b60205', description: 'CVSS 9.0–10.0' },
  { name: 'scope:unclear', color: 'd4c5f9', description: 'The affected asset matches no in-scope rule: decide with /scope in or /scope out' },
  { name: 'sla:paused', color: 'bfd4f2', description: 'Waiting for the researcher (/needs-info): the SLA clock is paused' },
  { name: 'sla:overdue', color: 'd93f0b', description: 'A promised deadline has passed' },
  { name: 'advisory:draft', color: '006b75', description: 'A draft security advisory is open for this report' },
  { name: 'fix:verified', color: '0e8a16', description: 'The researcher confirmed the fix (/verify-fix)' },
  { name: 'fix:not-fixed', color: 'b60205', description: 'The researcher reports the problem is not fixed (/verify-fix)' },
] as const satisfies readonly CatalogueEntry[];

const BY_NAME = new Map<string, LabelSpec>(LABELS.map((label) => [label.name, label]));

/** The catalogue entry for a label. Throws RangeError for a label outside the catalogue. */
export function labelSpec(name: string): LabelSpec {
  const spec = BY_NAME.get(name);
  if (spec === undefined) throw new RangeError(`not a Disclosure Desk label: ${name}`);
  return { ...spec };
}

/** Whether `name` is in the catalogue. */
export function isLabelName(name: string): name is LabelName {
  return BY_NAME.has(name);
}

/** `channel:form` for 'form'. */
export function channelLabel(channel: Channel): ChannelLabel {
  return `channel:${channel}`;
}

/** `severity:high` for 'high'. */
export function severityLabel(severity: Severity): SeverityLabel {
  return `severity:${severity}`;
}
