// 第十六条: the annual plan of year Y+1 with the execution summary of year Y, approved by the supervising
// unit and filed with the bureau by 31 December — late plans still accepted, and marked late.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PLAN_SERVER_FIELDS, type PlannedProject } from "../../src/shared/filing.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { givenEnrolled, givenProfessionals } from "../support/delivery.js";
import {
  auditActions,
  expectError,
  expectNothingVisible,
  filingCast,
  givenActiveBase,
  givenFiledProject,
  givenPlan,
  ok,
  plannedProject,
  planInput,
  notificationsOf,
  readSheet,
  runJobs,
  setBaseStatus,
  setToday,
  withoutServerFields,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";

describe.each(dialects)("annual plans on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const url = (p: any, action?: string) => `/api/v1/annual-plans/${p.id}${action ? `/actions/${action}` : ""}`;
  const step = (who: Client, p: any, action: string, comment?: string) => who.post(url(p, action), { version: p.version, comment });

  it("takes a plan from draft through the supervising unit's approval to the bureau's filing", async () => {
    const base = await givenActiveBase(c);
    const draft = ok(await base.staff.post("/api/v1/annual-plans", planInput(base.id, 2027)), 201);
    expect(draft).toMatchObject({ status: "draft", baseId: base.id, baseName: base.name, year: 2027, dueDate: "2026-12-31", late: false, submittedAt: null, filedAt: null });
    expect(draft.items).toHaveLength(2);
    expect(new Set(draft.items.map((i: any) => i.key)).size).toBe(2);
    expect(draft.availableActions).toContain("submit");

    const submitted = ok(await step(base.staff, draft, "submit"));
    expect(submitted).toMatchObject({ status: "submitted", late: false, submittedAt: expect.any(String) });
    expect(submitted.availableActions).toEqual([]);
    expect(ok(await base.supervisor.get(url(draft))).availableActions.sort()).toEqual(["approve", "return"]);
    expect(ok(await c.bureau.get(url(draft))).availableActions).toEqual([]);

    const approved = ok(await step(base.supervisor, submitted, "approve", "同意报送"));
    expect(approved.status).toBe("approved");
    expect(ok(await c.bureau.get(url(draft))).availableActions.sort()).toEqual(["file", "return"]);
    const filed = ok(await step(c.bureau, approved, "file"));
    expect(filed).toMatchObject({ status: "filed", filedAt: expect.any(String) });
    expect(filed.history.map((h: any) => [h.action, h.toStatus])).toEqual([
      ["submit", "submitted"],
      ["approve", "approved"],
      ["file", "filed"],
    ]);
    const actions = await auditActions(c, draft.id);
    expect(actions.filter((a) => /^annualPlan\.(submit|approve|file)$/.test(a))).toEqual(["annualPlan.submit", "annualPlan.approve", "annualPlan.file"]);
  });

  it("refuses each step to the roles that do not take it", async () => {
    const base = await givenActiveBase(c);
    const submitted = await givenPlan(c, base, 2027, "submitted");
    expectError(await step(base.staff, submitted, "approve"), 403, "FORBIDDEN");
    expectError(await step(c.bureau, submitted, "approve"), 403, "FORBIDDEN");
    expectError(await step(c.bureau, submitted, "file"), 409, "WORKFLOW_ACTION_UNAVAILABLE");
    const approved = ok(await step(base.supervisor, submitted, "approve"));
    expectError(await step(base.supervisor, approved, "file"), 403, "FORBIDDEN");
    expectError(await step(base.staff, approved, "file"), 403, "FORBIDDEN");
    expectError(await step(base.supervisor, submitted, "return", "旧版本"), 409, "VERSION_CONFLICT");
  });

  it("returns a plan with a reason, from the supervising unit or the bureau, and takes the revision again", async () => {
    const base = await givenActiveBase(c);
    const submitted = await givenPlan(c, base, 2027, "submitted");
    expectError(await step(base.supervisor, submitted, "return"), 422, "COMMENT_REQUIRED");
    const returned = ok(await step(base.supervisor, submitted, "return", "请补充2026年度执行情况"));
    expect(returned.status).toBe("returned");
    expect(returned.history.at(-1)).toMatchObject({ action: "return", comment: "请补充2026年度执行情况" });
    const body = withoutServerFields(returned, PLAN_SERVER_FIELDS) as any;
    const revised = ok(await base.staff.patch(url(returned), { ...body, summary: { ...body.summary, narrative: "全年计划项目12项，实际举办11项。" }, version: returned.version }));
    const approved = ok(await step(base.supervisor, ok(await step(base.staff, revised, "submit")), "approve"));
    expectError(await step(c.bureau, approved, "return"), 422, "COMMENT_REQUIRED");
    const again = ok(await step(c.bureau, approved, "return", "收费标准与备案不一致"));
    expect(again.status).toBe("returned");
    expect(again.availableActions).toEqual([]);
    expect(ok(await base.staff.get(url(again))).availableActions).toContain("submit");
  });

  it("edits only drafts and returned plans and never moves a plan to another base or year", async () => {
    const base = await givenActiveBase(c);
    const other = await givenActiveBase(c);
    const draft = await givenPlan(c, base, 2027, "draft");
    const body = withoutServerFields(draft, PLAN_SERVER_FIELDS) as any;
    // baseId and year cannot change: the server may refuse the edit or ignore those fields, never move the plan
    const moved = await base.staff.patch(url(draft), { ...body, year: 2026, baseId: other.id, version: draft.version });
    expect(moved.status).toBeLessThan(500);
    let current = ok(await base.staff.get(url(draft)));
    expect(current).toMatchObject({ year: 2027, baseId: base.id });
    const stale = current.version;
    current = ok(await base.staff.patch(url(draft), { ...body, note: "第二次修改", version: stale }));
    expectError(await base.staff.patch(url(draft), { ...body, note: "基于旧版本的修改", version: stale }), 409, "VERSION_CONFLICT");
    const submitted = ok(await step(base.staff, current, "submit"));
    expectError(await base.staff.patch(url(draft), { ...body, version: submitted.version }), 409, "PLAN_NOT_EDITABLE");
  });

  it("refuses a second plan of a base for the same year (PLAN_EXISTS)", async () => {
    const base = await givenActiveBase(c);
    await givenPlan(c, base, 2027, "draft");
    expect(expectError(await base.staff.post("/api/v1/annual-plans", planInput(base.id, 2027)), 409, "PLAN_EXISTS").year).toBe(2027);
    expect(ok(await base.staff.post("/api/v1/annual-plans", planInput(base.id, 2026)), 201).year).toBe(2026);
  });

  it("refuses plan years outside last year to next year (PLAN_YEAR_INVALID)", async () => {
    const base = await givenActiveBase(c);
    for (const year of [2024, 2028]) {
      const details = expectError(await base.staff.post("/api/v1/annual-plans", planInput(base.id, year)), 422, "PLAN_YEAR_INVALID");
      expect(details).toMatchObject({ minYear: 2025, maxYear: 2027 });
    }
  });

  it("refuses to submit a plan without projects (PLAN_EMPTY) and to save one with planned dates outside its year or backwards (PLAN_ITEM_INVALID)", async () => {
    const base = await givenActiveBase(c);
    const empty = await givenPlan(c, base, 2027, "draft", { items: [] });
    expectError(await step(base.staff, empty, "submit"), 422, "PLAN_EMPTY");
    const save = (item: PlannedProject) => base.staff.patch(url(empty), { ...planInput(base.id, 2027, { items: [item] }), version: empty.version });
    expect(expectError(await save(plannedProject(2027, { title: "跨年项目", plannedStart: "2026-12-28", plannedEnd: "2027-01-03" })), 422, "PLAN_ITEM_INVALID").title).toBe("跨年项目");
    expect(expectError(await save(plannedProject(2027, { title: "倒序项目", plannedStart: "2027-05-10", plannedEnd: "2027-05-09" })), 422, "PLAN_ITEM_INVALID").title).toBe("倒序项目");
    expect(ok(await base.staff.get(url(empty)))).toMatchObject({ status: "draft", version: empty.version, items: [] });
  });

  it("takes a plan submitted on 31 December as on time", async () => {
    const base = await givenActiveBase(c);
    const draft = await givenPlan(c, base, 2027, "draft");
    await setToday(c, "2026-12-31");
    expect(ok(await step(base.staff, draft, "submit"))).toMatchObject({ status: "submitted", late: false });
  });

  it("accepts a plan submitted after 31 December and marks it late", async () => {
    const base = await givenActiveBase(c);
    await setToday(c, "2027-01-05");
    const draft = ok(await base.staff.post("/api/v1/annual-plans", planInput(base.id, 2027)), 201);
    expect(draft.late).toBe(false);
    const submitted = ok(await step(base.staff, draft, "submit"));
    expect(submitted).toMatchObject({ status: "submitted", late: true, dueDate: "2026-12-31" });
    const filed = ok(await step(c.bureau, ok(await step(base.supervisor, submitted, "approve")), "file"));
    expect(filed).toMatchObject({ status: "filed", late: true });
    const lateOnes = ok(await c.bureau.get(`/api/v1/annual-plans?year=2027&late=true&pageSize=200`)).items;
    expect(lateOnes.find((p: any) => p.id === draft.id)).toMatchObject({ late: true, baseId: base.id });
    expect(ok(await c.bureau.get(`/api/v1/annual-plans?year=2027&late=false&pageSize=200`)).items.map((p: any) => p.id)).not.toContain(draft.id);
  });

  it("judges lateness by the date in Weihai, not in UTC", async () => {
    const onTime = await givenPlan(c, await givenActiveBase(c), 2027, "draft");
    const late = await givenPlan(c, await givenActiveBase(c), 2027, "draft");
    ok(await c.bureau.put("/api/v1/test/clock", { now: "2026-12-31T15:50:00.000Z" })); // 23:50 on 31 December in Weihai
    expect(ok(await step(c.base, onTime, "submit")).late).toBe(false);
    ok(await c.bureau.put("/api/v1/test/clock", { now: "2026-12-31T16:10:00.000Z" })); // 00:10 on 1 January in Weihai
    expect(ok(await step(c.base, late, "submit")).late).toBe(true);
  });

  it("answers two simultaneous first plans of a base for one year with one plan and PLAN_EXISTS", async () => {
    const base = await givenActiveBase(c);
    const both = await Promise.all([1, 2].map(() => base.staff.post("/api/v1/annual-plans", planInput(base.id, 2027))));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("PLAN_EXISTS");
    expect(ok(await base.staff.get(`/api/v1/annual-plans?baseId=${base.id}&year=2027`)).total).toBe(1);
  });

  it("accepts back what GET answered, less the server's own fields, keeping each item's key", async () => {
    const base = await givenActiveBase(c);
    const draft = await givenPlan(c, base, 2027, "draft");
    const view = ok(await base.staff.get(url(draft)));
    const body = withoutServerFields(view, PLAN_SERVER_FIELDS) as any;
    const same = ok(await base.staff.patch(url(draft), { ...body, version: view.version }));
    expect(withoutServerFields(same, PLAN_SERVER_FIELDS)).toEqual(body);
    const items = [{ ...body.items[1], title: "调整后的公需课" }, plannedProject(2027, { title: "新增项目" })];
    const changed = ok(await base.staff.patch(url(draft), { ...body, items, version: same.version }));
    expect(changed.items.find((i: any) => i.title === "调整后的公需课").key).toBe(body.items[1].key);
    expect(changed.items.map((i: any) => i.key)).not.toContain(body.items[0].key);
    expect(changed.items.find((i: any) => i.title === "新增项目").key).toEqual(expect.any(String));
  });

  it("starts a plan from what GET answered for another year, ignoring the server's own fields as PATCH does", async () => {
    const base = await givenActiveBase(c);
    const filed = await givenPlan(c, base, 2026, "filed", { items: [plannedProject(2026, { title: "往年项目" })] });
    const view = ok(await base.staff.get(url(filed)));
    expect(view).toMatchObject({ baseName: expect.any(String), dueDate: expect.any(String), status: "filed" });
    const items = view.items.map((i: any) => ({ ...i, plannedStart: i.plannedStart.replace("2026", "2027"), plannedEnd: i.plannedEnd.replace("2026", "2027") }));
    const next = ok(await base.staff.post("/api/v1/annual-plans", { ...view, year: 2027, items }), 201);
    expect(next).toMatchObject({ status: "draft", year: 2027, version: 1, submittedAt: null, filedAt: null, dueDate: "2026-12-31" });
    expect(next.id).not.toBe(view.id);
    expect(ok(await base.staff.get(url(filed)))).toMatchObject({ status: "filed", year: 2026 });
    expectError(await base.staff.post("/api/v1/annual-plans", { ...view, year: 2025, unknownField: 1 }), 400, "VALIDATION_FAILED");
  });

  it("prefills the summary of the year before with the enrolments and completions it recorded, a future project as not yet run", async () => {
    const base = await givenActiveBase(c);
    const runItem = plannedProject(2026, { title: "已举办的计划项目", plannedStart: "2026-12-14", plannedEnd: "2026-12-15", hours: 12 });
    const dropItem = plannedProject(2026, { title: "已取消的计划项目", plannedStart: "2026-12-21", plannedEnd: "2026-12-21", hours: 6 });
    const comingItem = plannedProject(2026, { title: "已备案待开班的计划项目", plannedStart: "2026-12-28", plannedEnd: "2026-12-29", hours: 12 });
    const laterItem = plannedProject(2026, { title: "尚未备案的计划项目", plannedStart: "2026-12-30", plannedEnd: "2026-12-30", hours: 6 });
    const plan2026 = await givenPlan(c, base, 2026, "filed", { items: [runItem, dropItem, comingItem, laterItem] });
    const [keyRun, keyDrop, keyComing, keyLater] = plan2026.items.map((i: any) => i.key);
    const planned = { adHoc: false, adHocReason: null, annualPlanId: plan2026.id };
    const ran = await givenFiledProject(base, { ...planned, planItemKey: keyRun, startDate: "2026-12-14", endDate: "2026-12-15" });
    const dropped = await givenFiledProject(base, { ...planned, planItemKey: keyDrop, startDate: "2026-12-21", endDate: "2026-12-21" });
    ok(await base.staff.post(`/api/v1/training-projects/${dropped.id}/actions/cancel`, { version: dropped.version, comment: "报名人数不足" }));
    await givenFiledProject(base, { ...planned, planItemKey: keyComing, startDate: "2026-12-28", endDate: "2026-12-29" });
    await givenFiledProject(base, { startDate: "2026-12-28", endDate: "2026-12-28" });
    const people = await givenProfessionals(s, 3);
    const enrolments = await givenEnrolled(base.staff, ran.id, people);
    // Completion itself (办理结业) is the delivery suite's; here two of the three have completed.
    await s.app.platform.db.updateTable("enrollments").set({ completed: 1 }).where("id", "in", [enrolments[0].id, enrolments[1].id]).execute();
    await s.app.platform.db.updateTable("enrollments").set({ completed: 0 }).where("id", "=", enrolments[2].id).execute();
    await setToday(c, "2026-12-22");

    const prefill = ok(await base.staff.get(`/api/v1/annual-plans/prefill?baseId=${base.id}&year=2027`));
    expect(prefill.items).toEqual([]);
    expect(prefill.summary).toMatchObject({ year: 2026, adHocProjects: 1 });
    expect(prefill.summary.entries).toEqual([
      expect.objectContaining({ plannedKey: keyRun, title: "已举办的计划项目", outcome: "run", participants: 3, completed: 2, hoursDelivered: 12 }),
      expect.objectContaining({ plannedKey: keyDrop, title: "已取消的计划项目", outcome: "cancelled", participants: 0, completed: 0, hoursDelivered: 0, note: "已备案项目被撤销或退回" }),
      expect.objectContaining({ plannedKey: keyComing, outcome: "pending", participants: 0, hoursDelivered: 0, note: "已备案，尚未开班" }),
      expect.objectContaining({ plannedKey: keyLater, outcome: "pending", note: "尚未备案，计划日期未到" }),
    ]);
    const { summary: _omitted, ...withoutSummary } = planInput(base.id, 2027);
    const created = ok(await base.staff.post("/api/v1/annual-plans", withoutSummary), 201);
    expect(created.summary).toEqual(prefill.summary);
    expectError(await c.base2.get(`/api/v1/annual-plans/prefill?baseId=${base.id}&year=2027`), 404, "NOT_FOUND");
  });

  it("refuses a planned project dated outside the plan's year already when the draft is saved", async () => {
    const base = await givenActiveBase(c);
    const outside = plannedProject(2026, { title: "跨年度的项目", plannedStart: "2026-12-30", plannedEnd: "2027-01-02" });
    const refused = expectError(await base.staff.post("/api/v1/annual-plans", planInput(base.id, 2027, { items: [outside] })), 422, "PLAN_ITEM_INVALID");
    expect(refused.reason).toContain("2027");
    expect(ok(await base.staff.get(`/api/v1/annual-plans?baseId=${base.id}&year=2027`)).total).toBe(0);
    const draft = await givenPlan(c, base, 2027, "draft");
    const view = ok(await base.staff.get(url(draft)));
    const body = withoutServerFields(view, PLAN_SERVER_FIELDS) as any;
    expectError(await base.staff.patch(url(draft), { ...body, items: [...body.items, outside], version: view.version }), 422, "PLAN_ITEM_INVALID");
    expect(ok(await base.staff.get(url(draft))).items).toHaveLength(body.items.length);
  });

  it("keeps plans within the base's institution and its supervising unit", async () => {
    const base = await givenActiveBase(c);
    const plan = await givenPlan(c, base, 2027, "submitted");
    for (const outsider of [c.base2, c.supervisor2]) {
      expectError(await outsider.get(url(plan)), 404, "NOT_FOUND");
      expect(ok(await outsider.get("/api/v1/annual-plans?pageSize=200")).items.map((p: any) => p.id)).not.toContain(plan.id);
    }
    expectError(await step(c.supervisor2, plan, "approve"), 404, "NOT_FOUND");
    expectError(await c.base2.patch(url(plan), { ...planInput(base.id, 2027), version: plan.version }), 404, "NOT_FOUND");
    expectError(await c.base2.post("/api/v1/annual-plans", planInput(base.id, 2026)), 404, "NOT_FOUND");
    for (const who of [c.expert1, c.pro1]) {
      expectNothingVisible(await who.get("/api/v1/annual-plans"));
      expect([403, 404]).toContain((await who.get(url(plan))).status);
    }
    for (const who of [base.supervisor, c.bureau, base.staff]) {
      expect(ok(await who.get(`/api/v1/annual-plans?baseId=${base.id}`)).items.map((p: any) => p.id)).toEqual([plan.id]);
    }
  });

  it("lists plans with filters and exports the same list to Excel", async () => {
    const base = await givenActiveBase(c, "base", { name: "计划列表测试继续教育基地" });
    const filed = await givenPlan(c, base, 2026, "filed");
    const draft = await givenPlan(c, base, 2027, "submitted");
    const ids = async (query: string) => ok(await c.bureau.get(`/api/v1/annual-plans?baseId=${base.id}&${query}`)).items.map((p: any) => p.id).sort();
    expect(await ids("")).toEqual([filed.id, draft.id].sort());
    expect(await ids("year=2027")).toEqual([draft.id]);
    expect(await ids("status=filed")).toEqual([filed.id]);
    expect(ok(await c.bureau.get(`/api/v1/annual-plans?q=${encodeURIComponent("计划列表测试")}&pageSize=200`)).items.map((p: any) => p.id).sort()).toEqual([filed.id, draft.id].sort());
    const row = ok(await c.bureau.get(`/api/v1/annual-plans?baseId=${base.id}&year=2026`)).items[0];
    expect(row).toMatchObject({ baseName: base.name, supervisorOrgName: "威海市环翠区人力资源和社会保障局", itemCount: 2, late: true, status: "filed" });
    const xlsx = await c.bureau.get(`/api/v1/annual-plans/export.xlsx?baseId=${base.id}&status=filed`);
    expect(xlsx.headers.get("content-type")).toContain(XLSX);
    const rows = await readSheet(xlsx.body);
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows[1])).toContain(base.name);
  });
});

