import type { Clock } from '../../clock/clock.js';
import { promisedDeadlines } from '../../clock/deadlines.js';
import { type Metrics, noMetrics } from '../../metrics/metrics.js';
import { hashToken, newReportId, newStatusToken, type RandomBytes } from '../../report/ids.js';
import { reportReceipt } from '../../report/receipt.js';
import type { ReportInput } from '../../report/report.js';
import type { NewJob, Store } from '../../store/store.js';
import { effectiveConfig, type OrgDirectory } from '../org-directory.js';
import type { ReportIntake } from './intake-ports.js';

/** A report just accepted, with its status token (never stored in clear). */
export interface AcceptedFacts {
  id: string;
  org: string;
  input: ReportInput;
  statusToken: string;
  receivedAt: Date;
  /** Null when the organisation promises no receipt deadline (`sla.promises`). */
  receiptDue: Date | null;
  /** Null when the organisation promises no assessment deadline. */
  assessmentDue: Date | null;
  timeZone: string;
  /** The e-mail the report came from (its Message-ID), so the acknowledgement answers it. */
  emailMessageKey?: string;
}

/**
 * The intake: commits a report (and its filing job) before anyone hears "accepted"
 * (rule "a 2xx means durable"), then nudges the outbox worker.
 */
export function createReportIntake(deps: {
  store: Store;
  orgs: OrgDirectory;
  clock: Clock;
  random?: RandomBytes;
  /** Called after a report is committed, e.g. to wake the outbox worker. */
  onAccepted?: () => void;
  /**
   * Jobs to commit with the report: the acknowledgement e-mail, which needs the status
   * token while it still exists in clear (only its hash is stored).
   */
  jobsOnAccept?: (accepted: AcceptedFacts) => NewJob[];
  metrics?: Metrics;
}): ReportIntake {
  const metrics = deps.metrics ?? noMetrics;
  return {
    async accept(org, channel, input, options = {}) {
      const settings = await deps.orgs.get(org);
      if (settings === null) throw new Error('organisation not installed');
      // An invalid config holds the report at filing; the promise made now uses defaults.
      const config = effectiveConfig(settings);
      // The researcher's own choice wins; a report without one (the API without `credit`, an
      // e-mail) is credited as the organisation's policy says (`credit.default`).
      input = { ...input, credit: input.credit ?? config.credit.default };
      const receivedAt = deps.clock();
      const { receiptDue, assessmentDue } = promisedDeadlines(receivedAt, config.sla);
      const id = newReportId(deps.random);
      const statusToken = newStatusToken(deps.random);
      const emailKey = options.emailMessageKey === undefined ? {} : { emailMessageKey: options.emailMessageKey };
      const receipt = reportReceipt({ org: settings.org, id, receivedAt, input });
      await deps.store.acceptReport({
        id,
        org: settings.org,
        channel,
        language: input.language,
        statusTokenHash: hashToken(statusToken),
        receivedAt,
        receiptDue,
        assessmentDue,
        promises: config.sla.promises,
        payload: JSON.stringify(input),
        receipt: receipt.text,
        ...(options.advisory === undefined ? {} : { advisory: options.advisory }),
        ...emailKey,
        jobs: deps.jobsOnAccept?.({ id, org: settings.org, input, statusToken, receiptDue, assessmentDue, timeZone: config.sla.time_zone, receivedAt, ...emailKey }) ?? [],
      });
      metrics.reportAccepted(channel);
      deps.onAccepted?.();
      return { id, statusToken, receipt: { sha256: receipt.sha256, receivedAt } };
    },
  };
}
