// 第十条: every planned project and training project carries its category (国家/省/市级继续教育工程项目,
// 高级研修, 委托培训, 专业科目培训, 学术交流, 人社部门委托, 其他); lists, the public calendar and the plan's
// Excel import know it, and a project carrying out a planned project takes the plan item's category.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import {
  expectError,
  fillTemplate,
  filingCast,
  givenActiveBase,
  givenFiledProject,
  givenPlan,
  ok,
  plannedProject,
  projectInput,
  readSheet,
  setToday,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";

describe.each(dialects)("project categories on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let anon: Client;
  let home: TestBase;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    anon = s.client();
    home = await givenActiveBase(c, "base");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  it("saves a project's category and refuses an unknown one or none with a 400 in the error shape", async () => {
    const made = ok(await home.staff.post("/api/v1/training-projects", projectInput(home.id, { category: "advanced_seminar" })), 201);
    expect(made.category).toBe("advanced_seminar");
    expect(ok(await home.staff.get(`/api/v1/training-projects/${made.id}`)).category).toBe("advanced_seminar");
    const unknown = expectError(await home.staff.post("/api/v1/training-projects", { ...projectInput(home.id), category: "vip_class" }), 400, "VALIDATION_FAILED");
    expect(JSON.stringify(unknown)).toContain("category");
    const { category: _none, ...without } = projectInput(home.id);
    expect(expectError(await home.staff.post("/api/v1/training-projects", without), 400, "VALIDATION_FAILED").field).toBe("category");
    // an edit that leaves the category out keeps it; one that names another changes it
    const { category: _c, ...edit } = projectInput(home.id, { title: "改名后的高级研修班" });
    const kept = ok(await home.staff.patch(`/api/v1/training-projects/${made.id}`, { ...edit, version: made.version }));
    expect(kept).toMatchObject({ title: "改名后的高级研修班", category: "advanced_seminar" });
    const changed = ok(await home.staff.patch(`/api/v1/training-projects/${made.id}`, { ...edit, category: "academic_exchange", version: kept.version }));
    expect(changed.category).toBe("academic_exchange");
  });

  it("filters the project list, its Excel export and the public calendar by category", async () => {
    const base = await givenActiveBase(c, "base2");
    const national = await givenFiledProject(base, { title: "国家级工程项目研修班", category: "national_program" });
    const commissioned = await givenFiledProject(base, { title: "行业委托培训班", category: "commissioned" });
    const ids = async (who: Client, url: string) => (ok(await who.get(url)).items as any[]).map((x) => x.id).filter((id) => id === national.id || id === commissioned.id);
    expect(await ids(base.staff, `/api/v1/training-projects?baseId=${base.id}&category=national_program`)).toEqual([national.id]);
    expect(await ids(c.bureau, `/api/v1/training-projects?pageSize=200&category=commissioned`)).toEqual([commissioned.id]);
    expect(ok(await c.bureau.get(`/api/v1/training-projects?baseId=${base.id}`)).items.find((x: any) => x.id === national.id).category).toBe("national_program");
    expect(await ids(anon, `/api/v1/public/training-projects?pageSize=200&category=national_program`)).toEqual([national.id]);
    expect(await ids(anon, `/api/v1/public/training-projects?pageSize=200&category=other`)).toEqual([]);
    expect(ok(await anon.get(`/api/v1/public/training-projects/${commissioned.id}`)).category).toBe("commissioned");
    expectError(await anon.get("/api/v1/public/training-projects?category=vip_class"), 400, "VALIDATION_FAILED");
    expectError(await c.bureau.get("/api/v1/training-projects?category=vip_class"), 400, "VALIDATION_FAILED");
    const sheet = await readSheet((await c.bureau.get(`/api/v1/training-projects/export.xlsx?baseId=${base.id}&category=commissioned`)).body);
    const col = (sheet[0] as string[]).indexOf("项目类别");
    expect(col).toBeGreaterThan(-1);
    expect(sheet.slice(1).map((r) => r[col])).toEqual(["政府部门或行业委托培训"]);
  });

  it("gives a project carrying out a planned project the plan item's category unless it names its own", async () => {
    const base = await givenActiveBase(c, "base");
    const plan = await givenPlan(c, base, 2026, "filed", { items: [plannedProject(2026, { category: "provincial_program" })] });
    expect(plan.items[0].category).toBe("provincial_program");
    const { category: _none, ...fromPlan } = projectInput(base.id, { adHoc: false, adHocReason: null, annualPlanId: plan.id, planItemKey: plan.items[0].key });
    const carried = ok(await base.staff.post("/api/v1/training-projects", fromPlan), 201);
    expect(carried.category).toBe("provincial_program");
    const filed = ok(await base.staff.post(`/api/v1/training-projects/${carried.id}/actions/submit`, { version: carried.version }));
    expect(filed).toMatchObject({ status: "filed", category: "provincial_program" });
    const own = ok(await base.staff.post("/api/v1/training-projects", { ...fromPlan, category: "hrss_commissioned" }), 201);
    expect(own.category).toBe("hrss_commissioned");
    // plan items need a category too
    const bad = { ...plannedProject(2027), category: "vip_class" };
    expectError(await base.staff.post("/api/v1/annual-plans", { baseId: base.id, year: 2027, items: [bad] }), 400, "VALIDATION_FAILED");
  });

  it("reads plan items saved before categories as 其他 (other)", async () => {
    const other = await givenActiveBase(c, "base2");
    const plan = await givenPlan(c, other, 2027, "draft");
    const db = s.app.platform.db;
    const row = await db.selectFrom("annualPlans").select("items").where("id", "=", plan.id).executeTakeFirstOrThrow();
    const legacy = (JSON.parse(row.items) as Array<Record<string, unknown>>).map(({ category: _c, ...it }) => it);
    await db.updateTable("annualPlans").set({ items: JSON.stringify(legacy) }).where("id", "=", plan.id).execute();
    const read = ok(await other.staff.get(`/api/v1/annual-plans/${plan.id}`));
    expect(read.items.map((i: any) => i.category)).toEqual(legacy.map(() => "other"));
  });

  it("reads the category column of the plan import by its Chinese name, and the template of before as 其他", async () => {
    const plan = await givenPlan(c, home, 2027, "draft");
    const template = (await home.staff.get("/api/v1/annual-plans/template.xlsx")).body as Buffer;
    const row = (title: string, category: string) => [title, "专业科目", "智能制造", "2027-05-10", "2027-05-11", 12, 50, 0, category];
    const { file } = await fillTemplate(template, [row("国家级高端研修", "国家级继续教育工程项目"), row("学术交流会", "学术交流"), row("代码填写", "hrss_commissioned")]);
    const imported = ok(await home.staff.request("POST", `/api/v1/annual-plans/${plan.id}/items/import?mode=replace`, file, { "content-type": XLSX }));
    expect(imported.items.map((i: any) => [i.title, i.category])).toEqual([
      ["国家级高端研修", "national_program"],
      ["学术交流会", "academic_exchange"],
      ["代码填写", "hrss_commissioned"],
    ]);
    const { file: badFile, firstRow } = await fillTemplate(template, [row("类别不明", "培训班"), row("类别为空", "")]);
    const details = expectError(await home.staff.request("POST", `/api/v1/annual-plans/${plan.id}/items/import`, badFile, { "content-type": XLSX }), 422, "IMPORT_ROWS_INVALID");
    expect(details.rows.map((r: any) => [r.row, r.column])).toEqual([
      [firstRow, "项目类别"],
      [firstRow + 1, "项目类别"],
    ]);
    // a sheet made from the template of before categories (eight columns) still imports, as 其他
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("年度培训计划");
    ws.addRow(["项目名称", "科目类型", "专业方向", "计划开始日期", "计划结束日期", "学时", "计划人数", "收费标准（元/人）"]);
    ws.addRow(["旧模板项目", "公需科目", "综合", "2027-06-01", "2027-06-01", 6, 80, 0]);
    const old = Buffer.from(await wb.xlsx.writeBuffer());
    const fromOld = ok(await home.staff.request("POST", `/api/v1/annual-plans/${plan.id}/items/import?mode=replace`, old, { "content-type": XLSX }));
    expect(fromOld.items.map((i: any) => [i.title, i.category])).toEqual([["旧模板项目", "other"]]);
  });
});
