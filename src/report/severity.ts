/** Qualitative severity, as CVSS names it and as the `severity:*` labels spell it. */
export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The CVSS v3.x / v4.0 qualitative rating of a score from 0.0 to 10.0. */
export function severityOfScore(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
