/**
 * The repository root, where `assets/` lives: one level above this file,
 * which holds both from `src/` (vitest, tsx) and from the compiled `dist/`.
 */
export const REPO_ROOT = new URL('../', import.meta.url);
