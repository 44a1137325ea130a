// Issue 10 items 11 and 12: the counters of limits shared by every instance on PostgreSQL (one row per
// key, cleaned by its expiry index), and the versions of the signing and sealing keys with their validity.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    // Instants in epoch milliseconds: every comparison is arithmetic on one clock.
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("last_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limits_expires_idx").on("rate_limits").column("expires_at").execute();

  await db.schema
    .createTable("key_versions")
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('signing','sealing')`))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("public_key_pem", "text")
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addPrimaryKeyConstraint("key_versions_pk", ["purpose", "version"])
    .execute();
  await db.schema.createIndex("key_versions_key_id_idx").on("key_versions").column("key_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("key_versions").execute();
  await db.schema.dropTable("rate_limits").execute();
}
