import { afterEach, describe, expect, it } from 'vitest';
import { OrgSettingsUnencryptedError } from '../../src/store/org-settings-records.js';
import { encryptedBackends, type EncryptedDatabase } from './encrypted-database.js';
import { backends, cleanupStores } from '../helpers/stores.js';

const NOW = new Date('2026-03-03T09:30:00Z');
const SECRET = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret key material\n-----END PGP PRIVATE KEY BLOCK-----';

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`organisation settings in the store [${backend.name}]`, () => {
    let database: EncryptedDatabase | null = null;
    afterEach(async () => {
      await database?.cleanup();
      database = null;
    });

    async function open() {
      database = await backend.create();
      return { store: await database.open(), database };
    }

    it('keeps a setting encrypted at rest and gives it back decrypted', async () => {
      const { store, database: db } = await open();

      await store.putOrgSetting({ org: 'Acme', name: 'pgp-key', value: JSON.stringify({ key: SECRET }), summary: '{"fingerprint":"AB12"}' }, NOW);
      const raw = await db.query<{ org: string; value: string; summary: string }>('select org, value, summary from org_settings');
      const record = await store.getOrgSetting('acme', 'pgp-key');

      expect(raw).toHaveLength(1);
      expect(raw[0]?.org).toBe('acme');
      expect(raw[0]?.value).not.toContain('secret key material');
      expect(raw[0]?.value.startsWith('enc:v1:')).toBe(true);
      expect(raw[0]?.summary).toBe('{"fingerprint":"AB12"}');
      expect(record?.value).toBe(JSON.stringify({ key: SECRET }));
      expect(record?.updatedAt).toEqual(NOW);
    });

    it('gives every write a new revision, seen by another instance on the same database', async () => {
      const { store, database: db } = await open();
      const other = await db.open();

      const first = await store.putOrgSetting({ org: 'acme', name: 'mailbox', value: '{"password":"one"}', summary: '{}' }, NOW);
      const seenFirst = await other.orgSettingRevision('ACME', 'mailbox');
      const second = await store.putOrgSetting({ org: 'acme', name: 'mailbox', value: '{"password":"two"}', summary: '{}' }, NOW);

      expect(seenFirst).toBe(first);
      expect(second).not.toBe(first);
      expect(await other.orgSettingRevision('acme', 'mailbox')).toBe(second);
      expect((await other.getOrgSetting('acme', 'mailbox'))?.value).toBe('{"password":"two"}');
    });

    it('lists summaries without values, and removes a setting once', async () => {
      const { store } = await open();
      await store.putOrgSetting({ org: 'acme', name: 'mailbox', value: '{"password":"p"}', summary: '{"host":"imap.acme.example"}' }, NOW);
      await store.putOrgSetting({ org: 'acme', name: 'pgp-key', value: '{}', summary: '{"fingerprint":"F"}' }, NOW);
      await store.putOrgSetting({ org: 'beta', name: 'pgp-key', value: '{}', summary: '{"fingerprint":"G"}' }, NOW);

      const all = await store.listOrgSettings();
      const acme = await store.listOrgSettings('ACME');
      const removed = await store.removeOrgSetting('acme', 'mailbox');
      const again = await store.removeOrgSetting('acme', 'mailbox');

      expect(all.map((s) => [s.org, s.name])).toEqual([['acme', 'mailbox'], ['acme', 'pgp-key'], ['beta', 'pgp-key']]);
      expect(acme.map((s) => s.summary)).toEqual(['{"host":"imap.acme.example"}', '{"fingerprint":"F"}']);
      expect(JSON.stringify(all)).not.toContain('"password"');
      expect([removed, again]).toEqual([true, false]);
      expect(await store.getOrgSetting('acme', 'mailbox')).toBeNull();
      expect(await store.orgSettingRevision('acme', 'mailbox')).toBeNull();
    });
  });
}

const postgres = backends.find((b) => b.name === 'postgres');
(postgres?.available === true ? describe : describe.skip)('organisation settings without DATA_ENCRYPTION_KEY [postgres]', () => {
  afterEach(cleanupStores);

  it('refuses to store a secret in clear and says which variable to set', async () => {
    const store = await (postgres ?? backends[0]!).open();

    const writing = store.putOrgSetting({ org: 'acme', name: 'pgp-key', value: SECRET, summary: '{}' }, NOW);

    await expect(writing).rejects.toBeInstanceOf(OrgSettingsUnencryptedError);
    await expect(writing).rejects.toThrow('set DATA_ENCRYPTION_KEY');
    expect(await store.listOrgSettings()).toEqual([]);
  });
});
