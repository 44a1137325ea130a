// Sign-in, sign-out and password change to 等保 level 3 habits: scrypt hashes, throttled guessing
// (throttle.ts: growing waits per account and per address, never a lockout a stranger can cause),
// forced change of an administrator-set or expired password, no repeat of the latest passwords,
// every checked attempt audited; a second factor (TOTP) for the accounts that need one (two-factor.ts).
import type { SessionView } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { shanghaiDateTime } from "../../platform/format.js";
import { assertPasswordAllowed, dummyHash, hashPassword, verifyPassword } from "../../platform/passwords.js";
import { createSession, deleteSession, deleteSessionsOf, type SessionInfo } from "../../platform/sessions.js";
import { findUserById, findUserByUsername } from "../users/queries.js";
import { userView } from "../users/service.js";
import { countTowardBurst } from "./burst.js";
import { assertNotRecentlyUsed, isPasswordExpired, rememberReplacedPassword } from "./password-history.js";
import type { LoginThrottle } from "./throttle.js";
import { proveSecondFactor, twoFactorStatus } from "./two-factor.js";

export async function sessionView(ctx: Ctx, userId: string, csrfToken: string): Promise<SessionView> {
  const user = await userView(ctx.db, userId);
  return { user, roles: user.roles, csrfToken, idleMinutes: ctx.config.sessionIdleMinutes, twoFactor: await twoFactorStatus(ctx, userId, user.roles) };
}

async function recordFailure(ctx: Ctx, username: string, userId: string | null, reason: string) {
  await inTransaction(ctx, (trx) =>
    appendAudit(trx, ctx, { action: "auth.loginFailed", resourceType: "session", actorId: userId, actorName: username, detail: { reason } }),
  );
}

export async function login(
  ctx: Ctx,
  throttle: LoginThrottle,
  username: string,
  password: string,
  userAgent: string | null = null,
  totp?: string,
): Promise<{ token: string; view: SessionView }> {
  const now = ctx.clock.systemNow();
  const admission = await throttle.admit(username, ctx.ip, now);
  if (!admission.admitted) {
    await countTowardBurst(ctx, throttle, now);
    throw new DomainError("LOGIN_THROTTLED", { retryAfterSeconds: admission.retryAfterSeconds });
  }
  const user = await findUserByUsername(ctx.db, username);
  // An unknown username costs the same check against a dummy hash: neither the answer nor its timing tells.
  const isRight = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(ctx.config.scryptN)));
  if (!user || !isRight) {
    await throttle.failed(admission, now);
    await recordFailure(ctx, username, user?.id ?? null, user ? "wrongPassword" : "unknownUser");
    await countTowardBurst(ctx, throttle, now);
    throw new DomainError("INVALID_CREDENTIALS");
  }
  // Only the holder of the right password learns that the account is disabled or locked.
  if (user.disabledAt) {
    await recordFailure(ctx, username, user.id, "disabled");
    throw new DomainError("ACCOUNT_DISABLED");
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
    // Failures no longer lock; a lock set by an administrator (or before this version) still holds.
    await recordFailure(ctx, username, user.id, "locked");
    throw new DomainError("ACCOUNT_LOCKED", { lockedUntil: shanghaiDateTime(user.lockedUntil) });
  }
  // issue 10 item 8: a stolen password alone never opens an account with a second factor. The account's
  // throttle is forgotten only once the second factor passes, so codes are guessed no faster than passwords.
  // issue 10 item 8: after CEBASE_TOTP_MAX_FAILURES wrong codes the account's next codes are refused
  // unchecked until the window has passed, whatever the address (only the password's holder hears it).
  const codeWait = await throttle.secondFactorWait(user.id, now);
  if (codeWait !== null) {
    await recordFailure(ctx, username, user.id, "totpThrottled");
    await countTowardBurst(ctx, throttle, now);
    throw new DomainError("TOTP_THROTTLED", { retryAfterSeconds: codeWait });
  }
  const secondFactor = await proveSecondFactor(ctx, user.id, totp).catch(async (err: unknown) => {
    if (err instanceof DomainError && err.code === "TOTP_INVALID") {
      await throttle.failed(admission, now);
      await throttle.secondFactorFailed(user.id, now);
      await recordFailure(ctx, username, user.id, "totpInvalid");
      await countTowardBurst(ctx, throttle, now);
    }
    throw err;
  });
  if (secondFactor) await throttle.secondFactorPassed(user.id);
  await throttle.succeeded(admission);
  const { token, csrfToken } = await inTransaction(ctx, async (trx) => {
    // An expired password is changed first, by the same path as an administrator-set one.
    const isExpired = isPasswordExpired(ctx, user);
    await trx
      .updateTable("users")
      .set({ lastLoginAt: new Date(now).toISOString(), ...(isExpired ? { mustChangePassword: 1 } : {}) })
      .where("id", "=", user.id)
      .execute();
    const s = await createSession(trx, ctx, user.id, ctx.ip, userAgent);
    const detail = { ...(isExpired ? { passwordExpired: true } : {}), ...(secondFactor ? { secondFactor } : {}) };
    await appendAudit(trx, ctx, { action: "auth.login", resourceType: "session", actorId: user.id, actorName: username, detail: Object.keys(detail).length ? detail : undefined });
    return s;
  });
  return { token, view: await sessionView(ctx, user.id, csrfToken) };
}

export async function logout(ctx: Ctx, session: SessionInfo): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await deleteSession(trx, session.id);
    await appendAudit(trx, ctx, { action: "auth.logout", resourceType: "session" });
  });
}

export async function changePassword(ctx: Ctx, session: SessionInfo, currentPassword: string, newPassword: string): Promise<SessionView> {
  const user = await findUserById(ctx.db, session.actor.id);
  if (!user) throw new DomainError("UNAUTHENTICATED");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new DomainError("WRONG_PASSWORD");
  assertPasswordAllowed(newPassword, user.username);
  if (currentPassword === newPassword) throw new DomainError("PASSWORD_REUSED");
  await assertNotRecentlyUsed(ctx.db, ctx, user.id, newPassword);
  const hash = await hashPassword(newPassword, ctx.config.scryptN);
  await inTransaction(ctx, async (trx) => {
    // Security time: password expiry is measured on the clock that moving business time leaves alone.
    const now = new Date(ctx.clock.systemNow()).toISOString();
    await rememberReplacedPassword(trx, ctx, user.id, user.passwordHash);
    await trx
      .updateTable("users")
      .set({ passwordHash: hash, mustChangePassword: 0, passwordChangedAt: now, updatedAt: now, version: user.version + 1 })
      .where("id", "=", user.id)
      .execute();
    // Other devices signed in with the old password are signed out.
    await deleteSessionsOf(trx, user.id, session.id);
    await appendAudit(trx, ctx, { action: "auth.passwordChanged", resourceType: "user", resourceId: user.id });
  });
  return sessionView(ctx, user.id, session.csrfToken);
}
