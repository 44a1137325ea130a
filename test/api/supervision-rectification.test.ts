// Rectification orders (限期整改, 第十九条): the bureau orders, the supervising unit proposes, the base
// (then `rectifying`, filing nothing new) reports per item, the unit gives its opinion, the bureau accepts
// (the base is active again), returns or extends; an order past its deadline is marked overdue by the job
// and waits on the bureau's home.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { minimalPdf } from "../support/files.js";
import {
  auditActions,
  expectError,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFiledProject,
  notificationsOf,
  ok,
  projectInput,
  readSheet,
  runJobs,
  setToday,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";
import { loadDemoRectification } from "../../src/server/demo/supervision-rectification.js";
import { enrolSelf } from "../support/completion.js";
import { baseOf, createOrder, givenOpenOrder, givenReportedOrder, ORDER_ITEMS, orderUrl, reportAll, step } from "../support/supervision-rectification.js";

describe.each(dialects)("rectification orders on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const workItems = async (who: typeof c.bureau) => ok(await who.get("/api/v1/work-items")).items as any[];

  it("puts the base under rectification: it files nothing new, but its filed project still runs and enrols", async () => {
    const base = await givenActiveBase(c);
    const filed = await givenFiledProject(base, { startDate: "2026-11-16", endDate: "2026-11-17" });
    const order = ok(await createOrder(c, base, { deadline: "2026-12-31" }), 201);
    expect(order).toMatchObject({ status: "open", baseId: base.id, baseName: base.name, deadline: "2026-12-31", overdue: false });
    expect(order.items).toEqual([
      { key: "1", text: ORDER_ITEMS[0], report: null, evidenceFileIds: [] },
      { key: "2", text: ORDER_ITEMS[1], report: null, evidenceFileIds: [] },
    ]);
    expect(order.availableActions).toEqual(expect.arrayContaining(["extend"]));
    expect(order.history[0]).toMatchObject({ action: "create", toStatus: "open" });
    expect((await baseOf(c.bureau, base.id)).status).toBe("rectifying");
    expect(ok(await base.staff.get(orderUrl(order))).availableActions).toEqual(["report"]);
    expect(await notificationsOf(base.staff, "supervision.rectification.opened")).not.toHaveLength(0);
    expect((await workItems(base.staff)).some((w) => w.kind === "supervision.rectification.toReport" && w.link === `/rectification-orders/${order.id}`)).toBe(true);

    const draft = await givenDraftProject(base, { startDate: "2026-12-14" });
    expectError(await base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version }), 422, "BASE_NOT_ACTIVE");
    expectError(await base.staff.post("/api/v1/annual-plans", { baseId: base.id, year: 2027, items: [], note: "" }), 422, "BASE_NOT_ACTIVE");

    await enrolSelf(c.pro1, filed.id);
    await setToday(c, "2026-11-16");
    await runJobs(c);
    expect(ok(await base.staff.get(`/api/v1/training-projects/${filed.id}`)).status).toBe("running");
  });

  it("refuses an order without items, with a past deadline, or on a base that already has one", async () => {
    const base = await givenActiveBase(c);
    expectError(await createOrder(c, base, { items: ["  ", ""] }), 422, "ITEMS_REQUIRED");
    expectError(await createOrder(c, base, { deadline: "2026-11-02" }), 422, "DEADLINE_INVALID");
    expectError(await createOrder(c, base, { deadline: "2026-02-30" }), 400, "VALIDATION_FAILED");
    await givenOpenOrder(c, base);
    expectError(await createOrder(c, base), 409, "RECTIFICATION_OPEN");
    expectError(await createOrder(c, base, { by: c.supervisor }), 409, "RECTIFICATION_OPEN");
  });

  it("lets neither the base nor another supervising unit order rectification", async () => {
    const base = await givenActiveBase(c);
    expectError(await createOrder(c, base, { by: base.staff }), 403, "FORBIDDEN");
    expectError(await createOrder(c, base, { by: c.supervisor2 }), 404, "NOT_FOUND");
    expectError(await c.bureau.post("/api/v1/rectification-orders", { baseId: "nosuchbase", items: ORDER_ITEMS, deadline: "2026-12-31" }), 404, "NOT_FOUND");
  });

  it("refuses a report that leaves an item without an answer, then takes the full report", async () => {
    const base = await givenActiveBase(c);
    const order = await givenOpenOrder(c, base);
    const partial = { items: [{ key: "1", report: "已补充专职教师 3 名" }] };
    expect(expectError(await step(base.staff, order, "report", { payload: partial }), 422, "REPORT_INCOMPLETE").count).toBe(1);
    const blank = { items: [{ key: "1", report: "已补充" }, { key: "2", report: "   " }] };
    expectError(await step(base.staff, order, "report", { payload: blank }), 422, "REPORT_INCOMPLETE");
    expectError(await step(base.staff, order, "report", { payload: { items: [{ key: "9", report: "x" }] } }), 422, "RECTIFICATION_ITEM_UNKNOWN");
    expectError(await step(c.supervisor, order, "report", { payload: reportAll(order) }), 403, "FORBIDDEN");
    const reported = ok(await step(base.staff, order, "report", { payload: reportAll(order) }));
    expect(reported.status).toBe("reported");
    expect(reported.reportedAt).toEqual(expect.any(String));
    expect(reported.items.every((i: any) => i.report)).toBe(true);
    expect(await notificationsOf(c.supervisor, "supervision.rectification.reported")).not.toHaveLength(0);
  });

  it("takes evidence files the base uploaded, and lets the bureau read them", async () => {
    const base = await givenActiveBase(c);
    const order = await givenOpenOrder(c, base);
    const pdf = await minimalPdf("专职教师聘用合同");
    const up = ok(await base.staff.request("POST", "/api/v1/files", pdf, { "content-type": "application/pdf", "x-file-name": encodeURIComponent("专职教师聘用合同.pdf") }), 201);
    const foreign = ok(await c.base2.request("POST", "/api/v1/files", await minimalPdf("other"), { "content-type": "application/pdf", "x-file-name": "x.pdf" }), 201);
    const withForeign = reportAll(order);
    withForeign.items[0].evidenceFileIds = [foreign.fileId];
    expectError(await step(base.staff, order, "report", { payload: withForeign }), 422, "EVIDENCE_FILE_INVALID");
    const payload = reportAll(order);
    payload.items[0].evidenceFileIds = [up.fileId];
    const reported = ok(await step(base.staff, order, "report", { payload }));
    expect(reported.evidence).toEqual([{ id: up.fileId, name: "专职教师聘用合同.pdf" }]);
    const file = await c.bureau.get(`${orderUrl(order)}/files/${up.fileId}`);
    expect(file.status).toBe(200);
    expect(file.body as Buffer).toEqual(pdf);
    expect((await c.supervisor2.get(`${orderUrl(order)}/files/${up.fileId}`)).status).toBe(404);
    expect((await c.bureau.get(`${orderUrl(order)}/files/${foreign.fileId}`)).status).toBe(404);
  });

  it("takes the supervising unit's opinion, then the bureau's acceptance makes the base active again", async () => {
    const base = await givenActiveBase(c);
    const reported = await givenReportedOrder(c, base);
    expect(ok(await c.supervisor.get(orderUrl(reported))).availableActions).toEqual(["opine"]);
    expectError(await step(c.supervisor, reported, "opine", {}), 422, "COMMENT_REQUIRED");
    expectError(await step(c.supervisor2, reported, "opine", { comment: "同意" }), 404, "NOT_FOUND");
    const opined = ok(await step(c.supervisor, reported, "opine", { comment: "整改措施到位，建议验收" }));
    expect(opined).toMatchObject({ status: "opined", supervisorOpinion: "整改措施到位，建议验收" });
    expect(opined.availableActions).toEqual([]);
    expectError(await step(base.staff, opined, "accept"), 403, "FORBIDDEN");
    expect(ok(await c.bureau.get(orderUrl(opined))).availableActions).toEqual(expect.arrayContaining(["accept", "return", "extend"]));
    const accepted = ok(await step(c.bureau, opined, "accept", { comment: "验收通过" }));
    expect(accepted).toMatchObject({ status: "accepted", overdue: false, availableActions: [] });
    expect(accepted.acceptedAt).toEqual(expect.any(String));
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
    expect(await notificationsOf(base.staff, "supervision.rectification.accepted")).not.toHaveLength(0);
    expect(await auditActions(c, accepted.id)).toEqual(["rectificationOrder.create", "rectificationOrder.report", "rectificationOrder.opine", "rectificationOrder.accept"]);
    // Active again: it files.
    const draft = await givenDraftProject(base, { startDate: "2026-12-14" });
    expect(ok(await base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version })).status).toBe("filed");
  });

  it("accepts a report without waiting for an opinion", async () => {
    const base = await givenActiveBase(c);
    const reported = await givenReportedOrder(c, base);
    expect(ok(await step(c.bureau, reported, "accept")).status).toBe("accepted");
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
  });

  it("returns a report to the base with a comment, which it then reports again", async () => {
    const base = await givenActiveBase(c);
    const reported = await givenReportedOrder(c, base);
    expectError(await step(c.bureau, reported, "return", {}), 422, "COMMENT_REQUIRED");
    const returned = ok(await step(c.bureau, reported, "return", { comment: "第 2 项缺少归档制度文本" }));
    expect(returned.status).toBe("open");
    expect(returned.history.at(-1)).toMatchObject({ action: "return", fromStatus: "reported", toStatus: "open", comment: "第 2 项缺少归档制度文本" });
    expect((await baseOf(c.bureau, base.id)).status).toBe("rectifying");
    expect((await notificationsOf(base.staff, "supervision.rectification.returned"))[0].params.comment).toBe("第 2 项缺少归档制度文本");
    expect(ok(await step(base.staff, returned, "report", { payload: reportAll(returned) })).status).toBe("reported");
  });

  it("takes a supervising unit's proposal into force only when the bureau confirms it", async () => {
    const base = await givenActiveBase(c);
    const proposal = ok(await createOrder(c, base, { by: c.supervisor }), 201);
    expect(proposal.status).toBe("proposed");
    expect(proposal.availableActions).toEqual([]);
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
    expect(ok(await base.staff.get(orderUrl(proposal))).availableActions).toEqual([]);
    expect(await notificationsOf(c.bureau, "supervision.rectification.proposed")).not.toHaveLength(0);
    expect((await workItems(c.bureau)).some((w) => w.kind === "supervision.rectification.toConfirm")).toBe(true);
    expectError(await step(c.supervisor, proposal, "confirm"), 403, "FORBIDDEN");
    expect(ok(await c.bureau.get(orderUrl(proposal))).availableActions).toEqual(["confirm", "withdraw"]);
    const confirmed = ok(await step(c.bureau, proposal, "confirm", { payload: { deadline: "2027-01-31" } }));
    expect(confirmed).toMatchObject({ status: "open", deadline: "2027-01-31" });
    expect((await baseOf(c.bureau, base.id)).status).toBe("rectifying");

    const other = await givenActiveBase(c);
    const second = ok(await createOrder(c, other, { by: c.supervisor }), 201);
    const withdrawn = ok(await step(c.bureau, second, "withdraw", { comment: "问题已当场纠正" }));
    expect(withdrawn.status).toBe("withdrawn");
    expect((await baseOf(c.bureau, other.id)).status).toBe("active");
    expect(ok(await createOrder(c, other), 201).status).toBe("open");
  });

  it("marks an order overdue once after its deadline, puts it on the bureau's home, and an extension clears it", async () => {
    const base = await givenActiveBase(c);
    const order = await givenOpenOrder(c, base, { deadline: "2026-11-20" });
    await setToday(c, "2026-11-20");
    await runJobs(c);
    expect(ok(await c.bureau.get(orderUrl(order))).overdue).toBe(false);
    await setToday(c, "2026-11-21");
    await runJobs(c);
    await runJobs(c);
    const overdue = ok(await c.bureau.get(orderUrl(order)));
    expect(overdue).toMatchObject({ status: "open", overdue: true });
    expect(overdue.overdueAt).toEqual(expect.any(String));
    const notices = (await notificationsOf(c.bureau, "supervision.rectification.overdue")).filter((n) => n.link === `/rectification-orders/${order.id}`);
    expect(notices).toHaveLength(1);
    expect(notices[0].params).toMatchObject({ baseName: base.name, deadline: "2026-11-20" });
    const item = (await workItems(c.bureau)).find((w) => w.kind === "supervision.rectification.overdue" && w.link === `/rectification-orders/${order.id}`);
    expect(item?.params).toMatchObject({ baseName: base.name, deadline: "2026-11-20" });
    const listed = ok(await c.bureau.get(`/api/v1/rectification-orders?overdue=true&baseId=${base.id}`));
    expect(listed.items.map((o: any) => o.id)).toEqual([order.id]);
    expect(ok(await c.bureau.get(`/api/v1/rectification-orders?overdue=false&baseId=${base.id}`)).items).toEqual([]);

    expectError(await step(c.bureau, overdue, "extend", { payload: { deadline: "2026-11-21" } }), 422, "DEADLINE_INVALID");
    expectError(await step(c.bureau, overdue, "extend", {}), 422, "DEADLINE_INVALID");
    const extended = ok(await step(c.bureau, overdue, "extend", { comment: "基地申请延期", payload: { deadline: "2026-12-20" } }));
    expect(extended).toMatchObject({ status: "open", deadline: "2026-12-20", overdue: false, overdueAt: null });
    expect((await workItems(c.bureau)).some((w) => w.link === `/rectification-orders/${order.id}`)).toBe(false);
    expect(await notificationsOf(base.staff, "supervision.rectification.extended")).not.toHaveLength(0);
    expect(await auditActions(c, order.id)).toContain("rectificationOrder.overdue");
  });

  it("keeps a reported order overdue until the bureau accepts it", async () => {
    const base = await givenActiveBase(c);
    const reported = await givenReportedOrder(c, base, { deadline: "2026-11-05" });
    await setToday(c, "2026-11-06");
    await runJobs(c);
    expect(ok(await c.bureau.get(orderUrl(reported))).overdue).toBe(true);
    const accepted = ok(await step(c.bureau, reported, "accept"));
    expect(accepted.overdue).toBe(false);
  });

  it("lists orders within each role's scope, filters them and exports them", async () => {
    const mine = await givenActiveBase(c, "base");
    const theirs = await givenActiveBase(c, "base2");
    const a = await givenOpenOrder(c, mine);
    const b = await givenOpenOrder(c, theirs);
    const ids = async (who: typeof c.bureau, q = "") => ok(await who.get(`/api/v1/rectification-orders?pageSize=200${q}`)).items.map((o: any) => o.id);
    expect(await ids(c.bureau)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await ids(c.supervisor)).toContain(a.id);
    expect(await ids(c.supervisor)).not.toContain(b.id);
    expect(await ids(c.base)).toContain(a.id);
    expect(await ids(c.base)).not.toContain(b.id);
    expect(await ids(c.base2)).toEqual(expect.arrayContaining([b.id]));
    expectError(await c.supervisor2.get(orderUrl(a)), 404, "NOT_FOUND");
    expectError(await c.base2.get(orderUrl(a)), 404, "NOT_FOUND");
    expect((await c.pro1.get("/api/v1/rectification-orders")).status).toBe(403);
    expect(await ids(c.bureau, `&baseId=${mine.id}&status=open`)).toEqual([a.id]);
    expect(await ids(c.bureau, `&baseId=${mine.id}&status=accepted`)).toEqual([]);
    const res = await c.supervisor.get(`/api/v1/rectification-orders/export.xlsx?baseId=${mine.id}`);
    expect(res.headers.get("content-type")).toContain(XLSX);
    const rows = await readSheet(res.body);
    expect(rows[0]).toEqual(["基地", "管理单位", "状态", "整改期限", "已逾期", "整改事项数", "整改事项", "下达时间"]);
    expect(rows[1].slice(0, 6)).toEqual([mine.name, expect.any(String), "整改中", new Date("2026-12-31T00:00:00Z"), "否", 2]);
  });

  it("answers a stale version with 409", async () => {
    const base = await givenActiveBase(c);
    const order = await givenOpenOrder(c, base);
    ok(await step(c.bureau, order, "extend", { payload: { deadline: "2027-01-15" } }));
    expectError(await step(base.staff, order, "report", { payload: reportAll(order) }), 409, "VERSION_CONFLICT");
  });

  it("files under a base again once its last order is accepted, even when draft projects were saved meanwhile", async () => {
    const base: TestBase = await givenActiveBase(c);
    const order = await givenOpenOrder(c, base);
    ok(await base.staff.post("/api/v1/training-projects", projectInput(base.id)), 201);
    const reported = ok(await step(base.staff, order, "report", { payload: reportAll(order) }));
    ok(await step(c.bureau, reported, "accept"));
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
  });

  it("demo: a third base's report on last year's order waits for its supervising unit and the bureau", async () => {
    await loadDemoRectification(s.app.platform);
    const base3 = await s.as("base3");
    const [order] = ok(await base3.get("/api/v1/rectification-orders")).items;
    expect(order).toMatchObject({ status: "reported", overdue: false, itemCount: 3 });
    expect((await baseOf(c.bureau, order.baseId)).status).toBe("rectifying");
    expect(ok(await c.supervisor.get(orderUrl(order))).availableActions).toEqual(["opine"]);
    expect((await workItems(c.bureau)).some((w) => w.kind === "supervision.rectification.toDecide")).toBe(true);
  });
});
