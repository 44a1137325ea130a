// Every Excel export reads as a spreadsheet a clerk can work in (issue 11 item 10): dates and times are
// real date cells showing Beijing time, the header row is frozen and filtered, and every download names
// its file twice, as plain ASCII (`filename=`) and as UTF-8 (`filename*=`).
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type Response, type TestServer } from "../support/harness.js";
import { enrolSelf, givenCourse, setNow } from "../support/completion.js";
import { filingCast, givenActiveBase, ok, XLSX, type FilingCast, type TestBase } from "../support/filing.js";
import { uploadEvidence } from "../support/professionals.js";
import { givenOpenOrder } from "../support/supervision-rectification.js";

/** 15:30 UTC is 23:30 in Beijing the same day: a UTC string or an unshifted Date would show the wrong time. */
const INSTANT = "2026-11-02T15:30:00.000Z";
/** What exceljs reads back for a cell showing 2026-11-02 23:30 (Excel has no zones: the wall time as UTC). */
const BEIJING_WALL = new Date("2026-11-02T23:30:00.000Z");
const calendarDay = (date: string) => new Date(`${date}T00:00:00.000Z`);

async function workbookOf(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get("content-type")).toContain(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as any);
  return wb.worksheets[0];
}

/** The cell under a header in the first data row whose first cell is `key` (or the first data row). */
function cellUnder(ws: ExcelJS.Worksheet, header: string, key?: string, headerRow = 1): ExcelJS.Cell {
  let col = 0;
  ws.getRow(headerRow).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col, `no column ${header}`).toBeGreaterThan(0);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (key === undefined || (row.values as unknown[]).includes(key)) return row.getCell(col);
  }
  throw new Error(`no row ${key ?? ""} in ${ws.name}`);
}

/** A date cell showing that wall time to the minute (the test clock ticks on by milliseconds). */
function expectDateCell(cell: ExcelJS.Cell, expected: Date, numFmt: string): void {
  expect(cell.type).toBe(ExcelJS.ValueType.Date);
  expect((cell.value as Date).toISOString().slice(0, 16)).toBe(expected.toISOString().slice(0, 16));
  expect(cell.numFmt).toBe(numFmt);
}

function expectFrozenFilteredHeader(ws: ExcelJS.Worksheet, headerRow = 1): void {
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
  const filter = ws.autoFilter as unknown;
  const ref = typeof filter === "string" ? filter : JSON.stringify(filter);
  expect(ref).toMatch(new RegExp(`^A${headerRow}:[A-Z]+${headerRow}$`));
}

function expectBothFilenames(res: Response, name: string): void {
  const header = res.headers.get("content-disposition") ?? "";
  expect(header).toMatch(/^(attachment|inline); filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  expect(header).not.toMatch(/filename="[^"]*[^\x20-\x7e]/);
  expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)![1])).toBe(name);
}

