// Two-factor sign-in (issue 10 item 8): TOTP (platform/totp.ts) with ten single-use recovery codes.
// Bureau, supervisor and administrator accounts need it; the others may enrol from their own account.
// The secret is sealed at rest like an ID number; recovery codes are kept as keyed hashes only and
// shown once. A code's step is consumed by a conditional update, so two requests cannot both use it.
import { randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { needsSecondFactor } from "../../../shared/roles.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { deleteSessionsOf } from "../../platform/sessions.js";
import { matchTotp, newTotpSecret, otpauthUri } from "../../platform/totp.js";
import { findUserById } from "../users/queries.js";
import type { LoginThrottle } from "./throttle.js";

const ISSUER = "cebase";
export const RECOVERY_CODE_COUNT = 10;

type SignedIn = Ctx & { actor: NonNullable<Ctx["actor"]> };

export interface TotpRecord {
  secretSealed: string;
  confirmedAt: string | null;
  lastUsedStep: number | null;
}

export async function totpOf(trx: Tx, userId: string): Promise<TotpRecord | undefined> {
  return trx.selectFrom("userTotp").select(["secretSealed", "confirmedAt", "lastUsedStep"]).where("userId", "=", userId).executeTakeFirst();
}

/** Ten codes of 10 base32 characters (50 bits each), shown as xxxxx-xxxxx. */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const normalizeRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, "");
const recoveryHash = (ctx: Ctx, userId: string, code: string) => ctx.secrets.lookupHash(`recovery:${userId}:${normalizeRecoveryCode(code)}`);

/**
 * Checks the second factor of a sign-in whose password was right. Enrolled accounts (required or not)
 * need a code: six digits are a TOTP, anything else a recovery code. Returns how it was proven, or
 * null when the account has no second factor yet (the session then opens enrolment only).
 */
export async function proveSecondFactor(ctx: Ctx, userId: string, code: string | undefined): Promise<"totp" | "recovery" | null> {
  const totp = await totpOf(ctx.db, userId);
  if (!totp?.confirmedAt) return null;
  if (!code) throw new DomainError("TOTP_REQUIRED");
  if (/^\d{6}$/.test(code.trim())) {
    const step = matchTotp(ctx.secrets.decrypt(totp.secretSealed), code.trim(), ctx.clock.systemNow(), totp.lastUsedStep);
    if (step === null) throw new DomainError("TOTP_INVALID");
    // RFC 6238 §5.2: a code is accepted once; the update wins only if no later or equal step was used.
    const res = await ctx.db
      .updateTable("userTotp")
      .set({ lastUsedStep: step })
      .where("userId", "=", userId)
      .where((eb) => eb.or([eb("lastUsedStep", "is", null), eb("lastUsedStep", "<", step)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("TOTP_INVALID");
    return "totp";
  }
  const used = await ctx.db
    .updateTable("userRecoveryCodes")
    .set({ usedAt: new Date(ctx.clock.systemNow()).toISOString() })
    .where("userId", "=", userId)
    .where("codeHash", "=", recoveryHash(ctx, userId, code))
    .where("usedAt", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new DomainError("TOTP_INVALID");
  return "recovery";
}

export interface TwoFactorStatus {
  required: boolean;
  enrolled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(ctx: Ctx, userId: string, roles: readonly string[]): Promise<TwoFactorStatus> {
  const totp = await totpOf(ctx.db, userId);
  const left = totp?.confirmedAt
    ? Number((await ctx.db.selectFrom("userRecoveryCodes").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "=", userId).where("usedAt", "is", null).executeTakeFirstOrThrow()).n)
    : 0;
  return { required: needsSecondFactor(roles), enrolled: !!totp?.confirmedAt, recoveryCodesLeft: left };
}

/** Starts (or restarts) enrolment with a fresh secret: what the QR code carries, and the code to type by hand. */
export async function startEnrolment(ctx: SignedIn): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const secret = newTotpSecret();
  await inTransaction(ctx, async (trx) => {
    const existing = await totpOf(trx, ctx.actor.id);
    if (existing?.confirmedAt) throw new DomainError("TOTP_ALREADY_ENROLLED");
    const sealed = ctx.secrets.encrypt(secret);
    if (existing) await trx.updateTable("userTotp").set({ secretSealed: sealed, lastUsedStep: null }).where("userId", "=", ctx.actor.id).execute();
    else await trx.insertInto("userTotp").values({ userId: ctx.actor.id, secretSealed: sealed, confirmedAt: null, lastUsedStep: null, createdAt: ctx.clock.nowIso() }).execute();
    await appendAudit(trx, ctx, { action: "auth.totpEnrolmentStarted", resourceType: "user", resourceId: ctx.actor.id });
  });
  const uri = otpauthUri(secret, ISSUER, ctx.actor.username);
  return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 240 }) };
}

