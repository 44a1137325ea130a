// Supervision of bases (第十三–十五条, 第十八–二十条, 第二十七条): inspection schemes and inspections,
// comprehensive reviews and 双随机 spot checks with their outcomes, rectification orders, revocation,
// violations and dishonesty records, change reports with the history of a base's names.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // 第二十七条: what a change report may change; 第十三、十九、二十条: revocation; 第十九条: commendation.
  for (const col of [
    "address",
    "contact_name",
    "contact_phone",
    "legal_representative",
    "good_practice",
    "revoked_at",
    "revocation_decision_no",
    "revocation_reason",
    "revocation_basis",
  ]) {
    await db.schema.alterTable("bases").addColumn(col, "text").execute();
  }
  await db.schema.alterTable("bases").addColumn("commended_year", "integer").execute();
  await db.schema.createIndex("bases_revoked_idx").on("bases").columns(["status", "revoked_at"]).execute();

  // 第二十七条: every former name of a base (and the plaque it carried), so a search by it finds the base
  // and the old plaque verifies as superseded.
  await db.schema
    .createTable("base_name_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("host_org_name", "text", (c) => c.notNull())
    .addColumn("plaque_serial", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("change_report_id", "text")
    .execute();
  await db.schema.createIndex("base_name_history_base_idx").on("base_name_history").columns(["base_id", "valid_to"]).execute();
  await db.schema.createIndex("base_name_history_serial_idx").on("base_name_history").column("plaque_serial").execute();

  // 第十八条: each supervising unit's yearly scheme (criteria under the six dimensions, grade bands).
  await db.schema
    .createTable("inspection_schemes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("supervisor_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("criteria", "text", (c) => c.notNull())
    .addColumn("grade_bands", "text", (c) => c.notNull())
    .addColumn("measures_file_id", "text", (c) => c.references("files.id"))
    .addColumn("measures_file_name", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("inspection_schemes_org_year_uq", ["supervisor_org_id", "year"])
    .execute();

  // 第十八条: the annual inspection of a base by its supervising unit (the unit that inspected stays on it).
  await db.schema
    .createTable("inspections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("supervisor_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','submitted','answered','finalized')`))
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("scores", "text", (c) => c.notNull())
    .addColumn("total_score", "real")
    .addColumn("grade", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answer", "text")
    .addColumn("answer_file_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("answer_due", "text")
    .addColumn("submitted_at", "text")
    .addColumn("answered_at", "text")
    .addColumn("finalized_at", "text")
    .addColumn("final_comment", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("inspections_base_year_uq", ["base_id", "year"])
    .execute();
  await db.schema.createIndex("inspections_supervisor_year_idx").on("inspections").columns(["supervisor_org_id", "year", "status"]).execute();
  await db.schema.createIndex("inspections_year_status_idx").on("inspections").columns(["year", "status"]).execute();

  // 第十九条: the bureau's comprehensive review of all active bases, or a 双随机 spot check.
  await db.schema
    .createTable("spot_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('spot_check','comprehensive')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('drawn','published','concluded')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("algorithm", "text", (c) => c.notNull())
    .addColumn("base_count", "integer", (c) => c.notNull())
    .addColumn("inspector_count", "integer", (c) => c.notNull())
    .addColumn("base_candidates", "text", (c) => c.notNull())
    .addColumn("inspector_candidates", "text", (c) => c.notNull())
    .addColumn("drawn_bases", "text", (c) => c.notNull())
    .addColumn("drawn_inspectors", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("concluded_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("spot_checks_year_idx").on("spot_checks").columns(["year", "created_at"]).execute();
  // 一公开: the public list of published draws, newest first.
  await db.schema.createIndex("spot_checks_status_published_idx").on("spot_checks").columns(["status", "published_at"]).execute();

  // 第十九条: the outcome per base of a review or spot check (表彰, 合格, 限期整改, 撤销).
  await db.schema
    .createTable("supervision_outcomes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spot_check_id", "text", (c) => c.notNull().references("spot_checks.id"))
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("inspection_id", "text", (c) => c.references("inspections.id"))
    .addColumn("inspection_score", "real")
    .addColumn("bureau_score", "real")
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('commend','pass','rectify','revoke')`))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("good_practice", "text")
    // JSON: what the outcome will do when the review concludes ({rectification: {items, deadline}} or
    // {revocation: {reason, basis}}).
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addUniqueConstraint("supervision_outcomes_check_base_uq", ["spot_check_id", "base_id"])
    .execute();
  await db.schema.createIndex("supervision_outcomes_base_idx").on("supervision_outcomes").column("base_id").execute();

  // 第十九条: 限期整改. The base is `rectifying` while an order is open.
  await db.schema
    .createTable("rectification_orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('proposed','open','reported','opined','accepted','withdrawn')`))
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("overdue_at", "text")
    .addColumn("source_type", "text")
    .addColumn("source_id", "text")
    .addColumn("report_note", "text")
    .addColumn("supervisor_opinion", "text")
    .addColumn("reported_at", "text")
    .addColumn("accepted_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rectification_orders_base_idx").on("rectification_orders").columns(["base_id", "status"]).execute();
  await db.schema.createIndex("rectification_orders_status_deadline_idx").on("rectification_orders").columns(["status", "deadline"]).execute();

  // 第二十条: 乱办班、乱收费、乱发证 and other violations against a base.
  await db.schema
    .createTable("violations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('unfiled_training','overcharging','improper_certification','other')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('reported','confirmed','dismissed')`))
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("evidence_file_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("responsible_persons", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("project_id", "text", (c) => c.references("training_projects.id"))
    .addColumn("basis", "text")
    .addColumn("decision_no", "text")
    .addColumn("decision_comment", "text")
    .addColumn("reported_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("violations_base_idx").on("violations").columns(["base_id", "status"]).execute();
  await db.schema.createIndex("violations_status_created_idx").on("violations").columns(["status", "created_at"]).execute();

  // 第二十条: the dishonesty record (失信信息) of a host organization, in the columns of the national
  // double-publicity data standard for administrative sanctions.
  await db.schema
    .createTable("dishonesty_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("violation_id", "text", (c) => c.notNull().unique().references("violations.id"))
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text", (c) => c.notNull())
    .addColumn("legal_representative", "text", (c) => c.notNull())
    .addColumn("decision_no", "text", (c) => c.notNull())
    .addColumn("violation_type", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("penalty_category", "text", (c) => c.notNull())
    .addColumn("penalty_content", "text", (c) => c.notNull())
    .addColumn("decision_date", "text", (c) => c.notNull())
    .addColumn("publicity_until", "text", (c) => c.notNull())
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("authority_credit_code", "text", (c) => c.notNull())
    .addColumn("data_source", "text", (c) => c.notNull())
    .addColumn("remark", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dishonesty_records_org_idx").on("dishonesty_records").columns(["org_id", "publicity_until"]).execute();
  await db.schema.createIndex("dishonesty_records_date_idx").on("dishonesty_records").columns(["decision_date", "id"]).execute();
  // 第二十条 乱发证: revoking a project's certificates in bulk finds each one's hours by certificate.
  await db.schema.createIndex("learning_entries_certificate_idx").on("learning_entries").column("certificate_id").execute();

  // 第二十七条: a base reports changes of name, host organization, affiliation, address, contacts or
  // legal representative; the bureau acknowledges (they apply at once) or asks for more.
  await db.schema
    .createTable("change_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("base_id", "text", (c) => c.notNull().references("bases.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('submitted','returned','accepted','withdrawn')`))
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("previous", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("evidence_file_ids", "text", (c) => c.notNull().defaultTo("[]"))
    // The supervising unit when the report was made, and the one it asks to move to: both see the report.
    .addColumn("prior_supervisor_org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("new_supervisor_org_id", "text", (c) => c.references("organizations.id"))
    .addColumn("decision_comment", "text")
    .addColumn("submitted_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("change_reports_base_idx").on("change_reports").columns(["base_id", "status"]).execute();
  await db.schema.createIndex("change_reports_status_idx").on("change_reports").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("change_reports_created_idx").on("change_reports").columns(["created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("learning_entries_certificate_idx").execute();
  for (const t of [
    "change_reports",
    "dishonesty_records",
    "violations",
    "rectification_orders",
    "supervision_outcomes",
    "spot_checks",
    "inspections",
    "inspection_schemes",
    "base_name_history",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
