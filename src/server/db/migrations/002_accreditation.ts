// Base accreditation (第四条, 第五条): applications, expert panels and reviews, public notices and
// objections, the registry of bases, decision numbers, uploaded files and in-app notifications.
import { type Kysely, sql } from "kysely";

const appStatuses =
  "'draft','submitted','returned','recommended','accepted','under_review','in_notice','objection_pending','published','rejected'";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("files")
    .addColumn("id", "text", (c) => c.primaryKey()) // sha256 of the content
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("file_uploads")
    .addColumn("file_id", "text", (c) => c.notNull().references("files.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_uploads_pk", ["file_id", "user_id"])
    .execute();

  await db.schema
    .createTable("base_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("applicant_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("supervisor_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql.raw(`status in (${appStatuses})`)))
    .addColumn("base_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("base_applications_applicant_idx").on("base_applications").columns(["applicant_org_id", "updated_at"]).execute();
  await db.schema.createIndex("base_applications_supervisor_idx").on("base_applications").columns(["supervisor_org_id", "updated_at"]).execute();
  await db.schema.createIndex("base_applications_status_idx").on("base_applications").columns(["status", "updated_at"]).execute();

  await db.schema
    .createTable("panel_members")
    .addColumn("application_id", "text", (c) => c.notNull().references("base_applications.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("declared_at", "text")
    .addPrimaryKeyConstraint("panel_members_pk", ["application_id", "user_id"])
    .execute();
  await db.schema.createIndex("panel_members_user_idx").on("panel_members").columns(["user_id", "application_id"]).execute();

  await db.schema
    .createTable("reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("base_applications.id"))
    .addColumn("expert_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("policy_version_id", "text", (c) => c.notNull().references("policy_versions.id"))
    .addColumn("scores", "text", (c) => c.notNull())
    .addColumn("weighted_score", "real", (c) => c.notNull())
    .addColumn("recommendation", "text", (c) => c.notNull().check(sql`recommendation in ('approve','reject')`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reviews_application_expert_uq", ["application_id", "expert_id"])
    .execute();

  await db.schema
    .createTable("notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("base_applications.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notices_application_idx").on("notices").columns(["application_id", "created_at"]).execute();
  await db.schema.createIndex("notices_open_idx").on("notices").columns(["closed_at", "ends_on"]).execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("notice_id", "text", (c) => c.notNull().references("notices.id"))
    .addColumn("application_id", "text", (c) => c.notNull().references("base_applications.id"))
    .addColumn("receipt_no", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("contact", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','resolved')`))
    .addColumn("answer", "text")
    .addColumn("upheld", "integer")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("objections_status_idx").on("objections").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("objections_application_idx").on("objections").columns(["application_id", "status"]).execute();

  await db.schema
    .createTable("bases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.references("base_applications.id"))
    .addColumn("host_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("supervisor_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("decision_no", "text", (c) => c.notNull().unique())
    .addColumn("decision_date", "text", (c) => c.notNull())
    .addColumn("plaque_serial", "text", (c) => c.notNull().unique())
    .addColumn("specialty_fields", "text", (c) => c.notNull())
    .addColumn("district", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active','rectifying','revoked')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("bases_host_idx").on("bases").column("host_org_id").execute();
  await db.schema.createIndex("bases_supervisor_idx").on("bases").column("supervisor_org_id").execute();
  await db.schema.createIndex("bases_status_name_idx").on("bases").columns(["status", "name"]).execute();

  // 第五条（四）: decision numbers run per prefix and year (威人社发〔2026〕12号).
  await db.schema
    .createTable("number_sequences")
    .addColumn("name", "text", (c) => c.primaryKey()) // e.g. "decision:威人社发:2026"
    .addColumn("last_value", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["notifications", "number_sequences", "bases", "objections", "notices", "reviews", "panel_members", "base_applications", "file_uploads", "files"]) {
    await db.schema.dropTable(t).execute();
  }
}
