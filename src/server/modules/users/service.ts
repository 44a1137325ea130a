// Accounts: users with one or more roles (DESIGN.md "Who uses it"), managed by the bureau.
// Personal data is shown masked and never put in logs or audit detail; the ID number is stored sealed
// (modules/professionals/identity.ts).
import type { UserCreateBody, UserUpdateBody, UserView } from "../../../shared/api.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { conflictingDuties, isAdminRole, type Role } from "../../../shared/roles.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, scopesFor, scopeWhere } from "../../platform/authz.js";
import type { Action } from "../../platform/grants.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { EXPORT_READ, pageWindow, withinExportLimit, type Page, type PageRequest } from "../../platform/paging.js";
import { assertPasswordAllowed, hashPassword } from "../../platform/passwords.js";
import { deleteSessionsOf } from "../../platform/sessions.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { rememberReplacedPassword } from "../auth/password-history.js";
import { organizationTypeOf } from "../organizations/service.js";
import { idNumberHashOf, NO_ID_NUMBER, sealIdNumber, sealPhone } from "../professionals/identity.js";
import { ensureProfessionalProfile } from "../professionals/profiles.js";
import * as q from "./queries.js";

const scopeOf = (u: { id: string; orgId: string }) => ({ orgId: u.orgId, userId: u.id });

/**
 * 第十五条 "配备专门人员": whoever manages accounts without city-wide scope (a base's staff, over its own
 * organization) manages only base staff accounts: never an account holding any other role, even in its
 * own organization (an expert of the same institution), and never gives another role or organization.
 */
const OWN_ORG_MANAGED_ROLES: readonly string[] = ["base_staff"];
const isCitywide = (ctx: Ctx, action: Action) => scopesFor(ctx.actor, action).includes("all");
const onlyManagedRoles = (roles: readonly string[]) => roles.length > 0 && roles.every((r) => OWN_ORG_MANAGED_ROLES.includes(r));

/**
 * Refuses an own-organization manager's account that is not a base staff account of its organization,
 * or that would carry an ID number: a number names a person city-wide, and a staff account holding one
 * would block that person's registration and sign-up (the bureau records it when one is needed).
 */
function checkOwnOrgGrant(ctx: Ctx, action: Action, orgId: string, roles: readonly string[] | undefined, idNumber: string | null | undefined): void {
  if (isCitywide(ctx, action)) return;
  if (orgId !== ctx.actor?.orgId || (roles && !onlyManagedRoles(roles))) throw new DomainError("STAFF_ROLE_ONLY");
  if (idNumber) throw new DomainError("STAFF_ID_NUMBER_NOT_ALLOWED");
}

export async function presentUsers(trx: Tx, ids: string[]): Promise<UserView[]> {
  const [rows, roles] = await Promise.all([q.userRows(trx, ids), q.rolesByUser(trx, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      orgId: r.orgId,
      orgName: r.orgName,
      roles: (roles.get(r.id) ?? []) as Role[],
      status: r.disabledAt ? "disabled" : "active",
      mustChangePassword: r.mustChangePassword === 1,
      lockedUntil: r.lockedUntil,
      phone: r.phoneMasked,
      idNumber: r.idNumberMasked,
      employer: r.employer ?? null,
      lastLoginAt: r.lastLoginAt,
      createdAt: r.createdAt,
      version: r.version,
    }));
}

export async function userView(trx: Tx, id: string): Promise<UserView> {
  const [v] = await presentUsers(trx, [id]);
  if (!v) throw new DomainError("NOT_FOUND");
  return v;
}

function userScope(ctx: Ctx): q.UserScope {
  const where = scopeWhere<any, "users">(ctx.actor, "user.read", { orgId: "users.orgId", userId: "users.id" });
  if (!where) throw new DomainError("FORBIDDEN");
  if (isCitywide(ctx, "user.read")) return where;
  return (eb) => eb.and([where(eb), q.holdsOnlyRoles(eb, OWN_ORG_MANAGED_ROLES)]);
}

export async function listUsers(ctx: Ctx, query: PageRequest & q.UserFilter): Promise<Page<UserView>> {
  const scope = userScope(ctx);
  const { page, pageSize, offset } = pageWindow(query);
  const [total, ids] = await Promise.all([q.countUsers(ctx.db, scope, query), q.listUserIds(ctx.db, scope, query, pageSize, offset)]);
  return { items: await presentUsers(ctx.db, ids), total, page, pageSize };
}

/** The rows of the Excel export; taking the list away is audited with how many people it names. */
export async function exportUsers(ctx: Ctx, filter: q.UserFilter): Promise<UserView[]> {
  const users = await presentUsers(ctx.db, withinExportLimit(await q.listUserIds(ctx.db, userScope(ctx), filter, EXPORT_READ, 0)));
  await auditPersonalDataRead(ctx, { action: "users.exported", resourceType: "user", resourceId: null, count: users.length, format: "xlsx" });
  return users;
}

