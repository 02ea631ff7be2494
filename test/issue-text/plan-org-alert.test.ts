import { describe, expect, it } from 'vitest';
import { ALERT_MARKER, needsAlert, planAlertBody } from '../../src/issue-text/plan-org-alert.js';

describe('the alert issue body', () => {
  const facts = { configProblems: ['.github/disclosure.yml: @everyone: is not a known key'], held: [{ reason: 'the tracking repository acme/sec#1 is public', count: 2 }], deadJobs: 1 };

  it('says each kind of trouble with its count, in the tracking language, and carries the marker', () => {
    const body = planAlertBody(facts, 'nl');

    expect(body).toContain('### De configuratie is ongeldig');
    expect(body).toContain('### 2 meldingen worden vastgehouden');
    expect(body).toContain('### 1 taak gestopt');
    expect(body.trimEnd().endsWith(ALERT_MARKER)).toBe(true);
  });

  it('never lets a key or reason mention someone or link an issue', () => {
    const body = planAlertBody(facts, 'en');

    expect(body).not.toMatch(/(^|[^`\\])@everyone/);
    expect(body).not.toMatch(/acme\/sec#1(?!`)/);
  });

  it('has nothing to say when all is well', () => {
    expect(needsAlert({ configProblems: null, held: [], deadJobs: 0 })).toBe(false);
    expect(needsAlert({ configProblems: null, held: [], deadJobs: 1 })).toBe(true);
  });
});
