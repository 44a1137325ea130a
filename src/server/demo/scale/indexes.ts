// The secondary (non-unique) indexes of the tables the scale load fills are dropped for the load and
// built again after it: one sort per index instead of millions of scattered index updates. Their
// definitions are read from the database's own catalog (so an index a later migration adds is kept
// too) and run back verbatim. Unique indexes stay: they keep the load honest.
import { sql } from "kysely";
import type { Platform } from "../../platform/context.js";

const BULK_TABLES = ["users", "user_roles", "professionals", "enrollments", "check_ins", "certificates", "learning_entries", "survey_responses"];

export interface IndexDefinition {
  name: string;
  definition: string;
}

export async function secondaryIndexes(p: Platform): Promise<IndexDefinition[]> {
  const tables = sql.join(BULK_TABLES.map((t) => sql.lit(t)));
  const q =
    p.dialect === "sqlite"
      ? sql<IndexDefinition>`select name, sql as definition from sqlite_master where type = 'index' and tbl_name in (${tables}) and sql is not null and upper(sql) not like 'CREATE UNIQUE%'`
      : sql<IndexDefinition>`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename in (${tables}) and upper(indexdef) not like 'CREATE UNIQUE%'`;
  return (await q.execute(p.db)).rows;
}

export async function dropIndexes(p: Platform, indexes: IndexDefinition[]): Promise<void> {
  for (const i of indexes) await sql`drop index ${sql.id(i.name)}`.execute(p.db);
}

/** Builds them again; PostgreSQL sorts with more memory than its default for the occasion. */
export async function buildIndexes(p: Platform, indexes: IndexDefinition[]): Promise<void> {
  await p.db.connection().execute(async (db) => {
    if (p.dialect === "postgres") await sql`set maintenance_work_mem = '512MB'`.execute(db);
    // IF NOT EXISTS: after a load that failed half-way through dropping, some are still there
    for (const i of indexes) await sql.raw(i.definition.replace(/^CREATE INDEX (?!IF NOT EXISTS)/i, "CREATE INDEX IF NOT EXISTS ")).execute(db);
    if (p.dialect === "postgres") await sql`reset maintenance_work_mem`.execute(db);
  });
}
