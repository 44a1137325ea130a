// Password and session policy (等保 level 3): the hashes of an account's earlier passwords, so a new
// one cannot repeat the last few, and the browser a session signed in from, for the owner's list.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_history_user_idx").on("password_history").columns(["user_id", "replaced_at"]).execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema.createIndex("sessions_user_created_idx").on("sessions").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sessions_user_created_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("user_agent").execute();
  await db.schema.dropTable("password_history").execute();
}
