// Self-service sign-up of a professional (第二十四条): the person registers with their ID number. If a
// base already registered them while enrolling, the sign-up claims that account, so the hours it holds
// stay with the person; an ID number already signed up for is refused.
import type { SessionView } from "../../../shared/api.js";
import type { SignUpBody } from "../../../shared/delivery.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { hashPassword, isStrongPassword } from "../../platform/passwords.js";
import { createSession } from "../../platform/sessions.js";
import { sessionView } from "../auth/service.js";
import { idNumberHashOf, normalizeIdNumber, sealIdNumber } from "./identity.js";
import { ensureProfessionalProfile, registryOrgId, UNCLAIMED_PASSWORD } from "./profiles.js";

async function claim(trx: Tx, ctx: Ctx, userId: string, body: SignUpBody, passwordHash: string, now: string): Promise<void> {
  const res = await trx
    .updateTable("users")
    .set((eb) => ({ username: body.username, passwordHash, phone: body.phone, mustChangePassword: 0, passwordChangedAt: now, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", userId)
    // the account must still be unclaimed when written: of two claims at once, one wins
    .where("passwordHash", "=", UNCLAIMED_PASSWORD)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("ID_NUMBER_TAKEN");
  await trx.insertInto("userRoles").values({ userId, role: "professional" }).onConflict((oc) => oc.doNothing()).execute();
  await ensureProfessionalProfile(trx, ctx, userId, body);
  // The person's own facts replace what the base typed while enrolling them.
  await trx
    .updateTable("professionals")
    .set((eb) => ({ employer: body.employer.trim(), title: body.title?.trim() ?? "", specialty: body.specialty?.trim() ?? "", updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", userId)
    .execute();
}

async function register(trx: Tx, ctx: Ctx, body: SignUpBody, passwordHash: string, now: string): Promise<string> {
  const id = newId();
  await trx
    .insertInto("users")
    .values({
      id,
      username: body.username,
      displayName: body.name.trim(),
      orgId: await registryOrgId(trx),
      passwordHash,
      mustChangePassword: 0,
      failedLogins: 0,
      phone: body.phone,
      passwordChangedAt: now,
      ...sealIdNumber(ctx.secrets, body.idNumber),
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  await trx.insertInto("userRoles").values({ userId: id, role: "professional" }).execute();
  await ensureProfessionalProfile(trx, ctx, id, body);
  return id;
}

/** Creates (or claims) the account and signs the person in: the same answer as a sign-in. */
export async function signUp(ctx: Ctx, body: SignUpBody): Promise<{ token: string; view: SessionView; claimed: boolean }> {
  const idNumber = normalizeIdNumber(body.idNumber);
  if (!isValidIdNumber(idNumber)) throw new DomainError("INVALID_ID_NUMBER");
  if ([...body.name.trim()].length < 2) throw new DomainError("TEXT_BLANK", { field: "name", min: 2 });
  if (!isStrongPassword(body.password, body.username)) throw new DomainError("WEAK_PASSWORD");
  // scrypt outside the transaction: it takes a while and needs no lock.
  const passwordHash = await hashPassword(body.password, ctx.config.scryptN);
  const input = { ...body, idNumber };
  try {
    const { userId, claimed, session } = await inTransaction(ctx, async (trx) => {
      const now = ctx.clock.nowIso();
      const taken = await trx.selectFrom("users").select("id").where("username", "=", body.username).executeTakeFirst();
      if (taken) throw new DomainError("USERNAME_TAKEN");
      const holder = await trx
        .selectFrom("users")
        .select(["id", "displayName", "passwordHash"])
        .where("idNumberHash", "=", idNumberHashOf(ctx.secrets, idNumber))
        .executeTakeFirst();
      if (holder && holder.passwordHash !== UNCLAIMED_PASSWORD) throw new DomainError("ID_NUMBER_TAKEN");
      if (holder && holder.displayName !== body.name.trim()) throw new DomainError("ID_NAME_MISMATCH");
      const userId = holder ? holder.id : await register(trx, ctx, input, passwordHash, now);
      if (holder) await claim(trx, ctx, holder.id, input, passwordHash, now);
      // 个人信息保护法: the audit names the account, never the ID number or phone.
      await appendAudit(trx, ctx, {
        action: holder ? "professional.claim" : "professional.signUp",
        resourceType: "professional",
        resourceId: userId,
        actorId: userId,
        actorName: body.username,
        detail: { claimed: !!holder },
      });
      return { userId, claimed: !!holder, session: await createSession(trx, ctx, userId, ctx.ip) };
    });
    return { token: session.token, view: await sessionView(ctx, userId, session.csrfToken), claimed };
  } catch (e) {
    // A parallel sign-up took the username or the ID number between the check and the insert.
    if (isUniqueViolation(e)) throw new DomainError(/id_number/i.test(`${(e as Error).message} ${(e as { constraint?: string }).constraint ?? ""}`) ? "ID_NUMBER_TAKEN" : "USERNAME_TAKEN");
    throw e;
  }
}
