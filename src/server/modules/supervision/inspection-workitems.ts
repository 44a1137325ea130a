// Home work items of supervision: inspections waiting on the signed-in person (第十八条). A supervising
// unit: drafts to submit, results to finalize (answered, or the answer window over), and last year's
// bases not yet inspected; a base's staff: results to answer while the window is open.
import type { WorkItem } from "../../../shared/api.js";
import { reviewYearOf } from "../../../shared/supervision/inspections.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

const item = (what: string, count: number, link: string, params: Record<string, string | number> = {}): WorkItem[] =>
  count > 0 ? [{ kind: `supervision.inspections.${what}`, params: { count, ...params }, link }] : [];

export async function inspectionWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const today = ctx.clock.today();
  const out: WorkItem[] = [];
  const n = (r: { n: number | string } | undefined) => Number(r?.n ?? 0);
  if (actor.roles.includes("supervisor") && can(actor, "inspection.submit", { supervisorOrgId: actor.orgId })) {
    const mine = ctx.db.selectFrom("inspections").where("supervisorOrgId", "=", actor.orgId);
    const lastYear = reviewYearOf(today);
    const [drafts, toFinalize, notInspected] = await Promise.all([
      mine.select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "draft").executeTakeFirst(),
      mine
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where((eb) => eb.or([eb("status", "=", "answered"), eb.and([eb("status", "=", "submitted"), eb("answerDue", "<", today)])]))
        .executeTakeFirst(),
      ctx.db
        .selectFrom("bases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("supervisorOrgId", "=", actor.orgId)
        .where("status", "in", ["active", "rectifying"])
        .where("decisionDate", "<=", `${lastYear}-12-31`)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("inspections").select("inspections.id").whereRef("inspections.baseId", "=", "bases.id").where("inspections.year", "=", lastYear))))
        .executeTakeFirst(),
    ]);
    out.push(...item("toSubmit", n(drafts), "/inspections?status=draft"));
    out.push(...item("toFinalize", n(toFinalize), "/inspections"));
    out.push(...item("notInspected", n(notInspected), `/inspections?year=${lastYear}`, { year: lastYear }));
  }
  if (actor.roles.includes("base_staff") && can(actor, "inspection.answer", { orgId: actor.orgId })) {
    const toAnswer = await ctx.db
      .selectFrom("inspections")
      .innerJoin("bases", "bases.id", "inspections.baseId")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("bases.hostOrgId", "=", actor.orgId)
      .where("inspections.status", "=", "submitted")
      .where("inspections.answerDue", ">=", today)
      .executeTakeFirst();
    out.push(...item("toAnswer", n(toAnswer), "/inspections?status=submitted"));
  }
  return out;
}
