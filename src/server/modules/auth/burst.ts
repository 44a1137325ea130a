// The alarm on a burst of failed sign-ins (issue 10, item 4): once per window, one audit entry and a
// notification to each security administrator (issue 10 item 9). It names counts only, never a username or password tried.
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { notify } from "../notifications/service.js";
import { activeSecurityAdminIds } from "./queries.js";
import type { LoginThrottle } from "./throttle.js";

/** Counts one failed or refused sign-in and raises the alarm when it completes a burst. */
export async function countTowardBurst(ctx: Ctx, throttle: LoginThrottle, now: number): Promise<void> {
  if (!(await throttle.isBurst(now))) return;
  const params = { failures: throttle.config.burstThreshold, windowMinutes: Math.round(throttle.config.burstWindowMs / 60_000) };
  await inTransaction(ctx, async (trx) => {
    await appendAudit(trx, ctx, { action: "auth.failureBurst", resourceType: "session", actorId: null, actorName: null, detail: params });
    // issue 10 item 9: the security administrator watches sign-ins (the audit entry is the auditor's to read)
    await notify(trx, { ...ctx, actor: null }, await activeSecurityAdminIds(trx), "security.loginBurst", params, "/users");
  });
}
