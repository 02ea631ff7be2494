import type { en } from './en/index.js';

/**
 * The shape every language's catalogue must have: the English catalogue's, with its
 * strings widened to `string`. A key missing from (or added to) another language fails
 * the typecheck there.
 */
export type Catalogue = typeof en;
