// Issue 11 item 6: the bureau's professionals list (a province holds a million people) pages newest
// first through an index instead of sorting the whole table.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("professionals_created_idx").on("professionals").columns(["created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("professionals_created_idx").execute();
}
