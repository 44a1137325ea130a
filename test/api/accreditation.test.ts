// Base accreditation end to end (第四条, 第五条): application, recommendation, expert panel, public
// notice with objections, publication and plaque — and every refusal on the way.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cast, givenApplication, type Cast } from "../support/accreditation.js";
import { minimalPdf, minimalPng } from "../support/files.js";
import { dialects, idOf, startServer, type TestServer } from "../support/harness.js";
import { inspectPdf } from "../../src/server/platform/pdf.js";

const DAY0 = "2026-12-01T02:00:00.000Z"; // a Tuesday morning in Weihai

describe.each(dialects)("base accreditation on %s", (dialect) => {
  let s: TestServer;
  let c: Cast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await cast(s);
  });
  afterAll(() => s.close());
  beforeEach(async () => {
    await c.bureau.put("/api/v1/test/clock", { now: DAY0 });
  });

  it("takes an application from draft to a published base with a decision number and plaque", async () => {
    let app = await givenApplication(c, "in_notice", "威海市智能制造继续教育基地");
    expect(app.status).toBe("in_notice");
    expect(app.notice).toMatchObject({ startsOn: "2026-12-01", endsOn: "2026-12-06", isOpen: true });
    const notices = await s.client().get("/api/v1/public/notices");
    expect(notices.body.items.map((n: any) => n.baseName)).toContain("威海市智能制造继续教育基地");

    await c.bureau.put("/api/v1/test/clock", { now: "2026-12-07T02:00:00.000Z" });
    const res = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/publish`, { version: app.version });
    expect(res.status).toBe(200);
    app = res.body;
    expect(app.status).toBe("published");
    expect(app.history.map((h: any) => h.action)).toEqual(["submit", "recommend", "accept", "open-review", "approve", "publish"]);

    const base = (await c.base.get(`/api/v1/bases/${app.baseId}`)).body;
    expect(base).toMatchObject({ name: "威海市智能制造继续教育基地", hostOrgName: "威海市环翠区职业技术培训学校", status: "active", decisionDate: "2026-12-07" });
    expect(base.decisionNo).toMatch(/^威人社发〔2026〕\d+号$/);
    expect(base.verifyUrl).toContain(`/public/bases/${base.id}`);
    const registry = await s.client().get(`/api/v1/public/bases?q=${encodeURIComponent("智能制造")}`);
    expect(registry.body.items.map((b: any) => b.id)).toContain(base.id);
    expect((await s.client().get(`/api/v1/public/bases/${base.id}`)).body.decisionNo).toBe(base.decisionNo);
    // The base starts with the address and contact of its 申报表; the public sees the contact masked.
    expect(base).toMatchObject({ address: app.form.basics.address, contactName: "张海涛", contactPhone: "13806310004" });
    expect((await s.client().get(`/api/v1/public/bases/${base.id}`)).body).toMatchObject({ contactName: "张*涛", contactPhone: "138****0004" });
    expect(registry.body.items.find((b: any) => b.id === base.id)).toMatchObject({ contactName: "张*涛", contactPhone: "138****0004" });

    const plaque = await c.base.get(`/api/v1/bases/${base.id}/plaque.pdf`);
    expect(plaque.status).toBe(200);
    expect(plaque.headers.get("content-type")).toBe("application/pdf");
    const bytes = plaque.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const inspected = await inspectPdf(bytes);
    expect(inspected.pageCount).toBe(1);
    expect(inspected.fontPrograms).toBeGreaterThan(0); // the Chinese font is embedded
    expect(inspected.images).toBe(1); // the verification QR code
  });

  it("numbers decisions one after another within a year", async () => {
    const a = await givenApplication(c, "in_notice");
    const b = await givenApplication(c, "in_notice");
    await c.bureau.put("/api/v1/test/clock", { now: "2026-12-08T02:00:00.000Z" });
    const pa = (await c.bureau.post(`/api/v1/base-applications/${a.id}/actions/publish`, { version: a.version })).body;
    const pb = (await c.bureau.post(`/api/v1/base-applications/${b.id}/actions/publish`, { version: b.version })).body;
    const na = Number(/〕(\d+)号/.exec((await c.bureau.get(`/api/v1/bases/${pa.baseId}`)).body.decisionNo)![1]);
    const nb = Number(/〕(\d+)号/.exec((await c.bureau.get(`/api/v1/bases/${pb.baseId}`)).body.decisionNo)![1]);
    expect(nb).toBe(na + 1);
  });

  it("names each missing part when an incomplete form is submitted, and changes nothing", async () => {
    const draft = (await c.base.post("/api/v1/base-applications", { supervisorOrgId: c.supervisorOrgId, form: { basics: { baseName: "未完成的基地" } } })).body;
    expect(draft.status).toBe("draft");
    expect(draft.availableActions).toContain("submit");
    const res = await c.base.post(`/api/v1/base-applications/${draft.id}/actions/submit`, { version: draft.version });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("FORM_INCOMPLETE");
    expect(res.body.error.details.missing).toEqual(expect.arrayContaining(["teachers", "systems.evaluation", "funding.annualBudgetFen", "pastProjects", "basics.district"]));
    expect(res.body.error.details.missing).not.toContain("basics.baseName");
    expect((await c.base.get(`/api/v1/base-applications/${draft.id}`)).body).toMatchObject({ status: "draft", version: draft.version });
  });

  it("keeps the file from other supervising units and other institutions (404)", async () => {
    const app = await givenApplication(c, "submitted");
    for (const outsider of ["supervisor2", "base2", "expert1"]) {
      const res = await (await s.as(outsider)).get(`/api/v1/base-applications/${app.id}`);
      expect(res.status, outsider).toBe(404);
    }
    const list = await (await s.as("supervisor2")).get("/api/v1/base-applications");
    expect(list.body.items.map((a: any) => a.id)).not.toContain(app.id);
    expect((await c.supervisor.get("/api/v1/base-applications")).body.items.map((a: any) => a.id)).toContain(app.id);
  });

  it("refuses steps to the wrong role and offers each role only its own steps", async () => {
    const app = await givenApplication(c, "submitted");
    expect((await c.supervisor.get(`/api/v1/base-applications/${app.id}`)).body.availableActions.sort()).toEqual(["recommend", "reject", "return"]);
    expect((await c.base.get(`/api/v1/base-applications/${app.id}`)).body.availableActions).toEqual([]);
    const byBase = await c.base.post(`/api/v1/base-applications/${app.id}/actions/recommend`, { version: app.version });
    expect(byBase.status).toBe(403);
    const byBureau = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/accept`, { version: app.version });
    expect(byBureau.status).toBe(409);
    expect(byBureau.body.error.code).toBe("WORKFLOW_ACTION_UNAVAILABLE");
  });

  it("returns with comments for revision and accepts the revised form again", async () => {
    let app = await givenApplication(c, "submitted");
    const noComment = await c.supervisor.post(`/api/v1/base-applications/${app.id}/actions/return`, { version: app.version });
    expect(noComment.body.error.code).toBe("COMMENT_REQUIRED");
    app = (await c.supervisor.post(`/api/v1/base-applications/${app.id}/actions/return`, { version: app.version, comment: "请补充实训场所证明" })).body;
    expect(app.status).toBe("returned");
    expect(app.history.at(-1)).toMatchObject({ action: "return", comment: "请补充实训场所证明" });
    const edited = await c.base.patch(`/api/v1/base-applications/${app.id}`, { version: app.version, form: { ...app.form, basics: { ...app.form.basics, address: "新地址 1 号" } } });
    expect(edited.status).toBe(200);
    const resubmitted = await c.base.post(`/api/v1/base-applications/${app.id}/actions/submit`, { version: edited.body.version });
    expect(resubmitted.body.status).toBe("submitted");
    const locked = await c.base.patch(`/api/v1/base-applications/${app.id}`, { version: resubmitted.body.version, form: app.form });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("FORM_NOT_EDITABLE");
  });

  it("answers 409 to a stale version", async () => {
    const app = await givenApplication(c, "submitted");
    expect((await c.supervisor.post(`/api/v1/base-applications/${app.id}/actions/recommend`, { version: app.version })).status).toBe(200);
    const again = await c.supervisor.post(`/api/v1/base-applications/${app.id}/actions/reject`, { version: app.version, comment: "x" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("VERSION_CONFLICT");
  });

  it("refuses an expert from the applicant's own organization on the panel", async () => {
    const app = await givenApplication(c, "accepted");
    const res = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/open-review`, {
      version: app.version,
      expertUserIds: [c.expertIds.expert1, c.expertIds.expert3],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("EXPERT_CONFLICT");
    expect(res.body.error.details.expertName).toBe("高志远高级讲师");
    expect((await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body.status).toBe("accepted");
    const tooSmall = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/open-review`, { version: app.version, expertUserIds: [c.expertIds.expert1] });
    expect(tooSmall.body.error.code).toBe("PANEL_TOO_SMALL");
  });

  it("shows an expert the form only after declaring no conflict, and only on their panels", async () => {
    const app = await givenApplication(c, "under_review");
    const before = (await c.expert1.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(before.form).toBeNull();
    expect(before.needsConflictDeclaration).toBe(true);
    expect(before.reviewSheet.map((x: any) => x.key)).toEqual(["teachers", "management", "facilities", "experience", "leadership"]);
    const after = (await c.expert1.post(`/api/v1/base-applications/${app.id}/conflict-declaration`, { noConflict: true })).body;
    expect(after.form.basics.baseName).toBe(app.form.basics.baseName);
    expect((await c.expert3.get(`/api/v1/base-applications/${app.id}`)).status).toBe(404);
    expect((await c.expert3.get("/api/v1/base-applications")).body.items.map((a: any) => a.id)).not.toContain(app.id);
  });

  it("gives the bureau every score, the weighted mean, spread and outliers, and no approval before all reviewed", async () => {
    const app = await givenApplication(c, "under_review");
    const scores = (n: number) => ({ teachers: n, management: n, facilities: n, experience: n, leadership: n });
    const bad = await c.expert1.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores: { teachers: 120 }, recommendation: "approve", comment: "" });
    expect(bad.body.error.code).toBe("SCORES_INVALID");
    await c.expert1.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores: scores(92), recommendation: "approve", comment: "好" });
    const early = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/approve`, { version: app.version });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("REVIEWS_PENDING");
    const twice = await c.expert1.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores: scores(10), recommendation: "reject", comment: "改主意" });
    expect(twice.status).toBe(409);
    await c.expert2.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores: scores(60), recommendation: "reject", comment: "不足" });
    const view = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(view.scoreSummary).toMatchObject({ reviewed: 2, panelSize: 2, mean: 76, spread: 32, approveCount: 1, rejectCount: 1 });
    // two reviews: no "others" to stand out from, so nothing is flagged
    expect(view.reviews.map((r: any) => [r.weightedScore, r.isOutlier])).toEqual([
      [92, false],
      [60, false],
    ]);
    expect(view.availableActions).toContain("approve");
    expect((await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/approve`, { version: view.version })).body.status).toBe("in_notice");
  });

  it("refuses publication while the notice runs", async () => {
    const app = await givenApplication(c, "in_notice");
    await c.bureau.put("/api/v1/test/clock", { now: "2026-12-06T09:00:00.000Z" });
    const res = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/publish`, { version: app.version });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("NOTICE_RUNNING");
    expect(res.body.error.details.endsOn).toBe("2026-12-06");
  });

  it("takes objections from the public with a receipt, holds publication until answered", async () => {
    const app = await givenApplication(c, "in_notice");
    const anon = s.client();
    const filed = await anon.post(`/api/v1/public/notices/${app.notice.id}/objections`, { name: "王某", contact: "13912345678", content: "该单位实训场所与申报材料不符，请核实。" });
    expect(filed.status).toBe(201);
    const receipt = filed.body.receiptNo;
    expect(receipt).toMatch(/^YY20261201[0-9A-Z]{10}$/);
    expect((await anon.get(`/api/v1/public/objections/${receipt}`)).body).toMatchObject({ status: "open", answer: null });
    let view = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(view.status).toBe("objection_pending");
    expect(view.objections[0].contact).toBe("139****5678");
    // issue 10 item 7: the objector's phone is stored sealed, never in clear
    const stored = await s.app.platform.db.selectFrom("objections").select(["contact", "contactEnc"]).where("receiptNo", "=", receipt).executeTakeFirstOrThrow();
    expect(stored.contact).toBe("139****5678");
    expect(stored.contactEnc).not.toContain("13912345678");
    expect(s.app.platform.secrets.decrypt(stored.contactEnc!)).toBe("13912345678");

    await c.bureau.put("/api/v1/test/clock", { now: "2026-12-09T02:00:00.000Z" });
    const blocked = await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/publish`, { version: view.version });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("WORKFLOW_ACTION_UNAVAILABLE");

    const objectionId = view.objections[0].id;
    expect((await c.supervisor.post(`/api/v1/objections/${objectionId}/actions/resolve`, { answer: "x", upheld: false })).status).toBe(403);
    const resolved = await c.bureau.post(`/api/v1/objections/${objectionId}/actions/resolve`, { answer: "经核实，实训场所为合作单位提供，材料属实。", upheld: false });
    expect(resolved.body).toMatchObject({ status: "resolved", upheld: false });
    expect((await anon.get(`/api/v1/public/objections/${receipt}`)).body).toMatchObject({ status: "resolved", upheld: false, answer: "经核实，实训场所为合作单位提供，材料属实。" });
    view = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(view.status).toBe("in_notice");
    expect((await c.bureau.post(`/api/v1/base-applications/${app.id}/actions/publish`, { version: view.version })).body.status).toBe("published");
  });

  it("sends the application back when an objection is upheld, and closes the notice", async () => {
    const app = await givenApplication(c, "in_notice");
    await s.client().post(`/api/v1/public/notices/${app.notice.id}/objections`, { name: "李某", contact: "lee@example.cn", content: "申报的培训项目参训人数不实。" });
    const objection = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body.objections[0];
    await c.bureau.post(`/api/v1/objections/${objection.id}/actions/resolve`, { answer: "异议属实，退回修改。", upheld: true, outcome: "return" });
    const view = (await c.base.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(view.status).toBe("returned");
    expect(view.notice.isOpen).toBe(false);
    const late = await s.client().post(`/api/v1/public/notices/${app.notice.id}/objections`, { name: "李某", contact: "lee@example.cn", content: "补充异议内容在此处。" });
    expect(late.body.error.code).toBe("NOTICE_CLOSED");
  });

  it("notifies the next person and lists the work on their home page", async () => {
    const app = await givenApplication(c, "submitted", "通知测试基地");
    const notes = (await c.supervisor.get("/api/v1/notifications?unread=true&pageSize=200")).body;
    expect(notes.items.some((n: any) => n.kind === "accreditation.submitted" && n.params.baseName === "通知测试基地")).toBe(true);
    const items = (await c.supervisor.get("/api/v1/work-items")).body.items;
    expect(items.find((i: any) => i.kind === "accreditation.toRecommend").params.count).toBeGreaterThan(0);
    await c.supervisor.post(`/api/v1/base-applications/${app.id}/actions/recommend`, { version: app.version });
    const bureauNotes = (await c.bureau.get("/api/v1/notifications?unread=true&pageSize=200")).body;
    expect(bureauNotes.items.find((n: any) => n.link === `/applications/${app.id}`)).toMatchObject({ kind: "accreditation.recommended", params: { baseName: "通知测试基地" } });
    await c.bureau.post("/api/v1/notifications/actions/read-all");
    expect((await c.bureau.get("/api/v1/notifications?unread=true")).body.unread).toBe(0);
  });

  it("refuses a supervising unit that is not a supervising department", async () => {
    const school = await idOf(c.bureau, "organizations", (o) => o.name === "威海市卫生健康继续教育培训中心");
    const res = await c.base.post("/api/v1/base-applications", { supervisorOrgId: school, form: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("SUPERVISOR_INVALID");
  });

  it("uploads an attachment readable by the applicant's reviewers and nobody else", async () => {
    const pdf = await minimalPdf("师资证明");
    const up = await c.base.request("POST", "/api/v1/files", pdf, { "content-type": "application/pdf", "x-file-name": encodeURIComponent("师资证明.pdf") });
    expect(up.status).toBe(201);
    const exe = await c.base.request("POST", "/api/v1/files", Buffer.from("MZ\x90\x00binary"), { "content-type": "application/pdf", "x-file-name": "x.pdf" });
    expect(exe.body.error.code).toBe("FILE_TYPE_REFUSED");
    const app = await givenApplication(c, "draft");
    const form = { ...app.form, attachments: [{ fileId: up.body.fileId, name: "师资证明.pdf", kind: "teachers" }] };
    const patched = (await c.base.patch(`/api/v1/base-applications/${app.id}`, { version: app.version, form })).body;
    await c.base.post(`/api/v1/base-applications/${app.id}/actions/submit`, { version: patched.version });
    const bySupervisor = await c.supervisor.get(`/api/v1/files/${up.body.fileId}`);
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body as Buffer).toEqual(pdf);
    expect((await (await s.as("supervisor2")).get(`/api/v1/files/${up.body.fileId}`)).status).toBe(404);
  });

  it("prints the filled application form as a PDF", async () => {
    const app = await givenApplication(c, "submitted");
    const res = await c.supervisor.get(`/api/v1/base-applications/${app.id}/form.pdf`);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("keeps every objection filed at the same moment", async () => {
    const app = await givenApplication(c, "in_notice");
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => s.client().post(`/api/v1/public/notices/${app.notice.id}/objections`, { name: `异议人${i}`, contact: "13900000000", content: `同时提交的第 ${i} 份异议内容。` })),
    );
    expect(results.map((r) => r.status), JSON.stringify(results.map((r) => r.body))).toEqual([201, 201, 201, 201]);
    const view = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body;
    expect(view.status).toBe("objection_pending");
    expect(view.objections).toHaveLength(4);
  });

  it("answers a second, simultaneous review of the same expert with ALREADY_REVIEWED", async () => {
    const app = await givenApplication(c, "under_review");
    await c.expert1.post(`/api/v1/base-applications/${app.id}/conflict-declaration`, { noConflict: true });
    const scores = { teachers: 80, management: 80, facilities: 80, experience: 80, leadership: 80 };
    const both = await Promise.all([1, 2].map(() => c.expert1.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores, recommendation: "approve", comment: "" })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("ALREADY_REVIEWED");
  });

  it("lets only one of two staff answer the same objection", async () => {
    const app = await givenApplication(c, "in_notice");
    await s.client().post(`/api/v1/public/notices/${app.notice.id}/objections`, { name: "赵某", contact: "13900000001", content: "关于培训规模的异议内容。" });
    const objection = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body.objections[0];
    const other = await s.as("bureau");
    const both = await Promise.all([
      c.bureau.post(`/api/v1/objections/${objection.id}/actions/resolve`, { answer: "异议属实。", upheld: true, outcome: "reject" }),
      other.post(`/api/v1/objections/${objection.id}/actions/resolve`, { answer: "异议不成立。", upheld: false }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!.body;
    const status = (await c.bureau.get(`/api/v1/base-applications/${app.id}`)).body.status;
    expect(status).toBe(winner.upheld ? "rejected" : "in_notice");
  });

  it("offers only supervising units that have someone to act, and refuses files of another institution", async () => {
    const units = (await c.base.get("/api/v1/supervising-units")).body.items.map((u: any) => u.name);
    expect(units.sort()).toEqual(["威海市卫生健康委员会", "威海市环翠区人力资源和社会保障局"].sort());
    const base2 = await s.as("base2");
    const png = minimalPng();
    const up = await base2.request("POST", "/api/v1/files", png, { "content-type": "image/png", "x-file-name": "a.png" });
    expect(up.status).toBe(201);
    const app = await givenApplication(c, "draft");
    const res = await c.base.patch(`/api/v1/base-applications/${app.id}`, { version: app.version, form: { ...app.form, attachments: [{ fileId: up.body.fileId, name: "a.png" }] } });
    expect(res.status).toBe(404);
  });

  it("limits objections per address, and a forged X-Forwarded-For does not get round it", async () => {
    const limited = await startServer(dialect, { objectionRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const lc = await cast(limited);
      await lc.bureau.put("/api/v1/test/clock", { now: DAY0 });
      const app = await givenApplication(lc, "in_notice");
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.client().request("POST", `/api/v1/public/notices/${app.notice.id}/objections`, { name: "某人", contact: "13900000002", content: "重复提交的异议内容。" }, { "x-forwarded-for": `10.1.1.${i}` });
        statuses.push(res.status);
        if (res.status === 429) expect(res.body.error.code).toBe("RATE_LIMITED");
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await limited.close();
    }
  });
});
