// Home work items of change reports (第二十七条): the bureau acknowledges the reports waiting on it; the
// base answers each report the bureau returned for more (要求补充材料).
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

const PER_REPORT_LIMIT = 20;

export async function changeReportWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const out: WorkItem[] = [];
  if (can(actor, "changeReport.accept")) {
    const { n } = await ctx.db
      .selectFrom("changeReports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) out.push({ kind: "supervision.changeReports.toAccept", params: { count: Number(n) }, link: "/change-reports?status=submitted" });
  }
  if (actor.roles.includes("base_staff") && can(actor, "changeReport.resubmit", { orgId: actor.orgId })) {
    const returned = await ctx.db
      .selectFrom("changeReports as cr")
      .innerJoin("bases", "bases.id", "cr.baseId")
      .select(["cr.id", "bases.name"])
      .where("cr.status", "=", "returned")
      .where("bases.hostOrgId", "=", actor.orgId)
      .orderBy("cr.createdAt")
      .limit(PER_REPORT_LIMIT)
      .execute();
    for (const r of returned) out.push({ kind: "supervision.changeReports.returned", params: { baseName: r.name }, link: `/change-reports/${r.id}` });
  }
  return out;
}
