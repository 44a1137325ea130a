// The alarm on a burst of failed sign-ins (issue 10, item 4): once per window, one audit entry and a
// notification to each bureau account. It names counts only, never a username or password tried.
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { notify } from "../notifications/service.js";
import { activeBureauAccountIds } from "./queries.js";
import type { LoginThrottle } from "./throttle.js";

/** Counts one failed or refused sign-in and raises the alarm when it completes a burst. */
export async function countTowardBurst(ctx: Ctx, throttle: LoginThrottle, now: number): Promise<void> {
  if (!(await throttle.isBurst(now))) return;
  const params = { failures: throttle.config.burstThreshold, windowMinutes: Math.round(throttle.config.burstWindowMs / 60_000) };
  await inTransaction(ctx, async (trx) => {
    await appendAudit(trx, ctx, { action: "auth.failureBurst", resourceType: "session", actorId: null, actorName: null, detail: params });
    // Until a security administrator exists (issue 10, item 9) the bureau's accounts are told.
    await notify(trx, { ...ctx, actor: null }, await activeBureauAccountIds(trx), "security.loginBurst", params, "/audit");
  });
}
