import type { Store } from '../../store/store.js';
import { effectiveConfig, type OrgDirectory, policySource } from '../org-directory.js';
import type { PublicPages } from './intake-ports.js';

/** The organisation as its public pages show it: name, languages, effective config, hall of fame. */
export function createPublicPages(deps: { store: Store; orgs: OrgDirectory }): PublicPages {
  async function publicConfig(org: string) {
    const settings = await deps.orgs.get(org);
    if (settings === null) return null;
    const config = effectiveConfig(settings);
    return { organisation: { login: settings.org, name: config.name ?? settings.org, languages: config.languages, creditDefault: config.credit.default }, config, policy: policySource(settings) };
  }
  return {
    publicConfig,
    async organisation(org) {
      return (await publicConfig(org))?.organisation ?? null;
    },
    async hallOfFame(org) {
      const records = await deps.store.listCreditRecords(org);
      return records.map((r) => ({ ghsaId: r.ghsaId, advisoryUrl: r.advisoryUrl, cveId: r.cveId, summary: r.summary, publishedAt: r.publishedAt, researchers: r.researchers, reward: r.reward }));
    },
  };
}
