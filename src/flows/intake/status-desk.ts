import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock/clock.js';
import { defaultConfig } from '../../config/parse-config.js';
import type { Logger } from '../../log.js';
import { digestsEqual, hashToken } from '../../report/ids.js';
import { deadlineFates, promisedClock } from '../../clock/deadline-outcomes.js';
import { deadlineTerm, isPromised } from '../../clock/deadlines.js';
import type { SlaState } from '../../clock/sla-state.js';
import type { ReportEvent, ReportRecord, Store } from '../../store/store.js';
import type { TriageRecord } from '../../store/triage-records.js';
import type { TriageStatus } from '../../triage/triage-status.js';
import { fixVerificationRequests, openFixVerification } from '../../triage/fix-verification.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';
import { heldKinds, queuedContact, removalOf } from '../researcher-contact.js';
import { receiveFixVerification } from '../researcher/receive-fix-verification.js';
import { receiveResearcherReply } from '../researcher/receive-reply.js';
import type { ClosingReason, DeadlineKind, DeadlineView, FixVerificationView, StatusDesk, StatusStory, StatusView } from './intake-ports.js';

/** The researcher's side of a report: the status page, replies, their data and its erasure. */
export function createStatusDesk(deps: { store: Store; orgs: OrgDirectory; clock: Clock; log: Logger; kick: () => void }): StatusDesk {
  /** The report of a status token: looked up by hash, compared in constant time so the check itself is timing-safe. */
  async function reportFor(token: string): Promise<ReportRecord | null> {
    const tokenHash = hashToken(token);
    const report = await deps.store.findReportByTokenHash(tokenHash);
    return report === null || !digestsEqual(tokenHash, report.statusTokenHash) ? null : report;
  }

  return {
    async reply(token, text) {
      const report = await reportFor(token);
      if (report === null) return 'unknown';
      const outcome = await receiveResearcherReply(
        { store: deps.store, orgs: deps.orgs, clock: deps.clock, log: deps.log, kick: deps.kick },
        // Every post from the page is a new reply.
        { reportId: report.id, text, via: 'status-page', key: `status-reply:${report.id}:${deps.clock().getTime()}:${randomBytes(6).toString('hex')}` },
      );
      return outcome === 'not-filed' ? 'not-filed' : outcome === 'unknown' ? 'unknown' : 'posted';
    },

    async answerFixVerification(token, answer) {
      const report = await reportFor(token);
      if (report === null) return 'unknown';
      return receiveFixVerification({ store: deps.store, clock: deps.clock, log: deps.log, kick: deps.kick }, { reportId: report.id, ...answer });
    },

    async exportData(token) {
      const report = await reportFor(token);
      if (report === null) return null;
      const [triage, messages, events] = await Promise.all([deps.store.getTriage(report.id), deps.store.listMessages(report.id), deps.store.listEvents(report.id)]);
      const pending = report.payload === null ? null : (JSON.parse(report.payload) as { contact?: unknown; credit?: unknown });
      return {
        exportedAt: deps.clock().toISOString(),
        report: { id: report.id, organisation: report.org, channel: report.channel, language: report.language, receivedAt: report.receivedAt.toISOString(), state: report.status === 'filed' ? 'filed' : 'queued' },
        // Before filing the whole report is held here; afterwards only what follows.
        reportText: pending,
        contact: triage?.researcher ?? (pending === null ? null : { ...(pending.contact as object), credit: pending.credit }),
        messages: messages.map((m) => ({ from: m.kind === 'from-researcher' ? 'you' : 'security team', kind: m.kind, text: m.body, at: m.at.toISOString() })),
        history: events.map((e) => ({ event: e.type, at: e.at.toISOString() })),
      };
    },

    async erase(token) {
      const report = await reportFor(token);
      if (report === null) return 'unknown';
      await deps.store.eraseContact(report.id, deps.clock());
      deps.log.info({ reportId: report.id }, "contact details erased at the researcher's request");
      return 'erased';
    },

    async status(token) {
      const report = await reportFor(token);
      if (report === null) return null;
      const settings = await deps.orgs.get(report.org).catch(() => null);
      const effective = settings ? effectiveConfig(settings) : defaultConfig();
      const sla = effective.sla;
      const [triage, messages, events] = await Promise.all([deps.store.getTriage(report.id), deps.store.listMessages(report.id), deps.store.listEvents(report.id)]);
      const purged = events.findLast((event) => event.type === 'messages-purged');
      const now = deps.clock();
      const story = storyOf(triage, events, now);
      const verifications = fixVerificationViews(triage, events);
      const spans: Record<DeadlineKind, DeadlineView['span']> = {
        receipt: deadlineTerm(sla, 'receipt'),
        assessment: deadlineTerm(sla, 'assessment'),
        resolution: triage?.severity == null || triage.severity === 'none' || !isPromised(sla, 'resolution') ? null : { days: sla.resolution_days[triage.severity], unit: 'calendar' },
      };
      return {
        id: report.id,
        org: report.org,
        language: report.language,
        receivedAt: report.receivedAt,
        state: report.status === 'filed' ? 'filed' : 'queued',
        deadlines: deadlineViews(triage?.sla ?? promisedClock(report), spans, story.closed, now),
        timeZone: sla.time_zone,
        retentionDays: effective.privacy.retention_days,
        triage: triage === null ? null : { stage: researcherStage(triage.status), paused: triage.sla.pausedAt !== null, fixBy: triage.fixBy },
        story,
        messages: messages.map((m) => ({ from: m.kind === 'from-researcher' ? ('researcher' as const) : ('team' as const), body: m.body, at: m.at })),
        messagesPurged: purged === undefined ? null : { at: purged.at, retentionDays: Number(purged.data?.retentionDays ?? effective.privacy.retention_days) },
        contact: contactHeld(report, triage),
        contactRemoved: removalOf(events, 'contact-erased', 'contact-purged'),
        ...(verifications.length === 0 ? {} : { fixVerifications: verifications }),
      };
    },
  };
}

