// The sign-in sheet of a session (签到表, 第十七条: part of the project's archive): a printable A4 PDF
// with a signature box for everyone not yet checked in, the same list as Excel with a 签到 column to
// mark, and the import of a marked sheet (rows marked 已签到/✓/1 are checked in, method `import`).
import ExcelJS from "exceljs";
import type { ImportRowError } from "../../../shared/filing.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { beijingCell, DATE_FORMATS, finishSheet } from "../../platform/excel-sheet.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { readWorkbook } from "../filing/plan-excel.js";
import { attendanceRows, importCheckIns, requireAttendanceEditable, type AttendanceRow } from "./checkins.js";
import { cellText, columnsOf, findHeaderRow } from "./excel-cells.js";
import type { SignInSheetPrint } from "./signin-sheet-pdf.js";
import { projectInScope, sessionOf, type DeliveryProject, type DeliverySession } from "./project-facts.js";

export const SHEET_IMPORT_REASON = "签到表导入";


async function load(ctx: Ctx, projectId: string, sessionId: string, action: "checkIn.read" | "checkIn.manual") {
  const p = await projectInScope(ctx.db, ctx, projectId, action);
  const s = await sessionOf(ctx.db, p.id, sessionId);
  return { p, s, rows: await attendanceRows(ctx.db, p, s) };
}

