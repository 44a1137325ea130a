// Excel in and out for annual plans: the template a base fills with its planned projects, and the
// importer that reads it back row by row. A file with any bad row imports nothing and names each
// problem (row, column, message), so the base fixes the sheet and imports again.
import ExcelJS from "exceljs";
import type { AnnualPlanView, ImportRowError, PlannedProject, SubjectType } from "../../../shared/filing.js";
import { isValidDate } from "../../platform/calendar.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { finishSheet } from "../../platform/excel-sheet.js";
import { CATEGORY_NAMES, categoryFromText } from "./categories.js";
import { getPlan, loadPlanForEdit, writePlanContent } from "./plans.js";

const SUBJECT_BY_LABEL: Record<string, SubjectType> = { 公需科目: "general", 公需: "general", 专业科目: "professional", 专业: "professional" };

export const TEMPLATE_COLUMNS = [
  { header: "项目名称", key: "title", width: 36, note: "必填，2—100 字" },
  { header: "科目类型", key: "subjectType", width: 12, note: "公需科目 或 专业科目" },
  { header: "专业方向", key: "specialty", width: 16, note: "如：工程技术、卫生健康" },
  { header: "计划开始日期", key: "plannedStart", width: 14, note: "YYYY-MM-DD，须在计划年度内" },
  { header: "计划结束日期", key: "plannedEnd", width: 14, note: "YYYY-MM-DD，不早于开始日期" },
  { header: "学时", key: "hours", width: 8, note: "0.5 的整数倍" },
  { header: "计划人数", key: "places", width: 10, note: "正整数" },
  { header: "收费标准（元/人）", key: "feeYuan", width: 16, note: "0 表示免费，最多两位小数" },
  // 第十条: last, so a sheet made from the template of before categories still imports (its rows read 其他)
  { header: "项目类别", key: "category", width: 24, note: `必填，${Object.values(CATEGORY_NAMES).join("、")}之一` },
] as const;
const CATEGORY_COLUMN = TEMPLATE_COLUMNS.length - 1;

