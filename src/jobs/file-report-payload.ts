import { z } from 'zod';

/** Payload of a `file-report` job: the stored report to file as its tracking issue. */
export const FileReportPayload = z.strictObject({
  /** The report's id (`DD-…`); the report text stays in the reports table, never in the job. */
  reportId: z.string().min(1),
});
export type FileReportPayload = z.infer<typeof FileReportPayload>;
