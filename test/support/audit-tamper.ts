// What an attacker with write access to the database does first: drop the triggers that refuse
// UPDATE, DELETE and TRUNCATE on audit rows (migration 007), so the tests can then rewrite the trail.
import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../src/server/platform/db.js";

const GUARDED = ["audit_events", "audit_checkpoints", "audit_chain"];

export async function dropAuditTriggers(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const t of GUARDED) {
    if (dialect === "postgres") {
      for (const name of [`${t}_no_change`, `${t}_no_truncate`]) await sql`drop trigger if exists ${sql.id(name)} on ${sql.table(t)}`.execute(db);
    } else {
      for (const name of [`${t}_no_update`, `${t}_no_delete`]) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
    }
  }
}

/** The same for a raw better-sqlite3 handle (the command-line tests edit the file directly). */
export const SQLITE_DROP_AUDIT_TRIGGERS = GUARDED.flatMap((t) => [`drop trigger if exists ${t}_no_update;`, `drop trigger if exists ${t}_no_delete;`]).join("\n");
