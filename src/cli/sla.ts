import { formatSlaMetrics } from '../clock/format-sla-metrics.js';
import { slaMetrics } from '../clock/sla-metrics.js';
import { openStore } from '../store/open-store.js';
import { parseSlaArgs, SLA_USAGE } from './sla-args.js';

/**
 * `npm run sla -- --org <org> [--since YYYY-MM-DD]`: SLA figures per quarter, computed from
 * the recorded events in the store the app uses (DATABASE_URL, else DATA_DIR / ./data).
 */
const parsed = parseSlaArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n${SLA_USAGE}\n`);
  process.exit(2);
}
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, encryptionKey: process.env.DATA_ENCRYPTION_KEY || undefined });
try {
  const events = await store.listOrgEvents(parsed.args.org, parsed.args.since);
  process.stdout.write(`${formatSlaMetrics(parsed.args.org, slaMetrics(events, { now: new Date(), since: parsed.args.since }))}\n`);
} finally {
  await store.close();
}
