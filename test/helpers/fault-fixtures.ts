/**
 * The organisation, repositories and reports the fault suite (test/faults/) files: one
 * GitHub set-up for every seam, and reports whose texts and assets share nothing, so
 * filing posts no duplicate notes unless a test asks for them.
 */
import { LABELS } from '../../src/issue-text/labels.js';
import type { FakeGitHub } from './fake-github.js';

export const ORG = 'acme';
export const INSTALLATION_ID = 11;
export const TRACKING_REPO = 'security-reports';
/** Private, with GitHub Advanced Security: drafts can be opened there (`/accept acme/internal`). */
export const ADVISORY_REPO = 'internal';
/** A staff member with write access to the tracking repository and admin on ADVISORY_REPO. */
export const STAFF = 'alice';

/**
 * Scope is checked (so an out-of-scope report gets triage notes in its issue); no reminders
 * (a run near a deadline would otherwise post one, depending on the day it runs).
 */
export const FAULT_CONFIG = `name: Acme Corp
sla:
  reminder_lead_hours: 0
  receipt_business_days: 5
  assessment_business_days: 10
scope:
  in_scope:
    domains: ["*.acme.example", "acme.example"]
`;

/**
 * Sets up the fake: `acme` installed, the private tracking repository with the app's
 * labels (as after its first report: label set-up is not what these tests are about, and
 * every write costs a paced second), the advisory target, the config.
 */
export function seedGitHub(fake: FakeGitHub): void {
  fake.addOrg(ORG, INSTALLATION_ID);
  fake.addRepo(ORG, TRACKING_REPO, { private: true });
  for (const label of LABELS) fake.addLabel(ORG, TRACKING_REPO, label);
  fake.addRepo(ORG, ADVISORY_REPO, { private: true, advancedSecurity: true });
  fake.setFile(ORG, '.github', '.github/disclosure.yml', FAULT_CONFIG);
  fake.setPermission(ORG, TRACKING_REPO, STAFF, 'write');
  fake.setPermission(ORG, ADVISORY_REPO, STAFF, 'admin');
}

/** What the JSON API takes (README "JSON API"). */
export interface ApiReport {
  title: string;
  description: string;
  affected: string;
  steps?: string;
  impact?: string;
  cvss?: string;
  contact?: { name?: string; email?: string; github?: string };
  credit?: 'name' | 'pseudonym' | 'anonymous';
  attachments?: Array<{ filename: string; content_type: string; data_base64: string }>;
}

const STEMS = ['quokka', 'zephyr', 'marlin', 'juniper', 'obsidian', 'pelican', 'saffron', 'tundra', 'walrus', 'yarrow', 'basalt', 'cobalt'];

/** Words no other report uses: the n-th report's own vocabulary. */
function vocabulary(n: number): string {
  return STEMS.map((stem) => `${stem}${n}x`).join(' ');
}

/** The n-th plain report: in scope, no attachment, short. */
export function plainReport(n: number, extra: Partial<ApiReport> = {}): ApiReport {
  return {
    title: `Finding ${n}: ${STEMS[n % STEMS.length] ?? 'issue'} endpoint leaks data`,
    description: `Report number ${n}. ${vocabulary(n)}. The endpoint answers without checking the session.`,
    affected: `https://app${n}.acme.example/path${n}`,
    credit: 'anonymous',
    ...extra,
  };
}

/** Longer than one issue body (65,536 characters): the rest follows in continuation comments. */
export function longReport(n: number): ApiReport {
  const filler = (label: string) => `${label} ${vocabulary(n)} `.repeat(Math.ceil(48_000 / (label.length + 120))).slice(0, 48_000);
  return plainReport(n, { description: filler('Detail'), steps: filler('Step'), impact: filler('Impact').slice(0, 19_000) });
}

/** Affects nothing in scope: filing adds `scope:unclear` and triage notes to the issue. */
export function outOfScopeReport(n: number): ApiReport {
  return plainReport(n, { affected: `https://elsewhere${n}.example.net/login` });
}

/** One small text attachment, kept in the app's store (encrypted) before the issue is created. */
export function reportWithAttachment(n: number): ApiReport {
  return plainReport(n, {
    attachments: [{ filename: `trace-${n}.txt`, content_type: 'text/plain', data_base64: Buffer.from(`trace of report ${n}\n`).toString('base64') }],
  });
}

/** The 202 answer of the JSON API, with the status token taken from the status URL. */
export interface Accepted {
  id: string;
  statusUrl: string;
  token: string;
}

/** POSTs `report` to the JSON API at `base`; throws unless the answer is 202. */
export async function submitReport(base: string, report: ApiReport): Promise<Accepted> {
  const response = await fetch(`${base}/api/v1/orgs/${ORG}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(report),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`report not accepted: ${response.status} ${text.slice(0, 300)}`);
  const { id, status_url: statusUrl } = JSON.parse(text) as { id: string; status_url: string };
  const token = /\/status\/([^/?#]+)/.exec(statusUrl)?.[1];
  if (token === undefined) throw new Error(`no token in status_url ${statusUrl}`);
  return { id, statusUrl, token };
}

/** Hidden markers the app puts in comments: one per job comment, continuation part or notes. */
export const COMMENT_MARKER = /<!-- disclosure-desk:(?:job|continuation|triage-notes)=[^ ]+ -->/g;

/** Every marker that appears in more than one comment, with how often. Empty: nothing twice. */
export function repeatedCommentMarkers(bodies: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    for (const marker of new Set(body.match(COMMENT_MARKER) ?? [])) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].filter(([, count]) => count > 1));
}
