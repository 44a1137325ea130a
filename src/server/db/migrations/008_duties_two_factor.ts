// Issue 10 items 9 and 8: the three administrators' roles (三员分立) and two-factor sign-in (TOTP,
// RFC 6238). The role CHECK of user_roles cannot be altered in place on SQLite, so the table is
// rebuilt the same way on both databases. A TOTP secret is stored sealed; recovery codes only as keyed
// hashes; `last_used_step` refuses a code used before.
import { type Kysely, sql } from "kysely";

const rolesBefore = "'bureau','supervisor','base_staff','expert','professional'";
const rolesAfter = `${rolesBefore},'sysadmin','secadmin','auditor'`;

async function rebuildUserRoles(db: Kysely<any>, roles: string, pk: string): Promise<void> {
  await db.schema
    .createTable("user_roles_next")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql.raw(`role in (${roles})`)))
    .addPrimaryKeyConstraint(pk, ["user_id", "role"])
    .execute();
  await db.insertInto("user_roles_next").columns(["user_id", "role"]).expression(db.selectFrom("user_roles").select(["user_id", "role"]).where(sql.raw<boolean>(`role in (${roles})`))).execute();
  await db.schema.dropIndex("user_roles_role_idx").execute();
  await db.schema.dropTable("user_roles").execute();
  await db.schema.alterTable("user_roles_next").renameTo("user_roles").execute();
  await db.schema.createIndex("user_roles_role_idx").on("user_roles").columns(["role", "user_id"]).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildUserRoles(db, rolesAfter, "user_roles_v8_pk");

  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_recovery_codes_user_idx").on("user_recovery_codes").columns(["user_id", "code_hash"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_totp").execute();
  await rebuildUserRoles(db, rolesBefore, "user_roles_pk");
}
