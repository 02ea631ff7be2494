import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as openpgp from 'openpgp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { createFakeGitHub } from '../helpers/fake-issues.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { encryptedBackends, type EncryptedDatabase } from '../store/encrypted-database.js';
import { jsonReport } from '../web/helpers/reports.js';

const NOW = new Date('2026-03-03T09:30:00Z');

let instance: OrgPgp;
let instanceKey: TestPgpKey;
let acmeKey: TestPgpKey;
let acmeNext: TestPgpKey;
let betaKey: TestPgpKey;

beforeAll(async () => {
  [{ pgp: instance, key: instanceKey }, acmeKey, acmeNext, betaKey] = await Promise.all([testOrgPgp(), testPgpKey('Acme Security'), testPgpKey('Acme Security Next'), testPgpKey('Beta Security')]);
});

async function signerOf(signed: string, candidates: TestPgpKey[]): Promise<string | null> {
  const message = await openpgp.readCleartextMessage({ cleartextMessage: signed });
  for (const key of candidates) {
    const result = await openpgp.verify({ message, verificationKeys: key.publicKey });
    if (await result.signatures[0]?.verified.then(() => true, () => false)) return key.fingerprint;
  }
  return null;
}

function encryptedReport(to: TestPgpKey): Promise<string> {
  return openpgp.createMessage({ text: JSON.stringify(jsonReport()) }).then((message) => openpgp.encrypt({ message, encryptionKeys: to.publicKey }));
}

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`each organisation's own key on every public route [${backend.name}]`, () => {
    let database: EncryptedDatabase;
    let core: Core;
    let server: Server;
    let base: string;

    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
      await core.close();
      await database.cleanup();
    });

    async function start(): Promise<void> {
      database = await backend.create();
      const github = createFakeGitHub(() => NOW);
      for (const [org, id] of [['acme', 7], ['beta', 8], ['gamma', 9]] as const) github.installations.set(org, id);
      core = await createCore({ github, store: await database.open(), log: silentLogger, clock: () => NOW, sleep: async () => undefined, env: { PUBLIC_URL: 'https://desk.example.org' }, pgp: instance });
      server = createServer((req, res) => void core.http(req, res).then((handled) => handled || res.writeHead(404).end()));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await core.orgSettings.setKey('acme', acmeKey.privateArmored, null);
      await core.orgSettings.setKey('beta', betaKey.privateArmored, null);
    }

    const get = (path: string) => fetch(`${base}${path}`).then(async (response) => ({ status: response.status, text: await response.text() }));
    const postPgp = (org: string, body: string) => fetch(`${base}/api/v1/orgs/${org}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/pgp-encrypted' }, body });

    it('serves each organisation its own public key, and the instance key to an organisation without one', async () => {
      await start();

      const [acme, beta, gamma] = await Promise.all([get('/orgs/acme/pgp-key.asc'), get('/orgs/beta/pgp-key.asc'), get('/orgs/gamma/pgp-key.asc')]);

      expect((await openpgp.readKey({ armoredKey: acme.text })).getFingerprint().toUpperCase()).toBe(acmeKey.fingerprint);
      expect((await openpgp.readKey({ armoredKey: beta.text })).getFingerprint().toUpperCase()).toBe(betaKey.fingerprint);
      expect((await openpgp.readKey({ armoredKey: gamma.text })).getFingerprint().toUpperCase()).toBe(instanceKey.fingerprint);
    });

    it("signs each organisation's security.txt with its own key", async () => {
      await start();

      const [acme, beta, gamma] = await Promise.all([get('/orgs/acme/security.txt'), get('/orgs/beta/security.txt'), get('/orgs/gamma/security.txt')]);

      const all = [acmeKey, betaKey, instanceKey];
      expect(await signerOf(acme.text, all)).toBe(acmeKey.fingerprint);
      expect(await signerOf(beta.text, all)).toBe(betaKey.fingerprint);
      expect(await signerOf(gamma.text, all)).toBe(instanceKey.fingerprint);
    });

    it("shows the organisation's own fingerprint on its form", async () => {
      await start();

      const acme = await get('/orgs/acme/report');
      const gamma = await get('/orgs/gamma/report');

      const grouped = (fingerprint: string) => fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
      expect(acme.text).toContain(grouped(acmeKey.fingerprint));
      expect(acme.text).not.toContain(grouped(instanceKey.fingerprint));
      expect(gamma.text).toContain(grouped(instanceKey.fingerprint));
    });

    it("decrypts a report sent to the organisation's key, refuses one sent to another's, and signs the receipt with its key", async () => {
      await start();

      const accepted = await postPgp('acme', await encryptedReport(acmeKey));
      const wrongKey = await postPgp('acme', await encryptedReport(betaKey));
      const answer = (await accepted.json()) as { receipt: { url: string } };
      const receipt = await get(answer.receipt.url.replace('https://desk.example.org', ''));

      expect(accepted.status).toBe(202);
      expect(wrongKey.status).toBe(400);
      expect(receipt.status).toBe(200);
      expect(await signerOf(receipt.text, [acmeKey, betaKey, instanceKey])).toBe(acmeKey.fingerprint);
    });

    it('switches to a rotated key at once, while reports encrypted to the old key still open', async () => {
      await start();
      const toOld = await encryptedReport(acmeKey);

      await core.orgSettings.setKey('acme', acmeNext.privateArmored, null);
      const key = await get('/orgs/acme/pgp-key.asc');
      const old = await postPgp('acme', toOld);
      const fresh = await postPgp('acme', await encryptedReport(acmeNext));
      const securityTxt = await get('/orgs/acme/security.txt');

      expect((await openpgp.readKey({ armoredKey: key.text })).getFingerprint().toUpperCase()).toBe(acmeNext.fingerprint);
      expect([old.status, fresh.status]).toEqual([202, 202]);
      expect(await signerOf(securityTxt.text, [acmeKey, acmeNext])).toBe(acmeNext.fingerprint);
    });

    it('falls back to the instance key once the organisation key is removed', async () => {
      await start();

      await core.orgSettings.remove('acme', 'pgp-key');
      const key = await get('/orgs/acme/pgp-key.asc');

      expect((await openpgp.readKey({ armoredKey: key.text })).getFingerprint().toUpperCase()).toBe(instanceKey.fingerprint);
    });
  });
}
