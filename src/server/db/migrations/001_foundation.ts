// Foundation tables: organizations, users and roles, sessions, audit chain, policy versions,
// calendar overrides, workflow history. Frozen once landed: later changes go in new migrations.
import { type Kysely, sql } from "kysely";

const orgTypes = "'bureau','district_hr','municipal_department','university','research_institute','training_institution','association','enterprise'";
const roles = "'bureau','supervisor','base_staff','expert','professional'";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql.raw(`type in (${orgTypes})`)))
    .addColumn("parent_id", "text", (c) => c.references("organizations.id"))
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("credit_code", "text", (c) => c.notNull().unique())
    .addColumn("credit_code_override", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active','disabled')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organizations_type_idx").on("organizations").columns(["type", "name"]).execute();
  await db.schema.createIndex("organizations_parent_idx").on("organizations").column("parent_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("disabled_at", "text")
    .addColumn("phone", "text")
    .addColumn("id_number", "text")
    .addColumn("last_login_at", "text")
    .addColumn("password_changed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_org_idx").on("users").column("org_id").execute();
  await db.schema.createIndex("users_id_number_idx").on("users").column("id_number").unique().execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql.raw(`role in (${roles})`)))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();
  await db.schema.createIndex("user_roles_role_idx").on("user_roles").columns(["role", "user_id"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey()) // sha256 of the cookie token
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource_type", "text", (c) => c.notNull())
    .addColumn("resource_id", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_resource_idx").on("audit_events").columns(["resource_type", "resource_id"]).execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_id", "seq"]).execute();
  await db.schema.createIndex("audit_events_action_idx").on("audit_events").columns(["action", "seq"]).execute();
  await db.schema.createIndex("audit_events_at_idx").on("audit_events").column("at").execute();

  await db.schema
    .createTable("policy_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("effective_from", "text", (c) => c.notNull().unique())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("calendar_overrides")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("is_workday", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("calendar_years")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("confirmed_at", "text", (c) => c.notNull())
    .addColumn("confirmed_by", "text", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("workflow_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("resource_type", "text", (c) => c.notNull())
    .addColumn("resource_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    .addColumn("actor_name", "text")
    .addColumn("comment", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("workflow_history_resource_idx")
    .on("workflow_history")
    .columns(["resource_type", "resource_id", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "workflow_history",
    "calendar_years",
    "calendar_overrides",
    "policy_versions",
    "audit_events",
    "sessions",
    "user_roles",
    "users",
    "organizations",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
