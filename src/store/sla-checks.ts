import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { CLOSING_STATUSES } from '../triage/triage-status.js';

/*
 * `sla_checks` (migration 0016): one narrow row per filed report with what the sweep looks
 * up by time. Moving a check rewrites this row and its small indexes, not the wide
 * `reports` row and its many indexes, which was most of a first sweep's time on SQLite.
 *
 * - `next_check_at`: when the SLA sweep next looks at the report (null: never). Triage
 *   changes write `reports.next_check_at` and copy it here in the same transaction; the
 *   sweep moves only this one, and the triage record reads it from here.
 * - `silent_since`: the last time the organisation told the researcher anything (a message
 *   from the team, else the receipt), while a "we keep you informed" reminder about that
 *   silence may still be due: null once it was recorded, and while the report is closed
 *   or paused. So the keep-informed query reads only the silences it may remind about.
 * - `org`: lower-case, as the kept configs (org_configs) name it.
 *
 * The SQL texts below read only our own constants (the closing statuses), never input.
 */

const closingList = [...CLOSING_STATUSES].map((status) => `'${status}'`).join(', ');

/** The last contact of the report aliased `r`: the team's last message to the researcher, else the receipt. */
const LAST_CONTACT = `coalesce((select max("m"."at") from "researcher_messages" as "m" where "m"."report_id" = "r"."id" and "m"."kind" <> 'from-researcher'), "r"."received_at")`;

/**
 * `silent_since` of the report aliased `r`: its last contact, when it is open, unpaused and
 * not reminded of that silence yet (keepInformedKey's form), else null.
 */
const SILENT_SINCE =
  `case when "r"."triage_status" not in (${closingList}) and "r"."paused_at" is null and "r"."closed_at" is null ` +
  `and not exists (select 1 from "sweep_notices" as "n" where "n"."report_id" = "r"."id" and "n"."key" = 'keep-informed:' || cast(${LAST_CONTACT} as text)) ` +
  `then ${LAST_CONTACT} else null end`;

const COLUMNS = `"report_id", "org", "next_check_at", "silent_since"`;
const VALUES = `"r"."id", lower("r"."org"), "r"."next_check_at", ${SILENT_SINCE}`;

/**
 * Fills `sla_checks` from `reports` for every filed report that has no row yet: migration
 * 0016's backfill, and the bench's after it writes report rows behind the store's back.
 * Plain SQL, the same on SQLite and PostgreSQL.
 */
export const BACKFILL_SLA_CHECKS_SQL =
  `insert into "sla_checks" (${COLUMNS}) select ${VALUES} from "reports" as "r" ` +
  `where "r"."status" = 'filed' and not exists (select 1 from "sla_checks" as "c" where "c"."report_id" = "r"."id")`;

/**
 * Brings one report's `sla_checks` row in step with its `reports` row (its next check and
 * its silence), creating the row if need be. Called in the transaction of every write that
 * sets `reports.next_check_at`, after it: filing (markFiled) and triage changes (saveTriage,
 * whose new messages to the researcher end a silence). Nothing for a report not filed.
 */
export async function syncSlaCheck(db: Kysely<Database>, reportId: string): Promise<void> {
  // `where` after the select: SQLite needs it to read `on conflict` as the upsert's.
  const upsert: RawBuilder<unknown> = sql`insert into "sla_checks" (${sql.raw(COLUMNS)}) select ${sql.raw(VALUES)} from "reports" as "r" where "r"."id" = ${reportId} and "r"."status" = 'filed' on conflict ("report_id") do update set "next_check_at" = "excluded"."next_check_at", "silent_since" = "excluded"."silent_since"`;
  await upsert.execute(db);
}

/**
 * Takes reminded silences out of the keep-informed index in one statement (a join with a
 * VALUES list, as moveNextChecks): each only while it is still the report's silence, so a
 * message sent meanwhile keeps the newer one.
 */
// The backend spelled out, not imported: migrations.ts imports this file.
export function clearSilences(backend: 'sqlite' | 'postgres', silences: ReadonlyArray<{ reportId: string; silentSince: number }>): CompiledQuery {
  let n = 0;
  const placeholder = () => (backend === 'postgres' ? `$${(n += 1)}` : '?');
  // The cast types the column for PostgreSQL, which would read untyped parameters as text.
  const values = silences.map(() => `(${placeholder()}, cast(${placeholder()} as bigint))`).join(', ');
  const text =
    `with "cleared" ("id", "silent_since") as (values ${values}) ` +
    `update "sla_checks" set "silent_since" = null from "cleared" ` +
    `where "sla_checks"."report_id" = "cleared"."id" and "sla_checks"."silent_since" = "cleared"."silent_since"`;
  return CompiledQuery.raw(text, silences.flatMap((silence) => [silence.reportId, silence.silentSince]));
}
