// Home work items of rectification (第十九条): the base reports, its supervising unit gives an opinion,
// the bureau confirms proposals, decides on reports, and revokes or extends when a deadline has passed.
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { DEADLINE_STATUSES } from "./rectification-queries.js";

const PER_ORDER_LIMIT = 20;

function orders(ctx: Ctx, statuses: readonly string[], by: { hostOrgId?: string; supervisorOrgId?: string }) {
  let q = ctx.db.selectFrom("rectificationOrders as o").innerJoin("bases", "bases.id", "o.baseId").where("o.status", "in", [...statuses]);
  if (by.hostOrgId) q = q.where("bases.hostOrgId", "=", by.hostOrgId);
  if (by.supervisorOrgId) q = q.where("bases.supervisorOrgId", "=", by.supervisorOrgId);
  return q;
}

async function count(ctx: Ctx, statuses: readonly string[], by: { hostOrgId?: string; supervisorOrgId?: string } = {}): Promise<number> {
  const r = await orders(ctx, statuses, by).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

const counted = (kind: string, n: number, link: string): WorkItem[] => (n > 0 ? [{ kind, params: { count: n }, link }] : []);

export async function rectificationWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const out: WorkItem[] = [];
  if (actor.roles.includes("base_staff") && can(actor, "rectificationOrder.report", { orgId: actor.orgId })) {
    const open = await orders(ctx, ["open"], { hostOrgId: actor.orgId })
      .select(["o.id", "o.deadline", "bases.name"])
      .orderBy("o.deadline")
      .limit(PER_ORDER_LIMIT)
      .execute();
    for (const o of open) out.push({ kind: "supervision.rectification.toReport", params: { baseName: o.name, deadline: o.deadline }, link: `/rectification-orders/${o.id}` });
  }
  if (actor.roles.includes("supervisor") && can(actor, "rectificationOrder.opine", { supervisorOrgId: actor.orgId })) {
    out.push(...counted("supervision.rectification.toOpine", await count(ctx, ["reported"], { supervisorOrgId: actor.orgId }), "/rectification-orders?status=reported"));
  }
  if (can(actor, "rectificationOrder.confirm")) {
    out.push(...counted("supervision.rectification.toConfirm", await count(ctx, ["proposed"]), "/rectification-orders?status=proposed"));
    out.push(...counted("supervision.rectification.toDecide", await count(ctx, ["reported", "opined"]), "/rectification-orders?status=reported"));
    // 第十九条: a deadline passed without acceptance (marked by the overdue job): revoke or extend.
    const overdue = await orders(ctx, DEADLINE_STATUSES, {})
      .where("o.overdueAt", "is not", null)
      .select(["o.id", "o.deadline", "bases.name"])
      .orderBy("o.deadline")
      .limit(PER_ORDER_LIMIT)
      .execute();
    for (const o of overdue) out.push({ kind: "supervision.rectification.overdue", params: { baseName: o.name, deadline: o.deadline }, link: `/rectification-orders/${o.id}` });
  }
  return out;
}
