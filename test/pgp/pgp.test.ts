import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  armor,
  createMessage,
  decrypt,
  encrypt,
  enums,
  readCleartextMessage,
  readKey,
  readMessage,
  revokeKey,
  verify,
} from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrgPgp, OrgKeyError } from '../../src/pgp/load-org-pgp.js';
import { PgpError, type OrgPgp } from '../../src/ports/org-pgp.js';
import { readResearcherKey, researcherKeyReader } from '../../src/pgp/read-researcher-key.js';
import { testPgpKey, type TestPgpKey } from '../helpers/pgp-keys.js';

const PASSPHRASE = 'correct horse battery staple';

let org: TestPgpKey;
let pgp: OrgPgp;
let researcher: TestPgpKey;
let stranger: TestPgpKey;
let dir: string;

beforeAll(async () => {
  [org, researcher, stranger] = await Promise.all([testPgpKey('Acme Security', { passphrase: PASSPHRASE }), testPgpKey('Ada Researcher'), testPgpKey('Stranger')]);
  const loaded = await loadOrgPgp({ PGP_PRIVATE_KEY: org.privateArmored, PGP_PASSPHRASE: PASSPHRASE });
  if (loaded === null) throw new Error('no key loaded');
  pgp = loaded;
  dir = await mkdtemp(join(tmpdir(), 'dd-pgp-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a researcher's client would send: encrypted to the org key, optionally signed. */
async function encryptToOrg(text: string, signWith?: TestPgpKey, format: 'armored' | 'binary' = 'armored'): Promise<string | Uint8Array> {
  const message = await createMessage({ text });
  const signingKeys = signWith ? signWith.privateKey : undefined;
  if (format === 'binary') return encrypt({ message, encryptionKeys: org.publicKey, signingKeys, format: 'binary' });
  return encrypt({ message, encryptionKeys: org.publicKey, signingKeys });
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function pgpError(promise: Promise<unknown>): Promise<PgpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PgpError);
  return error as PgpError;
}

async function orgKeyError(promise: Promise<unknown>): Promise<OrgKeyError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrgKeyError);
  return error as OrgKeyError;
}

describe('loadOrgPgp', () => {
  it('returns null when no key is configured', async () => {
    expect(await loadOrgPgp({})).toBeNull();
    expect(await loadOrgPgp({ PGP_PRIVATE_KEY: '', PGP_PRIVATE_KEY_PATH: ' ', PGP_PASSPHRASE: PASSPHRASE })).toBeNull();
  });

  it('loads an armored key given on one line with \\n escapes and unlocks it with the passphrase', async () => {
    const oneLine = org.privateArmored.replace(/\r?\n/g, '\\n');

    const loaded = await loadOrgPgp({ PGP_PRIVATE_KEY: oneLine, PGP_PASSPHRASE: PASSPHRASE });

    expect(loaded?.fingerprint).toBe(org.fingerprint);
    expect(loaded?.fingerprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it('serves only the public half of the key', async () => {
    const served = await readKey({ armoredKey: pgp.publicKeyArmored });

    expect(pgp.publicKeyArmored).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(served.isPrivate()).toBe(false);
    expect(served.getFingerprint().toUpperCase()).toBe(org.fingerprint);
  });

  it('loads an armored key file and a binary key file from PGP_PRIVATE_KEY_PATH', async () => {
    const armoredPath = join(dir, 'org.asc');
    const binaryPath = join(dir, 'org.gpg');
    await writeFile(armoredPath, org.privateArmored);
    await writeFile(binaryPath, org.privateKey.write());

    const fromArmored = await loadOrgPgp({ PGP_PRIVATE_KEY_PATH: armoredPath, PGP_PASSPHRASE: PASSPHRASE });
    const fromBinary = await loadOrgPgp({ PGP_PRIVATE_KEY_PATH: binaryPath, PGP_PASSPHRASE: PASSPHRASE });

    expect(fromArmored?.fingerprint).toBe(org.fingerprint);
    expect(fromBinary?.fingerprint).toBe(org.fingerprint);
  });

  it('refuses a wrong passphrase without repeating the passphrase or the key', async () => {
    const error = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: org.privateArmored, PGP_PASSPHRASE: 'wrong passphrase 123' }));

    expect(error.variable).toBe('PGP_PASSPHRASE');
    expect(error.message).toBe('PGP_PASSPHRASE does not unlock the private key');
    expect(String(error.cause)).not.toContain('wrong passphrase 123');
    expect(`${error.message} ${String(error.cause)}`).not.toContain(org.privateArmored.split('\n')[3] ?? 'none');
  });

  it('asks for PGP_PASSPHRASE when the key is protected and none is set', async () => {
    const error = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: org.privateArmored }));

    expect(error.variable).toBe('PGP_PASSPHRASE');
    expect(error.message).toBe('the private key is protected by a passphrase; set PGP_PASSPHRASE');
  });

  it.each([
    ['a public key', () => org.publicArmored, 'PGP_PRIVATE_KEY holds a public key; the private key is needed'],
    ['garbage', () => 'not a key at all, but a secret-looking string s3cr3t', 'PGP_PRIVATE_KEY is not an OpenPGP private key'],
  ])('refuses %s in PGP_PRIVATE_KEY with a message that does not quote it', async (_label, value, message) => {
    const error = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: value() }));

    expect(error.message).toBe(message);
    expect(error.message).not.toContain('s3cr3t');
  });

  it('refuses both PGP_PRIVATE_KEY and PGP_PRIVATE_KEY_PATH at once', async () => {
    const error = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: org.privateArmored, PGP_PRIVATE_KEY_PATH: join(dir, 'org.asc') }));

    expect(error.message).toBe('set PGP_PRIVATE_KEY or PGP_PRIVATE_KEY_PATH, not both');
  });

  it('names the file it cannot read', async () => {
    const missing = join(dir, 'missing.asc');

    const error = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY_PATH: missing }));

    expect(error.variable).toBe('PGP_PRIVATE_KEY_PATH');
    expect(error.message).toBe(`cannot read the private key file ${missing} (ENOENT)`);
  });

  it('refuses an expired key and a key that cannot decrypt', async () => {
    const expired = await testPgpKey('Old Org', { date: new Date(Date.now() - 3 * 86_400_000), keyExpirationTime: 86_400 });
    const signOnly = await testPgpKey('Sign Only Org', { encrypt: false });

    const expiredError = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: expired.privateArmored }));
    const signOnlyError = await orgKeyError(loadOrgPgp({ PGP_PRIVATE_KEY: signOnly.privateArmored }));

    expect(expiredError.message).toBe('the private key is expired, revoked or has no valid self-signature');
    expect(signOnlyError.message).toBe('the private key has no valid key that can decrypt');
  });
});

