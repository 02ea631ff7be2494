import type { Clock } from '../../clock/clock.js';
import { deadlineFates, promisedClock, type ClosedAs } from '../../clock/deadline-outcomes.js';
import { localDate } from '../../clock/zoned-time.js';
import { defaultConfig } from '../../config/parse-config.js';
import { catalogue } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format-date.js';
import type { Logger } from '../../log.js';
import type { GitHubPort } from '../../ports/github.js';
import { REPORT_ID } from '../../report/ids.js';
import type { ReportEvent, ReportRecord, Store } from '../../store/store.js';
import type { ResearcherFacts, TriageRecord } from '../../store/triage-records.js';
import { effectiveConfig, isGitHubLogin, type OrgDirectory } from '../org-directory.js';
import { heldKinds, isFilled, queuedContact, removalOf } from '../researcher-contact.js';
import { issueUpdateJob } from '../triage/queue-issue-update.js';
import type { RevealedContact, StaffDesk, StaffReportView } from './staff-ports.js';

/** Reads an armored OpenPGP public key's fingerprint; throws when it cannot be read. */
export type KeyFingerprint = (armored: string) => Promise<string>;

export interface StaffDeskDeps {
  store: Store;
  github: GitHubPort;
  orgs: OrgDirectory;
  clock: Clock;
  log: Logger;
  /** Runs the outbox now: the reveal's comment is staff work. */
  kick: () => void;
  /** Without it a kept key shows as `unreadable`. */
  keyFingerprint?: KeyFingerprint;
}


/**
 * The staff page's side of a report: its facts, the recorded reveal of the researcher's
 * contact details, and its attachments. Callers have signed the person in and checked
 * their access (StaffAccess); this checks only that the report belongs to the organisation.
 */
export function createStaffDesk(deps: StaffDeskDeps): StaffDesk {
  /** The report, when it is this organisation's (GitHub logins compare case-insensitively). */
  async function reportOf(org: string, id: string): Promise<ReportRecord | null> {
    if (!REPORT_ID.test(id)) return null;
    const report = await deps.store.getReport(id);
    return report !== null && report.org.toLowerCase() === org.toLowerCase() ? report : null;
  }

  async function viewOf(report: ReportRecord): Promise<StaffReportView> {
    const [triage, events, attachments, settings] = await Promise.all([
      deps.store.getTriage(report.id),
      deps.store.listEvents(report.id),
      deps.store.listAttachments(report.id),
      deps.orgs.get(report.org).catch(() => null),
    ]);
    const config = settings === null ? defaultConfig() : effectiveConfig(settings);
    const pending = triage === null ? queuedContact(report) : null;
    const researcher = triage?.researcher ?? null;
    return {
      id: report.id,
      org: report.org,
      state: report.status,
      title: triage === null || settings === null ? null : await issueTitle(deps.github, settings.installationId, triage),
      status: triage?.status ?? null,
      paused: triage?.sla.pausedAt != null,
      severity: triage?.severity ?? null,
      receivedAt: report.receivedAt,
      deadlines: deadlineFates(triage?.sla ?? promisedClock(report), closedAs(triage), deps.clock()),
      timeZone: triage?.timeZone ?? config.sla.time_zone,
      issue: triage === null ? null : { repo: triage.repo, number: triage.issueNumber, url: triage.issueUrl },
      credit: researcher?.credit ?? pending?.credit ?? null,
      contactHeld: heldKinds(researcher ?? pending?.contact ?? null),
      contactRemoved: removalOf(events, 'contact-erased', 'contact-purged'),
      reveals: events.flatMap((event) => (event.type === 'contact-revealed' && typeof event.data?.login === 'string' ? [{ login: event.data.login, at: event.at }] : [])),
      attachments,
      attachmentsRemoved: attachmentsRemoved(events),
      trackingLanguage: triage?.trackingLanguage ?? config.tracking.language,
    };
  }

  return {
    async report(org, id) {
      const report = await reportOf(org, id);
      return report === null ? null : viewOf(report);
    },

    async reveal(org, id, login) {
      const report = await reportOf(org, id);
      if (report === null || !isGitHubLogin(login)) return { kind: 'not-found' };
      const triage = await deps.store.getTriage(report.id);
      if (triage === null || heldKinds(triage.researcher).length === 0) return { kind: 'nothing', view: await viewOf(report) };
      const at = deps.clock();
      await deps.store.recordContactReveal({ reportId: report.id, login, at, job: revealCommentJob(triage, login, at) });
      deps.kick();
      deps.log.info({ reportId: report.id, org: report.org, staff: login }, 'contact details revealed to staff');
      // Read again after recording: an erasure that came in between wins.
      const [view, fresh] = await Promise.all([viewOf(report), deps.store.getTriage(report.id)]);
      const researcher = fresh?.researcher ?? null;
      if (researcher === null || heldKinds(researcher).length === 0) return { kind: 'nothing', view };
      return { kind: 'revealed', view, contact: await revealed(researcher, deps.keyFingerprint) };
    },

    async attachment(org, id, position) {
      const report = await reportOf(org, id);
      return report === null ? null : deps.store.getAttachment(report.id, position);
    },
  };
}

