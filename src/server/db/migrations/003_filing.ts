// Filing (第十六条, 第十七条, 第二十五条): fee standards, annual plans with the summary of the year
// before, training projects with their sessions, and the leases and marks of the scheduled jobs.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // 第二十五条: one row per recorded standard; the current one is the `approved` row of its kind.
  await db.schema
    .createTable("fee_standards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('general','professional')`))
    .addColumn("amount_fen", "integer", (c) => c.notNull())
    .addColumn("previous_amount_fen", "integer")
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','approved','rejected','superseded')`))
    .addColumn("raise", "integer", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_comment", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("fee_standards_base_idx").on("fee_standards").columns(["base_id", "kind", "status"]).execute();
  // At most one request of a kind waits for the bureau at a time.
  await db.schema.createIndex("fee_standards_one_pending_uq").on("fee_standards").columns(["base_id", "kind"]).unique().where(sql.ref("status"), "=", "pending").execute();

  await db.schema
    .createTable("annual_plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','submitted','returned','approved','filed')`))
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("submitted_at", "text")
    .addColumn("filed_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("annual_plans_base_year_uq", ["base_id", "year"])
    .execute();
  await db.schema.createIndex("annual_plans_year_status_idx").on("annual_plans").columns(["year", "status"]).execute();

  await db.schema
    .createTable("training_projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("annual_plan_id", "text", (c) => c.references("annual_plans.id"))
    .addColumn("plan_item_key", "text")
    .addColumn("ad_hoc", "integer", (c) => c.notNull())
    .addColumn("ad_hoc_reason", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','filed','returned','cancelled','running','completed')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull().check(sql`subject_type in ('general','professional')`))
    .addColumn("specialty", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull().check(sql`mode in ('offline','online','blended')`))
    .addColumn("venue", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("fee_fen", "integer", (c) => c.notNull())
    .addColumn("teachers", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("filing_no", "text", (c) => c.unique())
    .addColumn("filed_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("training_projects_base_idx").on("training_projects").columns(["base_id", "start_date"]).execute();
  await db.schema.createIndex("training_projects_status_start_idx").on("training_projects").columns(["status", "start_date"]).execute();
  await db.schema.createIndex("training_projects_plan_idx").on("training_projects").column("annual_plan_id").execute();

  await db.schema
    .createTable("project_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("training_projects.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("teacher", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("project_sessions_project_idx").on("project_sessions").columns(["project_id", "seq"]).execute();

  // Scheduled jobs: one instance holds a job's lease at a time; marks make each reminder go out once.
  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("job_marks")
    .addColumn("key", "text", (c) => c.primaryKey()) // e.g. "plan.reminder:<baseId>:2027:7"
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["job_marks", "job_leases", "project_sessions", "training_projects", "annual_plans", "fee_standards"]) {
    await db.schema.dropTable(t).execute();
  }
}