async function loadInScope(ctx: Ctx, trx: Tx, id: string, action: Parameters<typeof authorize>[1]) {
  const u = await q.findUserById(trx, id);
  if (!u) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "user.read", scopeOf(u));
  authorize(ctx.actor, action, scopeOf(u));
  if (!isCitywide(ctx, action) && !onlyManagedRoles((await q.rolesByUser(trx, [id])).get(id) ?? [])) throw new DomainError("NOT_FOUND");
  return u;
}

export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  await loadInScope(ctx, ctx.db, id, "user.read");
  return userView(ctx.db, id);
}

/** DESIGN.md roles: a bureau account belongs to the bureau; a professional is known by an ID number. */
async function checkRolesAndIdentity(trx: Tx, orgId: string, roles: readonly string[], idNumber: string | null, keepsStoredIdNumber = false) {
  const orgType = await organizationTypeOf(trx, orgId);
  if (!orgType) throw new DomainError("UNKNOWN_ORGANIZATION", { orgId });
  // issue 10 item 9: no account holds two administrator duties, or one with a business role
  const clash = conflictingDuties(roles);
  if (clash) throw new DomainError("DUTIES_CONFLICT", { role: clash[0], other: clash[1] });
  // issue 10 item 9: the three administrators belong to the bureau's organization, as its staff do
  const bureauOnly = roles.find((r) => r === "bureau" || isAdminRole(r));
  if (bureauOnly && orgType !== "bureau") {
    throw new DomainError("ROLE_ORG_MISMATCH", { role: bureauOnly, orgTypes: ["bureau"] });
  }
  if (idNumber && !isValidIdNumber(idNumber)) throw new DomainError("INVALID_ID_NUMBER");
  if (roles.includes("professional") && !idNumber && !keepsStoredIdNumber) throw new DomainError("ID_NUMBER_REQUIRED");
}

/** One person, one account: an ID number is registered once. */
async function checkIdNumberFree(trx: Tx, ctx: Ctx, idNumber: string | null, userId?: string) {
  if (!idNumber) return;
  let q = trx.selectFrom("users").select("id").where("idNumberHash", "=", idNumberHashOf(ctx.secrets, idNumber));
  if (userId) q = q.where("id", "!=", userId);
  if (await q.executeTakeFirst()) throw new DomainError("ID_NUMBER_TAKEN");
}

/**
 * 第十三条: the city always keeps a bureau account able to manage it; issue 10 item 9: and a system
 * administrator able to manage the accounts. `keeps` are the roles the account goes on holding.
 */
async function assertManagersRemain(trx: Tx, userId: string, keeps: readonly string[] = []): Promise<void> {
  const held = (await q.rolesByUser(trx, [userId])).get(userId) ?? [];
  for (const [role, code] of [["bureau", "LAST_BUREAU_ACCOUNT"], ["sysadmin", "LAST_SYSADMIN_ACCOUNT"]] as const) {
    if (held.includes(role) && !keeps.includes(role) && (await q.countActiveWithRole(trx, role, userId)) === 0) throw new DomainError(code);
  }
}

function checkPassword(password: string, username: string) {
  assertPasswordAllowed(password, username);
}

async function uniqueUsername<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError(/id_number/.test(String((e as Error).message) + String((e as { constraint?: string }).constraint)) ? "ID_NUMBER_TAKEN" : "USERNAME_TAKEN");
    throw e;
  }
}

export interface NewUser extends UserCreateBody {
  mustChangePassword: boolean;
  /** A precomputed hash (demo data hashes its one password once). */
  passwordHash?: string;
}