describe('decryptText and decryptBytes', () => {
  it('decrypts an unsigned message and says it was unsigned', async () => {
    const armored = (await encryptToOrg('{"title":"hello"}')) as string;

    const result = await pgp.decryptText(armored);

    expect(result).toEqual({ text: '{"title":"hello"}', signature: 'unsigned' });
  });

  it('calls a signed message unchecked when no key is given to check it', async () => {
    const armored = (await encryptToOrg('signed text', researcher)) as string;

    const result = await pgp.decryptText(armored);

    expect(result).toEqual({ text: 'signed text', signature: 'unchecked' });
  });

  it('verifies a signed message against the key given', async () => {
    const armored = (await encryptToOrg('signed text', researcher)) as string;

    const result = await pgp.decryptText(armored, { verifyWith: researcher.publicArmored });

    expect(result).toEqual({ text: 'signed text', signature: 'verified' });
  });

  it('accepts an unsigned message when a key is given, and says it was unsigned', async () => {
    const armored = (await encryptToOrg('not signed')) as string;

    const result = await pgp.decryptText(armored, { verifyWith: researcher.publicArmored });

    expect(result.signature).toBe('unsigned');
  });

  it('refuses a message signed by someone else than the key given', async () => {
    const armored = (await encryptToOrg('signed by a stranger', stranger)) as string;

    const error = await pgpError(pgp.decryptText(armored, { verifyWith: researcher.publicArmored }));

    expect(error.kind).toBe('signature');
    expect(error.message).not.toContain('signed by a stranger');
  });

  it('refuses a key to verify with that is not a usable public key', async () => {
    const armored = (await encryptToOrg('signed text', researcher)) as string;

    const error = await pgpError(pgp.decryptText(armored, { verifyWith: researcher.privateArmored }));

    expect(error.kind).toBe('key');
    expect(error.message).toBe('is a private key; send only the public key');
  });

  it('decrypts binary messages and armored bytes to bytes', async () => {
    const binary = (await encryptToOrg('binary body', researcher, 'binary')) as Uint8Array;
    const armoredBytes = new TextEncoder().encode((await encryptToOrg('armored body')) as string);

    const fromBinary = await pgp.decryptBytes(binary, { verifyWith: researcher.publicArmored });
    const fromArmored = await pgp.decryptBytes(armoredBytes);

    expect(new TextDecoder().decode(fromBinary.data)).toBe('binary body');
    expect(fromBinary.signature).toBe('verified');
    expect(new TextDecoder().decode(fromArmored.data)).toBe('armored body');
  });

  it.each([
    ['a message for another key', async () => encrypt({ message: await createMessage({ text: 'x' }), encryptionKeys: stranger.publicKey }), "cannot be decrypted with this organisation's key"],
    ['a password-encrypted message', async () => encrypt({ message: await createMessage({ text: 'x' }), passwords: 'pw' }), "cannot be decrypted with this organisation's key"],
    ['text that is no OpenPGP message', () => Promise.resolve('-----BEGIN PGP MESSAGE-----\n\nnonsense\n-----END PGP MESSAGE-----'), 'is not an OpenPGP message'],
  ])('refuses %s as a decrypt error', async (_label, make, message) => {
    const input = await make();

    const error = await pgpError(pgp.decryptText(input));

    expect(error.kind).toBe('decrypt');
    expect(error.message).toBe(message);
  });

  it('stops decompressing past the configured size', async () => {
    const small = await loadOrgPgp({ PGP_PRIVATE_KEY: org.privateArmored, PGP_PASSPHRASE: PASSPHRASE }, { maxMessageBytes: 100_000 });
    const bomb = await encrypt({
      message: await createMessage({ text: 'a'.repeat(1_000_000) }),
      encryptionKeys: org.publicKey,
      config: { preferredCompressionAlgorithm: enums.compression.zlib },
    });

    const error = await pgpError(small?.decryptText(bomb) ?? Promise.resolve());

    expect(bomb.length).toBeLessThan(20_000);
    expect(error.kind).toBe('decrypt');
    expect(error.message).toBe('is larger than 100000 bytes once decompressed');
  });
});

