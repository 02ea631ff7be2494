import type { IssuePort } from '../../ports/github.js';
import type { Store } from '../../store/store.js';
import { labelSpec } from '../../issue-text/labels.js';

/**
 * Makes sure every label exists in the repository before an issue uses it, so it gets
 * our colour and description. The store remembers what exists: setup is paid once per
 * repository, and the labels list is read only when a label is not yet known.
 */
export async function ensureLabels(
  issues: IssuePort,
  store: Store,
  owner: string,
  repo: string,
  names: readonly string[],
): Promise<void> {
  const known = await store.knownLabels(owner, repo);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) return;

  const existing = new Set(await issues.listLabels(owner, repo));
  for (const name of unknown) {
    if (!existing.has(name)) await issues.createLabel(owner, repo, labelSpec(name));
  }
  await store.rememberLabels(owner, repo, [...new Set([...existing, ...unknown])]);
}
