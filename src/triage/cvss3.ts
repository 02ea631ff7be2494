import { severityOfScore, type Severity } from './severity.js';

/*
 * CVSS v3.0 / v3.1 base score, per the FIRST specification (v3.1 §7.1 and Appendix A).
 * The base formulas of 3.0 and 3.1 are the same; 3.1 only made Roundup exact, and
 * that exact Roundup is used for both. A later issue brings a maintained calculator
 * that also scores CVSS 4.0.
 */

const AV: Readonly<Record<string, number>> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Readonly<Record<string, number>> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Readonly<Record<string, number>> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Readonly<Record<string, number>> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Readonly<Record<string, number>> = { N: 0.85, R: 0.62 };
const CIA: Readonly<Record<string, number>> = { H: 0.56, L: 0.22, N: 0 };

/** Every metric a v3 vector may carry, with its allowed values. Base metrics are required. */
const METRICS: Readonly<Record<string, string>> = {
  AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'HLN', I: 'HLN', A: 'HLN',
  E: 'XUPFH', RL: 'XOTWU', RC: 'XURC',
  CR: 'XLMH', IR: 'XLMH', AR: 'XLMH',
  MAV: 'XNALP', MAC: 'XLH', MPR: 'XNLH', MUI: 'XNR', MS: 'XUC', MC: 'XNLH', MI: 'XNLH', MA: 'XNLH',
};
const BASE = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

/**
 * The base score of a `CVSS:3.0/…` or `CVSS:3.1/…` vector, or null when the vector is
 * not a valid v3 vector (unknown or repeated metric, bad value, missing base metric).
 * Temporal and environmental metrics are allowed and do not change the base score.
 */
export function cvss3BaseScore(vector: string): number | null {
  const metrics = parseVector(vector);
  if (metrics === null) return null;
  const metric = (name: (typeof BASE)[number]): string => metrics.get(name) ?? '';
  const changed = metric('S') === 'C';
  const iss = 1 - (1 - weight(CIA, metric('C'))) * (1 - weight(CIA, metric('I'))) * (1 - weight(CIA, metric('A')));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const pr = weight(changed ? PR_CHANGED : PR_UNCHANGED, metric('PR'));
  const exploitability = 8.22 * weight(AV, metric('AV')) * weight(AC, metric('AC')) * pr * weight(UI, metric('UI'));
  if (impact <= 0) return 0;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** The qualitative severity of a v3 vector, or null when it is not a valid v3 vector. */
export function cvss3Severity(vector: string): Severity | null {
  const score = cvss3BaseScore(vector);
  return score === null ? null : severityOfScore(score);
}

/**
 * CVSS v3.1 Appendix A: the smallest number with one decimal that is equal to or higher
 * than the input, computed on integers so that floating-point noise (4.000000000000001)
 * does not round up a whole tenth.
 */
export function roundUp(input: number): number {
  const scaled = Math.round(input * 100_000);
  if (scaled % 10_000 === 0) return scaled / 100_000;
  return (Math.floor(scaled / 10_000) + 1) / 10;
}

function parseVector(vector: string): Map<string, string> | null {
  const match = /^CVSS:3\.[01]\/(.+)$/.exec(vector);
  if (match?.[1] === undefined) return null;
  const metrics = new Map<string, string>();
  for (const part of match[1].split('/')) {
    const [name, value, ...rest] = part.split(':');
    if (name === undefined || value === undefined || rest.length > 0 || value.length !== 1) return null;
    const allowed = METRICS[name];
    if (allowed === undefined || !allowed.includes(value) || metrics.has(name)) return null;
    metrics.set(name, value);
  }
  return BASE.every((name) => metrics.has(name)) ? metrics : null;
}

function weight(table: Readonly<Record<string, number>>, value: string): number {
  const found = table[value];
  if (found === undefined) throw new RangeError('unchecked CVSS metric value');
  return found;
}
