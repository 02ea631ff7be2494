import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The researcher's side of an e-mail conversation with real GnuPG: like
 * `test/email/gpg.ts`, plus `decrypt`, so a test can read the mail the desk sent back the
 * way the researcher would. A temp GNUPGHOME with a fresh ed25519/cv25519 key.
 */
export interface ResearcherMailGpg {
  readonly email: string;
  /** The researcher's primary key fingerprint (upper-case hex). */
  readonly fingerprint: string;
  /** Imports a public key (e.g. the organisation's). */
  importKey(armored: string): Promise<void>;
  /** `gpg --encrypt --sign --armor` to `recipient`, signed with the researcher key. */
  encryptAndSign(recipient: string, plaintext: string | Buffer): Promise<string>;
  /** The researcher's public key, armored. */
  exportPublicKey(): Promise<string>;
  /**
   * `gpg --decrypt`: the plaintext and the fingerprint of the key whose signature verified
   * (VALIDSIG's primary key fingerprint), or null when unsigned or not verifiable.
   */
  decrypt(armored: string): Promise<{ text: string; signedBy: string | null }>;
  /** Stops this home's gpg-agent and deletes the home. */
  close(): Promise<void>;
}

export async function researcherMailGpg(email: string): Promise<ResearcherMailGpg> {
  const home = await mkdtemp(join(tmpdir(), 'dd-gnupg-'));
  const run = (args: string[], input?: string | Buffer) => gpg(home, args, input);
  try {
    await run(['--quick-generate-key', `Researcher <${email}>`, 'ed25519', 'sign', 'never']);
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec((await run(['--with-colons', '--list-secret-keys', email])).stdout.toString())?.[1];
    if (fingerprint === undefined) throw new Error('gpg generated no key');
    await run(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
    return {
      email,
      fingerprint,
      async importKey(armored) {
        await run(['--import'], armored);
      },
      async encryptAndSign(recipient, plaintext) {
        const { stdout } = await run(['--trust-model', 'always', '--armor', '--encrypt', '--sign', '--local-user', fingerprint, '--recipient', recipient], plaintext);
        return stdout.toString('utf8');
      },
      async exportPublicKey() {
        return (await run(['--armor', '--export', fingerprint])).stdout.toString('utf8');
      },
      async decrypt(armored) {
        const { stdout, stderr } = await run(['--status-fd', '2', '--decrypt'], armored);
        // VALIDSIG <sig key fpr> … <primary key fpr> (the 10th field), see gpg's doc/DETAILS.
        const validsig = /^\[GNUPG:\] VALIDSIG (?:\S+ ){9}([0-9A-F]{40})/m.exec(stderr.toString('utf8'));
        return { text: stdout.toString('utf8'), signedBy: validsig?.[1] ?? null };
      },
      close: () => closeHome(home),
    };
  } catch (error) {
    await closeHome(home);
    throw error;
  }
}

async function closeHome(home: string): Promise<void> {
  // The agent gpg started for this home; gpgconf stops exactly that one.
  await new Promise<void>((resolve) => execFile('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } }, () => resolve()));
  await rm(home, { recursive: true, force: true });
}

function gpg(home: string, args: string[], input?: string | Buffer): Promise<{ stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      '/usr/bin/gpg',
      ['--homedir', home, '--batch', '--yes', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 15_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`gpg ${args.join(' ')} failed: ${stderr.toString('utf8')}`, { cause: error }));
        else resolve({ stdout, stderr });
      },
    );
    // gpg may exit without reading stdin (key generation, listing): its exit code tells, not EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}
