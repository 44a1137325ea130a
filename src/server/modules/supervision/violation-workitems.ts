// Home work items of supervision: violations waiting on the signed-in person (第二十条: the bureau
// confirms or dismisses every reported violation).
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

export async function violationWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  if (!can(ctx.actor, "violation.confirm")) return [];
  const r = await ctx.db
    .selectFrom("violations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "reported")
    .executeTakeFirstOrThrow();
  const count = Number(r.n);
  return count > 0 ? [{ kind: "supervision.violations.toDecide", params: { count }, link: "/violations?status=reported" }] : [];
}
