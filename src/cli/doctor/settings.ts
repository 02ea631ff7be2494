import { metricsSettingsFromEnv } from '../../metrics/metrics-settings.js';
import { limitsFromEnv } from '../../report/intake-limits.js';
import { frontDoorLimitsFromEnv } from '../../server/front-door-limits.js';
import { readRateLimitFromEnv } from '../../web/request-limit-settings.js';
import { parseTrustProxy } from '../../web/http/trust-proxy.js';
import { describeError, fail, ok, warn, type CheckResult } from './result.js';

/** A bearer token shorter than this can be guessed; the README asks for a long random value. */
const MIN_METRICS_TOKEN_LENGTH = 32;

interface Setting {
  check: string;
  variables: readonly string[];
  /** Throws when the app would refuse to start; returns a sentence on success. */
  parse(env: NodeJS.ProcessEnv): string;
  fix: string;
}

/** Each parsed by the function the app starts with, so a value the app refuses fails here first. */
const SETTINGS: readonly Setting[] = [
  {
    check: 'trusted proxies',
    variables: ['TRUST_PROXY'],
    parse: (env) => {
      const trust = parseTrustProxy(env.TRUST_PROXY);
      return trust.kind === 'none' ? 'no proxy is trusted' : trust.kind === 'hops' ? `${trust.hops} proxy hop(s) trusted` : `proxies ${trust.text} trusted`;
    },
    fix: 'set TRUST_PROXY to a hop count (e.g. 1), true, false, or proxy addresses/CIDRs separated by commas',
  },
  {
    check: 'metrics',
    variables: ['METRICS_TOKEN', 'METRICS_PORT'],
    parse: (env) => {
      const metrics = metricsSettingsFromEnv(env);
      const parts = [metrics?.token ? '/metrics with a bearer token on the public port' : null, metrics?.port ? `/metrics on port ${metrics.port}` : null];
      return parts.filter((part) => part !== null).join('; ') || 'no metrics';
    },
    fix: 'set METRICS_PORT to a port number (1–65535)',
  },
  {
    check: 'request limits',
    variables: ['INTAKE_MAX_BODY_BYTES', 'INTAKE_MAX_ATTACHMENT_BYTES', 'INTAKE_RATE_LIMIT', 'READ_RATE_LIMIT', 'MAX_INFLIGHT_BYTES'],
    parse: (env) => {
      limitsFromEnv(env);
      readRateLimitFromEnv(env);
      frontDoorLimitsFromEnv(env);
      return 'valid';
    },
    fix: 'sizes are whole numbers of bytes (MAX_INFLIGHT_BYTES at least 25000000); rate limits are <count>/<seconds> or 0',
  },
];

/** Check 10: the optional settings that stop the app at startup when malformed, those that are set. */
export function checkSettings(env: NodeJS.ProcessEnv): CheckResult[] {
  const results: CheckResult[] = [];
  for (const setting of SETTINGS) {
    const set = setting.variables.filter((name) => (env[name]?.trim() ?? '') !== '');
    if (set.length === 0) continue;
    try {
      const found = setting.parse(env);
      results.push(ok(setting.check, `${set.join(', ')}: ${found}`));
    } catch (error) {
      results.push(fail(setting.check, describeError(error), setting.fix));
    }
  }
  const token = env.METRICS_TOKEN ?? '';
  if (token !== '' && token.length < MIN_METRICS_TOKEN_LENGTH) {
    results.push(warn('metrics', `METRICS_TOKEN is only ${token.length} characters long`, 'use a long random value, e.g. `openssl rand -hex 32`'));
  }
  if (env.REDIS_URL) {
    // Probot would load ioredis for its throttling, which the app switches off: the outbox paces writes.
    results.push(warn('REDIS_URL', 'REDIS_URL is set but not used: writes are paced through the store', 'unset REDIS_URL'));
  }
  if (results.length === 0) results.push(ok('settings', 'TRUST_PROXY, METRICS_*, request limits: none set, defaults apply'));
  return results;
}