/** The requests to verify the fix and their answers (src/triage/fix-verification.ts); only the open one can be answered. */
function fixVerificationViews(triage: TriageRecord | null, events: readonly ReportEvent[]): FixVerificationView[] {
  if (triage === null) return [];
  const requests = fixVerificationRequests(events);
  const open = openFixVerification(requests, triage.status);
  return requests.map((request) => ({ ...request, open: request === open }));
}

/** Staff-internal statuses folded into what a researcher needs to know. */
function researcherStage(status: TriageStatus): 'triaged' | 'accepted' | 'closed' | 'resolved' | 'published' | null {
  switch (status) {
    case 'new':
      return null;
    case 'triaged':
      return 'triaged';
    case 'accepted':
      return 'accepted';
    case 'resolved':
      return 'resolved';
    case 'published':
      return 'published';
    case 'rejected':
    case 'duplicate':
    case 'known':
      return 'closed';
  }
}

/**
 * The deadlines in the researcher's terms: met on time, or missed (with when it was met
 * after all). The rule is the staff page's and the SLA metrics' (clock/deadline-outcomes.ts).
 */
function deadlineViews(sla: SlaState, spans: Record<DeadlineKind, DeadlineView['span']>, closed: StatusStory['closed'], now: Date): DeadlineView[] {
  const closedAs = closed === null ? null : { at: closed.at, fixed: closed.reason === 'fixed' || closed.reason === 'published' };
  return deadlineFates(sla, closedAs, now).map((fate) => ({ ...fate, span: spans[fate.kind], outcome: fate.outcome === 'met-late' ? 'missed' : fate.outcome }));
}

/**
 * The report's story from its triage record and events (vocabulary: src/clock/sla-events.ts,
 * src/triage/commands). Events come oldest first (the store orders them by time).
 */
function storyOf(triage: TriageRecord | null, events: readonly ReportEvent[], now: Date): StatusStory {
  const first = (type: string) => events.find((event) => event.type === type);
  const last = (type: string) => events.findLast((event) => event.type === type);
  const questions: StatusStory['questions'] = [];
  for (const event of events) {
    if (event.type === 'paused') questions.push({ at: event.at, answeredAt: null });
    const open = questions.at(-1);
    if (event.type === 'resumed' && open !== undefined && open.answeredAt === null) open.answeredAt = event.at;
  }
  if (triage === null) {
    return { acknowledgedAt: first('receipt-confirmed')?.at ?? null, triageStartedAt: null, questions, acceptedAt: null, fixPlanned: null, fixedAt: null, published: null, advisoryPending: false, closed: null };
  }
  const { status, sla } = triage;
  // A clock paused without its event (older data) is still a question waiting for an answer.
  if (sla.pausedAt !== null && questions.at(-1)?.answeredAt !== null) questions.push({ at: sla.pausedAt, answeredAt: null });
  const fixed = status === 'resolved' || status === 'published';
  const publishedEvent = last('published');
  const closedAt = triage.closedAt;
  return {
    acknowledgedAt: sla.receiptMetAt ?? first('receipt-confirmed')?.at ?? null,
    triageStartedAt: first('command')?.at ?? null,
    questions,
    acceptedAt: first('accepted')?.at ?? null,
    fixPlanned: triage.fixBy === null ? null : { date: triage.fixBy, at: events.findLast((e) => e.type === 'fix-by' && e.data?.date === triage.fixBy)?.at ?? last('fix-by')?.at ?? null },
    fixedAt: fixed ? (sla.resolutionMetAt ?? last('resolved')?.at ?? closedAt ?? now) : null,
    disclosureAgreed:
      triage.disclosure == null ? null : { date: triage.disclosure.date, at: events.findLast((e) => e.type === 'disclosure-date' && e.data?.date === triage.disclosure?.date)?.at ?? null },
    published:
      status === 'published'
        ? {
            at: publishedEvent?.at ?? closedAt ?? now,
            ghsaId: text(publishedEvent?.data?.ghsaId) ?? triage.ghsaId,
            advisoryUrl: triage.advisoryUrl,
            cveId: text(publishedEvent?.data?.cveId),
          }
        : null,
    advisoryPending: triage.ghsaId !== null && (status === 'new' || status === 'triaged' || status === 'accepted' || status === 'resolved'),
    closed: closedAt === null ? null : { at: closedAt, reason: closingReason(status, events) },
  };
}

/** Why a closed report ended. `/scope out` rejects: the last closing event tells it apart from `/reject`. */
function closingReason(status: TriageStatus, events: readonly ReportEvent[]): ClosingReason {
  switch (status) {
    case 'resolved':
      return 'fixed';
    case 'published':
      return 'published';
    case 'duplicate':
    case 'known':
      return status;
    case 'rejected':
      return events.findLast((event) => event.type === 'scope-out' || event.type === 'rejected' || event.type === 'closed-by-hand')?.type === 'scope-out' ? 'out-of-scope' : 'rejected';
    default:
      // The tracking issue was deleted or moved out of reach where the report stood.
      return 'closed';
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The kinds of contact details held (never their values), and whether credit by name or pseudonym was asked for. */
function contactHeld(report: ReportRecord, triage: TriageRecord | null): StatusView['contact'] {
  const held = report.status === 'filed' ? { contact: triage?.researcher ?? null, credit: triage?.researcher?.credit ?? null } : queuedContact(report);
  return { held: heldKinds(held?.contact ?? null), namedCredit: held?.credit === 'name' || held?.credit === 'pseudonym' };
}
