import { createMessage, encrypt } from 'openpgp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrgSettingsDesk, OrgSettingInputError } from '../../src/flows/org-settings/org-settings-desk.js';
import { checkOrgKey } from '../../src/pgp/check-org-key.js';
import { createOrgPgpResolver, REVISION_TTL_MS } from '../../src/pgp/org-pgp-resolver.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import type { Store } from '../../src/store/store.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { sqliteDatabase, type EncryptedDatabase } from '../store/encrypted-database.js';

const DAY = 86_400_000;
const START = new Date('2026-03-03T09:00:00Z');

let acmeKey: TestPgpKey;
let acmeNext: TestPgpKey;
let betaKey: TestPgpKey;
let locked: TestPgpKey;
let instance: OrgPgp;
let instanceKey: TestPgpKey;

beforeAll(async () => {
  [acmeKey, acmeNext, betaKey, locked, { pgp: instance, key: instanceKey }] = await Promise.all([
    testPgpKey('Acme Security'),
    testPgpKey('Acme Security 2027'),
    testPgpKey('Beta Security'),
    testPgpKey('Locked Security', { passphrase: 'open sesame, a long passphrase' }),
    testOrgPgp(),
  ]);
});

let database: EncryptedDatabase | null = null;
afterEach(async () => {
  await database?.cleanup();
  database = null;
});

interface World {
  store: Store;
  now: { at: Date };
  logs: Array<{ meta: object; message: string }>;
  desk: ReturnType<typeof createOrgSettingsDesk>;
  resolver: ReturnType<typeof createOrgPgpResolver>;
}

async function world(store?: Store): Promise<World> {
  database ??= await sqliteDatabase();
  const opened = store ?? (await database.open());
  const now = { at: START };
  const logs: World['logs'] = [];
  const desk = createOrgSettingsDesk({ store: opened, checkKey: checkOrgKey, clock: () => now.at, onChanged: (org) => resolver.forget(org) });
  const log = { warn: (meta: object, message: string) => logs.push({ meta, message }) };
  const resolver = createOrgPgpResolver({ store: opened, desk, instance, clock: () => now.at, log });
  return { store: opened, now, logs, desk, resolver };
}

function encryptTo(key: TestPgpKey, text: string): Promise<string> {
  return createMessage({ text }).then((message) => encrypt({ message, encryptionKeys: key.publicKey }));
}

describe('each organisation its own OpenPGP key', () => {
  it('serves two organisations their own keys and the others the instance key', async () => {
    const { desk, resolver } = await world();
    await desk.setKey('acme', acmeKey.privateArmored, null);
    await desk.setKey('Beta', new TextEncoder().encode(betaKey.privateArmored), null);

    const [acme, beta, gamma] = await Promise.all([resolver.forOrg('ACME'), resolver.forOrg('beta'), resolver.forOrg('gamma')]);

    expect(acme?.fingerprint).toBe(acmeKey.fingerprint);
    expect(acme?.publicKeyArmored).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect(beta?.fingerprint).toBe(betaKey.fingerprint);
    expect(gamma).toBe(instance);
    expect(gamma?.fingerprint).toBe(instanceKey.fingerprint);
    expect((await acme?.decryptText(await encryptTo(acmeKey, 'for acme')))?.text).toBe('for acme');
    await expect(beta?.decryptText(await encryptTo(acmeKey, 'for acme'))).rejects.toMatchObject({ kind: 'decrypt' });
  });

  it('falls back to no key at all when neither the organisation nor the instance has one', async () => {
    const { store, desk } = await world();
    const resolver = createOrgPgpResolver({ store, desk, instance: null, clock: () => START, log: { warn: () => undefined } });

    expect(await resolver.forOrg('acme')).toBeNull();
  });

  it('hands out the same key object while nothing changes, so cached signatures stay cached', async () => {
    const { desk, resolver } = await world();
    await desk.setKey('acme', acmeKey.privateArmored, null);

    const first = await resolver.forOrg('acme');
    const second = await resolver.forOrg('acme');

    expect(second).toBe(first);
  });

  it('unlocks a passphrase-protected key and refuses a wrong passphrase, a public key or junk by field', async () => {
    const { desk, resolver } = await world();

    await expect(desk.setKey('acme', locked.privateArmored, null)).rejects.toMatchObject({ field: 'passphrase' });
    await expect(desk.setKey('acme', locked.privateArmored, 'wrong')).rejects.toMatchObject({ field: 'passphrase', message: 'passphrase: does not unlock the key' });
    await expect(desk.setKey('acme', acmeKey.publicArmored, null)).rejects.toThrow('key: is a public key; the private key is needed');
    await expect(desk.setKey('acme', 'not a key', null)).rejects.toBeInstanceOf(OrgSettingInputError);
    await expect(desk.setKey('not an org!', acmeKey.privateArmored, null)).rejects.toMatchObject({ field: 'org' });
    await desk.setKey('acme', locked.privateArmored, 'open sesame, a long passphrase');

    const pgp = await resolver.forOrg('acme');

    expect(pgp?.fingerprint).toBe(locked.fingerprint);
    expect(await pgp?.clearsign('hello')).toContain('BEGIN PGP SIGNATURE');
  });
});

