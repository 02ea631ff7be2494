import { openStore } from '../store/open-store.js';
import { runOrgSettings } from './org-settings-run.js';

/**
 * `npm run org-settings -- <command> --org <org> …`: an organisation's own OpenPGP key and
 * mailbox, kept encrypted in the store the app uses (DATABASE_URL, else DATA_DIR / ./data,
 * with DATA_ENCRYPTION_KEY). Running instances use a new key at once and poll a new mailbox
 * from their next refresh. See ORG_SETTINGS_USAGE.
 */
process.exitCode = await runOrgSettings(
  process.argv.slice(2),
  () => openStore({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR, encryptionKey: process.env.DATA_ENCRYPTION_KEY || undefined }),
  {
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  },
);
