// 第十六条: a base may fill its annual plan from the platform's Excel template; a bad file is refused
// row by row and changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, fillTemplate, filingCast, givenActiveBase, givenPlan, ok, setToday, templateHeader, XLSX, type FilingCast, type TestBase } from "../support/filing.js";

const GOOD_ROWS = [
  // a date typed into Excel arrives as a date cell; one pasted as text stays text: both are read
  ["海洋牧场建设技术培训班", "专业科目", "海洋工程", new Date(Date.UTC(2027, 2, 1)), "2027-03-02", 12, 50, 120, "市级继续教育工程项目"],
  ["专业技术人员职业道德公需课", "公需科目", "公需科目", "2027-04-10", "2027-04-10", 6, 100, 0, "人社部门委托项目"],
  ["安全生产管理实务", "专业科目", "安全生产", "2027-09-06", "2027-09-06", 4.5, 40, 19.99, "专业科目培训"],
];

describe.each(dialects)("annual plan import from Excel on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let template: Buffer | undefined;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const theTemplate = async () => (template ??= (await home.staff.get("/api/v1/annual-plans/template.xlsx")).body as Buffer);
  const importInto = (who: Client, plan: any, file: Buffer | string, mode: "append" | "replace" = "append") =>
    who.request("POST", `/api/v1/annual-plans/${plan.id}/items/import?mode=${mode}`, file, { "content-type": XLSX });

  it("offers the import template for download with the planned-project columns", async () => {
    const res = await home.staff.get("/api/v1/annual-plans/template.xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain(XLSX);
    const header = await templateHeader(res.body);
    const expected = ["项目名称", "科目类型", "专业方向", "计划开始日期", "计划结束日期", "学时", "计划人数", "收费标准", "项目类别"];
    expected.forEach((name, i) => expect(header[i], name).toContain(name));
  });

  it("appends or replaces planned projects from a filled template", async () => {
    const plan = await givenPlan(c, home, 2027, "draft");
    const { file } = await fillTemplate(await theTemplate(), GOOD_ROWS);
    const appended = ok(await importInto(home.staff, plan, file));
    expect(appended.items).toHaveLength(5);
    expect(appended.items.find((i: any) => i.title === "海洋牧场建设技术培训班")).toMatchObject({
      subjectType: "professional",
      category: "municipal_program",
      specialty: "海洋工程",
      plannedStart: "2027-03-01",
      plannedEnd: "2027-03-02",
      hours: 12,
      places: 50,
      feeFen: 120_00,
      key: expect.any(String),
    });
    expect(appended.items.find((i: any) => i.title === "专业技术人员职业道德公需课")).toMatchObject({ subjectType: "general", feeFen: 0, plannedStart: "2027-04-10" });
    // yuan with cents become whole fen (19.99 × 100 is 1998.9999… in floating point)
    expect(appended.items.find((i: any) => i.title === "安全生产管理实务")).toMatchObject({ hours: 4.5, feeFen: 1999 });
    const replaced = ok(await importInto(home.staff, plan, file, "replace"));
    expect(replaced.items.map((i: any) => i.title).sort()).toEqual(["专业技术人员职业道德公需课", "安全生产管理实务", "海洋牧场建设技术培训班"].sort());
    expect(replaced.version).toBeGreaterThan(appended.version);
  });

  it("reports each bad row with its row number and column, and imports nothing", async () => {
    const base = await givenActiveBase(c);
    const plan = await givenPlan(c, base, 2027, "draft");
    const { file, firstRow } = await fillTemplate(await theTemplate(), [
      GOOD_ROWS[0],
      ["", "专业科目", "海洋工程", "2027-05-01", "2027-05-02", 12, 50, 0, "其他"],
      ["选修课", "选修科目", "海洋工程", "2027-05-01", "2027-05-02", 12, 50, 0, "其他"],
      ["日期错误的项目", "专业科目", "海洋工程", "2027-02-30", "2027-03-01", 12, 50, 0, "其他"],
      ["学时错误的项目", "专业科目", "海洋工程", "2027-06-01", "2027-06-01", "十二", 50, 0, "其他"],
    ]);
    const res = await importInto(base.staff, plan, file);
    const details = expectError(res, 422, "IMPORT_ROWS_INVALID");
    expect(details.count).toBe(details.rows.length);
    expect(details.rows.map((r: any) => r.row).sort((a: number, b: number) => a - b)).toEqual([firstRow + 1, firstRow + 2, firstRow + 3, firstRow + 4]);
    for (const r of details.rows) {
      expect(r.column).toEqual(expect.any(String));
      expect(r.message).toEqual(expect.any(String));
    }
    expect(res.body.error.message).toContain(String(details.count));
    const after = ok(await base.staff.get(`/api/v1/annual-plans/${plan.id}`));
    expect(after).toMatchObject({ version: plan.version, items: plan.items });
  });

  it("refuses a file that is not an Excel workbook (IMPORT_FILE_INVALID)", async () => {
    const base = await givenActiveBase(c);
    const plan = await givenPlan(c, base, 2027, "draft");
    expectError(await importInto(base.staff, plan, "项目名称,科目类型\n海洋牧场,专业科目\n"), 422, "IMPORT_FILE_INVALID");
    expect(ok(await base.staff.get(`/api/v1/annual-plans/${plan.id}`)).version).toBe(plan.version);
  });

  it("imports only into the base's own plan while it can still be edited", async () => {
    const base = await givenActiveBase(c);
    const plan = await givenPlan(c, base, 2027, "submitted");
    const { file } = await fillTemplate(await theTemplate(), GOOD_ROWS);
    expectError(await importInto(base.staff, plan, file), 409, "PLAN_NOT_EDITABLE");
    const other = await givenPlan(c, await givenActiveBase(c), 2026, "draft");
    expectError(await importInto(c.base2, other, file), 404, "NOT_FOUND");
  });
});