const fileStem = (p: DeliveryProject, s: DeliverySession) => `签到表-${p.title}-${s.date}-第${s.seq + 1}次课`.replace(/[\\/:*?"<>|]/g, "_");

export interface SignInSheet {
  filename: string;
  bytes: Buffer;
  /** The people the sheet lists. */
  professionalIds: string[];
}

/** A download of the sheet names everyone on it: audited, one entry with how many. */
async function audited(ctx: Ctx, sessionId: string, format: "pdf" | "xlsx", sheet: SignInSheet): Promise<SignInSheet> {
  await auditPersonalDataRead(ctx, { action: "signInSheet.downloaded", resourceType: "projectSession", resourceId: sessionId, count: sheet.professionalIds.length, format });
  return sheet;
}

export async function signInSheetPdf(ctx: Ctx, projectId: string, sessionId: string): Promise<SignInSheet> {
  return audited(ctx, sessionId, "pdf", await renderSignInSheet(ctx, projectId, sessionId));
}

/** What the printed sheet shows, read on the request thread: the PDF itself is drawn by a document worker. */
export async function signInSheetPrint(ctx: Ctx, projectId: string, sessionId: string): Promise<{ print: SignInSheetPrint; filename: string; professionalIds: string[] }> {
  const { p, s, rows } = await load(ctx, projectId, sessionId, "checkIn.read");
  return {
    print: {
      project: { title: p.title, filingNo: p.filingNo, baseName: p.baseName, venue: p.venue },
      session: { seq: s.seq, title: s.title, hours: s.hours, date: s.date, startTime: s.startTime, endTime: s.endTime, teacher: s.teacher },
      rows: rows.map((r) => ({ name: r.name, idNumber: r.idNumber, employer: r.employer, checkIn: r.checkIn && { checkedInAt: r.checkIn.checkedInAt, method: r.checkIn.method } })),
      printedAt: ctx.clock.nowIso(),
    },
    filename: `${fileStem(p, s)}.pdf`,
    professionalIds: rows.map((r) => r.professionalId),
  };
}

/** The sheet as PDF, unaudited, built by a document worker (issue 10 item 5). */
async function renderSignInSheet(ctx: Ctx, projectId: string, sessionId: string): Promise<SignInSheet> {
  const { print, filename, professionalIds } = await signInSheetPrint(ctx, projectId, sessionId);
  return { filename, bytes: Buffer.from(await ctx.documents.build({ kind: "signInSheetPdf", sheet: print })), professionalIds };
}

// ---------------------------------------------------------------------------------------------
// Excel: the list to mark, and the marked list back

export const SHEET_HEADERS = ["序号", "学员编号", "姓名", "身份证号码", "工作单位", "签到时间", "签到"] as const;
const MARKED = new Set(["已签到", "签到", "✓", "√", "✔", "1", "是", "y", "yes"]);
const UNMARKED = new Set(["", "未签到", "否", "0", "×", "✗", "n", "no"]);

export async function signInSheetXlsx(ctx: Ctx, projectId: string, sessionId: string): Promise<SignInSheet> {
  const { p, s, rows } = await load(ctx, projectId, sessionId, "checkIn.read");
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  const ws = wb.addWorksheet("签到表");
  ws.addRow([`${p.title}\u3000第 ${s.seq + 1} 次课：${s.title}`]).font = { bold: true, size: 13 };
  ws.addRow([`${s.date} ${s.startTime}—${s.endTime}\u3000授课教师：${s.teacher}\u3000备案号：${p.filingNo ?? ""}\u3000“签到”栏填“已签到”、“✓”或“1”后可导入平台，未签到留空`]);
  ws.addRow([...SHEET_HEADERS]);
  rows.forEach((r, i) => {
    const row = ws.addRow([i + 1, r.professionalId, r.name, r.idNumber, r.employer, r.checkIn ? beijingCell(r.checkIn.checkedInAt, "datetime") : null, r.checkIn ? "已签到" : ""]);
    row.getCell(6).numFmt = DATE_FORMATS.datetime;
  });
  finishSheet(ws, { headerRow: 3, columnCount: SHEET_HEADERS.length, minWidths: [6, 30, 8, 22, 12, 16, 10] });
  for (let n = 4; n < 4 + Math.max(rows.length, 1); n++) {
    ws.getCell(`G${n}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"已签到,✓,1"'] };
  }
  const sheet = { filename: `${fileStem(p, s)}.xlsx`, bytes: Buffer.from(await wb.xlsx.writeBuffer()), professionalIds: rows.map((r) => r.professionalId) };
  return audited(ctx, s.id, "xlsx", sheet);
}

export function parseSheetRows(ws: ExcelJS.Worksheet, enrolled: Map<string, AttendanceRow>): { present: AttendanceRow[]; errors: ImportRowError[] } {
  const present: AttendanceRow[] = [];
  const errors: ImportRowError[] = [];
  const headerRow = findHeaderRow(ws, ["学员编号", "姓名", "签到"]);
  if (!headerRow) {
    errors.push({ row: 1, column: "表头", message: `表头须含：学员编号、姓名、签到（请使用平台导出的签到表）` });
    return { present, errors };
  }
  const cols = columnsOf(ws, headerRow);
  const seen = new Map<string, number>();
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const get = (h: string) => cellText(row.getCell(cols.get(h)!).value);
    const id = get("学员编号");
    const name = get("姓名");
    const mark = get("签到");
    const bad = (column: string, message: string) => errors.push({ row: n, column, message });
    const normalized = mark.toLowerCase();
    if (UNMARKED.has(normalized)) return;
    if (!MARKED.has(normalized)) return bad("签到", "只能填“已签到”、“✓”或“1”，未签到请留空");
    if (!id) return bad("学员编号", "缺少学员编号，请使用平台导出的签到表");
    const person = enrolled.get(id);
    if (!person) return bad("学员编号", "不是本项目的报名学员");
    if (name && name !== person.name) return bad("姓名", `与学员编号不符（应为 ${person.name}）`);
    if (seen.has(id)) return bad("学员编号", `与第 ${seen.get(id)} 行重复`);
    seen.set(id, n);
    present.push(person);
  });
  return { present, errors };
}

export async function importSignInSheet(ctx: Ctx, projectId: string, sessionId: string, bytes: Buffer): Promise<{ imported: number; skipped: number }> {
  const p = await projectInScope(ctx.db, ctx, projectId, "checkIn.manual");
  const s = await sessionOf(ctx.db, p.id, sessionId);
  requireAttendanceEditable(ctx, p, s);
  if (bytes.length === 0) throw new DomainError("IMPORT_FILE_INVALID");
  const rows = await attendanceRows(ctx.db, p, s);
  const { present, errors } = parseSheetRows(await readWorkbook(bytes), new Map(rows.map((r) => [r.professionalId, r])));
  if (errors.length) throw new DomainError("IMPORT_ROWS_INVALID", { count: errors.length, rows: errors.slice(0, 500) });
  return importCheckIns(ctx, p, s, present, SHEET_IMPORT_REASON);
}