/** Inserts a user after every rule but authorization: for the service, the CLI and demo data. */
export async function insertUser(trx: Tx, ctx: Ctx, input: NewUser): Promise<string> {
  const idNumber = input.idNumber ? input.idNumber.toUpperCase() : null;
  await checkRolesAndIdentity(trx, input.orgId, input.roles, idNumber);
  if (!input.passwordHash) checkPassword(input.password, input.username);
  if (await q.findUserByUsername(trx, input.username)) throw new DomainError("USERNAME_TAKEN");
  await checkIdNumberFree(trx, ctx, idNumber);
  const id = newId();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("users")
    .values({
      id,
      username: input.username,
      displayName: input.displayName.trim(),
      orgId: input.orgId,
      passwordHash: input.passwordHash ?? (await hashPassword(input.password, ctx.config.scryptN)),
      mustChangePassword: input.mustChangePassword ? 1 : 0,
      failedLogins: 0,
      ...sealPhone(ctx.secrets, input.phone),
      ...(idNumber ? sealIdNumber(ctx.secrets, idNumber) : NO_ID_NUMBER),
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  await q.replaceRoles(trx, id, input.roles as string[]);
  if (input.roles.includes("professional")) await ensureProfessionalProfile(trx, ctx, id);
  await appendAudit(trx, ctx, {
    action: "user.create",
    resourceType: "user",
    resourceId: id,
    detail: { username: input.username, roles: input.roles, orgId: input.orgId },
  });
  return id;
}

export async function createUser(ctx: Ctx, input: UserCreateBody): Promise<UserView> {
  authorize(ctx.actor, "user.create");
  checkOwnOrgGrant(ctx, "user.create", input.orgId, input.roles, input.idNumber);
  // 等保: an administrator-set password must be changed at first sign-in.
  return uniqueUsername(() =>
    inTransaction(ctx, async (trx) => userView(trx, await insertUser(trx, ctx, { ...input, mustChangePassword: true }))),
  );
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdateBody): Promise<UserView> {
  return uniqueUsername(() => inTransaction(ctx, async (trx) => {
    const u = await loadInScope(ctx, trx, id, "user.update");
    checkOwnOrgGrant(ctx, "user.update", input.orgId ?? u.orgId, input.roles, input.idNumber);
    if (u.version !== input.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: u.version });
    const roles = input.roles ?? (await q.rolesByUser(trx, [id])).get(id) ?? [];
    const orgId = input.orgId ?? u.orgId;
    const newIdNumber = input.idNumber ? input.idNumber.toUpperCase() : null;
    // The stored number is sealed: a new one is checked; an unchanged one counts as present.
    await checkRolesAndIdentity(trx, orgId, roles, newIdNumber, input.idNumber === undefined && !!u.idNumberHash);
    await checkIdNumberFree(trx, ctx, newIdNumber, id);
    if (input.roles) await assertManagersRemain(trx, id, input.roles);
    const changes = {
      displayName: input.displayName?.trim() ?? u.displayName,
      orgId,
      // issue 10 item 7: the phone is sealed like the ID number
      ...(input.phone === undefined ? {} : sealPhone(ctx.secrets, input.phone)),
      ...(input.idNumber === undefined ? {} : newIdNumber ? sealIdNumber(ctx.secrets, newIdNumber) : NO_ID_NUMBER),
      updatedAt: ctx.clock.nowIso(),
      version: u.version + 1,
    };
    const res = await trx.updateTable("users").set(changes).where("id", "=", id).where("version", "=", u.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    if (input.roles) await q.replaceRoles(trx, id, input.roles as string[]);
    if (roles.includes("professional")) await ensureProfessionalProfile(trx, ctx, id);
    const changed = Object.keys(input).filter((k) => k !== "version");
    await appendAudit(trx, ctx, { action: "user.update", resourceType: "user", resourceId: id, detail: { username: u.username, changed, roles: input.roles } });
    return userView(trx, id);
  }));
}

export async function setUserStatus(ctx: Ctx, id: string, version: number, status: "active" | "disabled"): Promise<UserView> {
  return inTransaction(ctx, async (trx) => {
    const u = await loadInScope(ctx, trx, id, "user.disable");
    if (u.version !== version) throw new DomainError("VERSION_CONFLICT", { currentVersion: u.version });
    if (status === "disabled") {
      if (id === ctx.actor?.id) throw new DomainError("CANNOT_DISABLE_SELF");
      await assertManagersRemain(trx, id);
      await deleteSessionsOf(trx, id);
    }
    const now = ctx.clock.nowIso();
    await trx
      .updateTable("users")
      .set({ disabledAt: status === "disabled" ? now : null, updatedAt: now, version: version + 1 })
      .where("id", "=", id)
      .execute();
    await appendAudit(trx, ctx, { action: status === "disabled" ? "user.disable" : "user.enable", resourceType: "user", resourceId: id, detail: { username: u.username } });
    return userView(trx, id);
  });
}

export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<UserView> {
  return inTransaction(ctx, async (trx) => {
    const u = await loadInScope(ctx, trx, id, "user.resetPassword");
    checkPassword(password, u.username);
    // The replaced password counts toward the history the owner's next own password must avoid.
    await rememberReplacedPassword(trx, ctx, id, u.passwordHash);
    const now = ctx.clock.nowIso();
    await trx
      .updateTable("users")
      .set({
        passwordHash: await hashPassword(password, ctx.config.scryptN),
        mustChangePassword: 1,
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: now,
        version: u.version + 1,
      })
      .where("id", "=", id)
      .execute();
    await deleteSessionsOf(trx, id);
    await appendAudit(trx, ctx, { action: "user.resetPassword", resourceType: "user", resourceId: id, detail: { username: u.username } });
    return userView(trx, id);
  });
}

export async function unlockUser(ctx: Ctx, id: string, version: number): Promise<UserView> {
  return inTransaction(ctx, async (trx) => {
    const u = await loadInScope(ctx, trx, id, "user.unlock");
    if (u.version !== version) throw new DomainError("VERSION_CONFLICT", { currentVersion: u.version });
    await trx
      .updateTable("users")
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: ctx.clock.nowIso(), version: version + 1 })
      .where("id", "=", id)
      .execute();
    await appendAudit(trx, ctx, { action: "user.unlock", resourceType: "user", resourceId: id, detail: { username: u.username } });
    return userView(trx, id);
  });
}
