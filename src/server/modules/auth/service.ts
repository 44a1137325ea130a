// Sign-in, sign-out and password change to 等保 level 3 habits: scrypt hashes, lockout for 15 minutes
// after 5 consecutive failures, forced change of an administrator-set password, every attempt audited.
import type { SessionView } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { shanghaiDateTime } from "../../platform/format.js";
import { dummyHash, hashPassword, isStrongPassword, verifyPassword } from "../../platform/passwords.js";
import { createSession, deleteSession, deleteSessionsOf, type SessionInfo } from "../../platform/sessions.js";
import { findUserById, findUserByUsername } from "../users/queries.js";
import { userView } from "../users/service.js";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export async function sessionView(ctx: Ctx, userId: string, csrfToken: string): Promise<SessionView> {
  const user = await userView(ctx.db, userId);
  return { user, roles: user.roles, csrfToken, idleMinutes: ctx.config.sessionIdleMinutes };
}

async function recordFailure(ctx: Ctx, username: string, userId: string | null, reason: string, detail: Record<string, unknown> = {}) {
  await inTransaction(ctx, (trx) =>
    appendAudit(trx, ctx, { action: "auth.loginFailed", resourceType: "session", actorId: userId, actorName: username, detail: { reason, ...detail } }),
  );
}

export async function login(ctx: Ctx, username: string, password: string): Promise<{ token: string; view: SessionView }> {
  const user = await findUserByUsername(ctx.db, username);
  const now = ctx.clock.systemNow();
  if (!user) {
    await verifyPassword(password, await dummyHash(ctx.config.scryptN)); // same work as a real check: timing does not tell
    await recordFailure(ctx, username, null, "unknownUser");
    throw new DomainError("INVALID_CREDENTIALS");
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
    await recordFailure(ctx, username, user.id, "locked");
    throw new DomainError("ACCOUNT_LOCKED", { lockedUntil: shanghaiDateTime(user.lockedUntil) });
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    // Counted in the database, one increment per failure: parallel guesses cannot share one count.
    const lockedUntil = await inTransaction(ctx, async (trx) => {
      const r = await trx
        .updateTable("users")
        .set((eb) => ({ failedLogins: eb(eb.ref("failedLogins"), "+", 1) }))
        .where("id", "=", user.id)
        .returning("failedLogins")
        .executeTakeFirstOrThrow();
      const failed = Number(r.failedLogins);
      const lock = failed >= MAX_FAILED_LOGINS;
      const until = lock ? new Date(now + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      if (lock) await trx.updateTable("users").set({ failedLogins: 0, lockedUntil: until }).where("id", "=", user.id).execute();
      await appendAudit(trx, ctx, {
        action: lock ? "auth.locked" : "auth.loginFailed",
        resourceType: "session",
        actorId: user.id,
        actorName: username,
        detail: { reason: "wrongPassword", consecutiveFailures: failed },
      });
      return until;
    });
    if (lockedUntil) throw new DomainError("ACCOUNT_LOCKED", { lockedUntil: shanghaiDateTime(lockedUntil) });
    // The same answer as for an unknown username: nothing tells which accounts exist.
    throw new DomainError("INVALID_CREDENTIALS");
  }
  if (user.disabledAt) {
    await recordFailure(ctx, username, user.id, "disabled");
    throw new DomainError("ACCOUNT_DISABLED");
  }
  const { token, csrfToken } = await inTransaction(ctx, async (trx) => {
    // A lock set by a parallel wrong guess while this password was being checked still holds.
    const fresh = await trx.selectFrom("users").select("lockedUntil").where("id", "=", user.id).executeTakeFirstOrThrow();
    if (fresh.lockedUntil && Date.parse(fresh.lockedUntil) > now) throw new DomainError("ACCOUNT_LOCKED", { lockedUntil: shanghaiDateTime(fresh.lockedUntil) });
    await trx
      .updateTable("users")
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date(now).toISOString() })
      .where("id", "=", user.id)
      .execute();
    const s = await createSession(trx, ctx, user.id, ctx.ip);
    await appendAudit(trx, ctx, { action: "auth.login", resourceType: "session", actorId: user.id, actorName: username });
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
  if (!isStrongPassword(newPassword, user.username)) throw new DomainError("WEAK_PASSWORD");
  if (currentPassword === newPassword) throw new DomainError("PASSWORD_REUSED");
  const hash = await hashPassword(newPassword, ctx.config.scryptN);
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.nowIso();
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
