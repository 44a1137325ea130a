// The sign-in sheet of a session (签到表, 第十七条: part of the project's archive): a printable A4 PDF
// with a signature box for everyone not yet checked in, the same list as Excel with a 签到 column to
// mark, and the import of a marked sheet (rows marked 已签到/✓/1 are checked in, method `import`).
import ExcelJS from "exceljs";
import type { ImportRowError } from "../../../shared/filing.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { chineseDate, createDocument, GRAY, PageFlow, stampPageNumbers } from "../../platform/pdf.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { readWorkbook } from "../filing/plan-excel.js";
import { attendanceRows, importCheckIns, requireAttendanceEditable, type AttendanceRow } from "./checkins.js";
import { cellText, columnsOf, findHeaderRow } from "./excel-cells.js";
import { projectInScope, sessionOf, type DeliveryProject, type DeliverySession } from "./project-facts.js";

const METHOD_NAMES: Record<string, string> = { qr: "扫码", manual: "补签", import: "签到表" };
export const SHEET_IMPORT_REASON = "签到表导入";

/** An instant as HH:MM in Asia/Shanghai. */
const clockTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

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
  return audited(ctx, sessionId, "pdf", await renderSignInSheetPdf(ctx, projectId, sessionId));
}

/** The sheet as PDF, unaudited: for the project archive, whose download is audited once as a whole. */
export async function renderSignInSheetPdf(ctx: Ctx, projectId: string, sessionId: string): Promise<SignInSheet> {
  const { p, s, rows } = await load(ctx, projectId, sessionId, "checkIn.read");
  const kit = await createDocument({ title: `签到表 · ${p.title}`, subject: `${p.baseName} · ${s.date}` });
  const flow = new PageFlow(kit, undefined, { top: 56, right: 48, bottom: 64, left: 48 });
  flow.text("培训签到表", { font: kit.boldFont, size: 18, align: "center" });
  flow.gap(8);
  const facts: [string, string][] = [
    ["培训项目", p.title],
    ["备案号", p.filingNo ?? "（未备案）"],
    ["举办基地", p.baseName],
    ["课程", `第 ${s.seq + 1} 次课：${s.title}（${s.hours} 学时）`],
    ["时间", `${chineseDate(s.date)} ${s.startTime}—${s.endTime}`],
    ["授课教师", s.teacher],
    ["地点", p.venue],
  ];
  for (const [k, v] of facts) flow.text(`${k}：${v}`, { font: kit.font, size: 10.5, leading: 1.6 });
  flow.gap(6);
  const checkedIn = rows.filter((r) => r.checkIn).length;
  flow.text(`应到 ${rows.length} 人，已签到 ${checkedIn} 人。未签到人员请在“本人签名”栏签字。`, { font: kit.font, size: 9.5, color: GRAY });
  flow.gap(6);
  flow.table(
    [
      { title: "序号", weight: 0.6, align: "center" },
      { title: "姓名", weight: 1.2 },
      { title: "身份证号码", weight: 2 },
      { title: "工作单位", weight: 2.6 },
      { title: "签到时间", weight: 1.4, align: "center" },
      { title: "本人签名", weight: 1.6 },
    ],
    rows.map((r, i) => [String(i + 1), r.name, r.idNumber, r.employer, r.checkIn ? `${clockTime(r.checkIn.checkedInAt)} ${METHOD_NAMES[r.checkIn.method]}` : "", ""]),
    { size: 10, emptyRows: 10 },
  );
  flow.gap(24);
  flow.text(`经办人（签字）：____________\u3000\u3000\u3000\u3000打印时间：${chineseDate(ctx.clock.nowIso())} ${clockTime(ctx.clock.nowIso())}`, { font: kit.font, size: 10.5 });
  stampPageNumbers(kit);
  return { filename: `${fileStem(p, s)}.pdf`, bytes: Buffer.from(await kit.doc.save()), professionalIds: rows.map((r) => r.professionalId) };
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
  const header = ws.addRow([...SHEET_HEADERS]);
  header.font = { bold: true };
  [6, 30, 12, 22, 30, 18, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rows.forEach((r, i) =>
    ws.addRow([i + 1, r.professionalId, r.name, r.idNumber, r.employer, r.checkIn ? `${r.checkIn.checkedInAt.slice(0, 10)} ${clockTime(r.checkIn.checkedInAt)}` : "", r.checkIn ? "已签到" : ""]),
  );
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
