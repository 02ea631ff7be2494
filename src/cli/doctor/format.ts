import type { CheckResult, CheckStatus } from './result.js';
import { scrub } from './secrets.js';

const LABELS: Record<CheckStatus, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };
const LABEL_WIDTH = 5;

/** One line: `<status> <check>: <detail>[ — fix: <fix>]`, so `grep FAIL` shows each problem with its cure. */
export function formatResult(result: CheckResult): string {
  const fix = result.fix === undefined || result.status === 'ok' || result.status === 'skip' ? '' : ` — fix: ${result.fix}`;
  return `${LABELS[result.status].padEnd(LABEL_WIDTH)} ${result.check}: ${result.detail}${fix}`;
}

/** The whole report, scrubbed of every secret: one line per check, then the tally. */
export function formatReport(results: readonly CheckResult[], secrets: readonly string[]): string {
  const count = (status: CheckStatus) => results.filter((result) => result.status === status).length;
  const tally = [`${count('ok')} ok`, `${count('warn')} warning(s)`, `${count('fail')} failed`, `${count('skip')} skipped`].join(', ');
  const verdict = count('fail') > 0 ? 'not ready: fix the FAIL lines and run `npm run doctor` again' : 'ready';
  const lines = [...results.map(formatResult), '', `${tally}: ${verdict}`];
  // Line breaks inside a detail (a library's message) would break "one line per check".
  return `${lines.map((line) => scrub(line.replace(/[\r\n]+/g, ' '), secrets)).join('\n')}\n`;
}

/** 0 when nothing failed (warnings and skips allowed), else 1. */
export function exitCodeOf(results: readonly CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === 'fail') ? 1 : 0;
}
