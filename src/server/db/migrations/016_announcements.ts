// Issue 12 item 6 (通知公告, 第十三条, 第十四条): the bureau and the supervising units publish announcements
// to all bases, to their own bases or to the public, with attachments; each base's staff confirm reading.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("announcements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sender_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("sender_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("audience", "text", (c) => c.notNull().check(sql`audience in ('all_bases','my_bases','public')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('published','withdrawn')`))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdraw_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // Lists read newest first among the published ones; the public list adds the audience.
  await db.schema.createIndex("announcements_status_published_idx").on("announcements").columns(["status", "published_at"]).execute();
  await db.schema.createIndex("announcements_sender_idx").on("announcements").columns(["sender_org_id", "published_at"]).execute();
  await db.schema
    .createTable("announcement_attachments")
    .addColumn("announcement_id", "text", (c) => c.notNull().references("announcements.id"))
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("announcement_attachments_pk", ["announcement_id", "file_id"])
    .execute();
  // One confirmation per person; a base has read an announcement once any of its staff confirmed.
  await db.schema
    .createTable("announcement_reads")
    .addColumn("announcement_id", "text", (c) => c.notNull().references("announcements.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("read_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("announcement_reads_pk", ["announcement_id", "user_id"])
    .execute();
  await db.schema.createIndex("announcement_reads_org_idx").on("announcement_reads").columns(["announcement_id", "org_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("announcement_reads").execute();
  await db.schema.dropTable("announcement_attachments").execute();
  await db.schema.dropTable("announcements").execute();
}
