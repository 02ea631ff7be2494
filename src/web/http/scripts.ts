import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../repo-root.js';

/** The scripts we serve, all from this origin (the CSP allows no CDN and no inline script). */
export type ScriptName = 'encrypt-form.js' | 'openpgp.mjs';

/** How long a browser may keep each script without asking again. */
const CACHE_CONTROL: Record<ScriptName, string> = {
  // Our own script changes with the form, so as short as the stylesheet.
  'encrypt-form.js': 'public, max-age=3600',
  // The openpgp.js build only changes with the dependency: a week, so an upgrade still arrives.
  'openpgp.mjs': 'public, max-age=604800',
};

let cache: Record<ScriptName, Buffer> | undefined;

/**
 * Reads both scripts once: the form's encryption (`assets/encrypt-form.js`) and the
 * openpgp.js browser ES module build it imports (`openpgp/dist/openpgp.min.mjs`, found
 * next to the package's Node entry point, since the package exports no such subpath).
 */
export function loadScripts(): Record<ScriptName, Buffer> {
  cache ??= {
    'encrypt-form.js': readFileSync(new URL('assets/encrypt-form.js', REPO_ROOT)),
    'openpgp.mjs': readFileSync(openpgpBrowserBuild()),
  };
  return cache;
}

/** `GET /assets/encrypt-form.js` and `GET /assets/openpgp.mjs`. */
export function sendScript(res: ServerResponse, name: ScriptName): void {
  const body = loadScripts()[name];
  res.writeHead(200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': CACHE_CONTROL[name],
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function openpgpBrowserBuild(): string {
  // `openpgp` resolves to dist/node/openpgp.min.cjs; the browser build sits one folder up.
  const nodeEntry = createRequire(import.meta.url).resolve('openpgp');
  return join(dirname(nodeEntry), '..', 'openpgp.min.mjs');
}
