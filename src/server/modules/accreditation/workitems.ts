// What waits on each person in the accreditation workflow (home page work items).
import type { WorkItem } from "../../../shared/api.js";
import { can } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";

async function countByStatus(trx: Tx, status: string, where: { applicantOrgId?: string; supervisorOrgId?: string }) {
  let q = trx.selectFrom("baseApplications").where("status", "=", status);
  if (where.applicantOrgId) q = q.where("applicantOrgId", "=", where.applicantOrgId);
  if (where.supervisorOrgId) q = q.where("supervisorOrgId", "=", where.supervisorOrgId);
  const r = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

const item = (kind: string, count: number, link: string): WorkItem[] => (count > 0 ? [{ kind, params: { count }, link }] : []);

export async function accreditationWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!actor) return [];
  const db = ctx.db;
  const out: WorkItem[] = [];
  if (actor.roles.includes("base_staff") && can(actor, "baseApplication.submit", { orgId: actor.orgId })) {
    out.push(...item("accreditation.drafts", await countByStatus(db, "draft", { applicantOrgId: actor.orgId }), "/applications?status=draft"));
    out.push(...item("accreditation.returned", await countByStatus(db, "returned", { applicantOrgId: actor.orgId }), "/applications?status=returned"));
  }
  if (actor.roles.includes("supervisor") && can(actor, "baseApplication.recommend", { supervisorOrgId: actor.orgId })) {
    out.push(...item("accreditation.toRecommend", await countByStatus(db, "submitted", { supervisorOrgId: actor.orgId }), "/applications?status=submitted"));
  }
  if (can(actor, "baseApplication.accept")) {
    const today = ctx.clock.today();
    const [toAccept, toFormPanel, reviewing, objections, toPublish] = await Promise.all([
      countByStatus(db, "recommended", {}),
      countByStatus(db, "accepted", {}),
      db
        .selectFrom("baseApplications")
        .select("id")
        .where("status", "=", "under_review")
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("panelMembers")
                .select("panelMembers.userId")
                .whereRef("panelMembers.applicationId", "=", "baseApplications.id")
                .where((eb2) =>
                  eb2.not(
                    eb2.exists(
                      eb2.selectFrom("reviews").select("reviews.id").whereRef("reviews.applicationId", "=", "panelMembers.applicationId").whereRef("reviews.expertId", "=", "panelMembers.userId"),
                    ),
                  ),
                ),
            ),
          ),
        )
        .execute(),
      db.selectFrom("objections").where("status", "=", "open").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      db
        .selectFrom("baseApplications")
        .innerJoin("notices", "notices.applicationId", "baseApplications.id")
        .where("baseApplications.status", "=", "in_notice")
        .where("notices.closedAt", "is", null)
        .where("notices.endsOn", "<", today)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow(),
    ]);
    out.push(...item("accreditation.toAccept", toAccept, "/applications?status=recommended"));
    out.push(...item("accreditation.toFormPanel", toFormPanel, "/applications?status=accepted"));
    out.push(...item("accreditation.toApprove", reviewing.length, "/applications?status=under_review"));
    out.push(...item("accreditation.objectionsOpen", Number(objections.n), "/objections"));
    out.push(...item("accreditation.toPublish", Number(toPublish.n), "/applications?status=in_notice"));
  }
  if (actor.roles.includes("expert")) {
    const seats = await db
      .selectFrom("panelMembers")
      .innerJoin("baseApplications", "baseApplications.id", "panelMembers.applicationId")
      .leftJoin("reviews", (j) => j.onRef("reviews.applicationId", "=", "panelMembers.applicationId").onRef("reviews.expertId", "=", "panelMembers.userId"))
      .select(["panelMembers.declaredAt", "reviews.id as reviewId"])
      .where("panelMembers.userId", "=", actor.id)
      .where("baseApplications.status", "=", "under_review")
      .execute();
    out.push(...item("accreditation.toDeclare", seats.filter((s) => !s.declaredAt).length, "/applications?status=under_review"));
    out.push(...item("accreditation.toScore", seats.filter((s) => s.declaredAt && !s.reviewId).length, "/applications?status=under_review"));
  }
  return out;
}