describe.each(dialects)("reminders before 31 December on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());

  it("reminds the staff of a base without a submitted plan 30, 7 and 1 days before 31 December, once each, and not a base that has submitted", async () => {
    // base's institution and base2's institution each run exactly one base in this server
    await givenActiveBase(c, "base");
    const submitted = await givenActiveBase(c, "base2");
    await setToday(c, "2026-11-02");
    await givenPlan(c, submitted, 2027, "submitted");
    const expected: Array<[string, number | null]> = [
      ["2026-11-30", null],
      ["2026-12-01", 30],
      ["2026-12-02", null],
      ["2026-12-24", 7],
      ["2026-12-30", 1],
      ["2026-12-31", null],
    ];
    let count = 0;
    for (const [date, daysLeft] of expected) {
      await setToday(c, date);
      await Promise.all([runJobs(c), runJobs(c)]); // two runs at once, as when a tick meets a manual run
      await runJobs(c); // and a later run the same day adds nothing
      const notes = await notificationsOf(c.base, "plan.reminder");
      if (daysLeft !== null) count++;
      expect(notes, date).toHaveLength(count);
      if (daysLeft !== null) expect(notes.find((n) => n.params.daysLeft === daysLeft)?.params, date).toMatchObject({ year: 2027, dueDate: "2026-12-31", daysLeft });
    }
    expect(await notificationsOf(c.base2, "plan.reminder")).toEqual([]);
  });
});

