// Issue 11 item 11: a professional sees the statements already issued to them, newest first; the list
// reads them by person and issue time.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("hours_statements_professional_idx").on("hours_statements").columns(["professional_id", "issued_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("hours_statements_professional_idx").execute();
}
