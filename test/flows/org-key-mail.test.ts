import * as openpgp from 'openpgp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOrgPgpResolver } from '../../src/pgp/org-pgp-resolver.js';
import { type SendMailDeps, newSendMailJob, sendMailJob } from '../../src/flows/researcher/send-mail-job.js';
import type { Mailer, OutgoingMail } from '../../src/ports/mailer.js';
import type { OrgPgp } from '../../src/ports/org-pgp.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/store.js';
import { type Desk, ORG, openDesk } from '../helpers/filed-report.js';
import { testOrgPgp, testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';
import { encryptedBackends, type EncryptedDatabase } from '../store/encrypted-database.js';

const SETTINGS = { from: 'security@acme.example', replyTo: 'security+{token}@acme.example', messageIdHost: 'acme.example' };
const EMAIL = 'ada@example.org';

let instance: OrgPgp;
let instanceKey: TestPgpKey;
let acmeKey: TestPgpKey;
let researcher: TestPgpKey;

beforeAll(async () => {
  [{ pgp: instance, key: instanceKey }, acmeKey, researcher] = await Promise.all([testOrgPgp(), testPgpKey('Acme Security'), testPgpKey('Ada Researcher')]);
});

function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, send: (mail) => (sent.push(mail), Promise.resolve({ messageId: '' })) };
}

/** The real store, with the researcher's key on their facts. */
function withResearcherKey(store: Store): SendMailDeps['store'] {
  return {
    getReport: (id) => store.getReport(id),
    getReceipt: (id) => store.getReceipt(id),
    async getTriage(id) {
      const triage = await store.getTriage(id);
      return triage?.researcher == null ? triage : { ...triage, researcher: { ...triage.researcher, pgpKey: researcher.publicArmored } };
    },
  };
}

async function signedBy(text: string, key: TestPgpKey): Promise<boolean> {
  const signed = text.slice(text.indexOf('-----BEGIN PGP SIGNED MESSAGE-----'), text.indexOf('-----END PGP SIGNATURE-----') + '-----END PGP SIGNATURE-----'.length);
  const result = await openpgp.verify({ message: await openpgp.readCleartextMessage({ cleartextMessage: signed }), verificationKeys: key.publicKey });
  return result.signatures[0]?.verified.then(() => true, () => false) ?? false;
}

for (const backend of encryptedBackends) {
  (backend.available ? describe : describe.skip)(`mail to researchers with the organisation's own key [${backend.name}]`, () => {
    let database: EncryptedDatabase;
    let desk: Desk;
    afterEach(() => database.cleanup());

    async function setup(ownKey: boolean) {
      database = await backend.create();
      desk = await openDesk(await database.open());
      if (ownKey) await desk.core.orgSettings.setKey(ORG, acmeKey.privateArmored, null);
      const resolver = createOrgPgpResolver({ store: desk.store, desk: desk.core.orgSettings, instance, clock: desk.now, log: silentLogger });
      const mailer = recordingMailer();
      const handler = sendMailJob({ store: withResearcherKey(desk.store), mailer, pgp: instance, pgpFor: resolver.forOrg, settings: SETTINGS, log: silentLogger });
      return { mailer, handler };
    }

    it("signs the acknowledgement's receipt with the organisation's own key", async () => {
      const { mailer, handler } = await setup(true);
      const report = await desk.file({ contact: { email: EMAIL } });

      await handler(newSendMailJob(ORG, { reportId: report.id, messageIndex: 0, kind: 'acknowledgement', body: 'Thank you.', language: 'en', statusUrl: null }, desk.now()));

      const decrypted = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: mailer.sent[0]?.text ?? '' }), decryptionKeys: researcher.privateKey, verificationKeys: acmeKey.publicKey, expectSigned: true });
      expect(String(decrypted.data)).toContain('-----BEGIN PGP SIGNED MESSAGE-----');
      expect(await signedBy(String(decrypted.data), acmeKey)).toBe(true);
      expect(await signedBy(String(decrypted.data), instanceKey)).toBe(false);
    });

    it('falls back to the instance key for an organisation without its own', async () => {
      const { mailer, handler } = await setup(false);
      const report = await desk.file({ contact: { email: EMAIL } });

      await handler(newSendMailJob(ORG, { reportId: report.id, messageIndex: 1, kind: 'accepted', body: 'Accepted.', language: 'en', statusUrl: null }, desk.now()));

      const decrypted = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: mailer.sent[0]?.text ?? '' }), decryptionKeys: researcher.privateKey, verificationKeys: instanceKey.publicKey, expectSigned: true });
      expect(String(decrypted.data)).toContain('Accepted.');
    });
  });
}
