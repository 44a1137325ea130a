// What waits on each person in delivery (home page work items): a base's courses whose completion is
// still to be decided, the bureau's declarations to rule on, a professional's evaluations to answer.
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";

const item = (kind: string, count: number, link: string): WorkItem[] => (count > 0 ? [{ kind, params: { count }, link }] : []);
const n = (r: { n: number | string | bigint }) => Number(r.n);

export async function deliveryWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const today = ctx.clock.today();
  const out: WorkItem[] = [];
  // 第十七条: after the last class the base decides who completed and issues the certificates.
  if (actor.roles.includes("base_staff") && can(actor, "trainingProject.complete", { orgId: actor.orgId })) {
    const r = await ctx.db
      .selectFrom("trainingProjects")
      .innerJoin("bases", "bases.id", "trainingProjects.baseId")
      .where("bases.hostOrgId", "=", actor.orgId)
      .where("trainingProjects.status", "in", ["running", "completed"])
      .where("trainingProjects.concludedAt", "is", null)
      .where("trainingProjects.endDate", "<", today)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out.push(...item("delivery.toConclude", n(r), "/training-projects?status=completed"));
  }
  // 人社部令第25号: declared hours count once the bureau accepts them.
  if (can(actor, "declaration.accept")) {
    const r = await ctx.db.selectFrom("hourDeclarations").where("status", "=", "pending").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    out.push(...item("delivery.declarationsPending", n(r), "/hour-declarations?status=pending"));
  }
  // 第十七条 培训效果评估: a course the person attended and has not evaluated.
  if (actor.roles.includes("professional")) {
    const r = await ctx.db
      .selectFrom("enrollments as e")
      .where("e.professionalId", "=", actor.id)
      .where("e.status", "=", "enrolled")
      .where((eb) => eb.exists(eb.selectFrom("checkIns as c").select("c.id").whereRef("c.projectId", "=", "e.projectId").whereRef("c.professionalId", "=", "e.professionalId")))
      .where((eb) => eb.not(eb.exists(eb.selectFrom("surveyResponses as r").select("r.id").whereRef("r.projectId", "=", "e.projectId").whereRef("r.professionalId", "=", "e.professionalId"))))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out.push(...item("delivery.surveysToAnswer", n(r), "/my/courses"));
  }
  return out;
}
