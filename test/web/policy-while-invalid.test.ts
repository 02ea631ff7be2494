import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPublicPages } from '../../src/flows/intake/public-pages.js';
import { createOrgDirectory, type OrgDirectory } from '../../src/flows/org-directory.js';
import type { Store } from '../../src/store/store.js';
import { createFakeGitHub, type FakeGitHub } from '../helpers/fake-issues.js';
import { describeEachBackend } from '../helpers/stores.js';
import { silentLogger } from '../../src/log.js';
import { createFakeIntake } from './helpers/fake-intake.js';
import { serve } from './helpers/serve.js';

// While an organisation's .github/disclosure.yml is invalid, its public pages keep the last
// valid policy; an organisation that never had a valid one is told to be setting up, never
// shown the built-in defaults as its own promises.

describeEachBackend('the public policy while the config is invalid', (backend) => {
  let store: Store;
  let github: FakeGitHub;
  let orgs: OrgDirectory;

  beforeEach(async () => {
    store = await backend.open();
    github = createFakeGitHub(() => new Date('2026-03-02T09:00:00Z'));
    github.installations.set('acme', 7);
    github.installations.set('globex', 8);
    orgs = createOrgDirectory({ github, clock: () => new Date('2026-03-02T09:00:00Z'), log: silentLogger, ttlMs: 0, configs: store });
  });

  afterEach(async () => {
    await store.close().catch(() => undefined);
  });

  async function policyPage(org: string): Promise<{ status: number; page: string }> {
    const fake = createFakeIntake();
    const { base } = await serve({ intake: fake, pages: createPublicPages({ store, orgs }), statusDesk: fake });
    const response = await fetch(`${base}/orgs/${org}/policy?lang=en`);
    return { status: response.status, page: await response.text() };
  }

  it('keeps the last valid policy while the file is broken, and the new one once fixed', async () => {
    github.configs.set('acme', { name: 'Acme Security', sla: { receipt_business_days: 3 } });
    expect((await createPublicPages({ store, orgs }).publicConfig('acme'))?.policy).toBe('own');

    github.configs.set('acme', { name: 'Acme Broken', sla: { receipt_business_days: -1 } });
    const kept = await createPublicPages({ store, orgs }).publicConfig('acme');
    const { page } = await policyPage('acme');

    expect(kept?.policy).toBe('last-valid');
    expect(kept?.organisation.name).toBe('Acme Security');
    expect(kept?.config.sla.receipt_business_days).toBe(3);
    expect(page).toContain('Acme Security');
    expect(page).not.toContain('Acme Broken');

    github.configs.set('acme', { name: 'Acme Fixed' });
    expect((await createPublicPages({ store, orgs }).publicConfig('acme'))?.organisation.name).toBe('Acme Fixed');
  });

  it('says the policy is being set up when there never was a valid one, and points to the form', async () => {
    github.configs.set('globex', { sla: { receipt_business_days: -1 } });

    const found = await createPublicPages({ store, orgs }).publicConfig('globex');
    const { status, page } = await policyPage('globex');

    expect(found?.policy).toBe('setting-up');
    expect(status).toBe(200);
    expect(page).toContain('is being set up');
    expect(page).toContain('href="/orgs/globex/report?lang=en"');
    // None of the default policy's promises is presented as globex's own.
    expect(page).not.toMatch(/business day/i);
    expect(page).not.toContain('Safe harbour');
  });
});