/**
 * The comment that records a reveal on the tracking issue, through the outbox (an
 * `issue-update` job, whose comment carries a marker so a retry never posts it twice). One
 * per person, report and day (in the organisation's time zone): the comment names the day,
 * so a second look that day would say the same again. Every look is an event in the store.
 */
export function revealCommentJob(triage: TriageRecord, login: string, at: Date) {
  const day = localDate(at, triage.timeZone);
  const stamp = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
  const comment = catalogue(triage.trackingLanguage).staff.issue.revealed(login, formatDate(at, triage.trackingLanguage, triage.timeZone));
  return issueUpdateJob(`reveal:${triage.reportId}:${login.toLowerCase()}:${stamp}`, triage.org, {
    reportId: triage.reportId,
    repo: triage.repo,
    issueNumber: triage.issueNumber,
    addLabels: [],
    removeLabels: [],
    syncDeadlines: false,
    comment,
    issueState: null,
  }, at);
}

/** The title GitHub shows now, without the `[DD-…] ` the desk put in front; null when it cannot be read. */
async function issueTitle(github: GitHubPort, installationId: number, triage: TriageRecord): Promise<string | null> {
  try {
    const issue = await (await github.issues(installationId)).getIssue(triage.org, triage.repo, triage.issueNumber);
    if (issue === null) return null;
    const prefix = `[${triage.reportId}] `;
    return issue.title.startsWith(prefix) ? issue.title.slice(prefix.length) : issue.title;
  } catch {
    return null;
  }
}

async function revealed(researcher: ResearcherFacts, keyFingerprint: KeyFingerprint | undefined): Promise<RevealedContact> {
  let pgpFingerprint: RevealedContact['pgpFingerprint'] = null;
  if (isFilled(researcher.pgpKey)) {
    try {
      pgpFingerprint = keyFingerprint === undefined ? 'unreadable' : await keyFingerprint(researcher.pgpKey ?? '');
    } catch {
      pgpFingerprint = 'unreadable';
    }
  }
  return { name: text(researcher.name), email: text(researcher.email), phone: text(researcher.phone), github: text(researcher.github), pgpFingerprint };
}

function text(value: string | null | undefined): string | null {
  return isFilled(value) ? (value ?? null) : null;
}

function attachmentsRemoved(events: readonly ReportEvent[]): StaffReportView['attachmentsRemoved'] {
  const event = events.find((e) => e.type === 'attachments-erased' || e.type === 'attachments-purged');
  if (event === undefined) return null;
  const count = Number(event.data?.attachments ?? 0);
  return { at: event.at, by: event.type === 'attachments-erased' ? 'erased' : 'retention', count: Number.isSafeInteger(count) ? count : 0 };
}

/** How a filed report ended, for its deadlines: null while open. */
function closedAs(triage: TriageRecord | null): ClosedAs | null {
  if (triage?.closedAt == null) return null;
  return { at: triage.closedAt, fixed: triage.status === 'resolved' || triage.status === 'published' };
}
