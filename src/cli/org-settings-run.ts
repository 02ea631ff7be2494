import { readFile } from 'node:fs/promises';
import { createOrgSettingsDesk, OrgSettingInputError, type OrgSettingsView } from '../flows/org-settings/org-settings-desk.js';
import { checkOrgKey } from '../pgp/check-org-key.js';
import { OrgSettingsUnencryptedError } from '../store/org-settings-records.js';
import type { Store } from '../store/store.js';
import { ORG_SETTINGS_USAGE, parseOrgSettingsArgs, type OrgSettingsCommand } from './org-settings-args.js';

/** What the command reads and writes besides the store: injected, so tests run it in-process. */
export interface OrgSettingsIo {
  env: Record<string, string | undefined>;
  readStdin(): Promise<Buffer>;
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
}

/**
 * `npm run org-settings`: the operator's way to set an organisation's OpenPGP key and
 * mailbox, see which exist and remove them. Resolves with the exit code: 0 done, 1 the
 * setting is unusable (the message names the field, never the secret), 2 bad arguments.
 */
export async function runOrgSettings(argv: readonly string[], openStore: () => Promise<Store>, io: OrgSettingsIo): Promise<number> {
  const parsed = parseOrgSettingsArgs(argv);
  if (!parsed.ok) {
    io.stderr(`${parsed.error}\n${ORG_SETTINGS_USAGE}\n`);
    return 2;
  }
  const store = await openStore();
  try {
    const desk = createOrgSettingsDesk({ store, checkKey: checkOrgKey, clock: io.now });
    io.stdout(await execute(parsed.command, desk, store, io));
    return 0;
  } catch (error) {
    if (error instanceof OrgSettingInputError || error instanceof OrgSettingsUnencryptedError || error instanceof SecretSourceError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

async function execute(command: OrgSettingsCommand, desk: ReturnType<typeof createOrgSettingsDesk>, store: Store, io: OrgSettingsIo): Promise<string> {
  switch (command.action) {
    case 'show': {
      const orgs = command.org !== null ? [command.org] : [...new Set((await store.listOrgSettings()).map((s) => s.org))];
      if (orgs.length === 0) return 'no organisation has settings of its own\n';
      return (await Promise.all(orgs.map((org) => desk.show(org)))).map(formatView).join('');
    }
    case 'set-key': {
      const key = command.file === null ? await io.readStdin() : await readSecretFile(command.file, 'file');
      const passphrase = command.passphraseFile !== null ? (await readSecretFile(command.passphraseFile, 'passphrase-file')).toString('utf8').replace(/\r?\n$/, '') : (io.env.ORG_PGP_PASSPHRASE ?? null);
      const summary = await desk.setKey(command.org, new Uint8Array(key), passphrase || null, command.graceDays === null ? {} : { graceDays: command.graceDays });
      const kept = summary.previous.map((p) => `\n  previous key ${p.fingerprint} still decrypts until ${p.decryptsUntil}`).join('');
      return `${command.org}: key ${summary.fingerprint} is now current (security.txt, key route, form, mail and receipts use it)${kept}\n`;
    }
    case 'set-mailbox': {
      const password = command.passwordFile === '-' ? await io.readStdin() : command.passwordFile !== null ? await readSecretFile(command.passwordFile, 'password-file') : io.env.ORG_IMAP_PASSWORD;
      if (password === undefined || password.length === 0) throw new SecretSourceError('password: give --password-file <file>, --password-file - (standard input) or ORG_IMAP_PASSWORD');
      const summary = await desk.setMailbox(command.org, {
        host: command.host,
        port: command.port ?? (command.tls === 'implicit' ? 993 : 143),
        user: command.user,
        password: password.toString().replace(/\r?\n$/, ''),
        folder: command.folder,
        tls: command.tls,
        processedFolder: command.processedFolder,
      });
      return `${command.org}: mailbox ${summary.user} at ${summary.host}:${summary.port} (${summary.folder}, ${summary.tls}) set; running instances poll it from their next refresh\n`;
    }
    case 'remove-key':
      return (await desk.remove(command.org, 'pgp-key')) ? `${command.org}: own key removed; the instance key (if any) serves it again\n` : `${command.org}: had no key of its own\n`;
    case 'remove-mailbox':
      return (await desk.remove(command.org, 'mailbox')) ? `${command.org}: mailbox removed\n` : `${command.org}: had no mailbox\n`;
  }
}

function formatView(view: OrgSettingsView): string {
  const key =
    view.pgpKey === null
      ? '  key: none (the instance key serves, if set)\n'
      : `  key: ${view.pgpKey.fingerprint} (set ${view.pgpKey.updatedAt.toISOString()})\n${view.pgpKey.previous.map((p) => `    previous: ${p.fingerprint}, decrypts until ${p.decryptsUntil}\n`).join('')}`;
  const mailbox = view.mailbox === null ? '  mailbox: none\n' : `  mailbox: ${view.mailbox.user} at ${view.mailbox.host}:${view.mailbox.port} (${view.mailbox.folder}, ${view.mailbox.tls}; set ${view.mailbox.updatedAt.toISOString()})\n`;
  return `${view.org}\n${key}${mailbox}`;
}

/** A file named on the command line cannot be read; the message names the option and the code. */
class SecretSourceError extends Error {
  override name = 'SecretSourceError' as const;
}

async function readSecretFile(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new SecretSourceError(`--${option}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
