/** Something that happened to a report (filed, acknowledged, paused, …): the SLA clock and the metrics are computed from these. */
export interface ReportEvent {
  reportId: string;
  type: string;
  at: Date;
  data?: Record<string, string | number | boolean | null>;
}
