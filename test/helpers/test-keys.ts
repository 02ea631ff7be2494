import { generateKeyPairSync } from 'node:crypto';

/** A throwaway RSA key pair for running Probot in appId + privateKey mode in tests. */
export interface TestAppKeys {
  /** PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), the format GitHub hands out for app keys. */
  privateKey: string;
  /** SPKI PEM, to verify the app's JWTs if a test wants to. */
  publicKey: string;
}

let cached: TestAppKeys | null = null;

/** Generated once per process (2048-bit RSA takes a moment) and never written to disk. */
export function testAppKeys(): TestAppKeys {
  cached ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return cached;
}

/** The private key alone, for `new Probot({ appId, privateKey })`. */
export function testPrivateKey(): string {
  return testAppKeys().privateKey;
}

/** The app id the tests use with `testPrivateKey()`. */
export const TEST_APP_ID = 1;
