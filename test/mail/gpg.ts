import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why the GnuPG tests are skipped, or null when gpg is here. */
export const gpgMissing: string | null = existsSync('/usr/bin/gpg') ? null : 'skipped: /usr/bin/gpg is not installed';

/** A throwaway GnuPG home playing the researcher: a real gpg, a real key. */
export interface ResearcherGpg {
  /** The researcher's e-mail address and key user id. */
  readonly email: string;
  /** Imports a public key (e.g. the organisation's) to encrypt to. */
  importKey(armored: string): Promise<void>;
  /** `gpg --encrypt --sign --armor` to the given recipient fingerprint; signs with the researcher key. */
  encryptAndSign(recipient: string, plaintext: string | Buffer): Promise<string>;
  /** The researcher's public key, armored. */
  exportPublicKey(): Promise<string>;
  close(): Promise<void>;
}

/** Creates a temp GNUPGHOME with a freshly generated ed25519/cv25519 researcher key. */
export async function researcherGpg(email = 'researcher@example.net'): Promise<ResearcherGpg> {
  const home = await mkdtemp(join(tmpdir(), 'dd-gnupg-'));
  const run = (args: string[], input?: string | Buffer) => gpg(home, args, input);
  await run(['--quick-generate-key', `Researcher <${email}>`, 'ed25519', 'sign', 'never']);
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec((await run(['--with-colons', '--list-secret-keys', email])).toString())?.[1];
  if (fingerprint === undefined) throw new Error('gpg generated no key');
  await run(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);

  return {
    email,
    async importKey(armored) {
      await run(['--import'], armored);
    },
    async encryptAndSign(recipient, plaintext) {
      const out = await run(['--trust-model', 'always', '--armor', '--encrypt', '--sign', '--local-user', fingerprint, '--recipient', recipient], plaintext);
      return out.toString('utf8');
    },
    async exportPublicKey() {
      return (await run(['--armor', '--export', fingerprint])).toString('utf8');
    },
    async close() {
      // The agent gpg started for this home; gpgconf stops exactly that one.
      await new Promise<void>((resolve) => execFile('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } }, () => resolve()));
      await rm(home, { recursive: true, force: true });
    },
  };
}

function gpg(home: string, args: string[], input?: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      '/usr/bin/gpg',
      ['--homedir', home, '--batch', '--yes', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`gpg ${args[0] ?? ''} failed: ${stderr.toString('utf8')}`, { cause: error }));
        else resolve(stdout);
      },
    );
    // gpg may exit (and close its stdin) before reading everything, e.g. on a fast failure:
    // that surfaces through its exit status, not as an unhandled EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}
