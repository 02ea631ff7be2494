import { unknownKeyIssues } from '../report/unknown-keys.js';
import { DisclosureConfig } from './schema.js';

/** Path of the config file in the organisation's `.github` repository. */
export const CONFIG_FILE = '.github/disclosure.yml';

/** One problem in a config file: which key, and why. */
export interface ConfigProblem {
  key: string;
  reason: string;
}

export type ConfigResult =
  | { ok: true; config: DisclosureConfig }
  | { ok: false; file: string; problems: ConfigProblem[] };

/**
 * Parses an already-loaded config object (YAML parsing and `_extends` happen in the
 * loader). A missing file (`null`) means "all defaults".
 *
 * An unknown key at any depth is a problem of its own, named by its full path, with the key
 * probably meant: `sla.reciept_business_days: is not a known key; did you mean
 * sla.receipt_business_days?` (rule "strict at every edge").
 */
export function parseConfig(raw: unknown, file = CONFIG_FILE): ConfigResult {
  const input = raw === null || raw === undefined ? {} : stripExtends(raw);
  const result = DisclosureConfig.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    file,
    problems: result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? unknownKeyIssues(DisclosureConfig, issue, 'key').map((unknown) => ({ key: keyOf(unknown.path), reason: unknown.message }))
        : [{ key: keyOf(issue.path), reason: issue.message }],
    ),
  };
}

function keyOf(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(root)';
}

export function defaultConfig(): DisclosureConfig {
  return DisclosureConfig.parse({});
}

/** Human-readable summary, safe to log: keys and reasons only, never values. */
export function describeProblems(result: Extract<ConfigResult, { ok: false }>): string {
  return result.problems.map((p) => `${result.file}: ${p.key}: ${p.reason}`).join('; ');
}

/**
 * Probot's config plugin reads `_extends` and deletes it from every file it loads, so it
 * never reaches here through the app; a config object from elsewhere (a test, a script)
 * may still carry it. It is the loader's key, not ours: dropped, not refused.
 */
function stripExtends(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { _extends: _ignored, ...rest } = raw as Record<string, unknown>;
  return rest;
}
