/**
 * The words our routes are made of. Any other path segment is a parameter (an organisation,
 * a status token, something a prober made up) and is logged as `:param`, so a request log
 * line never carries a token or whatever a client put in its path.
 */
const LITERALS = new Set([
  'api', 'github', 'webhooks', 'v1', 'orgs', 'reports', 'report', 'status', 'data.json', 'erase',
  'assets', 'style.css', 'encrypt-form.js', 'openpgp.mjs', 'pgp-key.asc', 'policy', 'hall-of-fame',
  '.well-known', 'security.txt', 'ping', 'healthz', 'readyz', 'favicon.ico', 'robots.txt',
  'favicon.svg', 'receipt.asc', 'staff', 'callback', 'sign-out', 'reveal', 'attachments',
  'settings', 'key', 'mailbox',
]);

/** At most this many segments are kept; longer paths end in `…`. */
const MAX_SEGMENTS = 6;

/** `/status/Abc…/data.json?x=1` → `/status/:param/data.json`; also for paths we do not serve. */
export function routeTemplate(url: string | undefined, webhookPath: string): string {
  const path = (url ?? '').split('?')[0] ?? '';
  if (path === webhookPath) return webhookPath;
  if (!path.startsWith('/')) return ':invalid';
  const segments = path.slice(1).split('/');
  const kept = segments.slice(0, MAX_SEGMENTS).map((segment) => (segment === '' || LITERALS.has(segment) ? segment : ':param'));
  return `/${kept.join('/')}${segments.length > MAX_SEGMENTS ? '/…' : ''}`;
}
