// Delivery and the learning record (第十七条, 第二十四条): professionals' profiles with their ID
// numbers sealed, enrolments, check-ins, completion, signed certificates, evaluation surveys, learning
// entries, declared hours from other forms (人社部令第25号) and hours statements.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Personal data: the ID number is stored encrypted, found by a keyed hash and shown masked. The
  // plaintext column of 001 stays for old databases only; start-up seals and empties it.
  await db.schema.alterTable("users").addColumn("id_number_enc", "text").execute();
  await db.schema.alterTable("users").addColumn("id_number_hash", "text").execute();
  await db.schema.alterTable("users").addColumn("id_number_masked", "text").execute();
  await db.schema.createIndex("users_id_number_hash_uq").on("users").column("id_number_hash").unique().execute();

  // A professional (专业技术人员) is a user with the professional role and this profile.
  await db.schema
    .createTable("professionals")
    .addColumn("id", "text", (c) => c.primaryKey().references("users.id")) // = users.id
    .addColumn("employer", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo("")) // 职称
    .addColumn("specialty", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  // 第十七条: the decision on who completed, recorded on the project (the status job only marks the classes over).
  await db.schema.alterTable("training_projects").addColumn("concluded_at", "text").execute();
  await db.schema.alterTable("training_projects").addColumn("concluded_by", "text").execute();
  // The share of sessions a person must attend to complete, filed with the project; null: the policy's.
  await db.schema.alterTable("training_projects").addColumn("completion_attendance", "real").execute();

  await db.schema
    .createTable("enrollments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("training_projects.id"))
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('enrolled','cancelled')`))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('self','staff','import')`))
    .addColumn("completed", "integer") // null until the project concludes; then 1 or 0
    .addColumn("attended_sessions", "integer")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("enrollments_project_professional_uq", ["project_id", "professional_id"])
    .execute();
  await db.schema.createIndex("enrollments_professional_idx").on("enrollments").column("professional_id").execute();

  await db.schema
    .createTable("check_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("project_sessions.id"))
    .addColumn("project_id", "text", (c) => c.notNull().references("training_projects.id"))
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('qr','manual','import')`))
    .addColumn("reason", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("checked_in_at", "text", (c) => c.notNull())
    .addUniqueConstraint("check_ins_session_professional_uq", ["session_id", "professional_id"])
    .execute();
  await db.schema.createIndex("check_ins_project_idx").on("check_ins").columns(["project_id", "professional_id"]).execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("serial", "text", (c) => c.notNull().unique())
    .addColumn("project_id", "text", (c) => c.notNull().references("training_projects.id"))
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("payload", "text", (c) => c.notNull()) // the signed content, canonical JSON
    .addColumn("signature", "text", (c) => c.notNull()) // Ed25519 over payload, base64
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('valid','revoked')`))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("users.id"))
    .addColumn("revoked_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addUniqueConstraint("certificates_project_professional_uq", ["project_id", "professional_id"])
    .execute();
  await db.schema.createIndex("certificates_professional_idx").on("certificates").column("professional_id").execute();

  // 第二十四条: every credit hour a professional holds, with its source.
  await db.schema
    .createTable("learning_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('project','degree','conference','research','publication','online')`))
    .addColumn("subject_type", "text", (c) => c.notNull().check(sql`subject_type in ('general','professional')`))
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("earned_on", "text", (c) => c.notNull()) // the last day that earned hours
    .addColumn("days", "text", (c) => c.notNull()) // JSON {date: hours}, for the daily limit
    .addColumn("project_id", "text", (c) => c.references("training_projects.id"))
    .addColumn("certificate_id", "text", (c) => c.references("certificates.id"))
    .addColumn("declaration_id", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('counted','revoked')`))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("learning_entries_professional_year_idx").on("learning_entries").columns(["professional_id", "year", "status"]).execute();

  // 人社部令第25号: hours from other forms count once the bureau accepts the evidence.
  await db.schema
    .createTable("hour_declarations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull().check(sql`form in ('degree','conference','research','publication','online')`))
    .addColumn("subject_type", "text", (c) => c.notNull().check(sql`subject_type in ('general','professional')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("earned_on", "text", (c) => c.notNull())
    .addColumn("evidence_file_id", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','accepted','rejected')`))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("hour_declarations_status_idx").on("hour_declarations").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("hour_declarations_professional_idx").on("hour_declarations").column("professional_id").execute();

  // 学时证明: each statement issued, with its verification code and signature.
  await db.schema
    .createTable("hours_statements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();

  // 培训效果评估: the questionnaire in force from a date (the bureau edits it per policy version).
  await db.schema
    .createTable("survey_forms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("effective_from", "text", (c) => c.notNull().unique())
    .addColumn("questions", "text", (c) => c.notNull()) // JSON SurveyQuestion[]
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("training_projects.id"))
    .addColumn("professional_id", "text", (c) => c.notNull().references("professionals.id"))
    .addColumn("form_id", "text", (c) => c.notNull().references("survey_forms.id"))
    .addColumn("answers", "text", (c) => c.notNull()) // JSON {questionKey: 1..5}
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("survey_responses_project_professional_uq", ["project_id", "professional_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["survey_responses", "survey_forms", "hours_statements", "hour_declarations", "learning_entries", "certificates", "check_ins", "enrollments", "professionals"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex("users_id_number_hash_uq").execute();
  for (const c of ["id_number_enc", "id_number_hash", "id_number_masked"]) await db.schema.alterTable("users").dropColumn(c).execute();
  for (const c of ["concluded_at", "concluded_by", "completion_attendance"]) await db.schema.alterTable("training_projects").dropColumn(c).execute();
}
