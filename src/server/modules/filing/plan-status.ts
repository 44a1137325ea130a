// 第十六条: supervising units and the bureau see which of their bases have not filed next year's plan.
import type { PlanFilingStateView, PlanStatus } from "../../../shared/filing.js";
import { scopeWhere } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { BASE_SCOPE_COLUMNS } from "./bases.js";
import { dueDateOf } from "./plans.js";
import { containsText } from "../../platform/search.js";

export async function filingStatus(ctx: Ctx, f: PageRequest & { year?: number; pending?: boolean; q?: string }): Promise<Page<PlanFilingStateView>> {
  const where = scopeWhere<any, "bases">(ctx.actor, "annualPlan.read", BASE_SCOPE_COLUMNS);
  if (!where) throw new DomainError("FORBIDDEN");
  const today = ctx.clock.today();
  // Default: the plan being prepared now, i.e. next year's.
  const year = f.year ?? Number(today.slice(0, 4)) + 1;
  const dueDate = await dueDateOf(ctx.db, today, year);
  const { page, pageSize, offset } = pageWindow(f);
  let q = ctx.db
    .selectFrom("bases")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .leftJoin("annualPlans", (j) => j.onRef("annualPlans.baseId", "=", "bases.id").on("annualPlans.year", "=", year))
    .where("bases.status", "=", "active")
    .where(where);
  if (f.pending) q = q.where((eb) => eb.or([eb("annualPlans.id", "is", null), eb("annualPlans.status", "!=", "filed")]));
  if (f.q) q = q.where(containsText("bases.name", f.q));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .select(["bases.id as baseId", "bases.name as baseName", "supervisor.name as supervisorOrgName", "bases.district", "annualPlans.id as planId", "annualPlans.status as planStatus"])
      .orderBy("bases.name")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  const reported = new Set(["submitted", "approved", "filed"]);
  const items = rows.map((r) => ({
    ...r,
    year,
    dueDate,
    planStatus: (r.planStatus ?? null) as PlanStatus | null,
    planId: r.planId ?? null,
    // Overdue: the due date has passed and the base has not reported a plan (a draft is not reported).
    overdue: today > dueDate && !reported.has(r.planStatus ?? ""),
  }));
  return { items, total: Number(count.n), page, pageSize };
}
