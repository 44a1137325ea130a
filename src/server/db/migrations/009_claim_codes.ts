// Issue 10 items 2 and 7: the one-time claim code a base hands a person it registered (stored as a
// keyed hash, one per unclaimed account, expiring), and personal phone numbers sealed like ID numbers
// (AES-GCM copy plus a masked copy for lists; the plaintext column is emptied at start-up).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("claim_codes")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("users").addColumn("phone_enc", "text").execute();
  await db.schema.alterTable("users").addColumn("phone_masked", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("phone_masked").execute();
  await db.schema.alterTable("users").dropColumn("phone_enc").execute();
  await db.schema.dropTable("claim_codes").execute();
}
