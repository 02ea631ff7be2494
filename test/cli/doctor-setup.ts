/**
 * The world a doctor run checks: a fake GitHub (behind the front that answers `GET /app`)
 * where `acme` has the app installed, a valid config and a private tracking repository; an
 * SMTP server; a fresh data directory. `goodEnv()` passes every check; cases spoil one thing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { WEBHOOK_SECRET } from '../helpers/probot-server.js';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver.js';
import { TEST_APP_ID, testAppKeys, testPrivateKey } from '../helpers/test-keys.js';
import { APP_SLUG, startGitHubFront, type DoctorRun, type GitHubFront } from './doctor-github.js';

export const CONFIG = '.github/disclosure.yml';
export const DATA_KEY = 'q5JQnfpBEe0Jq0bXK6b8tTtP3Vd9RyqXhKpJ8x0m0Tk=';
/** Used in the URLs of the cases that must not print it. */
export const PASSWORD = 'correct-horse-battery-staple';

export interface DoctorWorld {
  fake: FakeGitHub;
  dataDir: string;
  goodEnv(): Record<string, string>;
  close(): Promise<void>;
}

export async function startDoctorWorld(smtp: SmtpReceiver): Promise<DoctorWorld> {
  const fake = await startFakeGitHub({ appSlug: APP_SLUG });
  const front: GitHubFront = await startGitHubFront(fake, testAppKeys().publicKey);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-doctor-data-'));
  fake.addOrg('acme', 101);
  fake.addRepo('acme', 'security-reports', { private: true });
  fake.setFile('acme', '.github', CONFIG, 'tracking:\n  repository: security-reports\nsla:\n  time_zone: Europe/Amsterdam\n');
  return {
    fake,
    dataDir,
    goodEnv: () => ({
      APP_ID: String(TEST_APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      GHE_HOST: front.host,
      GHE_PROTOCOL: 'http',
      DATA_DIR: dataDir,
      DATA_ENCRYPTION_KEY: DATA_KEY,
      PUBLIC_URL: 'https://security.acme.example',
      GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
      GITHUB_CLIENT_SECRET: 'f00dfeedcafe0123456789abcdef0123456789ab',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'security@acme.example',
      TRUST_PROXY: '1',
    }),
    async close() {
      await front.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { startSmtpReceiver, type SmtpReceiver };

/** No secret of the setup (nor `extra`) in anything the doctor wrote: the key, each of its lines, the webhook secret, the data key, the password. */
export function expectNoSecrets(run: DoctorRun, ...extra: string[]): void {
  const output = run.stdout + run.stderr;
  const keyLines = testPrivateKey()
    .split('\n')
    .filter((line) => line.length > 20 && !line.startsWith('-----'));
  for (const secret of [testPrivateKey(), ...keyLines, WEBHOOK_SECRET, DATA_KEY, PASSWORD, ...extra]) {
    expect(output).not.toContain(secret);
  }
}