describe.each(dialects)("who has not filed on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const rowsOf = async (who: Client, query = "") => ok(await who.get(`/api/v1/annual-plans/filing-status?year=2027&pageSize=200${query}`)).items as any[];
  const rowOf = (rows: any[], base: TestBase) => rows.find((r) => r.baseId === base.id);

  it("shows the supervising unit and the bureau which of their bases have not filed, and which are overdue", async () => {
    const filed = await givenActiveBase(c, "base");
    const none = await givenActiveBase(c, "base");
    const drafting = await givenActiveBase(c, "base2");
    const suspended = await givenActiveBase(c, "base");
    await givenPlan(c, filed, 2027, "filed");
    const draft = await givenPlan(c, drafting, 2027, "draft");
    await setBaseStatus(c, suspended.id, "rectifying");

    const bySupervisor = await rowsOf(c.supervisor);
    expect(rowOf(bySupervisor, filed)).toMatchObject({ baseName: filed.name, year: 2027, dueDate: "2026-12-31", planStatus: "filed", overdue: false, supervisorOrgName: "威海市环翠区人力资源和社会保障局", district: "环翠区" });
    expect(rowOf(bySupervisor, none)).toMatchObject({ planId: null, planStatus: null, overdue: false });
    expect(rowOf(bySupervisor, drafting)).toBeUndefined();
    expect(rowOf(bySupervisor, suspended)).toBeUndefined();
    const pending = await rowsOf(c.supervisor, "&pending=true");
    expect(rowOf(pending, none)).toBeDefined();
    expect(rowOf(pending, filed)).toBeUndefined();

    const byBureau = await rowsOf(c.bureau);
    expect(rowOf(byBureau, drafting)).toMatchObject({ planId: draft.id, planStatus: "draft", overdue: false });
    expect(rowOf(byBureau, none)).toBeDefined();
    expect(rowOf(await rowsOf(c.supervisor2), none)).toBeUndefined();

    await setToday(c, "2027-01-05");
    const overdue = await rowsOf(c.bureau, "&pending=true");
    expect(rowOf(overdue, none)).toMatchObject({ overdue: true });
    expect(rowOf(overdue, drafting)).toMatchObject({ overdue: true });
    expect(rowOf(await rowsOf(c.bureau), filed)).toMatchObject({ overdue: false });

    const xlsx = await c.bureau.get("/api/v1/annual-plans/filing-status/export.xlsx?year=2027&pending=true");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain(XLSX);
    expect(JSON.stringify(await readSheet(xlsx.body))).toContain(none.name);
  });
});
