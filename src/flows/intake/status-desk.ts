import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock/clock.js';
import { defaultConfig } from '../../config/parse-config.js';
import type { Logger } from '../../log.js';
import { digestsEqual, hashToken } from '../../report/ids.js';
import type { ReportRecord, Store } from '../../store/store.js';
import type { TriageStatus } from '../../triage/triage-status.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';
import { receiveResearcherReply } from '../researcher/receive-reply.js';
import type { StatusDesk } from './intake-ports.js';

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
      return {
        id: report.id,
        org: report.org,
        language: report.language,
        receivedAt: report.receivedAt,
        state: report.status === 'filed' ? 'filed' : 'queued',
        receiptDue: report.receiptDue,
        assessmentDue: report.assessmentDue,
        receiptBusinessDays: sla.receipt_business_days,
        assessmentBusinessDays: sla.assessment_business_days,
        timeZone: sla.time_zone,
        retentionDays: effective.privacy.retention_days,
        triage: triage === null ? null : { stage: researcherStage(triage.status), paused: triage.sla.pausedAt !== null, fixBy: triage.fixBy },
        messages: messages.map((m) => ({ from: m.kind === 'from-researcher' ? ('researcher' as const) : ('team' as const), body: m.body, at: m.at })),
        messagesPurged: purged === undefined ? null : { at: purged.at, retentionDays: Number(purged.data?.retentionDays ?? effective.privacy.retention_days) },
      };
    },
  };
}

/** Staff-internal statuses folded into what a researcher needs to know. */
function researcherStage(status: TriageStatus): 'triaged' | 'accepted' | 'closed' | 'resolved' | null {
  switch (status) {
    case 'new':
      return null;
    case 'triaged':
      return 'triaged';
    case 'accepted':
      return 'accepted';
    case 'resolved':
    case 'published':
      return 'resolved';
    case 'rejected':
    case 'duplicate':
    case 'known':
      return 'closed';
  }
}
