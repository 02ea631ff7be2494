import { readFileSync } from 'node:fs';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_FILE, describeProblems, parseConfig, type ConfigResult } from '../../src/config/parse-config.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function problemsOf(result: ConfigResult): { key: string; reason: string }[] {
  return result.ok ? [] : result.problems;
}

describe('unknown keys in .github/disclosure.yml', () => {
  it.each([
    ['sla.reciept_business_days', 'sla:\n  reciept_business_days: 2\n', 'is not a known key; did you mean sla.receipt_business_days?'],
    ['sla.resolution_days.critcal', 'sla:\n  resolution_days: { critcal: 14 }\n', 'is not a known key; did you mean sla.resolution_days.critical?'],
    ['tracking.repo', 'tracking:\n  repo: security\n', 'is not a known key; did you mean tracking.repository?'],
    ['scope.in_scope.domain', 'scope:\n  in_scope:\n    domain: [acme.example]\n', 'is not a known key; did you mean scope.in_scope.domains?'],
    ['scope.out_of_scope.0.de', 'scope:\n  out_of_scope:\n    - { id: dos, en: DoS, de: DoS }\n', 'is not a known key; known here: id, en, nl'],
    ['known_issues.0.notice.de', 'known_issues:\n  - { id: csp, title: CSP, keywords: [csp], notice: { en: Known., de: Bekannt. } }\n', 'is not a known key; known here: en, nl'],
    ['known_issues.0.keyword', 'known_issues:\n  - { id: csp, title: CSP, keywords: [csp], keyword: csp }\n', 'is not a known key; did you mean known_issues.0.keywords?'],
    ['triage.duplicate_window', 'triage:\n  duplicate_window: 30\n', 'is not a known key; did you mean triage.duplicate_window_days?'],
    ['rewards.by_severity.high.maximum', 'rewards:\n  by_severity:\n    high: { min: 1, max: 2, maximum: 3 }\n', 'is not a known key; known here: min, max'],
    ['rewards.by_severity.severe', 'rewards:\n  by_severity:\n    severe: { min: 1, max: 2 }\n', 'is not a known key; known here: low, medium, high, critical'],
    ['hall_of_fame.show_reward', 'hall_of_fame:\n  show_reward: true\n', 'is not a known key; did you mean hall_of_fame.show_rewards?'],
    ['privacy.retention', 'privacy:\n  retention: 30\n', 'is not a known key; did you mean privacy.retention_days?'],
    ['policy.extra.0.title.de', 'policy:\n  extra:\n    - { title: { en: Bounty, de: Prämie }, text: { en: Paid. } }\n', 'is not a known key; known here: en, nl'],
    ['receipt_business_days', 'receipt_business_days: 2\n', 'is not a known key; did you mean sla.receipt_business_days?'],
  ])('refuses %s, naming the full key path', (key, yaml, reason) => {
    const result = parseConfig(parse(yaml));

    expect(result.ok).toBe(false);
    expect(problemsOf(result)).toEqual([{ key, reason }]);
  });

  it('names every unknown key and every other problem in one go, as the held report says', () => {
    const result = parseConfig(parse('sla:\n  reciept_business_days: 2\n  receipt_business_days: 1.5\nslaa: {}\n'));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(describeProblems(result)).toBe(
      '.github/disclosure.yml: sla.receipt_business_days: must be a whole number; ' +
        '.github/disclosure.yml: sla.reciept_business_days: is not a known key; did you mean sla.receipt_business_days?; ' +
        '.github/disclosure.yml: slaa: is not a known key; did you mean sla?',
    );
  });

  it('drops _extends, which is the config loader’s key and not ours', () => {
    const result = parseConfig(parse('_extends: policies\nname: Acme\n'));

    expect(result.ok && result.config.name).toBe('Acme');
  });

  it('refuses _extends below the top, where no loader reads it', () => {
    expect(problemsOf(parseConfig({ sla: { _extends: 'x' } }))).toEqual([{ key: 'sla._extends', reason: expect.stringMatching(/^is not a known key/) as unknown }]);
  });
});

describe('_extends through Probot’s config plugin', () => {
  /** The contents API for a few files, as Probot's config plugin reads them (raw media type). */
  function octokitWith(files: Record<string, string>): InstanceType<typeof ProbotOctokit> {
    const fetch = (url: string | URL): Promise<Response> => {
      const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(decodeURIComponent(new URL(url).pathname));
      const text = match === null ? undefined : files[`${match[1]}/${match[2]}:${match[3]}`];
      return Promise.resolve(text === undefined ? new Response('{"message":"Not Found"}', { status: 404, headers: { 'content-type': 'application/json' } }) : new Response(text, { status: 200, headers: { 'content-type': 'text/plain' } }));
    };
    return new ProbotOctokit({ auth: { token: 'test-token' }, request: { fetch }, retry: { enabled: false }, throttle: { enabled: false } });
  }

  it('never hands _extends to the schema, and the merged config parses', async () => {
    const octokit = octokitWith({
      'acme/.github:.github/disclosure.yml': 'name: Acme Corp\n_extends: policies\n',
      'acme/policies:.github/disclosure.yml': 'sla:\n  assessment_business_days: 7\n',
    });

    const { config } = await octokit.config.get({ owner: 'acme', repo: '.github', path: CONFIG_FILE });
    const result = parseConfig(config);

    expect(Object.keys(config as object).sort()).toEqual(['name', 'sla']);
    expect(result.ok && { name: result.config.name, assessment: result.config.sla.assessment_business_days }).toEqual({ name: 'Acme Corp', assessment: 7 });
  });

  it('names an unknown key that came from the extended file', async () => {
    const octokit = octokitWith({
      'acme/.github:.github/disclosure.yml': '_extends: policies\n',
      'acme/policies:.github/disclosure.yml': 'sla:\n  reciept_business_days: 2\n',
    });

    const { config } = await octokit.config.get({ owner: 'acme', repo: '.github', path: CONFIG_FILE });

    expect(problemsOf(parseConfig(config))).toEqual([{ key: 'sla.reciept_business_days', reason: 'is not a known key; did you mean sla.receipt_business_days?' }]);
  });
});

describe('the README’s example config', () => {
  it('parses without a problem', () => {
    const block = /```yaml\n(# \.github\/disclosure\.yml\n[\s\S]*?)```/.exec(README)?.[1];

    const result = parseConfig(parse(block ?? ''));

    expect(block).toBeDefined();
    expect(problemsOf(result)).toEqual([]);
    expect(result.ok && result.config.name).toBe('Acme');
  });
});
