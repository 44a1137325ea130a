// 第十八条: the printable inspection report — base, year, inspecting unit, each criterion with its score
// and comment under its dimension, the platform's facts, total and grade, the base's answer (申辩) and
// the unit's final comment.
import { DIMENSION_NAMES, GRADE_NAMES, type DimensionKey, type Grade, type InspectionFacts, type InspectionView } from "../../../shared/supervision/inspections.js";
import { chineseDate, createDocument, formatFen, GRAY, PageFlow, stampPageNumbers } from "../../platform/pdf.js";

const STATUS_NAMES: Record<string, string> = { draft: "草稿", submitted: "已报送，待基地申辩", answered: "基地已申辩", finalized: "已确定" };
const PLAN_NAMES: Record<string, string> = { draft: "草稿", submitted: "已报送", returned: "已退回", approved: "管理单位已审核", filed: "已备案" };
const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 1000) / 10}%`);
const num = (n: number | null) => (n === null ? "—" : String(n));

/** The facts of a dimension as lines of text (also what the report prints beside the scores). */
export function factLines(key: DimensionKey, all: InspectionFacts): string[] {
  switch (key) {
    case "teachers": {
      const f = all.teachers;
      return [
        `授课教师 ${f.teacherCount} 人，其中有学员评价的 ${f.ratedTeachers} 人，平均评分 ${num(f.averageRating)}（满分 5 分）`,
        ...f.teachers.map((t) => `${t.name}（${[t.title, t.org].filter(Boolean).join("，")}）：授课项目 ${t.projects} 个，评价 ${t.rating === null ? "暂无" : `${t.rating} 分（${t.responses} 份）`}`),
      ];
    }
    case "funding": {
      const f = all.funding;
      return [
        `核定收费标准：${f.standards.length ? f.standards.map((s) => `${s.kind === "general" ? "公需科目" : "专业科目"} ${formatFen(s.amountFen)}/人`).join("；") : "未核定"}`,
        `收费项目 ${f.chargedProjects} 个，免费项目 ${f.freeProjects} 个，最高收费 ${formatFen(f.maxFeeFen)}/人，应收培训费合计 ${formatFen(f.feeIncomeFen)}`,
        f.overStandard.length
          ? `超过核定标准收费：${f.overStandard.map((o) => `${o.title}（${formatFen(o.feeFen)}，标准 ${o.standardFen === null ? "未核定" : formatFen(o.standardFen)}）`).join("；")}`
          : "未发现超过核定标准收费的项目",
      ];
    }
    case "facilities": {
      const f = all.facilities;
      return [
        `培训场地 ${f.venues.length} 处：${f.venues.join("；") || "—"}`,
        `培训方式：线下 ${f.modes.offline} 个，线上 ${f.modes.online} 个，线上线下结合 ${f.modes.blended} 个`,
        `招收计划 ${f.capacity} 人次，实际报名 ${f.enrolled} 人次，使用率 ${pct(f.capacityUse)}`,
      ];
    }
    case "systems": {
      const f = all.systems;
      return [
        `年度培训计划：${f.planStatus ? `${PLAN_NAMES[f.planStatus] ?? f.planStatus}${f.planLate ? "（逾期报送）" : ""}` : "未编制"}；本年度及下年度计划逾期报送 ${f.latePlans} 份`,
        `一事一报项目 ${f.adHocProjects} 个，被退回备案的项目 ${f.returnedProjects} 个`,
        `已结束项目 ${f.archivesTotal} 个，档案完整 ${f.archivesComplete} 个；撤销结业证书 ${f.certificatesRevoked} 份`,
      ];
    }
    case "tasks": {
      const f = all.tasks;
      return [
        `计划项目 ${f.plannedProjects} 个，备案 ${f.filedProjects} 个，已结业 ${f.completedProjects} 个，被退回 ${f.returnedProjects} 个，撤销 ${f.cancelledProjects} 个`,
        `完成培训 ${f.hoursDelivered} 学时，参训 ${f.participants} 人，发放结业证书 ${f.certificatesIssued} 份，登记学时 ${f.creditHours}`,
      ];
    }
    case "effect": {
      const f = all.effect;
      return [
        `已开课 ${f.sessions} 次，签到 ${f.checkIns} 人次，出勤率 ${pct(f.attendanceRate)}；结业 ${f.completed} 人，结业率 ${pct(f.completionRate)}`,
        `收回评估问卷 ${f.surveyResponses} 份，平均 ${num(f.surveyAverage)} 分${f.questionAverages.length ? `（${f.questionAverages.map((q) => `${q.label} ${num(q.average)}`).join("，")}）` : ""}`,
      ];
    }
  }
}

export async function renderInspectionPdf(v: InspectionView): Promise<Uint8Array> {
  const kit = await createDocument({ title: `${v.baseName} ${v.year} 年度检查考核报告`, subject: v.supervisorOrgName });
  const flow = new PageFlow(kit);
  flow.text(`${v.year} 年度继续教育基地检查考核报告`, { font: kit.boldFont, size: 18, align: "center", leading: 1.6 });
  flow.text(`${v.baseName}\u3000${STATUS_NAMES[v.status] ?? v.status}`, { font: kit.font, size: 10, align: "center", color: GRAY });
  flow.gap(10);
  const label = (text: string, value: string) => flow.row([{ text, width: 96, align: "center", shade: true }, { text: value, width: flow.width - 96 }], { minHeight: 24 });
  label("基地名称", v.baseName);
  label("考核年度", `${v.year} 年度`);
  label("检查单位", v.supervisorOrgName);
  label("考核方案", v.schemeIsDefault ? "默认检查考核方案" : `${v.supervisorOrgName} ${v.year} 年度检查考核方案`);
  label("总分", v.totalScore === null ? "—" : `${v.totalScore} 分`);
  label("等级", v.grade ? GRADE_NAMES[v.grade as Grade] : "—");
  label("报送日期", chineseDate(v.submittedAt) || "—");
  label("申辩期限", chineseDate(v.answerDue) || "—");
  flow.gap(12);

  const facts = Object.fromEntries(v.dimensions.map((d) => [d.key, d.facts])) as unknown as InspectionFacts;
  for (const d of v.dimensions) {
    flow.keep(80);
    flow.text(`${DIMENSION_NAMES[d.key]}（满分 ${d.maxScore} 分，得分 ${num(d.score)}）`, { font: kit.boldFont, size: 12, leading: 1.8 });
    flow.table(
      [
        { title: "考核指标", weight: 4 },
        { title: "满分", weight: 0.8, align: "center" },
        { title: "得分", weight: 0.8, align: "center" },
        { title: "评分说明", weight: 3.4 },
      ],
      d.criteria.map((c) => [c.name, String(c.maxScore), num(c.score), c.comment || "—"]),
      { size: 9.5 },
    );
    flow.gap(4);
    flow.text("平台数据：", { font: kit.boldFont, size: 9.5, color: GRAY });
    for (const line of factLines(d.key, facts)) flow.text(`· ${line}`, { font: kit.font, size: 9.5, color: GRAY, indent: 8 });
    flow.gap(10);
  }
  const section = (title: string, text: string) => {
    flow.keep(60);
    flow.text(title, { font: kit.boldFont, size: 12, leading: 1.8 });
    flow.text(text, { font: kit.font, size: 10.5, leading: 1.7 });
    flow.gap(8);
  };
  section("总体评价", v.summary || "（未填写）");
  section("基地申辩", v.answer ? `${v.answer}${v.answeredAt ? `\n（${chineseDate(v.answeredAt)}提出）` : ""}` : v.status === "draft" ? "—" : "基地未在期限内提出申辩。");
  section("考核结论", v.finalizedAt ? `${v.finalComment || "维持评分结果。"}\n（${chineseDate(v.finalizedAt)}确定）` : "尚未确定。");
  stampPageNumbers(kit);
  return kit.doc.save();
}