describe.each(dialects)("Excel exports on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let base: TestBase;
  let course: any;
  let orderBase: TestBase;

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    base = await givenActiveBase(c);
    orderBase = await givenActiveBase(c, "base2");
    course = await givenCourse(c, base);
    await setNow(c, INSTANT);
    await enrolSelf(c.pro1, course.id);
    await givenOpenOrder(c, orderBase, { deadline: "2026-12-31" });
  });
  afterAll(() => s.close());

  it("writes a project's class dates as date cells of that calendar day (filing)", async () => {
    const res = await c.bureau.get(`/api/v1/training-projects/export.xlsx?baseId=${base.id}`);
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws);
    expectDateCell(cellUnder(ws, "开班日期", course.filingNo), calendarDay("2026-12-14"), "yyyy-mm-dd");
    expectDateCell(cellUnder(ws, "结束日期", course.filingNo), calendarDay("2026-12-15"), "yyyy-mm-dd");
    expectBothFilenames(res, "培训项目.xlsx");
  });

  it("writes when a person enrolled as a date-time cell in Beijing time (delivery)", async () => {
    const res = await base.staff.get(`/api/v1/training-projects/${course.id}/enrollments.xlsx`);
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws);
    expectDateCell(cellUnder(ws, "报名时间"), BEIJING_WALL, "yyyy-mm-dd hh:mm");
    expectBothFilenames(res, "报名名单.xlsx");
  });

  it("writes a rectification order's deadline as a date and its issue time in Beijing time (supervision)", async () => {
    const res = await c.bureau.get(`/api/v1/rectification-orders/export.xlsx?baseId=${orderBase.id}`);
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws);
    expectDateCell(cellUnder(ws, "整改期限", orderBase.name), calendarDay("2026-12-31"), "yyyy-mm-dd");
    expectDateCell(cellUnder(ws, "下达时间", orderBase.name), BEIJING_WALL, "yyyy-mm-dd hh:mm");
    expectBothFilenames(res, "限期整改.xlsx");
  });

  it("writes a user's last sign-in as a date-time cell in Beijing time (users)", async () => {
    // sign-ins are stamped with the real time, not business time
    const before = s.clock.systemNow();
    await s.as("pro1");
    const after = s.clock.systemNow();
    const res = await c.bureau.get("/api/v1/users/export.xlsx?role=professional");
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws);
    const cell = cellUnder(ws, "最近登录", "pro1");
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.numFmt).toBe("yyyy-mm-dd hh:mm");
    const shown = (cell.value as Date).getTime();
    expect(shown).toBeGreaterThanOrEqual(before + 8 * 3600_000 - 1000);
    expect(shown).toBeLessThanOrEqual(after + 8 * 3600_000 + 1000);
    expectBothFilenames(res, "用户名单.xlsx");
  });

  it("freezes and filters the header of the organizations list and fits its columns to their content", async () => {
    const res = await c.bureau.get("/api/v1/organizations/export.xlsx");
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws);
    const nameWidth = ws.getColumn(1).width ?? 0;
    const typeWidth = ws.getColumn(2).width ?? 0;
    // the longest unit name is ~20 CJK characters, counted as two each; 类型 holds short labels
    expect(nameWidth).toBeGreaterThan(typeWidth);
    expect(nameWidth).toBeGreaterThanOrEqual(30);
    expectBothFilenames(res, "单位名录.xlsx");
  });

  it("freezes the header of the import templates and names them twice", async () => {
    const plan = await c.base.get("/api/v1/annual-plans/template.xlsx?year=2027");
    expectFrozenFilteredHeader(await workbookOf(plan));
    expectBothFilenames(plan, "年度培训计划导入模板-2027.xlsx");
    const enrolment = await base.staff.get(`/api/v1/training-projects/${course.id}/enrollments/template.xlsx`);
    expectFrozenFilteredHeader(await workbookOf(enrolment));
    expectBothFilenames(enrolment, "报名名单导入模板.xlsx");
  });

  it("freezes the sign-in sheet below its title rows, at its header", async () => {
    const session = course.sessions?.[0] ?? ok(await base.staff.get(`/api/v1/training-projects/${course.id}`)).sessions[0];
    const res = await base.staff.get(`/api/v1/training-projects/${course.id}/sessions/${session.id}/sign-in-sheet.xlsx`);
    const ws = await workbookOf(res);
    expectFrozenFilteredHeader(ws, 3);
    expect(res.headers.get("content-disposition")).toMatch(/filename=".+\.xlsx"; filename\*=UTF-8''/);
  });

  it("downloads a stored file under the name its uploader gave it, in ASCII and in UTF-8", async () => {
    const fileId = await uploadEvidence(base.staff, "培训场地证明");
    const res = await base.staff.get(`/api/v1/files/${fileId}`);
    expect(res.status).toBe(200);
    expectBothFilenames(res, "培训场地证明.pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="download\.pdf"/);
  });

  it("names the calendar feed in ASCII and in UTF-8 too", async () => {
    const ics = await c.pro1.get("/api/v1/public/training-projects.ics");
    expect(ics.headers.get("content-disposition")).toBe(`inline; filename="training.ics"; filename*=UTF-8''training.ics`);
  });
});
