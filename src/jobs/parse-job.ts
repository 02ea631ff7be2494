import type { z } from 'zod';
import type { Job, JobKind } from '../store/job-records.js';
import { BadJobPayloadError } from './bad-job-payload-error.js';
import { JOB_PAYLOADS, type JobPayload } from './job-payloads.js';

/** A job with its payload parsed, typed by its kind. */
export type ParsedJob<K extends JobKind = JobKind> = { [P in K]: Omit<Job, 'kind' | 'payload'> & { kind: P; payload: JobPayload<P> } }[K];

/** What `parseJob` gives: the kind and its payload, discriminated by kind. */
export type JobPayloadOf<K extends JobKind = JobKind> = { [P in K]: { kind: P; payload: JobPayload<P> } }[K];

/** Parses a stored job's payload by its kind; throws BadJobPayloadError. */
export function parseJob(job: Pick<Job, 'kind' | 'key' | 'payload'>): JobPayloadOf {
  return { kind: job.kind, payload: parsePayload(job.kind, job) } as JobPayloadOf;
}

/**
 * The payload of a job its handler knows the kind of. Every handler calls this first, before
 * any I/O: a payload that does not parse throws BadJobPayloadError, which the worker
 * dead-letters instead of retrying.
 */
export function parsePayload<K extends JobKind>(kind: K, job: { key?: string; payload: string }): JobPayload<K> {
  const key = job.key ?? null;
  let json: unknown;
  try {
    json = JSON.parse(job.payload);
  } catch {
    throw new BadJobPayloadError(kind, key, ['(payload): not JSON']);
  }
  const parsed = JOB_PAYLOADS[kind].safeParse(json);
  if (!parsed.success) throw new BadJobPayloadError(kind, key, parsed.error.issues.flatMap(pathsOf));
  // TypeScript cannot follow the kind through the table's union of schemas.
  return parsed.data as JobPayload<K>;
}

/** The issue's path (and the names of unknown keys), never its input or message. */
function pathsOf(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...at, key].join('.'));
  return [at.length === 0 ? '(payload)' : at.join('.')];
}
