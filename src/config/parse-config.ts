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
 */
export function parseConfig(raw: unknown, file = CONFIG_FILE): ConfigResult {
  const input = raw === null || raw === undefined ? {} : stripExtends(raw);
  const result = DisclosureConfig.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    file,
    problems: result.error.issues.map((issue) => ({
      key: issue.path.length > 0 ? issue.path.join('.') : '(root)',
      reason: issue.message,
    })),
  };
}

export function defaultConfig(): DisclosureConfig {
  return DisclosureConfig.parse({});
}

/** Human-readable summary, safe to log: keys and reasons only, never values. */
export function describeProblems(result: Extract<ConfigResult, { ok: false }>): string {
  return result.problems.map((p) => `${result.file}: ${p.key}: ${p.reason}`).join('; ');
}

function stripExtends(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { _extends: _ignored, ...rest } = raw as Record<string, unknown>;
  return rest;
}
