import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { REPO_ROOT } from '../../repo-root.js';

let icon: Buffer | null = null;

/**
 * `GET /assets/favicon.svg` and `GET /favicon.ico` (which browsers ask for by themselves):
 * the desk's icon, an SVG every current browser shows. Read on first use and kept.
 */
export function sendFavicon(res: ServerResponse): void {
  icon ??= readFileSync(new URL('assets/favicon.svg', REPO_ROOT));
  res.writeHead(200, {
    'Content-Type': 'image/svg+xml',
    'Cache-Control': 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(icon.length),
  });
  res.end(icon);
}
