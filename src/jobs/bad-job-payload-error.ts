import type { JobKind } from '../store/job-records.js';

/**
 * A job's payload is not JSON or does not match its kind's schema: written by an older
 * version, or by a bug. Retrying cannot help, so the worker dead-letters the job. It names
 * the job and the paths of the problems only, never the values (they can be report text),
 * and carries no cause for the same reason (a JSON or zod error may quote the payload).
 */
export class BadJobPayloadError extends Error {
  override readonly name = 'BadJobPayloadError';

  constructor(
    readonly kind: JobKind,
    /** The job's key, when the caller has it. */
    readonly key: string | null,
    /** Where the payload is wrong, e.g. `reportId`, `issueState.reason`, `issueBody` (an unknown key); `(payload)` for the whole of it. */
    readonly paths: readonly string[],
  ) {
    super(`${kind} job payload does not match its schema${key === null ? '' : ` (job ${key})`}: ${paths.join(', ')}`);
  }
}
