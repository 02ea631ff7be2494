/**
 * The repository root, where `templates/` and `assets/` live: two levels above this file,
 * which holds both from `src/web/` (vitest, tsx) and from the compiled `dist/web/`.
 */
export const REPO_ROOT = new URL('../../', import.meta.url);
