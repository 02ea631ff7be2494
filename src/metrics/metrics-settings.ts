/** METRICS_PORT is not a port number: refused at start rather than serving no metrics unnoticed. */
export class InvalidMetricsPortError extends Error {
  override name = 'InvalidMetricsPortError' as const;
  constructor() {
    super('METRICS_PORT must be a port number (1–65535)');
  }
}

/** Where `GET /metrics` is served; null from {@link metricsSettingsFromEnv} when nowhere. */
export interface MetricsSettings {
  /** METRICS_TOKEN: the public front door serves `/metrics` to `Authorization: Bearer <token>` only. */
  token: string | null;
  /** METRICS_PORT: a separate listener (on HOST) serves `/metrics` without a token. */
  port: number | null;
}

/** METRICS_TOKEN and METRICS_PORT; neither set: no metrics anywhere. */
export function metricsSettingsFromEnv(env: NodeJS.ProcessEnv): MetricsSettings | null {
  const token = env.METRICS_TOKEN ? env.METRICS_TOKEN : null;
  const rawPort = env.METRICS_PORT ?? '';
  let port: number | null = null;
  if (rawPort !== '') {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) throw new InvalidMetricsPortError();
  }
  return token === null && port === null ? null : { token, port };
}
