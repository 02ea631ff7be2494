/** The arguments of `npm run sla`. */
export interface SlaArgs {
  org: string;
  since?: Date;
}

export const SLA_USAGE = 'usage: npm run sla -- --org <org> [--since YYYY-MM-DD]';

/** Parses `--org <org> [--since <date>]` (also `--org=<org>`); an error names what is wrong. */
export function parseSlaArgs(argv: readonly string[]): { ok: true; args: SlaArgs } | { ok: false; error: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const match = /^--(org|since)(?:=(.*))?$/.exec(arg);
    if (match === null) return { ok: false, error: `unknown argument "${arg}"` };
    const name = match[1] ?? '';
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value === '') return { ok: false, error: `--${name} needs a value` };
    values.set(name, value);
  }
  const org = values.get('org');
  if (org === undefined) return { ok: false, error: '--org is required' };
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org)) return { ok: false, error: '--org must be a GitHub organisation login' };
  const sinceText = values.get('since');
  if (sinceText === undefined) return { ok: true, args: { org } };
  const since = /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? new Date(`${sinceText}T00:00:00Z`) : null;
  if (since === null || Number.isNaN(since.getTime()) || since.toISOString().slice(0, 10) !== sinceText) {
    return { ok: false, error: '--since must be a date as YYYY-MM-DD' };
  }
  return { ok: true, args: { org, since } };
}
