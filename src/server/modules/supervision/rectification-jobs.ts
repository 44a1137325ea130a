// Scheduled jobs of rectification (第十九条): an order whose deadline passed without the bureau's
// acceptance is marked overdue once, and the bureau is told to revoke the base or extend the deadline.
import { appendAudit } from "../../platform/audit.js";
import type { Ctx, Platform } from "../../platform/context.js";
import type { Job } from "../../platform/scheduler.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { DEADLINE_STATUSES } from "./rectification-queries.js";

const systemCtx = (p: Platform): Ctx => ({ ...p, actor: null, ip: null });

export const rectificationOverdueJob: Job = {
  name: "rectification.overdue",
  async run(p) {
    const ctx = systemCtx(p);
    const today = p.clock.today();
    const due = await p.db
      .selectFrom("rectificationOrders as o")
      .innerJoin("bases", "bases.id", "o.baseId")
      .select(["o.id", "o.deadline", "bases.name as baseName", "bases.hostOrgId"])
      .where("o.status", "in", [...DEADLINE_STATUSES])
      .where("o.deadline", "<", today)
      .where("o.overdueAt", "is", null)
      .execute();
    let marked = 0;
    for (const o of due) {
      await p.db.transaction().execute(async (trx) => {
        // The mark makes each overdue notice go out once per deadline, whichever instance runs the job.
        const mark = await trx
          .insertInto("jobMarks")
          .values({ key: `rectification.overdue:${o.id}:${o.deadline}`, createdAt: p.clock.nowIso() })
          .onConflict((oc) => oc.column("key").doNothing())
          .returning("key")
          .executeTakeFirst();
        if (!mark) return;
        const res = await trx
          .updateTable("rectificationOrders")
          .set({ overdueAt: p.clock.nowIso() })
          .where("id", "=", o.id)
          .where("deadline", "=", o.deadline)
          .where("overdueAt", "is", null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        await appendAudit(trx, ctx, { action: "rectificationOrder.overdue", resourceType: "rectificationOrder", resourceId: o.id, detail: { article: "第十九条", deadline: o.deadline } });
        const params = { baseName: o.baseName, deadline: o.deadline };
        await notify(trx, ctx, await usersWithRole(trx, "bureau"), "supervision.rectification.overdue", params, `/rectification-orders/${o.id}`);
        await notify(trx, ctx, await usersWithRole(trx, "base_staff", o.hostOrgId), "supervision.rectification.overdueBase", params, `/rectification-orders/${o.id}`);
        marked++;
      });
    }
    return { marked };
  },
};

export const rectificationJobs: readonly Job[] = [rectificationOverdueJob];
