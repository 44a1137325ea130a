// Excel in for enrolment lists: the template a base fills with its attendees and the importer that
// reads it back row by row. A file with any bad row enrols nobody and names each problem (row, column,
// message); the file is parsed before the transaction so a large sheet never holds the database.
import ExcelJS from "exceljs";
import type { ImportRowError } from "../../../shared/filing.js";
import { idNumberProblem, type IdNumberProblem } from "../../../shared/identifiers.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { readWorkbook } from "../filing/plan-excel.js";
import { normalizeIdNumber } from "../professionals/identity.js";
import { enrolMany, type BulkEnrolmentResult, type EnrolmentRow } from "./enrollments.js";
import { projectInScope } from "./project-facts.js";
import { finishSheet } from "../../platform/excel-sheet.js";
import { cellText, columnsOf, findHeaderRow } from "./excel-cells.js";

export const ENROLMENT_COLUMNS = [
  { header: "姓名", width: 12, note: "必填，2—50 字" },
  { header: "身份证号码", width: 22, note: "必填，18 位居民身份证号码（请按文本格式填写）" },
  { header: "工作单位", width: 32, note: "必填，2—100 字" },
  { header: "职称", width: 14, note: "选填，如：高级工程师" },
  { header: "专业", width: 14, note: "选填，如：机械工程" },
  { header: "手机号码", width: 14, note: "选填，11 位手机号或固定电话" },
] as const;
const HEADERS = ENROLMENT_COLUMNS.map((c) => c.header);
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
/** The most people one file may enrol: a course's capacity is far below it. */
const MAX_ROWS = 5000;

export async function enrolmentTemplate(ctx: Ctx, projectId: string): Promise<Buffer> {
  const p = await projectInScope(ctx.db, ctx, projectId, "enrollment.create");
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  const ws = wb.addWorksheet("报名名单");
  ws.columns = ENROLMENT_COLUMNS.map((c) => ({ header: c.header }));
  finishSheet(ws, { minWidths: ENROLMENT_COLUMNS.map((c) => c.width) });
  ENROLMENT_COLUMNS.forEach((c, i) => (ws.getRow(1).getCell(i + 1).note = c.note));
  // ID and phone numbers are text: Excel would round an 18-digit number.
  ws.getColumn(2).numFmt = "@";
  ws.getColumn(6).numFmt = "@";
  const help = wb.addWorksheet("填写说明");
  help.addRow([`${p.title} 报名名单导入模板`]);
  help.addRow(["每行一名参训人员；第一行为表头，请勿修改。已报名的人员导入时自动跳过。"]);
  help.addRow(["平台按身份证号码查找人员；尚未注册的人员由基地代为登记，本人可凭身份证号码自助注册认领账号。"]);
  for (const c of ENROLMENT_COLUMNS) help.addRow([c.header, c.note]);
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function parseEnrolmentRows(ws: ExcelJS.Worksheet): { rows: EnrolmentRow[]; errors: ImportRowError[] } {
  const rows: EnrolmentRow[] = [];
  const errors: ImportRowError[] = [];
  const headerRow = findHeaderRow(ws, HEADERS.slice(0, 3));
  if (!headerRow) {
    errors.push({ row: 1, column: "表头", message: `表头须为：${HEADERS.join("、")}` });
    return { rows, errors };
  }
  const cols = columnsOf(ws, headerRow);
  const firstRowOf = new Map<string, number>();
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const get = (h: string) => (cols.has(h) ? cellText(row.getCell(cols.get(h)!).value) : "");
    const v = { name: get("姓名"), idNumber: normalizeIdNumber(get("身份证号码")), employer: get("工作单位"), title: get("职称"), specialty: get("专业"), phone: get("手机号码") };
    if (Object.values(v).every((x) => x === "")) return;
    const bad = (column: string, message: string) => errors.push({ row: n, column, message });
    const before = errors.length;
    const len = (s: string) => [...s].length;
    if (len(v.name) < 2 || len(v.name) > 50) bad("姓名", "须为 2—50 字");
    const idProblem = v.idNumber ? idNumberProblem(v.idNumber) : null;
    if (!v.idNumber) bad("身份证号码", "必填");
    else if (idProblem) bad("身份证号码", ID_NUMBER_PROBLEM[idProblem]);
    else if (firstRowOf.has(v.idNumber)) bad("身份证号码", `与第 ${firstRowOf.get(v.idNumber)} 行重复`);
    else firstRowOf.set(v.idNumber, n);
    if (len(v.employer) < 2 || len(v.employer) > 100) bad("工作单位", "须为 2—100 字");
    if (len(v.title) > 50) bad("职称", "不能超过 50 字");
    if (len(v.specialty) > 50) bad("专业", "不能超过 50 字");
    if (v.phone && !PHONE.test(v.phone)) bad("手机号码", "须为 11 位手机号或固定电话（如 0631-5230001）");
    if (errors.length === before) {
      rows.push({ row: n, person: { name: v.name, idNumber: v.idNumber, employer: v.employer, title: v.title || undefined, specialty: v.specialty || undefined, phone: v.phone || undefined } });
    }
  });
  return { rows, errors };
}

const ID_NUMBER_PROBLEM: Record<IdNumberProblem, string> = {
  shape: "不是 18 位居民身份证号码",
  region: "前 6 位不是有效的行政区划代码（GB/T 2260）",
  birthDate: "出生日期不存在",
  futureBirthDate: "出生日期晚于今天",
  checksum: "不是有效的 18 位居民身份证号码（GB 11643 校验未通过）",
};

const COLUMN_OF_ERROR: Record<string, string> = { ID_NAME_MISMATCH: "姓名", INVALID_ID_NUMBER: "身份证号码" };

export async function importEnrolments(ctx: Ctx, projectId: string, bytes: Buffer): Promise<BulkEnrolmentResult> {
  // Scope first: a file sent to a project out of reach learns nothing about its rows.
  await projectInScope(ctx.db, ctx, projectId, "enrollment.create");
  if (bytes.length === 0) throw new DomainError("IMPORT_FILE_INVALID");
  const { rows, errors } = parseEnrolmentRows(await readWorkbook(bytes));
  if (errors.length) throw new DomainError("IMPORT_ROWS_INVALID", { count: errors.length, rows: errors.slice(0, 500) });
  if (rows.length === 0) throw new DomainError("IMPORT_ROWS_INVALID", { count: 1, rows: [{ row: 2, column: "姓名", message: "文件中没有参训人员" }] });
  if (rows.length > MAX_ROWS) throw new DomainError("IMPORT_ROWS_INVALID", { count: 1, rows: [{ row: rows[MAX_ROWS].row, column: "姓名", message: `一次最多导入 ${MAX_ROWS} 人` }] });
  return enrolMany(ctx, projectId, rows, (code) => COLUMN_OF_ERROR[code] ?? "身份证号码");
}
