// Self-service sign-up of a professional (第二十四条): the person registers with their ID number. If a
// base already registered them while enrolling, the sign-up claims that account — hours, ID number and
// phone — only with the one-time claim code the base handed them (issue 10 item 2).
//
// issue 10 item 2, no oracle: an anonymous caller gets the same answer (202, one fixed body, no cookie)
// whether the account was created, claimed, or nothing happened because the username is taken, the ID
// number is already claimed, or the code or name is wrong. Nobody is signed in here: the person signs
// in next with the username and password they chose, so a session cookie cannot tell the cases apart.
// What the real person learns goes by the channel that proves them: the holder of a claimed record gets
// an in-app notification; a username clash shows up only as a failed sign-in.
import type { SignUpBody } from "../../../shared/delivery.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { hashPassword, isStrongPassword } from "../../platform/passwords.js";
import { notify } from "../notifications/service.js";
import { consumeClaimCode } from "./claims.js";
import { idNumberHashOf, normalizeIdNumber, sealIdNumber, sealPhone } from "./identity.js";
import { ensureProfessionalProfile, registryOrgId, UNCLAIMED_PASSWORD } from "./profiles.js";

const SIGN_UP_NOTICE = "security.signUpWithYourIdNumber";

/** Why a sign-up did nothing: written to the audit trail, never answered. */
type Refusal = "usernameTaken" | "alreadyClaimed" | "nameMismatch" | "claimCodeInvalid" | "concurrent";

async function claim(trx: Tx, ctx: Ctx, userId: string, body: SignUpBody, passwordHash: string, now: string): Promise<boolean> {
  const res = await trx
    .updateTable("users")
    .set((eb) => ({ username: body.username, passwordHash, ...sealPhone(ctx.secrets, body.phone), mustChangePassword: 0, passwordChangedAt: now, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", userId)
    // the account must still be unclaimed when written: of two claims at once, one wins
    .where("passwordHash", "=", UNCLAIMED_PASSWORD)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.insertInto("userRoles").values({ userId, role: "professional" }).onConflict((oc) => oc.doNothing()).execute();
  await ensureProfessionalProfile(trx, ctx, userId, body);
  // The person's own facts replace what the base typed while enrolling them.
  await trx
    .updateTable("professionals")
    .set((eb) => ({ employer: body.employer.trim(), title: body.title?.trim() ?? "", specialty: body.specialty?.trim() ?? "", updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", userId)
    .execute();
  return true;
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
      ...sealPhone(ctx.secrets, body.phone),
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

/** A sign-up that changed nothing: audited with its reason (never the ID number or phone). */
async function refuse(trx: Tx, ctx: Ctx, reason: Refusal, holderId: string | null): Promise<void> {
  await appendAudit(trx, ctx, { action: "professional.signUpRefused", resourceType: "professional", resourceId: holderId, actorId: null, actorName: null, detail: { reason } });
}

/**
 * Creates the account, or claims the one a base registered (ID number, name and a valid claim code),
 * or does nothing; the caller answers alike in every case. Bad input that does not depend on what the
 * database holds (checksum, name, password strength) is still refused with its error.
 */
export async function signUp(ctx: Ctx, body: SignUpBody): Promise<void> {
  const idNumber = normalizeIdNumber(body.idNumber);
  if (!isValidIdNumber(idNumber)) throw new DomainError("INVALID_ID_NUMBER");
  if ([...body.name.trim()].length < 2) throw new DomainError("TEXT_BLANK", { field: "name", min: 2 });
  if (!isStrongPassword(body.password, body.username)) throw new DomainError("WEAK_PASSWORD");
  // scrypt outside the transaction, and in every case: it takes a while and needs no lock.
  const passwordHash = await hashPassword(body.password, ctx.config.scryptN);
  const input = { ...body, idNumber };
  try {
    await inTransaction(ctx, async (trx) => {
      const now = ctx.clock.nowIso();
      const taken = await trx.selectFrom("users").select("id").where("username", "=", body.username).executeTakeFirst();
      if (taken) return refuse(trx, ctx, "usernameTaken", null);
      const holder = await trx
        .selectFrom("users")
        .select(["id", "displayName", "passwordHash"])
        .where("idNumberHash", "=", idNumberHashOf(ctx.secrets, idNumber))
        .executeTakeFirst();
      if (!holder) {
        const userId = await register(trx, ctx, input, passwordHash, now);
        // 个人信息保护法: the audit names the account, never the ID number or phone.
        await appendAudit(trx, ctx, { action: "professional.signUp", resourceType: "professional", resourceId: userId, actorId: userId, actorName: body.username, detail: { claimed: false } });
        return;
      }
      if (holder.passwordHash !== UNCLAIMED_PASSWORD) {
        // The holder proved themselves when they signed up: they hear of it in the platform, the caller
        // does not. One unread notice at a time, so repeated attempts cannot flood their inbox.
        const unread = await trx.selectFrom("notifications").select("id").where("userId", "=", holder.id).where("kind", "=", SIGN_UP_NOTICE).where("readAt", "is", null).executeTakeFirst();
        if (!unread) await notify(trx, ctx, [holder.id], SIGN_UP_NOTICE, { at: now }, "/notifications");
        return refuse(trx, ctx, "alreadyClaimed", holder.id);
      }
      if (holder.displayName !== body.name.trim()) return refuse(trx, ctx, "nameMismatch", holder.id);
      // issue 10 item 2: a name and an ID number are no proof; the code the base handed the person is.
      if (!(await consumeClaimCode(trx, ctx, holder.id, body.claimCode))) return refuse(trx, ctx, "claimCodeInvalid", holder.id);
      if (!(await claim(trx, ctx, holder.id, input, passwordHash, now))) throw new DomainError("VERSION_CONFLICT");
      await appendAudit(trx, ctx, { action: "professional.claim", resourceType: "professional", resourceId: holder.id, actorId: holder.id, actorName: body.username, detail: { claimed: true } });
    });
  } catch (e) {
    // A parallel sign-up took the username, the ID number or the claim between the check and the write:
    // nothing was written (the transaction rolled back), and the answer stays the same.
    if (isUniqueViolation(e) || (e instanceof DomainError && e.code === "VERSION_CONFLICT")) {
      await inTransaction(ctx, (trx) => refuse(trx, ctx, "concurrent", null));
      return;
    }
    throw e;
  }
}
