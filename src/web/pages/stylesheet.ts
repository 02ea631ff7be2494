import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { REPO_ROOT } from '../../repo-root.js';

/** The one stylesheet, read once at startup. A file, because the CSP forbids inline styles. */
export function loadStylesheet(): Buffer {
  return readFileSync(new URL('assets/style.css', REPO_ROOT));
}

/** `GET /assets/style.css`. */
export function sendStylesheet(res: ServerResponse, css: Buffer): void {
  res.writeHead(200, {
    'Content-Type': 'text/css; charset=utf-8',
    'Cache-Control': 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(css.length),
  });
  res.end(css);
}