/** Confirms enrolment with a first code; answers the ten recovery codes, which are never shown again. */
export async function confirmEnrolment(ctx: SignedIn, code: string): Promise<{ recoveryCodes: string[] }> {
  return inTransaction(ctx, async (trx) => {
    const totp = await totpOf(trx, ctx.actor.id);
    if (!totp) throw new DomainError("TOTP_ENROLMENT_NOT_STARTED");
    if (totp.confirmedAt) throw new DomainError("TOTP_ALREADY_ENROLLED");
    const step = matchTotp(ctx.secrets.decrypt(totp.secretSealed), code.trim(), ctx.clock.systemNow(), null);
    if (step === null) throw new DomainError("TOTP_INVALID");
    const now = ctx.clock.nowIso();
    const res = await trx.updateTable("userTotp").set({ confirmedAt: now, lastUsedStep: step }).where("userId", "=", ctx.actor.id).where("confirmedAt", "is", null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("TOTP_ALREADY_ENROLLED");
    const codes = newRecoveryCodes();
    await trx.deleteFrom("userRecoveryCodes").where("userId", "=", ctx.actor.id).execute();
    await trx
      .insertInto("userRecoveryCodes")
      .values(codes.map((c) => ({ id: newId(), userId: ctx.actor.id, codeHash: recoveryHash(ctx, ctx.actor.id, c), usedAt: null, createdAt: now })))
      .execute();
    await appendAudit(trx, ctx, { action: "auth.totpEnrolled", resourceType: "user", resourceId: ctx.actor.id, detail: { recoveryCodes: codes.length } });
    return { recoveryCodes: codes };
  });
}

/**
 * An optional account turns its second factor off (a current code proves the holder); required ones cannot.
 * issue 10 item 8: the code counts toward the account's wrong-code limit as at sign-in, so a stolen
 * session cannot guess its way to switching the second factor off; each wrong code is audited.
 */
export async function disableOwn(ctx: SignedIn, throttle: LoginThrottle, code: string): Promise<void> {
  if (needsSecondFactor(ctx.actor.roles)) throw new DomainError("TOTP_CANNOT_DISABLE");
  const now = ctx.clock.systemNow();
  const wait = await throttle.secondFactorWait(ctx.actor.id, now);
  if (wait !== null) throw new DomainError("TOTP_THROTTLED", { retryAfterSeconds: wait });
  const step = await proveSecondFactor(ctx, ctx.actor.id, code).catch(async (err: unknown) => {
    if (err instanceof DomainError && err.code === "TOTP_INVALID") {
      await throttle.secondFactorFailed(ctx.actor.id, now);
      await inTransaction(ctx, (trx) => appendAudit(trx, ctx, { action: "auth.totpDisableRefused", resourceType: "user", resourceId: ctx.actor.id, detail: { reason: "totpInvalid" } }));
    }
    throw err;
  });
  if (step === null) throw new DomainError("TOTP_NOT_ENROLLED");
  await throttle.secondFactorPassed(ctx.actor.id);
  await inTransaction(ctx, async (trx) => {
    await removeSecondFactor(trx, ctx.actor.id);
    await appendAudit(trx, ctx, { action: "auth.totpDisabled", resourceType: "user", resourceId: ctx.actor.id });
  });
}

async function removeSecondFactor(trx: Tx, userId: string): Promise<void> {
  await trx.deleteFrom("userRecoveryCodes").where("userId", "=", userId).execute();
  await trx.deleteFrom("userTotp").where("userId", "=", userId).execute();
}

/**
 * issue 10 items 8 and 9: the security administrator resets a lost second factor. The account's
 * sessions end; at its next sign-in a required account can do nothing but enrol again.
 */
export async function resetSecondFactor(ctx: SignedIn, throttle: LoginThrottle, userId: string): Promise<void> {
  authorize(ctx.actor, "user.resetTotp");
  await inTransaction(ctx, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "user.resetTotp", { orgId: user.orgId, userId });
    if (!(await totpOf(trx, userId))) throw new DomainError("TOTP_NOT_ENROLLED");
    await removeSecondFactor(trx, userId);
    await deleteSessionsOf(trx, userId);
    await appendAudit(trx, ctx, { action: "user.resetTotp", resourceType: "user", resourceId: userId, detail: { username: user.username } });
  });
  // The owner enrols afresh at the next sign-in: wrong codes of the lost factor no longer hold it back.
  await throttle.secondFactorPassed(userId);
}