describe('encryptTo and clearsign', () => {
  it('encrypts to the researcher, signed by the organisation', async () => {
    const armored = await pgp.encryptTo(researcher.publicArmored, 'Thanks, we reproduced it.');

    const { data, signatures } = await decrypt({
      message: await readMessage({ armoredMessage: armored }),
      decryptionKeys: researcher.privateKey,
      verificationKeys: org.publicKey,
      expectSigned: true,
    });

    expect(data).toBe('Thanks, we reproduced it.');
    expect(signatures).toHaveLength(1);
    await expect(signatures[0]?.verified).resolves.toBe(true);
  });

  it('refuses to encrypt to a key that cannot encrypt', async () => {
    const signOnly = await testPgpKey('Sign Only', { encrypt: false });

    const error = await pgpError(pgp.encryptTo(signOnly.publicArmored, 'hello'));

    expect(error.kind).toBe('key');
  });

  it('clearsigns text that openpgp verifies against the organisation key', async () => {
    const text = 'Contact: mailto:security@example.org\nExpires: 2027-01-01T00:00:00.000Z\n';

    const signed = await pgp.clearsign(text);
    const result = await verify({ message: await readCleartextMessage({ cleartextMessage: signed }), verificationKeys: org.publicKey, expectSigned: true });

    expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\n/);
    expect(result.data).toBe(text);
    await expect(result.signatures[0]?.verified).resolves.toBe(true);
  });

  it('a clearsigned text whose body was changed does not verify', async () => {
    const signed = await pgp.clearsign('Contact: mailto:security@example.org\n');
    const forged = signed.replace('security@example.org', 'attacker@example.net');

    const result = await verify({ message: await readCleartextMessage({ cleartextMessage: forged }), verificationKeys: org.publicKey });

    await expect(result.signatures[0]?.verified).rejects.toThrow();
  });
});

describe('readResearcherKey', () => {
  it('returns the upper-case fingerprint of a usable public key', async () => {
    expect(await readResearcherKey(researcher.publicArmored)).toEqual({ fingerprint: researcher.fingerprint });
  });

  it('refuses a private key', async () => {
    const error = await pgpError(readResearcherKey(researcher.privateArmored));

    expect(error.kind).toBe('key');
    expect(error.message).toBe('is a private key; send only the public key');
  });

  it('refuses an expired key', async () => {
    const expired = await testPgpKey('Expired', { date: new Date(Date.now() - 3 * 86_400_000), keyExpirationTime: 86_400 });

    const error = await pgpError(readResearcherKey(expired.publicArmored));

    expect(error.message).toBe('has expired');
  });

  it('judges expiry by the clock it is given', async () => {
    const yearKey = await testPgpKey('One Year', { keyExpirationTime: 365 * 86_400 });
    const later = researcherKeyReader(() => new Date(Date.now() + 400 * 86_400_000));

    const error = await pgpError(later(yearKey.publicArmored));

    expect(error.message).toBe('has expired');
  });

  it('refuses a revoked key', async () => {
    const doomed = await testPgpKey('Revoked');
    const { publicKey } = await revokeKey({ key: doomed.privateKey, format: 'armored' });

    const error = await pgpError(readResearcherKey(publicKey));

    expect(error.message).toBe('has been revoked');
  });

  it('refuses a key without an encryption-capable subkey', async () => {
    const signOnly = await testPgpKey('Sign Only', { encrypt: false });

    const error = await pgpError(readResearcherKey(signOnly.publicArmored));

    expect(error.message).toBe('has no valid key that can encrypt (expired, revoked or a too weak algorithm)');
  });

  it.each([
    ['text that is not a key', () => 'hello', 'is not an ASCII-armored OpenPGP public key'],
    ['two keys in one block', () => armor(enums.armor.publicKey, concatBytes(researcher.publicKey.write(), stranger.publicKey.write())), 'must contain exactly one OpenPGP public key'],
    ['two key blocks', () => `${researcher.publicArmored}\n${stranger.publicArmored}`, 'must contain exactly one OpenPGP public key'],
  ])('refuses %s', async (_label, input, message) => {
    const armored = input();

    const error = await pgpError(readResearcherKey(armored));

    expect(error.kind).toBe('key');
    expect(error.message).toBe(message);
  });
});