describe('rotating an organisation key', () => {
  it('switches the served key at once, and still decrypts messages to the old key during the grace period', async () => {
    const { desk, resolver, now } = await world();
    await desk.setKey('acme', acmeKey.privateArmored, null);
    const before = await resolver.forOrg('acme');
    const toOld = await encryptTo(acmeKey, 'sent before the rotation');

    const summary = await desk.setKey('acme', acmeNext.privateArmored, null, { graceDays: 7 });
    const after = await resolver.forOrg('acme');

    expect(before?.fingerprint).toBe(acmeKey.fingerprint);
    expect(after?.fingerprint).toBe(acmeNext.fingerprint);
    expect(after?.publicKeyArmored).not.toBe(before?.publicKeyArmored);
    expect(summary).toEqual({ fingerprint: acmeNext.fingerprint, previous: [{ fingerprint: acmeKey.fingerprint, decryptsUntil: new Date(START.getTime() + 7 * DAY).toISOString() }] });
    expect((await after?.decryptText(toOld))?.text).toBe('sent before the rotation');
    expect((await after?.decryptText(await encryptTo(acmeNext, 'after')))?.text).toBe('after');

    now.at = new Date(START.getTime() + 7 * DAY + 1);
    const expired = await resolver.forOrg('acme');

    await expect(expired?.decryptText(toOld)).rejects.toMatchObject({ kind: 'decrypt' });
    expect((await desk.show('acme')).pgpKey?.previous).toEqual([]);
  });

  it('sees a key set by another instance (or the CLI) within the revision time, without a store read per use before', async () => {
    const one = await world();
    const two = await world(await database!.open());
    const later = () => void (two.now.at = new Date(two.now.at.getTime() + REVISION_TTL_MS));
    await one.desk.setKey('acme', acmeKey.privateArmored, null);
    expect((await two.resolver.forOrg('acme'))?.fingerprint).toBe(acmeKey.fingerprint);

    await one.desk.setKey('acme', acmeNext.privateArmored, null);
    const cached = await two.resolver.forOrg('acme');
    later();
    const seen = await two.resolver.forOrg('acme');
    await one.desk.remove('acme', 'pgp-key');
    later();
    const removed = await two.resolver.forOrg('acme');

    expect(cached?.fingerprint).toBe(acmeKey.fingerprint);
    expect(seen?.fingerprint).toBe(acmeNext.fingerprint);
    expect(removed).toBe(instance);
  });

  it('keeps no previous key when the same key is set again, e.g. with a new passphrase', async () => {
    const { desk } = await world();
    await desk.setKey('acme', acmeKey.privateArmored, null);

    const summary = await desk.setKey('acme', acmeKey.privateArmored, null);

    expect(summary.previous).toEqual([]);
  });
});

describe('organisation secrets stay out of logs and summaries', () => {
  it('shows fingerprints and mailbox host and user, never the key, passphrase or password', async () => {
    const { desk } = await world();
    await desk.setKey('acme', locked.privateArmored, 'open sesame, a long passphrase');
    await desk.setMailbox('acme', { host: 'imap.acme.example', port: 993, user: 'security@acme.example', password: 'hunter2-imap-password', folder: 'INBOX', tls: 'implicit', processedFolder: null });

    const shown = JSON.stringify(await desk.show('acme'));

    expect(shown).toContain(locked.fingerprint);
    expect(shown).toContain('imap.acme.example');
    expect(shown).toContain('security@acme.example');
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('open sesame');
    expect(shown).not.toContain('PRIVATE KEY');
  });

  it('refuses a mailbox with an unknown or bad field, naming it', async () => {
    const { desk } = await world();
    const good = { host: 'imap.acme.example', port: 993, user: 'u', password: 'p', folder: 'INBOX', tls: 'implicit', processedFolder: null };

    await expect(desk.setMailbox('acme', { ...good, pasword: 'typo' })).rejects.toThrow('pasword: is not a mailbox setting');
    await expect(desk.setMailbox('acme', { ...good, port: 0 })).rejects.toMatchObject({ field: 'port' });
    await expect(desk.setMailbox('acme', { ...good, tls: 'none' })).rejects.toMatchObject({ field: 'tls' });
  });

  it('logs only the organisation and the error name when a stored key cannot be used', async () => {
    const { store, desk, resolver, logs } = await world();
    await desk.setKey('acme', locked.privateArmored, 'open sesame, a long passphrase');
    const stored = JSON.parse((await store.getOrgSetting('acme', 'pgp-key'))?.value ?? '{}') as { current: { passphrase: string } };
    stored.current.passphrase = 'tampered passphrase';
    await store.putOrgSetting({ org: 'acme', name: 'pgp-key', value: JSON.stringify(stored), summary: '{}' }, START);

    await expect(resolver.forOrg('acme')).rejects.toMatchObject({ field: 'passphrase' });

    expect(logs).toEqual([{ meta: { org: 'acme', error: 'OrgSettingInputError' }, message: 'organisation key cannot be used' }]);
    expect(JSON.stringify(logs)).not.toContain('passphrase"');
  });
});
