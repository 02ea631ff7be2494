import calculator from 'ae-cvss-calculator';
import { severityOfScore, type Severity } from './severity.js';

/** The CVSS versions we score. */
export type CvssVersion = '3.0' | '3.1' | '4.0';

/**
 * A scored vector, or why it cannot be scored. `error` names the offending metric (e.g.
 * `unknown value "X" for metric AV`) because the `/severity` command and the report
 * form show it to people as is.
 */
export type CvssResult =
  | { ok: true; version: CvssVersion; score: number; severity: Severity; vector: string }
  | { ok: false; error: string; metric?: string };

/** Every metric of a version with its allowed values; the base metrics come first and are required. */
interface MetricTable {
  base: readonly string[];
  values: Readonly<Record<string, readonly string[]>>;
}

const CIA = ['H', 'L', 'N'];
const CIA_X = ['X', 'H', 'L', 'N'];
const REQUIREMENT = ['X', 'H', 'M', 'L'];

/** CVSS v3.0 / v3.1 specification, §6 (vector string) tables. */
const V3: MetricTable = {
  base: ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  values: {
    AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'],
    C: CIA, I: CIA, A: CIA,
    E: ['X', 'U', 'P', 'F', 'H'], RL: ['X', 'O', 'T', 'W', 'U'], RC: ['X', 'U', 'R', 'C'],
    CR: REQUIREMENT, IR: REQUIREMENT, AR: REQUIREMENT,
    MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'R'],
    MS: ['X', 'U', 'C'], MC: CIA_X, MI: CIA_X, MA: CIA_X,
  },
};

/** CVSS v4.0 specification, §7 (vector string) table. */
const V4: MetricTable = {
  base: ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
  values: {
    AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
    VC: CIA, VI: CIA, VA: CIA, SC: CIA, SI: CIA, SA: CIA,
    E: ['X', 'A', 'P', 'U'],
    CR: REQUIREMENT, IR: REQUIREMENT, AR: REQUIREMENT,
    MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'],
    MUI: ['X', 'N', 'P', 'A'], MVC: CIA_X, MVI: CIA_X, MVA: CIA_X, MSC: CIA_X,
    MSI: ['X', 'S', 'H', 'L', 'N'], MSA: ['X', 'S', 'H', 'L', 'N'],
    S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'],
    RE: ['X', 'L', 'M', 'H'], U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
};

const TABLES: Readonly<Record<CvssVersion, MetricTable>> = { '3.0': V3, '3.1': V3, '4.0': V4 };

function isVersion(version: string | undefined): version is CvssVersion {
  return version !== undefined && Object.hasOwn(TABLES, version);
}

/**
 * Scores a CVSS v3.0, v3.1 or v4.0 vector with ae-cvss-calculator, whose scores match
 * FIRST's reference calculators.
 *
 * - 3.0 is scored by the calculator's 3.0 equations (FIRST's 3.0 Roundup), 3.1 by its 3.1
 *   equations. The score is the base score: temporal and environmental metrics are
 *   accepted but, as in FIRST's calculator's headline figure, do not change it.
 * - 4.0 has one score per vector (CVSS-B, -BT, -BE or -BTE), so threat and environmental
 *   metrics do count, as in FIRST's 4.0 calculator.
 *
 * The vector is checked against the specification's tables first: the calculator accepts
 * `X` for base metrics, fills in missing ones, keeps the last of a repeated metric and
 * allows `S` for SC/SI/SA, and its errors do not always name the metric.
 */
export function scoreCvss(vector: string): CvssResult {
  const cached = scored.get(vector);
  if (cached !== undefined) return cached;
  const result = Object.freeze(scoreAnew(vector));
  if (scored.size >= MAX_SCORED) scored.delete(scored.keys().next().value ?? '');
  scored.set(vector, result);
  return result;
}

/**
 * Scoring builds the calculator's objects per call, about 3 % of the intake's CPU under a
 * burst (`npm run bench`), while a burst carries few distinct vectors. Bounded: distinct
 * vectors sent on purpose only evict older ones.
 */
const MAX_SCORED = 512;
const scored = new Map<string, CvssResult>();

function scoreAnew(vector: string): CvssResult {
  const match = /^CVSS:(\d\.\d)\/(.*)$/.exec(vector);
  const version = match?.[1];
  if (match === null || !isVersion(version)) {
    return { ok: false, error: 'not a CVSS vector: expected CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/ followed by metrics' };
  }
  const problem = checkMetrics(match[2] ?? '', TABLES[version]);
  if (problem !== null) return problem;
  const score = calculate(version, vector);
  return { ok: true, version, score, severity: severityOfScore(score), vector };
}

function checkMetrics(metrics: string, table: MetricTable): (CvssResult & { ok: false }) | null {
  const seen = new Set<string>();
  for (const part of metrics.split('/')) {
    const [metric = '', value, ...rest] = part.split(':');
    if (value === undefined || rest.length > 0 || metric === '') {
      return { ok: false, error: `malformed metric "${part}": expected NAME:VALUE` };
    }
    const allowed = table.values[metric];
    if (allowed === undefined) return { ok: false, error: `unknown metric ${metric}`, metric };
    if (seen.has(metric)) return { ok: false, error: `duplicate metric ${metric}`, metric };
    if (!allowed.includes(value)) return { ok: false, error: `unknown value "${value}" for metric ${metric}`, metric };
    seen.add(metric);
  }
  const missing = table.base.find((metric) => !seen.has(metric));
  return missing === undefined ? null : { ok: false, error: `missing metric ${missing}`, metric: missing };
}

/** Only called with a checked vector, so the calculator has every base metric. */
function calculate(version: CvssVersion, vector: string): number {
  if (version === '4.0') return new calculator.Cvss4P0(vector).calculateScores().overall;
  const scores = (version === '3.0' ? new calculator.Cvss3P0(vector) : new calculator.Cvss3P1(vector)).calculateScores();
  if (scores.base === undefined) throw new RangeError('CVSS calculator gave no base score for a checked vector');
  return scores.base;
}
