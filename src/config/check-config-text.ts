import { isNode, LineCounter, parseDocument } from 'yaml';
import { CONFIG_FILE, parseConfig } from './parse-config.js';

/** One problem of a config file as a person fixes it: the key, its line (when found), why. */
export interface LocatedProblem {
  key: string;
  /** 1-based line of the key in the file; null when the file has no such place (a missing key at the root). */
  line: number | null;
  reason: string;
}

export type ConfigTextCheck = { ok: true } | { ok: false; problems: LocatedProblem[] };

/**
 * Checks the text of `.github/disclosure.yml` as committed: YAML first, then the schema, each
 * problem placed on the line of its key (or of the nearest key above it that exists). The
 * file's own content only: an `_extends` base is checked where it lives.
 */
export function checkConfigText(text: string): ConfigTextCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((error) => ({ key: '(file)', line: error.linePos?.[0].line ?? null, reason: `not valid YAML: ${error.code}` })) };
  }
  const result = parseConfig(doc.toJS(), CONFIG_FILE);
  if (result.ok) return { ok: true };
  return {
    ok: false,
    problems: result.problems.map((problem) => ({ key: problem.key, reason: problem.reason, line: lineOf(doc, lines, problem.key) })),
  };
}

function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, key: string): number | null {
  if (key === '(root)') return null;
  const path = key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  // A missing key has no node: its parent's line is where it belongs.
  for (let length = path.length; length > 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}
