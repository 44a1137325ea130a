// The professional's profile (专业技术人员): employer, title (职称) and specialty, beside the account.
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import type { ClaimCodeView } from "../../../shared/delivery.js";
import { issueClaimCode } from "./claims.js";
import { idNumberHashOf, normalizeIdNumber, sealIdNumber, sealPhone } from "./identity.js";

export interface ProfileInput {
  employer?: string;
  title?: string;
  specialty?: string;
}

/** Every account with the professional role has a profile; by default its employer is the account's organization. */
export async function ensureProfessionalProfile(trx: Tx, ctx: Ctx, userId: string, input: ProfileInput = {}): Promise<void> {
  const existing = await trx.selectFrom("professionals").select("id").where("id", "=", userId).executeTakeFirst();
  if (existing) return;
  const org = await trx
    .selectFrom("users")
    .innerJoin("organizations", "organizations.id", "users.orgId")
    .select("organizations.name")
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("professionals")
    .values({
      id: userId,
      employer: input.employer?.trim() || org.name,
      title: input.title?.trim() ?? "",
      specialty: input.specialty?.trim() ?? "",
      createdBy: ctx.actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Registering a person (第二十四条: the record follows the person, whoever enrols them).

/** Accounts a base registered and the person has not claimed yet hold this unusable password hash. */
export const UNCLAIMED_PASSWORD = "!unclaimed";

/**
 * The organization an individual's account hangs on when their employer is not an organization of
 * the platform: the bureau, which keeps the city's professional registry. The employer itself is
 * recorded as text on the profile.
 */
export async function registryOrgId(trx: Tx): Promise<string> {
  const org = await trx.selectFrom("organizations").select("id").where("type", "=", "bureau").orderBy("createdAt").executeTakeFirstOrThrow();
  return org.id;
}

export interface PersonFacts {
  name: string;
  idNumber: string;
  employer: string;
  title?: string;
  specialty?: string;
  phone?: string;
}

/**
 * Finds the professional holding this ID number, or registers them with an unclaimed account and a
 * claim code for the staff to hand over (the person claims the account later by signing up with the
 * same ID number, name and that code: issue 10 item 2). A known ID number under another
 * name is refused (ID_NAME_MISMATCH) rather than enrolling the wrong person, and one held by a staff
 * account (ID_NUMBER_ON_STAFF_ACCOUNT) rather than giving that account a role.
 */
export async function findOrRegisterPerson(trx: Tx, ctx: Ctx, person: PersonFacts): Promise<{ professionalId: string; created: boolean; claimCode?: ClaimCodeView }> {
  const idNumber = normalizeIdNumber(person.idNumber);
  if (!isValidIdNumber(idNumber)) throw new DomainError("INVALID_ID_NUMBER");
  const name = person.name.trim();
  const found = await findPerson(trx, ctx, idNumber, name);
  if (found) return found;
  const id = newId();
  const now = ctx.clock.nowIso();
  const sealed = sealIdNumber(ctx.secrets, idNumber);
  // Two staff registering the same new person at once: the unique key keeps one row, and the loser
  // (PostgreSQL waits for the winner's commit) finds it like any known person.
  const inserted = await trx
    .insertInto("users")
    .values({
      id,
      username: `u_${sealed.idNumberHash.slice(0, 12)}`,
      displayName: name,
      orgId: await registryOrgId(trx),
      passwordHash: UNCLAIMED_PASSWORD,
      mustChangePassword: 0,
      failedLogins: 0,
      ...sealPhone(ctx.secrets, person.phone),
      ...sealed,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    const winner = await findPerson(trx, ctx, idNumber, name);
    if (winner) return winner;
    throw new DomainError("ID_NUMBER_TAKEN");
  }
  await trx.insertInto("userRoles").values({ userId: id, role: "professional" }).execute();
  await ensureProfessionalProfile(trx, ctx, id, person);
  // 个人信息保护法: the audit names the record, never the ID number or phone.
  await appendAudit(trx, ctx, { action: "professional.register", resourceType: "professional", resourceId: id, detail: { by: "staff" } });
  return { professionalId: id, created: true, claimCode: await issueClaimCode(trx, ctx, id) };
}

/**
 * The professional already holding this ID number, untouched. Registering a person never changes an
 * existing account: one that is not a professional's (a bureau, supervising unit, base staff or expert
 * account, of whatever organization) gains no role and no profile here; only the account's manager
 * adds the professional role (modules/users), so no base can escalate another organization's user.
 */
async function findPerson(trx: Tx, ctx: Ctx, idNumber: string, name: string): Promise<{ professionalId: string; created: boolean } | null> {
  const existing = await trx
    .selectFrom("users")
    .leftJoin("professionals", "professionals.id", "users.id")
    .select((eb) => [
      "users.id",
      "users.displayName",
      "professionals.id as profileId",
      eb.exists(eb.selectFrom("userRoles").select("userRoles.userId").whereRef("userRoles.userId", "=", "users.id").where("userRoles.role", "=", "professional")).as("isProfessional"),
    ])
    .where("users.idNumberHash", "=", idNumberHashOf(ctx.secrets, idNumber))
    .executeTakeFirst();
  if (!existing) return null;
  if (existing.displayName !== name) throw new DomainError("ID_NAME_MISMATCH");
  // exists() answers 1/0 on SQLite and true/false on PostgreSQL
  if (!existing.profileId || !Number(existing.isProfessional)) throw new DomainError("ID_NUMBER_ON_STAFF_ACCOUNT");
  return { professionalId: existing.id, created: false };
}

/** The signed-in actor as a professional (their user id), or NOT_A_PROFESSIONAL. */
export async function requireProfessional(trx: Tx, ctx: Ctx): Promise<string> {
  if (!ctx.actor) throw new DomainError("UNAUTHENTICATED");
  if (!ctx.actor.roles.includes("professional")) throw new DomainError("NOT_A_PROFESSIONAL");
  const row = await trx.selectFrom("professionals").select("id").where("id", "=", ctx.actor.id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_A_PROFESSIONAL");
  return row.id;
}
