// 等保 level 3 password policy when a password is set: the rules of platform/passwords.ts, and no
// repeat of the account's latest `passwordHistory` passwords (the current one included). The table
// keeps only as many earlier hashes as the rule looks at.
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { verifyPassword } from "../../platform/passwords.js";

async function earlierHashes(trx: Tx, userId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await trx
    .selectFrom("passwordHistory")
    .select("passwordHash")
    .where("userId", "=", userId)
    .orderBy("replacedAt", "desc")
    .orderBy("id", "desc")
    .limit(count)
    .execute();
  return rows.map((r) => r.passwordHash);
}

/** Refuses a password among the latest ones of the account, besides the current one (PASSWORD_REUSED, checked by the caller). */
export async function assertNotRecentlyUsed(trx: Tx, ctx: Ctx, userId: string, password: string): Promise<void> {
  const count = ctx.config.passwordHistory;
  for (const hash of await earlierHashes(trx, userId, count - 1)) {
    if (await verifyPassword(password, hash)) throw new DomainError("PASSWORD_RECENTLY_USED", { count });
  }
}

/** Keeps the hash a new password replaces, and forgets those older than the rule looks at. */
export async function rememberReplacedPassword(trx: Tx, ctx: Ctx, userId: string, replacedHash: string): Promise<void> {
  const keep = ctx.config.passwordHistory - 1;
  if (keep <= 0) return;
  const now = ctx.clock.systemNow();
  await trx.insertInto("passwordHistory").values({ id: newId(now), userId, passwordHash: replacedHash, replacedAt: new Date(now).toISOString() }).execute();
  const stale = await trx
    .selectFrom("passwordHistory")
    .select("id")
    .where("userId", "=", userId)
    .orderBy("replacedAt", "desc")
    .orderBy("id", "desc")
    .offset(keep)
    .limit(1000)
    .execute();
  if (stale.length) await trx.deleteFrom("passwordHistory").where("id", "in", stale.map((r) => r.id)).execute();
}

/** 等保: a password older than `passwordMaxAgeDays` (0: never) must be changed at the next sign-in. */
export function isPasswordExpired(ctx: Ctx, user: { passwordChangedAt: string | null; createdAt: string }): boolean {
  const days = ctx.config.passwordMaxAgeDays;
  if (days <= 0) return false;
  return ctx.clock.systemNow() - Date.parse(user.passwordChangedAt ?? user.createdAt) > days * 86_400_000;
}
