/** What `npm run jobs` was asked: list the dead jobs, or requeue one or all of them. */
export type JobsCommand = { action: 'dead' } | { action: 'requeue'; key: string | null };

export const JOBS_USAGE = 'usage: npm run jobs -- dead | npm run jobs -- requeue (<job key> | --all)';

/** Parses `dead`, `requeue <key>` or `requeue --all`; an error names what is wrong. */
export function parseJobsArgs(argv: readonly string[]): { ok: true; command: JobsCommand } | { ok: false; error: string } {
  const [action, target, ...rest] = argv;
  if (action === undefined) return { ok: false, error: 'say what to do: dead or requeue' };
  if (rest.length > 0) return { ok: false, error: `unknown argument "${rest[0] ?? ''}"` };
  if (action === 'dead') return target === undefined ? { ok: true, command: { action: 'dead' } } : { ok: false, error: `unknown argument "${target}"` };
  if (action !== 'requeue') return { ok: false, error: `unknown command "${action}"` };
  if (target === undefined || target === '') return { ok: false, error: 'requeue needs a job key (see npm run jobs -- dead) or --all' };
  if (target === '--all') return { ok: true, command: { action: 'requeue', key: null } };
  if (target.startsWith('-')) return { ok: false, error: `unknown option "${target}"` };
  return { ok: true, command: { action: 'requeue', key: target } };
}
