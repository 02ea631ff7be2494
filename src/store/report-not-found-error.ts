/** A state change named a report id the store does not hold. */
export class ReportNotFoundError extends Error {
  override name = 'ReportNotFoundError' as const;
  constructor(readonly reportId: string) {
    super(`report ${reportId} not found`);
  }
}
