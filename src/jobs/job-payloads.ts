import type { z } from 'zod';
import type { JobKind } from '../store/job-records.js';
import { CreateAdvisoryPayload, UpdateAdvisoryPayload } from './advisory-payloads.js';
import { FileReportPayload } from './file-report-payload.js';
import { HallOfFamePayload } from './hall-of-fame-payload.js';
import { IssueUpdatePayload } from './issue-update-payload.js';
import { CreditPayload } from './credit-payload.js';
import { QueuedComment } from './queued-comment.js';
import { SendMailPayload } from './send-mail-payload.js';
import { OrgAlertPayload } from './org-alert-payload.js';
import { ConfigCheckPayload } from './config-check-payload.js';
import { SlaDashboardPayload } from './sla-dashboard-payload.js';
import { OverdueDigestPayload } from './overdue-digest-payload.js';

/** The payload schema of every job kind: a new kind without one does not compile. */
export const JOB_PAYLOADS = {
  'file-report': FileReportPayload,
  'triage-comment': QueuedComment,
  'issue-update': IssueUpdatePayload,
  'create-advisory': CreateAdvisoryPayload,
  'update-advisory': UpdateAdvisoryPayload,
  'publish-credit': CreditPayload,
  'hall-of-fame': HallOfFamePayload,
  'send-mail': SendMailPayload,
  'org-alert': OrgAlertPayload,
  'config-check': ConfigCheckPayload,
  'sla-dashboard': SlaDashboardPayload,
  'overdue-digest': OverdueDigestPayload,
} as const satisfies Record<JobKind, z.ZodType>;

/** The payload of a job of kind `K`. */
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;
