// What waits on each person in filing (home page work items).
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

const item = (kind: string, count: number, link: string): WorkItem[] => (count > 0 ? [{ kind, params: { count }, link }] : []);

async function count(ctx: Ctx, table: "annualPlans" | "trainingProjects" | "feeStandards", status: string, by: { hostOrgId?: string; supervisorOrgId?: string }) {
  let q = ctx.db.selectFrom(table).innerJoin("bases", "bases.id", `${table}.baseId`).where(`${table}.status`, "=", status);
  if (by.hostOrgId) q = q.where("bases.hostOrgId", "=", by.hostOrgId);
  if (by.supervisorOrgId) q = q.where("bases.supervisorOrgId", "=", by.supervisorOrgId);
  const r = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function filingWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const out: WorkItem[] = [];
  if (actor.roles.includes("base_staff") && can(actor, "annualPlan.submit", { orgId: actor.orgId })) {
    const own = { hostOrgId: actor.orgId };
    out.push(...item("filing.planDrafts", await count(ctx, "annualPlans", "draft", own), "/annual-plans?status=draft"));
    out.push(...item("filing.plansReturned", await count(ctx, "annualPlans", "returned", own), "/annual-plans?status=returned"));
    out.push(...item("filing.projectDrafts", await count(ctx, "trainingProjects", "draft", own), "/training-projects?status=draft"));
    out.push(...item("filing.projectsReturned", await count(ctx, "trainingProjects", "returned", own), "/training-projects?status=returned"));
  }
  if (actor.roles.includes("supervisor") && can(actor, "annualPlan.approve", { supervisorOrgId: actor.orgId })) {
    out.push(...item("filing.plansToApprove", await count(ctx, "annualPlans", "submitted", { supervisorOrgId: actor.orgId }), "/annual-plans?status=submitted"));
  }
  if (can(actor, "annualPlan.file")) {
    out.push(...item("filing.plansToFile", await count(ctx, "annualPlans", "approved", {}), "/annual-plans?status=approved"));
  }
  if (can(actor, "feeStandard.approve")) {
    out.push(...item("filing.feeStandardsPending", await count(ctx, "feeStandards", "pending", {}), "/fee-standards?status=pending"));
  }
  return out;
}