export async function planTemplate(year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  const ws = wb.addWorksheet("年度培训计划");
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  finishSheet(ws, { minWidths: TEMPLATE_COLUMNS.map((c) => c.width) });
  TEMPLATE_COLUMNS.forEach((c, i) => (ws.getRow(1).getCell(i + 1).note = c.note));
  for (let r = 2; r <= 501; r++) {
    ws.getCell(`B${r}`).dataValidation = { type: "list", allowBlank: false, formulae: ['"公需科目,专业科目"'] };
    ws.getCell(`I${r}`).dataValidation = { type: "list", allowBlank: false, formulae: [`"${Object.values(CATEGORY_NAMES).join(",")}"`] };
  }
  const help = wb.addWorksheet("填写说明");
  help.addRow([`${year} 年度培训计划导入模板`]);
  help.addRow(["每行一个计划项目；第一行为表头，请勿修改。"]);
  for (const c of TEMPLATE_COLUMNS) help.addRow([c.header, c.note]);
  help.addRow([]);
  help.addRow(["示例", "专业技术人员职业道德与诚信建设", "公需科目", "综合", `${year}-03-16`, `${year}-03-17`, 12, 80, 0, CATEGORY_NAMES.hrss_commissioned]);
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A date cell as YYYY-MM-DD; "" for a date cell holding no real date (a huge serial number). */
function isoDay(d: Date): string {
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return isoDay(v);
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("").trim();
  if (typeof v === "object" && "result" in v) return text(v.result as ExcelJS.CellValue);
  if (typeof v === "object" && "text" in v) return String(v.text).trim();
  return String(v).trim();
}

/** Excel stores a typed date as a Date at UTC midnight; a text cell is read as typed. */
function dateOf(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return isoDay(v);
  return text(v).replace(/[./]/g, "-").replace(/^(\d{4})-(\d)-/, "$1-0$2-").replace(/-(\d)$/, "-0$1");
}

export function parsePlanRows(ws: ExcelJS.Worksheet, year: number): { items: PlannedProject[]; errors: ImportRowError[] } {
  const items: PlannedProject[] = [];
  const errors: ImportRowError[] = [];
  const header = TEMPLATE_COLUMNS.map((_, i) => text(ws.getRow(1).getCell(i + 1).value));
  // The template of before 第十条 categories lacks the last column: its rows are `other`.
  const hasCategory = header[CATEGORY_COLUMN] !== "";
  if (TEMPLATE_COLUMNS.some((c, i) => header[i] !== c.header && (i !== CATEGORY_COLUMN || hasCategory))) {
    errors.push({ row: 1, column: "表头", message: `表头须为：${TEMPLATE_COLUMNS.map((c) => c.header).join("、")}` });
    return { items, errors };
  }
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (i: number) => row.getCell(i + 1).value;
    const values = TEMPLATE_COLUMNS.map((_, i) => text(cell(i)));
    if (values.every((v) => v === "")) return;
    const bad = (column: string, message: string) => errors.push({ row: n, column, message });
    const before = errors.length;
    const title = values[0];
    if (title.length < 2 || title.length > 100) bad("项目名称", "须为 2—100 字");
    const subjectType = SUBJECT_BY_LABEL[values[1]];
    if (!subjectType) bad("科目类型", "须为“公需科目”或“专业科目”");
    const specialty = values[2];
    if (specialty.length > 50) bad("专业方向", "不能超过 50 字");
    const plannedStart = dateOf(cell(3));
    const plannedEnd = dateOf(cell(4));
    if (!isValidDate(plannedStart)) bad("计划开始日期", "不是有效日期（YYYY-MM-DD）");
    else if (!plannedStart.startsWith(`${year}-`)) bad("计划开始日期", `须在 ${year} 年内`);
    if (!isValidDate(plannedEnd)) bad("计划结束日期", "不是有效日期（YYYY-MM-DD）");
    else if (!plannedEnd.startsWith(`${year}-`)) bad("计划结束日期", `须在 ${year} 年内`);
    else if (isValidDate(plannedStart) && plannedEnd < plannedStart) bad("计划结束日期", "早于计划开始日期");
    const hours = Number(values[5]);
    if (!values[5] || !Number.isFinite(hours) || hours < 0.5 || hours > 1000 || Math.round(hours * 2) !== hours * 2) bad("学时", "须为 0.5—1000 之间 0.5 的整数倍");
    const places = Number(values[6]);
    if (!values[6] || !Number.isInteger(places) || places < 1 || places > 100_000) bad("计划人数", "须为正整数");
    const fee = Number(values[7] || "0");
    const feeFen = Math.round(fee * 100);
    if (!Number.isFinite(fee) || fee < 0 || Math.abs(fee * 100 - feeFen) > 1e-6 || feeFen > 100_000_000) bad("收费标准（元/人）", "须为不小于 0、最多两位小数的金额");
    const category = hasCategory ? categoryFromText(values[CATEGORY_COLUMN]) : "other";
    if (!category) bad("项目类别", `须为${Object.values(CATEGORY_NAMES).join("、")}之一`);
    if (errors.length === before) items.push({ title, subjectType: subjectType!, category: category!, specialty, plannedStart, plannedEnd, hours, places, feeFen });
  });
  return { items, errors };
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError("IMPORT_FILE_INVALID");
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError("IMPORT_FILE_INVALID");
  return ws;
}

export async function importPlanItems(ctx: Ctx, planId: string, bytes: Buffer, mode: "append" | "replace", version?: number): Promise<AnnualPlanView> {
  if (bytes.length === 0) throw new DomainError("IMPORT_FILE_INVALID");
  // Read the file before the transaction: parsing a large sheet must not hold the database meanwhile.
  const seen = await loadPlanForEdit(ctx.db, ctx, planId);
  const { items, errors } = parsePlanRows(await readWorkbook(bytes), seen.year);
  if (errors.length) throw new DomainError("IMPORT_ROWS_INVALID", { count: errors.length, rows: errors.slice(0, 500) });
  if (items.length === 0) throw new DomainError("IMPORT_ROWS_INVALID", { count: 1, rows: [{ row: 2, column: "项目名称", message: "文件中没有计划项目" }] });
  await inTransaction(ctx, async (trx) => {
    // The version check inside writePlanContent refuses an edit that came in while the file was read.
    const plan = await loadPlanForEdit(trx, ctx, planId);
    const next = mode === "replace" ? items : [...plan.items, ...items];
    await writePlanContent(trx, ctx, plan, { items: next, summary: plan.summary }, version ?? seen.version, { imported: items.length, mode });
  });
  return getPlan(ctx, planId);
}
