import type { Clock } from '../../clock/clock.js';
import { dueThisWeek, type OpenReportClock, quarterOf } from '../../clock/due-this-week.js';
import { slaMetrics } from '../../clock/sla-metrics.js';
import { RefusedError } from '../../errors.js';
import { DASHBOARD_MARKER, type DashboardFacts, dashboardTitle, pinStateOf, type PinState, planDashboardBody } from '../../issue-text/plan-sla-dashboard.js';
import { type LanePacers, pacedIssues, pacedWrite, type WritePacer } from '../../jobs/pace-writes.js';
import { parsePayload } from '../../jobs/parse-job.js';
import type { JobHandler } from '../../jobs/worker.js';
import type { Logger } from '../../log.js';
import type { GitHubPort, IssuePort } from '../../ports/github.js';
import type { PinPort } from '../../ports/issue-pins.js';
import type { Store } from '../../store/store.js';
import { CLOSING_STATUSES } from '../../triage/triage-status.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';

/** The dashboard is one long-lived issue: looked for among all issues when it is not pinned. */
const SINCE_EVER = new Date(0);

/**
 * Brings the organisation's one "SLA at a glance" issue in its tracking repository up to
 * date: created once (found again by its marker after a lost answer or by a second
 * instance's job), pinned once, and its body rewritten only when the text changed. Whether
 * pinning worked or was refused is kept in the body, so a refusal is said once and never
 * tried again. A closed dashboard is left alone (staff closed it); `sla.dashboard: false`
 * stops the updates.
 */
export function slaDashboardJob(deps: { store: Store; github: GitHubPort; orgs: OrgDirectory; pacer: LanePacers; clock: Clock; log: Logger }): JobHandler {
  return async (job) => {
    const { org } = parsePayload('sla-dashboard', job);
    const settings = await deps.orgs.get(org, { fresh: true });
    if (settings === null) return { kind: 'done' };
    const config = effectiveConfig(settings);
    if (!config.sla.dashboard) return { kind: 'done' };
    const repo = config.tracking.repository;
    const lane = deps.pacer.lane(org);
    const issues = pacedIssues(await deps.github.issues(settings.installationId), lane);
    // Invariant 3: even figures and issue numbers of security reports stay in a private repository.
    const repository = await issues.getRepository(org, repo);
    if (repository === null || !repository.private) {
      deps.log.warn({ org, repo }, 'sla dashboard not written: the tracking repository is missing or not private');
      return { kind: 'done' };
    }
    const now = deps.clock();
    const facts = await readFacts(deps.store, org, now, { trackingRepo: repo, language: config.tracking.language, timeZone: config.sla.time_zone });
    const pins = await deps.github.pins(settings.installationId);
    const found = await findDashboard(issues, pins, org, repo);
    if (found === null) {
      const created = await issues.createIssue(org, repo, { title: dashboardTitle(facts.language), body: planDashboardBody({ ...facts, pin: 'unknown' }), labels: [] });
      deps.log.info({ org, issueNumber: created.number }, 'sla dashboard created');
      const pin = await pinOnce(pins, lane, org, repo, created.number, deps.log);
      await issues.updateIssue(org, repo, created.number, { body: planDashboardBody({ ...facts, pin }) });
      return { kind: 'done' };
    }
    const current = await issues.getIssue(org, repo, found);
    if (current === null || current.state !== 'open') return { kind: 'done' };
    const known = pinStateOf(current.body);
    const pin = known === 'unknown' ? await pinOnce(pins, lane, org, repo, found, deps.log) : known;
    const body = planDashboardBody({ ...facts, pin });
    if (body !== current.body) {
      await issues.updateIssue(org, repo, found, { body });
      deps.log.info({ org, issueNumber: found }, 'sla dashboard updated');
    }
    return { kind: 'done' };
  };
}

/** This quarter's figures (the code of `npm run sla`) and the open reports' unmet deadlines. */
async function readFacts(store: Store, org: string, now: Date, where: Pick<DashboardFacts, 'trackingRepo' | 'language' | 'timeZone'>): Promise<Omit<DashboardFacts, 'pin'>> {
  const quarter = quarterOf(now);
  const metrics = slaMetrics(await store.listOrgEvents(org, quarter.start), { now, since: quarter.start }).find((q) => q.quarter === quarter.label) ?? null;
  // Open filed reports: the duplicate sources closed at or after `now` are the open ones.
  const sources = await store.listDuplicateSources(org, now);
  const open: OpenReportClock[] = [];
  for (const source of sources) {
    const triage = await store.getTriage(source.reportId);
    if (triage === null || triage.closedAt !== null || CLOSING_STATUSES.has(triage.status)) continue;
    open.push({ repo: triage.repo, issueNumber: triage.issueNumber, issueUrl: triage.issueUrl, sla: triage.sla });
  }
  return { ...where, quarter: { label: quarter.label, metrics }, due: dueThisWeek(open, now) };
}

/** Pinned issues first (one request), then every issue: the marker finds it after a lost answer. */
async function findDashboard(issues: IssuePort, pins: PinPort, org: string, repo: string): Promise<number | null> {
  const pinned = await pins.findPinnedByMarker(org, repo, DASHBOARD_MARKER);
  if (pinned !== null) return pinned;
  return (await issues.findIssueByMarker(org, repo, DASHBOARD_MARKER, SINCE_EVER))?.number ?? null;
}

/**
 * Pins the dashboard unless it is pinned already (a pin whose answer was lost, or a person
 * pinned it). A refusal is an answer, not a failure: it is recorded in the body and never
 * retried. Transport failures and rate limits throw, and the job is retried.
 */
async function pinOnce(pins: PinPort, lane: WritePacer, org: string, repo: string, issueNumber: number, log: Logger): Promise<PinState> {
  if (await pins.isPinned(org, repo, issueNumber)) return 'pinned';
  try {
    await pacedWrite(lane, 'write', () => pins.pinIssue(org, repo, issueNumber));
    log.info({ org, issueNumber }, 'sla dashboard pinned');
    return 'pinned';
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    log.info({ org, issueNumber, status: error.status }, 'sla dashboard not pinned: GitHub refused; the issue says so');
    return 'refused';
  }
}
