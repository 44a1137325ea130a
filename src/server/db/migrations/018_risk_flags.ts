// Issue 12 item 4: risk flags (风险提示) computed from the data — unfiled training, certificates below
// attendance, fees above the standard, over-capacity enrolment, check-ins outside the window or by
// proxy, bulk identical evaluations, incomplete archives, plans not filed — each with its evidence and
// the article it concerns. Check-ins record a keyed hash of the client's address and user agent
// (never the raw values) so one device checking in many people can be seen.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("risk_flags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('unfiled_checkin','certificate_below_attendance','fee_above_standard','over_capacity','checkin_outside_window','proxy_checkin','bulk_identical_evaluations','archive_incomplete','plan_not_filed')`,
        ),
    )
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("project_id", "text", (c) => c.references("training_projects.id"))
    .addColumn("article", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    // One flag per thing flagged (kind + project, session and device, base and year…): a re-run never duplicates.
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','dismissed','converted')`))
    .addColumn("detected_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("dismissed_by", "text", (c) => c.references("users.id"))
    .addColumn("dismissed_at", "text")
    .addColumn("dismiss_reason", "text")
    .addColumn("violation_id", "text", (c) => c.references("violations.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  // The list's filters: status (newest first), a base's flags, one kind.
  await db.schema.createIndex("risk_flags_status_detected_idx").on("risk_flags").columns(["status", "detected_at"]).execute();
  await db.schema.createIndex("risk_flags_base_idx").on("risk_flags").columns(["base_id", "status"]).execute();
  await db.schema.createIndex("risk_flags_kind_idx").on("risk_flags").columns(["kind", "status", "detected_at"]).execute();
  // HMAC of the client address and user agent of a QR check-in (null for staff check-ins by hand or sheet).
  await db.schema.alterTable("check_ins").addColumn("device_hash", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("check_ins").dropColumn("device_hash").execute();
  await db.schema.dropTable("risk_flags").execute();
}
