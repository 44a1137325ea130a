// The tables of the yearly statistics report (issue 12 item 3), as plain rows: the Excel workbook has
// one sheet per table and the PDF prints the same tables, so both always say the same thing.
import type { StatisticsOverview } from "../../../shared/statistics.js";
import { CATEGORY_NAMES } from "../filing/categories.js";
import { RISK_FLAG_KIND_NAMES, type RiskFlagKind } from "../../../shared/supervision/risk-flags.js";
import type { Cell, PlainSheet } from "../../platform/document-jobs.js";

export const BASE_STATUS_NAMES: Record<string, string> = { active: "正常", rectifying: "限期整改", revoked: "已撤销" };

export interface ReportTable {
  /** Sheet name (Excel allows 31 characters) and the PDF section title. */
  title: string;
  columns: string[];
  rows: Cell[][];
  /** A bar chart of this column (index) against the first column, in the PDF. */
  chartColumn?: number;
  /** …beside last year's figure of this column (a gray bar). */
  compareColumn?: number;
}

const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export function reportTables(o: StatisticsOverview): ReportTable[] {
  const t = o.totals;
  const tables: ReportTable[] = [
    {
      title: "总体情况",
      columns: ["指标", "数值"],
      rows: [
        ["基地总数", t.bases],
        ["正常运行基地", t.activeBases],
        ["备案培训项目（个）", t.projects],
        ["参训人次", t.participants],
        ["结业人次", t.completions],
        ["登记学时", t.creditHours],
        ["培训费收入（元）", yuan(t.feeIncomeFen)],
        ["未完成的限期整改（件）", t.openOrders],
        ...(t.openRiskFlags === null ? [] : [["未处理的风险提示（条）", t.openRiskFlags] as Cell[]]),
      ],
    },
    { title: "基地状态", columns: ["状态", "基地数"], rows: o.bases.byStatus.map((r) => [BASE_STATUS_NAMES[r.key] ?? r.key, r.count]), chartColumn: 1 },
    { title: "基地区市分布", columns: ["区市", "基地数"], rows: o.bases.byDistrict.map((r) => [r.key, r.count]), chartColumn: 1 },
    { title: "基地专业领域分布", columns: ["专业领域", "基地数"], rows: o.bases.bySpecialty.map((r) => [r.key, r.count]), chartColumn: 1 },
    {
      title: "月度培训情况",
      columns: ["月份", "项目", "上年项目", "参训人次", "上年参训人次", "结业人次", "上年结业人次", "登记学时", "上年登记学时"],
      rows: o.monthly.map((m) => [
        `${m.month}月`,
        m.current.projects,
        m.lastYear.projects,
        m.current.participants,
        m.lastYear.participants,
        m.current.completions,
        m.lastYear.completions,
        m.current.creditHours,
        m.lastYear.creditHours,
      ]),
      chartColumn: 3,
      compareColumn: 4,
    },
    { title: "项目类别", columns: ["类别", "项目数", "参训人次"], rows: o.categories.map((c) => [CATEGORY_NAMES[c.category as keyof typeof CATEGORY_NAMES] ?? c.category, c.projects, c.participants]), chartColumn: 1 },
  ];
  if (o.compliance) {
    const c = o.compliance;
    const row = (g: typeof c.total): Cell[] => [g.key || "全市", g.people, g.compliant, pct(g.rate)];
    tables.push(
      { title: "学时达标率-专业", columns: ["专业", "专业技术人员", "达标人数", "达标率（%）"], rows: [row(c.total), ...c.bySpecialty.map(row)] },
      { title: "学时达标率-工作单位", columns: ["工作单位", "专业技术人员", "达标人数", "达标率（%）"], rows: c.byEmployer.map(row) },
    );
  }
  tables.push(
    {
      title: "计划执行",
      columns: ["基地", "计划项目", "备案项目", "完成项目", "参训人次", "登记学时"],
      rows: o.perBase.map((b) => [b.baseName, b.plannedProjects, b.filedProjects, b.completedProjects, b.participants, b.creditHours]),
    },
    {
      title: "收费情况",
      columns: ["基地", "培训费收入（元）", "按核定标准（元）", "超标准收费项目"],
      rows: o.perBase.map((b) => [b.baseName, yuan(b.feeIncomeFen), yuan(b.standardIncomeFen), b.overStandardProjects]),
    },
    {
      title: "培训效果评估",
      columns: ["基地", "问卷份数", "平均分", "最低"],
      rows: o.perBase.map((b) => [b.baseName, b.surveyResponses, b.surveyAverage, b.lowestAverage ? "最低" : ""]),
    },
    t.openRiskFlags === null
      ? { title: "限期整改", columns: ["基地", "状态", "未完成整改"], rows: o.perBase.map((b) => [b.baseName, BASE_STATUS_NAMES[b.status] ?? b.status, b.openOrders]) }
      : {
          title: "限期整改与风险提示",
          columns: ["基地", "状态", "未完成整改", "未处理风险提示"],
          rows: o.perBase.map((b) => [b.baseName, BASE_STATUS_NAMES[b.status] ?? b.status, b.openOrders, b.openRiskFlags]),
        },
  );
  if (o.riskFlags?.length) {
    tables.push({ title: "风险提示类型", columns: ["类型", "未处理（条）"], rows: o.riskFlags.map((f) => [RISK_FLAG_KIND_NAMES[f.key as RiskFlagKind] ?? f.key, f.count]), chartColumn: 1 });
  }
  return tables;
}

export function reportSheets(o: StatisticsOverview): PlainSheet[] {
  return reportTables(o).map((t) => ({
    name: t.title.slice(0, 31),
    columns: t.columns.map((header) => ({ header })),
    rows: t.rows,
  }));
}
