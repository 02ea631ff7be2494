import { randomBytes } from 'node:crypto';
import { receiveResearcherReply } from '../researcher/receive-reply.js';
import type { TriageStatus } from '../../triage/triage-status.js';
import type { NewJob, Store } from '../../store/store.js';
import type { ReportInput } from '../../report/report.js';

/** A report just accepted, with its status token (never stored in clear). */
export interface AcceptedFacts {
  id: string;
  org: string;
  input: ReportInput;
  statusToken: string;
  receivedAt: Date;
  receiptDue: Date;
  assessmentDue: Date;
  timeZone: string;
  /** The e-mail the report came from (its Message-ID), so the acknowledgement answers it. */
  emailMessageKey?: string;
}
import type { OrgDirectory, OrgSettings } from '../org-directory.js';
import type { DisclosureConfig } from '../../config/schema.js';
import type { Clock } from '../../clock/clock.js';
import type { Logger } from '../../log.js';
import { defaultConfig } from '../../config/parse-config.js';
import { promisedDeadlines } from '../../clock/deadlines.js';
import { digestsEqual, hashToken, newReportId, newStatusToken, type RandomBytes } from '../../report/ids.js';
import type { IntakeService } from './intake-service.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';

/**
 * The intake: commits a report (and its filing job) before anyone hears "accepted"
 * (rule "a 2xx means durable"), then nudges the outbox worker.
 */
export function createIntakeService(deps: {
  store: Store;
  orgs: OrgDirectory;
  clock: Clock;
  log: Logger;
  random?: RandomBytes;
  /** Called after a report is committed, e.g. to wake the outbox worker. */
  onAccepted?: () => void;
  /**
   * Jobs to commit with the report: the acknowledgement e-mail, which needs the status
   * token while it still exists in clear (only its hash is stored).
   */
  jobsOnAccept?: (accepted: AcceptedFacts) => NewJob[];
  metrics?: Metrics;
}): IntakeService {
  const metrics = deps.metrics ?? noMetrics;
  async function settingsFor(org: string): Promise<OrgSettings | null> {
    return deps.orgs.get(org);
  }

  /** The report of a status token: looked up by hash, compared in constant time. */
  async function reportFor(token: string) {
    const tokenHash = hashToken(token);
    const report = await deps.store.findReportByTokenHash(tokenHash);
    return report === null || !digestsEqual(tokenHash, report.statusTokenHash) ? null : report;
  }

  return {
    async organisation(org) {
      const settings = await settingsFor(org);
      if (settings === null) return null;
      const config = effectiveConfig(settings);
      return { login: settings.org, name: config.name ?? settings.org, languages: config.languages };
    },

    async publicConfig(org) {
      const settings = await settingsFor(org);
      if (settings === null) return null;
      const config = effectiveConfig(settings);
      return { organisation: { login: settings.org, name: config.name ?? settings.org, languages: config.languages }, config };
    },

    async hallOfFame(org) {
      const records = await deps.store.listCreditRecords(org);
      return records.map((r) => ({ ghsaId: r.ghsaId, advisoryUrl: r.advisoryUrl, cveId: r.cveId, summary: r.summary, publishedAt: r.publishedAt, researchers: r.researchers, reward: r.reward }));
    },

    async accept(org, channel, input, options = {}) {
      const settings = await settingsFor(org);
      if (settings === null) throw new Error('organisation not installed');
      // An invalid config holds the report at filing; the promise made now uses defaults.
      const config = effectiveConfig(settings);
      const receivedAt = deps.clock();
      const { receiptDue, assessmentDue } = promisedDeadlines(receivedAt, config.sla);
      const id = newReportId(deps.random);
      const statusToken = newStatusToken(deps.random);
      await deps.store.acceptReport({
        id,
        org: settings.org,
        channel,
        language: input.language,
        statusTokenHash: hashToken(statusToken),
        receivedAt,
        receiptDue,
        assessmentDue,
        payload: JSON.stringify(input),
        ...(options.advisory === undefined ? {} : { advisory: options.advisory }),
        ...(options.emailMessageKey === undefined ? {} : { emailMessageKey: options.emailMessageKey }),
        jobs:
          deps.jobsOnAccept?.({
            id,
            org: settings.org,
            input,
            statusToken,
            receiptDue,
            assessmentDue,
            timeZone: config.sla.time_zone,
            receivedAt,
            ...(options.emailMessageKey === undefined ? {} : { emailMessageKey: options.emailMessageKey }),
          }) ?? [],
      });
      metrics.reportAccepted(channel);
      deps.onAccepted?.();
      return { id, statusToken };
    },

    async reply(token, text) {
      const tokenHash = hashToken(token);
      const report = await deps.store.findReportByTokenHash(tokenHash);
      if (report === null || !digestsEqual(tokenHash, report.statusTokenHash)) return 'unknown';
      const outcome = await receiveResearcherReply(
        { store: deps.store, orgs: deps.orgs, clock: deps.clock, log: deps.log, kick: () => deps.onAccepted?.() },
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
      deps.log.info({ reportId: report.id }, 'contact details erased at the researcher\'s request');
      return 'erased';
    },

    async status(token) {
      const tokenHash = hashToken(token);
      const report = await deps.store.findReportByTokenHash(tokenHash);
      // The lookup is by hash; the constant-time compare keeps the check itself timing-safe.
      if (report === null || !digestsEqual(tokenHash, report.statusTokenHash)) return null;
      const settings = await settingsFor(report.org).catch(() => null);
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

function effectiveConfig(settings: OrgSettings): DisclosureConfig {
  return settings.config.ok ? settings.config.config : defaultConfig();
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
