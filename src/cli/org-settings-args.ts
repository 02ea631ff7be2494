/** A command of `npm run org-settings`, as parsed from its arguments. */
export type OrgSettingsCommand =
  /** Which settings exist (fingerprints, mailbox host and user), for one organisation or all. */
  | { action: 'show'; org: string | null }
  /** The key from a file (`-` or none: standard input); the passphrase from a file or ORG_PGP_PASSPHRASE. */
  | { action: 'set-key'; org: string; file: string | null; passphraseFile: string | null; graceDays: number | null }
  /** The password from a file (`-`: standard input) or ORG_IMAP_PASSWORD; never on the command line. */
  | { action: 'set-mailbox'; org: string; host: string; port: number | null; user: string; passwordFile: string | null; folder: string; tls: 'implicit' | 'starttls'; processedFolder: string | null }
  | { action: 'remove-key' | 'remove-mailbox'; org: string };

export const ORG_SETTINGS_USAGE = `usage:
  npm run org-settings -- show [--org <org>]
  npm run org-settings -- set-key --org <org> [--file <key.asc>|-] [--passphrase-file <file>] [--grace-days <n>]
      (the key from --file, or standard input; the passphrase from --passphrase-file or ORG_PGP_PASSPHRASE;
       the replaced key still decrypts for --grace-days, default 30)
  npm run org-settings -- set-mailbox --org <org> --host <host> --user <user> [--port <n>] [--tls implicit|starttls]
      [--folder INBOX] [--processed-folder <folder>] [--password-file <file>|-]
      (the password from --password-file, standard input with -, or ORG_IMAP_PASSWORD)
  npm run org-settings -- remove-key --org <org>
  npm run org-settings -- remove-mailbox --org <org>`;

const OPTIONS: Record<string, readonly string[]> = {
  show: ['org'],
  'set-key': ['org', 'file', 'passphrase-file', 'grace-days'],
  'set-mailbox': ['org', 'host', 'port', 'user', 'password-file', 'folder', 'tls', 'processed-folder'],
  'remove-key': ['org'],
  'remove-mailbox': ['org'],
};

/** Reads the arguments; never sees a secret (keys, passphrases and passwords come from files or the environment). */
export function parseOrgSettingsArgs(argv: readonly string[]): { ok: true; command: OrgSettingsCommand } | { ok: false; error: string } {
  const [action, ...rest] = argv;
  if (action === undefined) return { ok: false, error: 'say what to do: show, set-key, set-mailbox, remove-key or remove-mailbox' };
  const allowed = OPTIONS[action];
  if (allowed === undefined) return { ok: false, error: `unknown command "${action}"` };
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('--')) return { ok: false, error: `unknown argument "${arg}"` };
    const name = arg.slice(2);
    if (name === 'passphrase' || name === 'password' || name === 'key') return { ok: false, error: `--${name} is not taken on the command line (other users can read it there); use --${name === 'key' ? 'file' : `${name}-file`}` };
    if (!allowed.includes(name)) return { ok: false, error: `unknown option "${arg}" for ${action}` };
    const value = rest[i + 1];
    if (value === undefined || (value.startsWith('--') && value !== '-')) return { ok: false, error: `${arg} needs a value` };
    if (options.has(name)) return { ok: false, error: `${arg} is given twice` };
    options.set(name, value);
    i += 1;
  }
  const org = options.get('org') ?? null;
  if (action === 'show') return { ok: true, command: { action, org } };
  if (org === null) return { ok: false, error: `${action} needs --org <org>` };
  if (action === 'remove-key' || action === 'remove-mailbox') return { ok: true, command: { action, org } };
  if (action === 'set-key') {
    const grace = options.get('grace-days');
    if (grace !== undefined && !/^[0-9]{1,4}$/.test(grace)) return { ok: false, error: '--grace-days must be a whole number of days' };
    const file = options.get('file') ?? null;
    return { ok: true, command: { action, org, file: file === '-' ? null : file, passphraseFile: options.get('passphrase-file') ?? null, graceDays: grace === undefined ? null : Number(grace) } };
  }
  const host = options.get('host');
  const user = options.get('user');
  if (host === undefined) return { ok: false, error: 'set-mailbox needs --host <host>' };
  if (user === undefined) return { ok: false, error: 'set-mailbox needs --user <user>' };
  const tls = options.get('tls') ?? 'implicit';
  if (tls !== 'implicit' && tls !== 'starttls') return { ok: false, error: '--tls must be implicit or starttls' };
  const port = options.get('port');
  if (port !== undefined && !/^[0-9]{1,5}$/.test(port)) return { ok: false, error: '--port must be a port number' };
  return {
    ok: true,
    command: { action: 'set-mailbox', org, host, user, tls, port: port === undefined ? null : Number(port), passwordFile: options.get('password-file') ?? null, folder: options.get('folder') ?? 'INBOX', processedFolder: options.get('processed-folder') ?? null },
  };
}
