// Each person's pending work items on the home page. Modules add their providers here as they land.
import type { WorkItem } from "../../../shared/api.js";
import { authorize, can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { yearsAwaitingConfirmation } from "../calendar/service.js";
import { accreditationWorkItems } from "../accreditation/workitems.js";
import { filingWorkItems } from "../filing/workitems.js";
import { deliveryWorkItems } from "../delivery/workitems.js";
import { supervisionWorkItems } from "../supervision/workitems.js";
import { policyWorkItems } from "../policy/service.js";

type Provider = (ctx: Ctx) => Promise<WorkItem[]>;

const providers: Provider[] = [
  // DESIGN.md "Policy": from 1 November the bureau confirms next year's official calendar.
  async (ctx) => {
    if (!can(ctx.actor, "calendar.update")) return [];
    const years = await yearsAwaitingConfirmation(ctx);
    return years.map((year) => ({ kind: "calendar.confirmNextYear", params: { year }, link: `/calendar?year=${year}` }));
  },
  // 第二十九条: the measures in force have passed their term and no successor version is recorded
  policyWorkItems,
  // 第五条: applications waiting on this person
  accreditationWorkItems,
  // 第十六条, 第二十五条: plans, projects and fee standards waiting on this person
  filingWorkItems,
  // 第十七条, 第二十四条: completion to decide, declarations to rule on, evaluations to answer
  deliveryWorkItems,
  // 第十八–二十条, 第二十七条: inspections, orders, violations and change reports waiting on this person
  supervisionWorkItems,
];

export async function workItems(ctx: Ctx): Promise<WorkItem[]> {
  authorize(ctx.actor, "workItem.read");
  return (await Promise.all(providers.map((p) => p(ctx)))).flat();
}
