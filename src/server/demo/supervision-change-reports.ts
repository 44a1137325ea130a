// Demo history of change reports (第二十七条), driven through the real services: `base`'s base was renamed
// last autumn (the bureau acknowledged it, so the registry shows "原名称 …", a search by the former name
// finds it and the old plaque verifies as superseded), and `base2`'s base has reported a new address and
// contact a few days ago, waiting for the bureau. Both bases are found by their host organization, as the
// filing and delivery demos find them, so the rename breaks neither.
import type { Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { createChangeReport, stepChangeReport } from "../modules/supervision/change-report-service.js";
import { actorOf, clockAt } from "./clock.js";

const RENAMED = "威海市智能制造与海洋装备专业技术人员继续教育基地";

async function activeBaseOf(p: Platform, orgId: string): Promise<{ id: string; name: string; decisionDate: string } | undefined> {
  return p.db
    .selectFrom("bases")
    .select(["id", "name", "decisionDate"])
    .where("hostOrgId", "=", orgId)
    .where("status", "in", ["active", "rectifying"])
    .orderBy("decisionDate")
    .executeTakeFirst();
}

export async function loadDemoChangeReports(p: Platform): Promise<void> {
  const today = p.clock.today();
  const lastYear = Number(today.slice(0, 4)) - 1;
  const [bureau, base, base2] = await Promise.all([actorOf(p, "bureau"), actorOf(p, "base"), actorOf(p, "base2")]);
  const at = (date: string, actor: Ctx["actor"]): Ctx => ({ ...p, clock: clockAt(date, p.clock), actor, ip: null });

  // 第二十七条: renamed after its first months, acknowledged by the bureau a week later.
  const mine = await activeBaseOf(p, base.orgId);
  const reportedOn = `${lastYear}-10-09`;
  if (mine && mine.decisionDate < reportedOn && mine.name !== RENAMED) {
    const report = await createChangeReport(at(reportedOn, base), mine.id, {
      changes: { name: RENAMED, legalRepresentative: "王建国" },
      reason: "经学校党委会研究并报主管部门同意，基地增设海洋装备方向，名称相应调整。",
    });
    await stepChangeReport(at(`${lastYear}-10-16`, bureau), report.id, "accept", { version: report.version, comment: "变更事项属实，予以确认，匾牌换发。" });
  }

  // A new training building and a new contact, reported a few days ago: waiting for the bureau.
  const theirs = await activeBaseOf(p, base2.orgId);
  if (theirs) {
    await createChangeReport(at(addDays(today, -3), base2), theirs.id, {
      changes: { address: "威海市环翠区青岛中路 66 号卫生健康培训楼", contactName: "孙晓燕", contactPhone: "13806310035" },
      reason: "培训中心整体迁入新建的卫生健康培训楼，原联系人岗位调整，现报告变更。",
    });
  }
}
