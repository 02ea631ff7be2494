/** Variables whose whole value is a secret (a key, a token, a capability URL). */
const SECRET_VARIABLES = [
  'PRIVATE_KEY',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
  'DATA_ENCRYPTION_KEY',
  'PGP_PRIVATE_KEY',
  'PGP_PASSPHRASE',
  // Whoever knows a smee channel's URL reads every delivery sent through it.
  'WEBHOOK_PROXY_URL',
  'SENTRY_DSN',
] as const;

/** Variables that are URLs which may carry a user and password. */
const URL_VARIABLES = ['DATABASE_URL', 'SMTP_URL', 'IMAP_URL', 'PUBLIC_URL', 'REDIS_URL'] as const;

/** Shorter values are not scrubbed: replacing every "a" would garble the report and hide nothing. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every secret the environment holds, as it could turn up in printed text: whole values,
 * each line of a multi-line key, and the password of each URL (as written and decoded).
 * The report is scrubbed of these whatever a check or a library put in its messages.
 */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>();
  const add = (value: string | undefined) => {
    const text = value?.trim() ?? '';
    if (text.length >= MIN_SECRET_LENGTH) found.add(text);
  };
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    add(value);
    for (const line of (value ?? '').split(/\\n|\n/)) if (line.length >= 16) add(line);
  }
  for (const name of URL_VARIABLES) {
    const password = passwordOf(env[name]);
    add(password);
    add(safeDecode(password));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `[redacted]`. */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** A URL as it may be printed: no user, no password, no query (tokens travel there too). */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

function passwordOf(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return new URL(value.trim()).password || undefined;
  } catch {
    // Unparseable: whatever sits between "://user:" and "@" is still the password.
    return /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(value.trim())?.[1];
  }
}

function safeDecode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
