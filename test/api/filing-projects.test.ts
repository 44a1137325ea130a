// Training-project filing (第十六条, 第十七条): each rule the submit step checks, return and cancel, the
// daily job that starts and completes projects, data scope, and the GET → PATCH round trip.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_SERVER_FIELDS } from "../../src/shared/filing.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import {
  auditActions,
  expectError,
  expectNothingVisible,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFiledProject,
  givenPlan,
  ok,
  projectInput,
  readSheet,
  runJobs,
  setBaseStatus,
  setToday,
  withoutServerFields,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";

describe.each(dialects)("training-project filing on %s", (dialect) => {
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

  const url = (p: any, action?: string) => `/api/v1/training-projects/${p.id}${action ? `/actions/${action}` : ""}`;
  const submit = (base: TestBase, p: any) => base.staff.post(url(p, "submit"), { version: p.version });
  const session = (date: string, hours: number, startTime = "09:00", endTime = "12:00") => ({ date, startTime, endTime, title: "专题讲座", teacher: "李建华", hours });

  it("files an ad-hoc project at once with a filing number, and offers each role its own steps", async () => {
    const draft = ok(await home.staff.post("/api/v1/training-projects", projectInput(home.id)), 201);
    expect(draft).toMatchObject({ status: "draft", filingNo: null, filedAt: null, baseId: home.id, baseName: home.name, district: "环翠区", adHoc: true, latestFilingDate: "2026-12-07" });
    expect(draft.sessions).toHaveLength(4);
    for (const x of draft.sessions) expect(x.id).toEqual(expect.any(String));
    expect(draft.availableActions).toContain("submit");
    const filed = ok(await submit(home, draft));
    expect(filed.status).toBe("filed");
    expect(filed.filingNo).toMatch(/^威继教备〔2026〕\d+号$/);
    expect(filed.filedAt).toEqual(expect.any(String));
    expect(filed.history.at(-1)).toMatchObject({ action: "submit", fromStatus: "draft", toStatus: "filed" });
    expect(filed.availableActions).toContain("cancel");
    expect(filed.availableActions).not.toContain("return");
    expect(ok(await home.supervisor.get(url(filed))).availableActions).toContain("return");
    expect(ok(await c.bureau.get(url(filed))).availableActions).toContain("return");
  });

  it("numbers filings one after another within a year", async () => {
    const a = await givenFiledProject(home);
    const b = await givenFiledProject(home);
    const n = (p: any) => Number(/〕(\d+)号$/.exec(p.filingNo)![1]);
    expect(n(b)).toBe(n(a) + 1);
  });

  it("gives projects filed at the same moment distinct filing numbers, and a project filed twice at once one number", async () => {
    const drafts = await Promise.all([1, 2, 3, 4].map(() => givenDraftProject(home)));
    const filed = await Promise.all(drafts.map((d) => submit(home, d)));
    expect(filed.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(filed.map((r) => r.body.filingNo)).size).toBe(4);
    const once = await givenDraftProject(home);
    const twice = await Promise.all([1, 2].map(() => submit(home, once)));
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("saves a draft whatever the rules say, checking only the shape", async () => {
    const broken = await home.staff.post("/api/v1/training-projects", projectInput(home.id, { endDate: "2026-12-01", hours: 99, feeFen: 500_00, adHoc: false, adHocReason: null }));
    expect(ok(broken, 201).status).toBe("draft");
    const { title: _t, ...untitled } = projectInput(home.id);
    expectError(await home.staff.post("/api/v1/training-projects", untitled), 400, "VALIDATION_FAILED");
    expectError(await home.staff.post("/api/v1/training-projects", { ...projectInput(home.id), subjectType: "other" }), 400, "VALIDATION_FAILED");
    expectError(await home.staff.post("/api/v1/training-projects", { ...projectInput(home.id), hours: 1.25 }), 400, "VALIDATION_FAILED");
  });

  it("refuses a project neither in an annual plan nor ad hoc (PLAN_OR_AD_HOC_REQUIRED)", async () => {
    const draft = await givenDraftProject(home, { adHoc: false, adHocReason: null, annualPlanId: null });
    expectError(await submit(home, draft), 422, "PLAN_OR_AD_HOC_REQUIRED");
  });

  it("refuses an ad-hoc filing without its reason (AD_HOC_REASON_REQUIRED)", async () => {
    const draft = await givenDraftProject(home, { adHoc: true, adHocReason: null });
    expectError(await submit(home, draft), 422, "AD_HOC_REASON_REQUIRED");
  });

  it("refuses a planned project while its annual plan is not filed (PLAN_NOT_FILED), and files it once the bureau has", async () => {
    const planned = await givenActiveBase(c, "base");
    let plan = await givenPlan(c, planned, 2026, "approved");
    const draft = await givenDraftProject(planned, { adHoc: false, adHocReason: null, annualPlanId: plan.id, planItemKey: plan.items[0].key });
    expect(expectError(await submit(planned, draft), 422, "PLAN_NOT_FILED").year).toBe(2026);
    plan = ok(await c.bureau.post(`/api/v1/annual-plans/${plan.id}/actions/file`, { version: plan.version }));
    const filed = ok(await submit(planned, draft));
    expect(filed).toMatchObject({ status: "filed", annualPlanId: plan.id, planItemKey: plan.items[0].key, adHoc: false });
  });

  it("refuses a project against another base's plan or a plan of another year (PLAN_MISMATCH)", async () => {
    const planned = await givenActiveBase(c, "base");
    const lastYear = await givenPlan(c, planned, 2025, "filed", { items: [{ title: "2025年计划项目", subjectType: "professional", category: "professional_subject", specialty: "智能制造", plannedStart: "2025-12-14", plannedEnd: "2025-12-15", hours: 12, places: 30, feeFen: 0 }] });
    const thisYear = await givenPlan(c, planned, 2026, "filed");
    const wrongYear = await givenDraftProject(planned, { adHoc: false, adHocReason: null, annualPlanId: lastYear.id, planItemKey: lastYear.items[0].key });
    expect(expectError(await submit(planned, wrongYear), 422, "PLAN_MISMATCH").year).toBe(2026);
    // Another base's plan is refused as soon as a draft names it (as unknown as a made-up id), and nothing is saved.
    const before = ok(await home.staff.get("/api/v1/training-projects")).total;
    const foreign = { adHoc: false, adHocReason: null, annualPlanId: thisYear.id, planItemKey: thisYear.items[0].key };
    expectError(await home.staff.post("/api/v1/training-projects", projectInput(home.id, foreign)), 422, "PLAN_MISMATCH");
    expectError(await home.staff.post("/api/v1/training-projects", projectInput(home.id, { ...foreign, annualPlanId: "no-such-plan" })), 422, "PLAN_MISMATCH");
    expect(ok(await home.staff.get("/api/v1/training-projects")).total).toBe(before);
  });

  it("refuses a planned project naming an item its plan does not have", async () => {
    const planned = await givenActiveBase(c, "base");
    const plan = await givenPlan(c, planned, 2026, "filed");
    const draft = await givenDraftProject(planned, { adHoc: false, adHocReason: null, annualPlanId: plan.id, planItemKey: "no-such-item" });
    expect(ok(await planned.staff.get(url(draft))).status).toBe("draft");
    const res = await submit(planned, draft);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(ok(await planned.staff.get(url(draft))).filingNo).toBeNull();
  });

  it("refuses projects and plans of a base that is not active (BASE_NOT_ACTIVE)", async () => {
    const troubled = await givenActiveBase(c, "base");
    const draft = await givenDraftProject(troubled);
    await setBaseStatus(c, troubled.id, "rectifying");
    const res = await submit(troubled, draft);
    expect(expectError(res, 422, "BASE_NOT_ACTIVE").baseStatus).toBeTruthy();
    expect(res.body.error.message).not.toMatch(/\{\w+\}/);
    expectError(await troubled.staff.post("/api/v1/annual-plans", { baseId: troubled.id, year: 2027, items: [], summary: { year: 2026, entries: [], adHocProjects: 0, narrative: "" } }), 422, "BASE_NOT_ACTIVE");
    await setBaseStatus(c, troubled.id, "revoked");
    expectError(await submit(troubled, draft), 422, "BASE_NOT_ACTIVE");
    await setBaseStatus(c, troubled.id, "active");
    expect(ok(await submit(troubled, draft)).status).toBe("filed");
  });

  it("refuses a project without sessions (SESSIONS_REQUIRED)", async () => {
    const draft = await givenDraftProject(home, { sessions: [], hours: 6 });
    expectError(await submit(home, draft), 422, "SESSIONS_REQUIRED");
  });

  it("refuses an end before the start and sessions outside the project's dates (INVALID_DATES)", async () => {
    const backwards = await givenDraftProject(home, { startDate: "2026-12-15", endDate: "2026-12-14", sessions: [session("2026-12-15", 6)], hours: 6 });
    expect(expectError(await submit(home, backwards), 422, "INVALID_DATES").reason).toBeTruthy();
    const outside = await givenDraftProject(home, { startDate: "2026-12-14", endDate: "2026-12-14", sessions: [session("2026-12-14", 3), session("2026-12-16", 3)], hours: 6 });
    expectError(await submit(home, outside), 422, "INVALID_DATES");
  });

  it("refuses a session that ends before it starts", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-14", endDate: "2026-12-14", sessions: [session("2026-12-14", 3, "14:00", "11:00")], hours: 3 });
    const res = await submit(home, draft);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(ok(await home.staff.get(url(draft))).status).toBe("draft");
  });

  it("refuses session hours that do not add up to the project's (HOURS_MISMATCH)", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-14", endDate: "2026-12-14", sessions: [session("2026-12-14", 3), session("2026-12-14", 3, "14:00", "17:00")], hours: 6.5 });
    expect(expectError(await submit(home, draft), 422, "HOURS_MISMATCH")).toMatchObject({ sessionHours: 6, hours: 6.5 });
  });

  it("refuses more than 8 credit hours on one day (DAILY_HOURS_EXCEEDED) and files exactly 8", async () => {
    const nine = [session("2026-12-14", 5, "08:00", "12:00"), session("2026-12-14", 4, "13:30", "17:30")];
    const draft = await givenDraftProject(home, { startDate: "2026-12-14", endDate: "2026-12-14", sessions: nine, hours: 9 });
    expect(expectError(await submit(home, draft), 422, "DAILY_HOURS_EXCEEDED")).toMatchObject({ date: "2026-12-14", hours: 9, max: 8 });
    const eight = [session("2026-12-14", 4, "08:00", "12:00"), session("2026-12-14", 4, "13:30", "17:30")];
    expect(ok(await submit(home, await givenDraftProject(home, { startDate: "2026-12-14", endDate: "2026-12-14", sessions: eight, hours: 8 }))).status).toBe("filed");
  });

  it("names every broken rule when several are broken, and files nothing", async () => {
    const draft = await givenDraftProject(home, { hours: 13, feeFen: 100_00 });
    const res = await submit(home, draft);
    expect(res.status).toBe(422);
    const codes = res.body.error.details.violations.map((v: any) => v.code);
    expect(codes).toEqual(expect.arrayContaining(["HOURS_MISMATCH", "FEE_ABOVE_STANDARD"]));
    expect(codes).toContain(res.body.error.code);
    for (const v of res.body.error.details.violations) expect(v.message).toEqual(expect.any(String));
    expect(ok(await home.staff.get(url(draft)))).toMatchObject({ status: "draft", version: draft.version, filingNo: null });
  });

  it("returns a filed project before its start with a reason, which un-files it, and takes the revised filing again", async () => {
    const filed = await givenFiledProject(home);
    expectError(await home.supervisor.post(url(filed, "return"), { version: filed.version }), 422, "COMMENT_REQUIRED");
    expectError(await home.staff.post(url(filed, "return"), { version: filed.version, comment: "自己退回" }), 403, "FORBIDDEN");
    expectError(await c.supervisor2.post(url(filed, "return"), { version: filed.version, comment: "越权" }), 404, "NOT_FOUND");
    const returned = ok(await home.supervisor.post(url(filed, "return"), { version: filed.version, comment: "授课教师资质材料不全，请补充后重新备案" }));
    expect(returned).toMatchObject({ status: "returned", filingNo: null });
    expect(returned.history.at(-1)).toMatchObject({ action: "return", fromStatus: "filed", toStatus: "returned", comment: "授课教师资质材料不全，请补充后重新备案" });
    expect((await s.client().get(`/api/v1/public/training-projects/${filed.id}`)).status).toBe(404);

    const body = { ...withoutServerFields(returned, PROJECT_SERVER_FIELDS), teachers: [...returned.teachers, { name: "王海燕", title: "高级工程师", org: "威高集团有限公司" }] };
    const revised = ok(await home.staff.patch(url(returned), { ...body, version: returned.version }));
    const refiled = ok(await submit(home, revised));
    expect(refiled.status).toBe("filed");
    expect(refiled.filingNo).toMatch(/^威继教备〔2026〕\d+号$/);

    const byBureau = ok(await c.bureau.post(url(refiled, "return"), { version: refiled.version, comment: "收费依据需补充" }));
    expect(byBureau).toMatchObject({ status: "returned", filingNo: null });
  });

  it("refuses to return or cancel a project once its class has started (PROJECT_ALREADY_STARTED)", async () => {
    const filed = await givenFiledProject(home, { startDate: "2026-12-14" });
    await setToday(c, "2026-12-14");
    expect(expectError(await home.supervisor.post(url(filed, "return"), { version: filed.version, comment: "退回" }), 422, "PROJECT_ALREADY_STARTED").startDate).toBe("2026-12-14");
    expectError(await c.bureau.post(url(filed, "return"), { version: filed.version, comment: "退回" }), 422, "PROJECT_ALREADY_STARTED");
    expectError(await home.staff.post(url(filed, "cancel"), { version: filed.version, comment: "报名不足" }), 422, "PROJECT_ALREADY_STARTED");
    expect(ok(await home.staff.get(url(filed))).status).toBe("filed");
  });

  it("cancels a draft at once and a filed project only with a reason", async () => {
    const draft = await givenDraftProject(home);
    const cancelledDraft = ok(await home.staff.post(url(draft, "cancel"), { version: draft.version }));
    expect(cancelledDraft.status).toBe("cancelled");
    expectError(await home.staff.patch(url(draft), { ...projectInput(home.id), version: cancelledDraft.version }), 409, "PROJECT_NOT_EDITABLE");

    const filed = await givenFiledProject(home);
    expectError(await home.staff.post(url(filed, "cancel"), { version: filed.version }), 422, "COMMENT_REQUIRED");
    expectError(await home.supervisor.post(url(filed, "cancel"), { version: filed.version, comment: "x" }), 403, "FORBIDDEN");
    const cancelled = ok(await home.staff.post(url(filed, "cancel"), { version: filed.version, comment: "主讲教师临时出国，培训取消" }));
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.history.at(-1)).toMatchObject({ action: "cancel", fromStatus: "filed", comment: "主讲教师临时出国，培训取消" });
    expect((await s.client().get(`/api/v1/public/training-projects/${filed.id}`)).status).toBe(404);
  });

  it("starts a filed project on its start date and completes it after its end date, by the daily job", async () => {
    const filed = await givenFiledProject(home, { startDate: "2026-12-14", endDate: "2026-12-15" });
    await setToday(c, "2026-12-13");
    await runJobs(c);
    expect(ok(await home.staff.get(url(filed))).status).toBe("filed");
    await setToday(c, "2026-12-14");
    await runJobs(c);
    const running = ok(await home.staff.get(url(filed)));
    expect(running.status).toBe("running");
    expect(running.filingNo).toBe(filed.filingNo);
    expectError(await home.supervisor.post(url(running, "return"), { version: running.version, comment: "退回" }), 409, "WORKFLOW_ACTION_UNAVAILABLE");
    await setToday(c, "2026-12-15");
    await runJobs(c);
    expect(ok(await home.staff.get(url(filed))).status).toBe("running");
    ok(await c.bureau.put("/api/v1/test/clock", { now: "2026-12-15T16:10:00.000Z" })); // 00:10 on 12-16 in Weihai
    await runJobs(c);
    const completed = ok(await home.staff.get(url(filed)));
    expect(completed.status).toBe("completed");
    expect(completed.history.map((h: any) => h.toStatus)).toEqual(["filed", "running", "completed"]);
  });

  it("runs the due jobs on demand for the bureau only, answering which ran", async () => {
    expectError(await home.staff.post("/api/v1/test/jobs/run"), 403, "FORBIDDEN");
    expectError(await home.supervisor.post("/api/v1/test/jobs/run"), 403, "FORBIDDEN");
    // Each job that ran names what it did.
    expect((await runJobs(c)).ran).toEqual({
      "project.status": { started: 0, finished: 0 },
      "plan.reminders": { sent: expect.any(Number) },
      "rectification.overdue": { marked: 0 },
      // issue 12 item 3: last year's statistics reports, kept once
      "statistics.yearlyReports": { kept: expect.any(Number) },
      // issue 12 item 4: the hourly risk scan (raised/updated, or skipped within the hour)
      "risk.scan": expect.any(Object),
      // issue 12 item 5: the monthly reminders to those short of the year, from 1 October
      "forecast.reminders": { reminded: expect.any(Number), employers: expect.any(Number) },
      // issue 10 item 1: the checkpoint job runs too; the harness turns checkpoints off.
      "audit.checkpoint": { written: 0 },
    });
  });

  it("edits only drafts and returned projects, and answers a stale version with 409", async () => {
    const draft = await givenDraftProject(home);
    const edited = ok(await home.staff.patch(url(draft), { ...projectInput(home.id, { title: "修改后的培训项目" }), version: draft.version }));
    expect(edited).toMatchObject({ title: "修改后的培训项目", version: draft.version + 1 });
    expectError(await home.staff.patch(url(draft), { ...projectInput(home.id), version: draft.version }), 409, "VERSION_CONFLICT");
    const filed = ok(await submit(home, edited));
    expectError(await home.staff.patch(url(filed), { ...projectInput(home.id), version: filed.version }), 409, "PROJECT_NOT_EDITABLE");
  });

  it("creates a new draft from what GET answered, ignoring the server's own fields as PATCH does", async () => {
    const filed = await givenFiledProject(home);
    const view = ok(await home.staff.get(url(filed)));
    expect(view).toMatchObject({ baseName: expect.any(String), district: expect.any(String), latestFilingDate: expect.any(String), filingNo: expect.any(String) });
    const copy = ok(await home.staff.post("/api/v1/training-projects", { ...view, title: "复制的培训项目" }), 201);
    expect(copy).toMatchObject({ status: "draft", filingNo: null, filedAt: null, version: 1, title: "复制的培训项目", baseName: view.baseName });
    expect(copy.id).not.toBe(view.id);
    expect(copy.sessions.map((x: any) => x.id)).not.toEqual(expect.arrayContaining([view.sessions[0].id]));
    expect(ok(await home.staff.get(url(filed))).sessions.map((x: any) => x.id)).toEqual(view.sessions.map((x: any) => x.id));
    expectError(await home.staff.post("/api/v1/training-projects", { ...view, unknownField: 1 }), 400, "VALIDATION_FAILED");
  });

  it("accepts back what GET answered, less the server's own fields, keeping session ids", async () => {
    const draft = await givenDraftProject(home);
    const view = ok(await home.staff.get(url(draft)));
    const body = withoutServerFields(view, PROJECT_SERVER_FIELDS) as any;
    const same = ok(await home.staff.patch(url(draft), { ...body, version: view.version }));
    expect(same.sessions.map((x: any) => x.id)).toEqual(view.sessions.map((x: any) => x.id));
    expect(withoutServerFields(same, PROJECT_SERVER_FIELDS)).toEqual(body);

    const [first, second, , fourth] = same.sessions;
    const sessions = [{ ...first, title: "改题后的讲座" }, second, fourth, { date: fourth.date, startTime: "18:00", endTime: "19:00", title: "答疑", teacher: "李建华", hours: 1 }];
    const changed = ok(await home.staff.patch(url(draft), { ...body, sessions, hours: body.hours - 2, version: same.version }));
    const ids = changed.sessions.map((x: any) => x.id);
    expect(ids.slice(0, 3).sort()).toEqual([first.id, second.id, fourth.id].sort());
    expect(changed.sessions.find((x: any) => x.id === first.id).title).toBe("改题后的讲座");
    expect(ids).not.toContain(same.sessions[2].id);
    expect(new Set(ids).size).toBe(4);

    // a session id of another project is not taken over: that project keeps its sessions
    const other = await givenDraftProject(home);
    const foreign = { ...other.sessions[0], title: "被挪用的课程" };
    const res = await home.staff.patch(url(draft), { ...body, sessions: [...changed.sessions.slice(0, 3), foreign], version: changed.version });
    expect(res.status).toBeLessThan(500);
    expect(ok(await home.staff.get(url(other))).sessions).toEqual(other.sessions);

    const copy = ok(await home.staff.post("/api/v1/training-projects", body), 201);
    expect(copy.id).not.toBe(draft.id);
    for (const x of copy.sessions) expect(view.sessions.map((v: any) => v.id)).not.toContain(x.id);
  });

  it("keeps projects within the base's institution and its supervising unit", async () => {
    const filed = await givenFiledProject(home);
    for (const outsider of [c.base2, c.supervisor2]) {
      expectError(await outsider.get(url(filed)), 404, "NOT_FOUND");
      const list = ok(await outsider.get("/api/v1/training-projects?pageSize=200"));
      expect(list.items.map((p: any) => p.id)).not.toContain(filed.id);
    }
    expectError(await c.base2.post(url(filed, "cancel"), { version: filed.version, comment: "x" }), 404, "NOT_FOUND");
    expectError(await c.base2.patch(url(filed), { ...projectInput(home.id), version: filed.version }), 404, "NOT_FOUND");
    expectError(await c.base2.post("/api/v1/training-projects", projectInput(home.id)), 404, "NOT_FOUND");
    // a draft cannot be moved to another institution's base by editing its baseId
    const elsewhere = await givenActiveBase(c, "base2");
    const draft = await givenDraftProject(home);
    const moved = await home.staff.patch(url(draft), { ...projectInput(elsewhere.id), version: draft.version });
    expect(moved.status).toBeLessThan(500);
    expect(ok(await home.staff.get(url(draft))).baseId).toBe(home.id);
    expectError(await c.base2.get(url(draft)), 404, "NOT_FOUND");
    expect(ok(await c.base2.get(`/api/v1/training-projects?baseId=${home.id}`)).items).toEqual([]);
    const export2 = await c.supervisor2.get("/api/v1/training-projects/export.xlsx");
    expect(export2.status).toBe(200);
    expect(JSON.stringify(await readSheet(export2.body))).not.toContain(filed.title);
    expectError(await s.client().get("/api/v1/training-projects"), 401, "UNAUTHENTICATED");
    for (const who of [c.expert1, c.pro1]) {
      expectNothingVisible(await who.get("/api/v1/training-projects"));
      expect([403, 404]).toContain((await who.get(url(filed))).status);
    }
    for (const who of [home.supervisor, c.bureau]) {
      expect(ok(await who.get(`/api/v1/training-projects?baseId=${home.id}&pageSize=200`)).items.map((p: any) => p.id)).toContain(filed.id);
    }
  });

  it("lists projects with filters and exports the same list to Excel", async () => {
    const listed = await givenActiveBase(c, "base");
    const a = await givenFiledProject(listed, { title: "海洋装备智能制造高级研修班", subjectType: "professional", startDate: "2026-12-14" });
    const b = await givenFiledProject(listed, { title: "专业技术人员职业道德公需课", subjectType: "general", specialty: "公需科目", startDate: "2026-11-23" });
    const draft = await givenDraftProject(listed, { title: "尚未备案的草稿项目" });
    // The author lists its own drafts; its supervising unit sees only what was submitted.
    const ids = async (query: string) => ok(await listed.staff.get(`/api/v1/training-projects?baseId=${listed.id}&${query}`)).items.map((p: any) => p.id).sort();
    expect(await ids("")).toEqual([a.id, b.id, draft.id].sort());
    expect(ok(await home.supervisor.get(`/api/v1/training-projects?baseId=${listed.id}`)).items.map((p: any) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(await ids("status=filed")).toEqual([a.id, b.id].sort());
    expect(await ids("subjectType=general")).toEqual([b.id]);
    expect(await ids("adHoc=true&status=filed")).toEqual([a.id, b.id].sort());
    expect(await ids("adHoc=false")).toEqual([]);
    expect(await ids("from=2026-12-01&to=2026-12-31")).toEqual([a.id, draft.id].sort());
    expect(await ids(`q=${encodeURIComponent("海洋装备")}`)).toEqual([a.id]);
    const page = ok(await listed.staff.get(`/api/v1/training-projects?baseId=${listed.id}&pageSize=2&page=2`));
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);

    const xlsx = await home.supervisor.get(`/api/v1/training-projects/export.xlsx?baseId=${listed.id}&status=filed`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain(XLSX);
    const rows = await readSheet(xlsx.body);
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).toContain("海洋装备智能制造高级研修班");
    expect(JSON.stringify(rows)).not.toContain("尚未备案的草稿项目");
  });

  it("records each step in the audit log", async () => {
    const filed = await givenFiledProject(home);
    const returned = ok(await home.supervisor.post(url(filed, "return"), { version: filed.version, comment: "请补充课程安排" }));
    ok(await home.staff.post(url(returned, "cancel"), { version: returned.version }));
    const actions = await auditActions(c, filed.id);
    expect(actions.filter((a) => a.startsWith("trainingProject.") && /submit|return|cancel/.test(a))).toEqual(["trainingProject.submit", "trainingProject.return", "trainingProject.cancel"]);
  });
});
