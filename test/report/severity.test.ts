import { describe, expect, it } from 'vitest';
import { severityOfScore } from '../../src/report/severity.js';

describe('severityOfScore', () => {
  // CVSS v3.1 §5 and v4.0 §6 qualitative severity rating scale.
  it.each([
    [0, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4, 'medium'],
    [6.9, 'medium'],
    [7, 'high'],
    [8.9, 'high'],
    [9, 'critical'],
    [10, 'critical'],
  ])('rates %d as %s', (score, severity) => {
    const rated = severityOfScore(score);

    expect(rated).toBe(severity);
  });
});
