// SQL of the users module, and nothing else.
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { ROLES } from "../../../shared/roles.js";
import type { Database } from "../../db/schema.js";
import type { Tx } from "../../platform/db.js";
import { containsText } from "../../platform/search.js";

const STAFF_ROLES: string[] = ROLES.filter((r) => r !== "professional");

export type UserScope = (eb: ExpressionBuilder<Database, "users">) => Expression<SqlBool>;

export interface UserFilter {
  role?: string;
  /** issue 11 item 6: staff accounts and professionals are listed apart */
  kind?: "staff" | "professional";
  orgId?: string;
  status?: "active" | "disabled";
  q?: string;
}

/** The user holds no role outside `roles` (and at least one role). */
export function holdsOnlyRoles(eb: ExpressionBuilder<Database, "users">, roles: readonly string[]): Expression<SqlBool> {
  return eb.and([
    eb.exists(eb.selectFrom("userRoles").select("userRoles.userId").whereRef("userRoles.userId", "=", "users.id")),
    eb.not(eb.exists(eb.selectFrom("userRoles").select("userRoles.userId").whereRef("userRoles.userId", "=", "users.id").where("userRoles.role", "not in", [...roles]))),
  ]);
}

function filtered(trx: Tx, scope: UserScope, f: UserFilter) {
  let q = trx.selectFrom("users").where(scope);
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("userRoles").select("userRoles.userId").whereRef("userRoles.userId", "=", "users.id").where("userRoles.role", "=", role)),
    );
  }
  // issue 11 item 6: a staff account holds a staff role, a professional the professional role (one who
  // holds both is listed in both). Each kind is read from user_roles_role_idx (role, user_id): staff
  // roles name a few hundred accounts, so the staff tab never walks the million professionals; the
  // professionals tab pages in username order through the username's unique index.
  if (f.kind) {
    const roles = f.kind === "professional" ? ["professional"] : STAFF_ROLES;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("userRoles").select("userRoles.userId").whereRef("userRoles.userId", "=", "users.id").where("userRoles.role", "in", roles)),
    );
  }
  if (f.orgId) q = q.where("users.orgId", "=", f.orgId);
  if (f.status === "active") q = q.where("users.disabledAt", "is", null);
  if (f.status === "disabled") q = q.where("users.disabledAt", "is not", null);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText("users.username", text), containsText("users.displayName", text)]));
  }
  return q;
}

export async function countUsers(trx: Tx, scope: UserScope, f: UserFilter): Promise<number> {
  const r = await filtered(trx, scope, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUserIds(trx: Tx, scope: UserScope, f: UserFilter, limit: number, offset: number): Promise<string[]> {
  const rows = await filtered(trx, scope, f).select("users.id").orderBy("users.username").limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}

export async function userRows(trx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.orgId")
    .leftJoin("professionals", "professionals.id", "users.id")
    .select([
      "users.id",
      "users.username",
      "users.displayName",
      "users.orgId",
      "organizations.name as orgName",
      "users.disabledAt",
      "users.mustChangePassword",
      "users.lockedUntil",
      "users.phoneMasked",
      "users.idNumberMasked",
      "users.idNumberHash",
      "professionals.employer",
      "users.lastLoginAt",
      "users.createdAt",
      "users.version",
    ])
    .where("users.id", "in", ids)
    .execute();
}

export async function rolesByUser(trx: Tx, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await trx.selectFrom("userRoles").select(["userId", "role"]).where("userId", "in", ids).orderBy("role").execute();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role]);
  return out;
}

export async function findUserByUsername(trx: Tx, username: string) {
  return trx.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function findUserById(trx: Tx, id: string) {
  return trx.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function replaceRoles(trx: Tx, userId: string, roles: readonly string[]): Promise<void> {
  await trx.deleteFrom("userRoles").where("userId", "=", userId).execute();
  if (roles.length) await trx.insertInto("userRoles").values(roles.map((role) => ({ userId, role }))).execute();
}

/** Active accounts holding a role, optionally leaving one user out. */
export async function countActiveWithRole(trx: Tx, role: string, exceptUserId?: string): Promise<number> {
  let q = trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .where("userRoles.role", "=", role)
    .where("users.disabledAt", "is", null);
  if (exceptUserId) q = q.where("users.id", "!=", exceptUserId);
  const r = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}
