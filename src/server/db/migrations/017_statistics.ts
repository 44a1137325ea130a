// Issue 12 items 2 and 3 (第十九条, 第二十四条): indexes the dashboard's aggregates need at province
// scale, and the yearly statistics reports the scheduler keeps once a year has closed.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Compliance of a year: one grouped pass over that year's counted entries, person by person, read from
  // the index alone (it carries the subject type and the hours). The forecast (item 5: the people likely to
  // miss the year, the monthly reminders) reads the same pass from it.
  await db.schema.createIndex("learning_entries_year_idx").on("learning_entries").columns(["year", "status", "professional_id", "subject_type", "hours"]).execute();
  // Credit hours of a scope's projects: from the year's projects into their entries.
  await db.schema.createIndex("learning_entries_project_idx").on("learning_entries").columns(["project_id", "status"]).execute();
  // A kept report: one per year, scope (`city` or a supervising unit's id) and format; the bytes are a stored file.
  await db.schema
    .createTable("yearly_reports")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("scope_key", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('pdf','xlsx')`))
    .addColumn("file_id", "text", (c) => c.notNull())
    .addColumn("generated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("yearly_reports_pk", ["year", "scope_key", "format"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("yearly_reports").execute();
  await db.schema.dropIndex("learning_entries_project_idx").execute();
  await db.schema.dropIndex("learning_entries_year_idx").execute();
}
