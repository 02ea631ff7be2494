import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { type AppServer, startAppServer } from '../helpers/probot-server.js';

// The sample dashboard is only useful if its queries find series: every metric name in
// every panel's PromQL must be one the app really serves at GET /metrics.

const TOKEN = 'metrics-token-for-tests';
const DASHBOARD = new URL('../../docs/grafana-dashboard.json', import.meta.url);

interface Panel {
  title?: string;
  type?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<{ expr?: string; datasource?: { uid?: string } }>;
  panels?: Panel[];
}

interface Dashboard {
  schemaVersion: number;
  __inputs: Array<{ name: string; type: string; pluginId: string }>;
  panels: Panel[];
}

/** Panels, rows' panels included. */
function allPanels(panels: readonly Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

/** Words of PromQL that are not metric names (keywords; functions are told by their `(`). */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: strings, label matchers, range selectors and
 * grouping lists are removed first, then every identifier (not part of a number like `5m`)
 * not followed by `(` (a function or aggregation) and not a keyword is a metric name.
 */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/(?<![\w:.$])[a-zA-Z_:][\w:]*/g)) {
    const word = match[0];
    const after = bare.slice((match.index ?? 0) + word.length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(word.toLowerCase())) continue;
    names.add(word);
  }
  return [...names];
}

/** Names of the sample lines in an exposition (`name{…} value` or `name value`). */
function seriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return names;
}

describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
  const panels = allPanels(dashboard.panels).filter((panel) => panel.type !== 'row');
  const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title ?? '', expr: target.expr ?? '' })));
  let fake: FakeGitHub;
  let app: AppServer;
  let served: Set<string>;

  beforeAll(async () => {
    fake = await startFakeGitHub();
    app = await startAppServer(fake, { env: { METRICS_TOKEN: TOKEN } });
    const response = await fetch(`${app.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    served = seriesNames(await response.text());
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('is a Grafana dashboard importable with a Prometheus data source input', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    for (const panel of panels) {
      expect(panel.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('reads the metric names out of PromQL, and only those', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{job="x", le!="1"}[$__rate_interval])))')).toEqual(['a_seconds_bucket']);
    expect(metricNames('sum by (deadline) (increase(b_total{outcome="met"}[1d])) / sum without (outcome) (increase(b_total[1d])) > bool 0')).toEqual(['b_total']);
    expect(metricNames('max(c) or on (instance) d offset 5m')).toEqual(['c', 'd']);
  });

  it('queries only metrics the app serves at /metrics', () => {
    const used = exprs.flatMap(({ panel, expr }) => metricNames(expr).map((name) => ({ panel, name })));

    expect(used.length).toBeGreaterThan(0);
    expect(used.filter(({ name }) => !served.has(name))).toEqual([]);
    for (const { panel, expr } of exprs) expect(metricNames(expr).length, `${panel}: ${expr}`).toBeGreaterThan(0);
  });

  it('has a panel for every metric of the app', () => {
    const used = new Set(exprs.flatMap(({ expr }) => metricNames(expr)).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    const ours = [...served].filter((name) => name.startsWith('disclosure_desk_')).map((name) => name.replace(/_(bucket|sum|count)$/, ''));

    expect(ours.filter((name) => !used.has(name))).toEqual([]);
  });
});
