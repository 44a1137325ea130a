// Demo inspections (第十八条): `supervisor`'s own scheme for this year with its management measures
// document; last year's inspection of every active base, finalized (the `base` base 优秀, to be
// commended; the `base2` base answered first, 申辩); and this year's draft of the `base` base, partly
// scored. All through the real services, with a clock fixed at the moment each step happened.
import type { SchemeCriterion } from "../../shared/supervision/inspections.js";
import { addDays } from "../platform/calendar.js";
import type { Actor, Ctx, Platform } from "../platform/context.js";
import { createDocument, PageFlow } from "../platform/pdf.js";
import { rolesOf } from "../platform/sessions.js";
import { uploadFile } from "../modules/files/service.js";
import { DEFAULT_CRITERIA, DEFAULT_GRADE_BANDS, putScheme } from "../modules/supervision/inspection-schemes.js";
import { createInspection, takeInspectionStep, updateInspection } from "../modules/supervision/inspection-service.js";
import { actorOf, clockAt } from "./clock.js";

async function actorById(p: Platform, id: string): Promise<Actor> {
  const u = await p.db.selectFrom("users").select(["id", "username", "displayName", "orgId"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { ...u, roles: await rolesOf(p.db, u.id) };
}

/** The first active account of an organization holding a role. */
async function accountOf(p: Platform, orgId: string, role: string): Promise<Actor | undefined> {
  const u = await p.db
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select("users.id")
    .where("users.orgId", "=", orgId)
    .where("userRoles.role", "=", role)
    .where("users.disabledAt", "is", null)
    .orderBy("users.createdAt")
    .executeTakeFirst();
  return u ? actorById(p, u.id) : undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function commentOn(c: SchemeCriterion, score: number): string {
  const r = score / c.maxScore;
  if (r >= 0.95) return "查阅台账和平台数据，符合要求，表现突出。";
  if (r >= 0.8) return "基本符合要求，个别环节有待加强。";
  return "存在明显不足，请对照管理办法限期改进。";
}

/** Scores of the criteria adding up to `total`, the shortfall spread from the first criteria on. */
function scoresTo(criteria: readonly SchemeCriterion[], total: number, only?: number) {
  let deficit = round1(100 - total);
  const scores: Record<string, { score: number; comment: string }> = {};
  while (deficit > 0) {
    for (const c of criteria) {
      const cur = scores[c.key]?.score ?? c.maxScore;
      const take = Math.min(deficit, round1(c.maxScore * 0.15), cur);
      deficit = round1(deficit - take);
      scores[c.key] = { score: round1(cur - take), comment: "" };
      if (deficit <= 0) break;
    }
  }
  const out: typeof scores = {};
  for (const c of criteria.slice(0, only ?? criteria.length)) {
    const score = scores[c.key]?.score ?? c.maxScore;
    out[c.key] = { score, comment: commentOn(c, score) };
  }
  return out;
}

async function measuresPdf(unitName: string, year: number): Promise<Buffer> {
  const kit = await createDocument({ title: `${unitName}继续教育基地检查考核办法` });
  const flow = new PageFlow(kit);
  flow.text(`${unitName}\n继续教育基地检查考核办法（${year}年）`, { font: kit.boldFont, size: 16, align: "center", leading: 1.6 });
  flow.gap(12);
  for (const line of [
    "第一条 为加强对本单位所属专业技术人员继续教育基地的管理，根据《威海市专业技术人员继续教育基地管理办法》第十八条，制定本办法。",
    "第二条 检查考核每年进行一次，从师资队伍建设、经费使用、设施配套、制度执行、继续教育任务完成、培训效果六个方面进行。",
    "第三条 检查考核结果分为优秀、合格、基本合格、不合格四个等级，结果报市人力资源和社会保障局。",
    "第四条 基地对检查考核结果有异议的，可在结果送达之日起 5 个工作日内提出申辩。",
  ]) {
    flow.text(line, { font: kit.font, size: 11, leading: 1.8 });
  }
  return Buffer.from(await kit.doc.save());
}

export async function loadDemoInspections(p: Platform): Promise<void> {
  const today = p.clock.today();
  const year = Number(today.slice(0, 4));
  const at = (day: string, actor: Actor): Ctx => ({ ...p, clock: clockAt(day, p.clock), actor, ip: null });
  const [supervisor, baseStaff, base2Staff] = await Promise.all(["supervisor", "base", "base2"].map((u) => actorOf(p, u)));

  // 第十八条 "制定具体办法": supervisor's own scheme this year, the default with a heavier 培训效果.
  const schemeDay = addDays(today, -60);
  const doc = await measuresPdf("威海市环翠区人力资源和社会保障局", year);
  const file = await uploadFile(at(schemeDay, supervisor), doc, "application/pdf", `环翠区继续教育基地检查考核办法（${year}年）.pdf`);
  const criteria = DEFAULT_CRITERIA.map((c) => (c.key === "effect.satisfaction" ? { ...c, maxScore: 10 } : c.key === "facilities.online" ? { ...c, maxScore: 5 } : c));
  await putScheme(at(schemeDay, supervisor), year, { criteria, gradeBands: [...DEFAULT_GRADE_BANDS], measuresFileId: file.fileId, note: "培训效果权重提高至 18 分。" });

  // Last year's inspections of every base active since before last year ended.
  const bases = await p.db
    .selectFrom("bases")
    .select(["id", "hostOrgId", "supervisorOrgId"])
    .where("status", "=", "active")
    .where("decisionDate", "<=", `${year - 1}-12-31`)
    .orderBy("createdAt")
    .execute();
  const [open, submit, answer, finalize] = [-45, -43, -40, -25].map((n) => addDays(today, n));
  for (const b of bases) {
    const unit = await accountOf(p, b.supervisorOrgId, "supervisor");
    const staff = b.hostOrgId === baseStaff.orgId ? baseStaff : b.hostOrgId === base2Staff.orgId ? base2Staff : await accountOf(p, b.hostOrgId, "base_staff");
    if (!unit) continue;
    const total = b.hostOrgId === baseStaff.orgId ? 93 : b.hostOrgId === base2Staff.orgId ? 82.5 : 77;
    let v = await createInspection(at(open, unit), { baseId: b.id, year: year - 1 });
    v = await updateInspection(at(open, unit), v.id, {
      version: v.version,
      scores: scoresTo(v.dimensions.flatMap((d) => d.criteria.map((c) => ({ key: c.key, dimension: d.key, name: c.name, maxScore: c.maxScore }))), total),
      summary: total >= 90 ? "基地管理规范，培训组织有序，学员评价高，建议予以表彰。" : "基地整体运行平稳，部分环节需进一步规范。",
    });
    v = await takeInspectionStep(at(submit, unit), v.id, "submit", { version: v.version });
    if (staff && b.hostOrgId === base2Staff.orgId) {
      v = await takeInspectionStep(at(answer, staff), v.id, "answer", {
        version: v.version,
        comment: "“培训档案完整”一项：两个项目的评估汇总已于检查后补充归档，请予复核。",
      });
    }
    await takeInspectionStep(at(finalize, unit), v.id, "finalize", {
      version: v.version,
      comment: v.status === "answered" ? "经复核，补充归档属实，但检查时档案不完整，维持原评分。" : "基地未提出申辩，维持评分结果。",
    });
  }

  // This year's inspection of `base`, opened today under supervisor's own scheme, half scored.
  const mine = bases.find((b) => b.hostOrgId === baseStaff.orgId && b.supervisorOrgId === supervisor.orgId);
  if (mine) {
    const v = await createInspection(at(today, supervisor), { baseId: mine.id, year });
    await updateInspection(at(today, supervisor), v.id, { version: v.version, scores: scoresTo(criteria, 92, 6) });
  }
}
