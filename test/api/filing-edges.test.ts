// The edges a review of filing found: a planned project must name its planned project, hours must fit
// the session times, lateness is judged by the first submission, imports keep the plan within its
// limits and never answer 500, blank texts and impossible years are refused, searches read % literally.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import {
  expectError,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFiledProject,
  givenPlan,
  ok,
  plannedProject,
  planInput,
  projectInput,
  setToday,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";

describe.each(dialects)("filing edges on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const submit = (p: any) => home.staff.post(`/api/v1/training-projects/${p.id}/actions/submit`, { version: p.version });
  const lecture = (startTime: string, endTime: string, hours: number) => ({ date: "2026-12-14", startTime, endTime, title: "专题讲座", teacher: "李建华", hours });

  it("refuses a planned project that does not name the planned project it carries out (PLAN_ITEM_REQUIRED)", async () => {
    const base = await givenActiveBase(c, "base");
    const plan = await givenPlan(c, base, 2026, "filed");
    const draft = await givenDraftProject(base, { adHoc: false, adHocReason: null, annualPlanId: plan.id, planItemKey: null });
    expectError(await base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version }), 422, "PLAN_ITEM_REQUIRED");
  });

  it("refuses hours a session's time cannot hold (45 minutes a credit hour) and overlapping sessions", async () => {
    const short = await givenDraftProject(home, { endDate: "2026-12-14", sessions: [lecture("09:00", "09:30", 6)], hours: 6 });
    expect(expectError(await submit(short), 422, "INVALID_DATES").reason).toContain("每学时不少于 45 分钟");
    const overlap = await givenDraftProject(home, { endDate: "2026-12-14", sessions: [lecture("09:00", "12:00", 3), lecture("11:00", "14:00", 3)], hours: 6 });
    expect(expectError(await submit(overlap), 422, "INVALID_DATES").reason).toContain("时间重叠");
    // Four credit hours in 08:30–11:30 (45 minutes each) are fine.
    const fits = await givenDraftProject(home, { endDate: "2026-12-14", sessions: [lecture("08:30", "11:30", 4)], hours: 4 });
    expect(ok(await submit(fits)).status).toBe("filed");
  });

  it("keeps a plan reported on time on time when it is returned and resubmitted after 31 December", async () => {
    const base = await givenActiveBase(c, "base");
    await setToday(c, "2026-12-20");
    const plan = await givenPlan(c, base, 2027, "submitted");
    expect(plan).toMatchObject({ late: false });
    await setToday(c, "2027-01-04");
    const returned = ok(await base.supervisor.post(`/api/v1/annual-plans/${plan.id}/actions/return`, { version: plan.version, comment: "请补充项目安排" }));
    const again = ok(await base.staff.post(`/api/v1/annual-plans/${plan.id}/actions/submit`, { version: returned.version }));
    expect(again).toMatchObject({ status: "submitted", late: false, submittedAt: plan.submittedAt });
  });

  it("refuses blank titles, impossible years and a foreign plan id at save, without a 500", async () => {
    expectError(await home.staff.post("/api/v1/training-projects", projectInput(home.id, { title: "  x " })), 422, "TEXT_BLANK");
    expectError(await home.staff.post("/api/v1/annual-plans", planInput(home.id, 2027, { items: [plannedProject(2027, { title: "   " })] })), 422, "TEXT_BLANK");
    const far = await home.staff.get("/api/v1/training-projects/filing-date?startDate=9999-10-01");
    expect(far.status).toBe(400);
    expect((await home.staff.post("/api/v1/training-projects", projectInput(home.id, { startDate: "9999-10-01", endDate: "9999-10-02" }))).status).toBe(400);
  });

  it("imports no date cell that is not a date, and no more planned projects than a plan holds", async () => {
    const base = await givenActiveBase(c, "base");
    const plan = await givenPlan(c, base, 2027, "draft");
    const sheet = async (rows: unknown[][], dateFormat = false) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("年度培训计划");
      ws.addRow(["项目名称", "科目类型", "专业方向", "计划开始日期", "计划结束日期", "学时", "计划人数", "收费标准（元/人）"]);
      for (const r of rows) ws.addRow(r);
      if (dateFormat) ws.getColumn(4).numFmt = "yyyy-mm-dd";
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const importUrl = `/api/v1/annual-plans/${plan.id}/items/import`;
    const huge = await base.staff.request("POST", importUrl, await sheet([["专业技术人员职业道德", "公需科目", "综合", 1e12, "2027-03-02", 8, 50, 0]], true), { "content-type": XLSX });
    const report = expectError(huge, 422, "IMPORT_ROWS_INVALID");
    expect(report.rows).toEqual([expect.objectContaining({ row: 2, column: "计划开始日期" })]);
    const many = Array.from({ length: 501 }, (_, i) => [`计划项目第${i + 1}项`, "专业科目", "智能制造", "2027-03-01", "2027-03-02", 8, 50, 0]);
    expectError(await base.staff.request("POST", importUrl, await sheet(many), { "content-type": XLSX }), 422, "PLAN_TOO_LARGE");
    expect(ok(await base.staff.get(`/api/v1/annual-plans/${plan.id}`)).version).toBe(plan.version);
  });

  it("searches the public calendar without case and reads % as itself", async () => {
    await givenFiledProject(home, { specialty: "BIM Modelling", title: "BIM 正向设计 100% 实操" });
    const find = async (query: string) => ok(await s.client().get(`/api/v1/public/training-projects?${query}`)).items.map((p: any) => p.title);
    expect(await find("specialty=bim")).toEqual(["BIM 正向设计 100% 实操"]);
    expect(await find(`q=${encodeURIComponent("100%")}`)).toEqual(["BIM 正向设计 100% 实操"]);
    // A short keyword still matches anywhere in a title (issue 13 item 3: titles are few enough to read).
    expect(await find(`q=${encodeURIComponent("%")}&specialty=bim`)).toEqual(["BIM 正向设计 100% 实操"]);
    expect(await find(`q=bi&specialty=bim`)).toEqual(["BIM 正向设计 100% 实操"]);
    expect(await find(`q=${encodeURIComponent("正向")}&specialty=bim`)).toEqual(["BIM 正向设计 100% 实操"]);
    expect(await find(`q=${encodeURIComponent("0%实")}`)).toEqual([]);
  });
});
