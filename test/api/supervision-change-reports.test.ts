// Change reports (第二十七条): the base's staff report changes of name, host organization, affiliation,
// address, contacts or legal representative; the bureau acknowledges them (they apply at once and keep
// history: former names stay searchable, the plaque is reissued and the old one verifies as superseded, a
// change of affiliation moves the base with its plans and projects) or asks for more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import {
  auditActions,
  expectError,
  filingCast,
  givenActiveBase,
  givenFeeStandard,
  givenFiledProject,
  givenPlan,
  notificationsOf,
  ok,
  setBaseStatus,
  setToday,
  type FilingCast,
} from "../support/filing.js";
import { uploadEvidence } from "../support/professionals.js";
import { givenAcceptedReport, givenReport, reportChanges, reportUrl, step } from "../support/supervision-change-reports.js";
import { loadDemoChangeReports } from "../../src/server/demo/supervision-change-reports.js";

describe.each(dialects)("change reports on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const workItems = async (who: typeof c.bureau) => ok(await who.get("/api/v1/work-items")).items as any[];
  const publicSearch = async (q: string) => ok(await s.client().get(`/api/v1/public/bases?q=${encodeURIComponent(q)}`)).items as any[];

  it("applies an acknowledged change of name and address at once, keeping the former name searchable", async () => {
    const base = await givenActiveBase(c, "base", { name: "威海市环翠区海洋装备继续教育基地" });
    const before = ok(await c.bureau.get(`/api/v1/bases/${base.id}`));
    expect(before).toMatchObject({ address: expect.stringContaining("威海市"), contactName: "张海涛" });
    const report = ok(
      await reportChanges(base, { name: "威海市海洋装备与智能制造继续教育基地", address: "威海市环翠区海滨北路 16 号", contactName: "刘振华", contactPhone: "13806310009" }),
      201,
    );
    expect(report).toMatchObject({
      status: "submitted",
      baseId: base.id,
      baseName: base.name,
      changes: { name: "威海市海洋装备与智能制造继续教育基地", address: "威海市环翠区海滨北路 16 号", contactName: "刘振华", contactPhone: "13806310009" },
      // What the base had: the address and contact of its 申报表.
      previous: { name: base.name, address: before.address, contactName: before.contactName, contactPhone: before.contactPhone },
      availableActions: ["withdraw"],
    });
    expect(report.history[0]).toMatchObject({ action: "submit", toStatus: "submitted" });
    expect(ok(await c.bureau.get(reportUrl(report))).availableActions).toEqual(["accept", "return"]);
    expect(await notificationsOf(c.bureau, "supervision.changeReports.submitted")).not.toHaveLength(0);
    expect((await workItems(c.bureau)).find((w) => w.kind === "supervision.changeReports.toAccept")).toMatchObject({ link: "/change-reports?status=submitted" });
    // nothing applies before the bureau acknowledges
    expect(ok(await c.bureau.get(`/api/v1/bases/${base.id}`)).name).toBe(base.name);

    const accepted = ok(await step(c.bureau, report, "accept", { comment: "准予变更" }));
    expect(accepted).toMatchObject({ status: "accepted", decisionComment: "准予变更", availableActions: [] });
    const after = ok(await c.bureau.get(`/api/v1/bases/${base.id}`));
    expect(after).toMatchObject({ name: "威海市海洋装备与智能制造继续教育基地", address: "威海市环翠区海滨北路 16 号", contactName: "刘振华", contactPhone: "13806310009" });
    expect(after.formerNames).toEqual([{ name: base.name, validTo: "2026-11-02", plaqueSerial: before.plaqueSerial }]);
    expect(after.plaqueSerial).toMatch(/^JD2026\d{4}$/);
    expect(after.plaqueSerial).not.toBe(before.plaqueSerial);
    expect(after.verifyUrl).toContain(`serial=${after.plaqueSerial}`);
    expect(accepted.plaqueSerial).toBe(after.plaqueSerial);
    expect(await notificationsOf(base.staff, "supervision.changeReports.accepted")).not.toHaveLength(0);
    expect(await notificationsOf(c.supervisor, "supervision.changeReports.accepted")).not.toHaveLength(0);
    expect(await auditActions(c, report.id)).toEqual(["changeReport.create", "changeReport.accept"]);
    expect(await auditActions(c, base.id)).toContain("base.change");

    // the registry finds the base by its former name and shows the current one
    const found = await publicSearch("海洋装备继续教育基地");
    expect(found.map((b) => b.id)).toContain(base.id);
    expect(found.find((b) => b.id === base.id)).toMatchObject({ name: "威海市海洋装备与智能制造继续教育基地", formerNames: [{ name: base.name }] });
  });

  it("verifies the old plaque as superseded by the reissued one, naming the base as it is now", async () => {
    const base = await givenActiveBase(c);
    const old = ok(await c.bureau.get(`/api/v1/bases/${base.id}`)).plaqueSerial;
    expect(ok(await s.client().get(`/api/v1/public/plaques/${old}`))).toMatchObject({ serial: old, state: "current", name: base.name, supersededOn: null });
    await givenAcceptedReport(c.bureau, base, { name: `${base.name}（更名）` });
    const now = ok(await c.bureau.get(`/api/v1/bases/${base.id}`)).plaqueSerial;
    expect(ok(await s.client().get(`/api/v1/public/plaques/${old}`))).toMatchObject({
      serial: old,
      state: "superseded",
      baseId: base.id,
      name: base.name,
      currentName: `${base.name}（更名）`,
      currentSerial: now,
      supersededOn: "2026-11-02",
      baseStatus: "active",
    });
    expect(ok(await s.client().get(`/api/v1/public/plaques/${now}`))).toMatchObject({ state: "current", name: `${base.name}（更名）` });
    expectError(await s.client().get("/api/v1/public/plaques/JD20269999"), 404, "NOT_FOUND");
    // the plaque PDF carries the current name and serial
    const pdf = await c.bureau.get(`/api/v1/bases/${base.id}/plaque.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
  });

  it("renames the host organization and reissues the plaque with the old organization name kept", async () => {
    const base = await givenActiveBase(c, "base2");
    const org = ok(await c.bureau.get(`/api/v1/bases/${base.id}`)).hostOrgName;
    await givenAcceptedReport(c.bureau, base, { hostOrgName: `${org}（更名后）`, legalRepresentative: "王立新" });
    const after = ok(await c.bureau.get(`/api/v1/bases/${base.id}`));
    expect(after).toMatchObject({ hostOrgName: `${org}（更名后）`, legalRepresentative: "王立新" });
    expect(after.formerNames).toHaveLength(1);
    const old = after.formerNames[0].plaqueSerial;
    expect(ok(await s.client().get(`/api/v1/public/plaques/${old}`))).toMatchObject({ state: "superseded", hostOrgName: org, currentHostOrgName: `${org}（更名后）` });
    expect(await auditActions(c, after.hostOrgId)).toContain("organization.update");
  });

  it("moves the base, its plans and projects into the new supervising unit's scope on a change of affiliation", async () => {
    const base = await givenActiveBase(c, "base");
    const plan = await givenPlan(c, base, 2027, "submitted");
    const project = await givenFiledProject(base, { startDate: "2026-12-14" });
    const fee = await givenFeeStandard(c, base, "professional", 30000);
    const report = await givenReport(base, { supervisorOrgId: c.supervisorOrgIds.base2 });
    expect(report).toMatchObject({ changes: { supervisorOrgId: c.supervisorOrgIds.base2, supervisorOrgName: "威海市卫生健康委员会" }, previous: { supervisorOrgId: c.supervisorOrgIds.base } });
    // both units concerned see the report while it waits; the new one nothing else of the base yet
    expect(ok(await c.supervisor2.get(reportUrl(report))).status).toBe("submitted");
    expect(ok(await c.supervisor.get(`/api/v1/change-reports?baseId=${base.id}`)).total).toBe(1);
    expect(ok(await c.supervisor2.get(`/api/v1/change-reports?baseId=${base.id}`)).total).toBe(1);
    expect(await notificationsOf(c.supervisor2, "supervision.changeReports.submitted")).not.toHaveLength(0);
    expectError(await c.supervisor2.get(`/api/v1/bases/${base.id}`), 404, "NOT_FOUND");

    ok(await step(c.bureau, report, "accept"));
    const moved = ok(await c.supervisor2.get(`/api/v1/bases/${base.id}`));
    expect(moved.supervisorOrgId).toBe(c.supervisorOrgIds.base2);
    expect(ok(await c.supervisor2.get(`/api/v1/annual-plans/${plan.id}`)).id).toBe(plan.id);
    expect(ok(await c.supervisor2.get(`/api/v1/training-projects/${project.id}`)).id).toBe(project.id);
    expect(ok(await c.supervisor2.get(`/api/v1/training-projects?baseId=${base.id}`)).items.map((p: any) => p.id)).toContain(project.id);
    expect(ok(await c.supervisor2.get(`/api/v1/annual-plans?baseId=${base.id}`)).items.map((p: any) => p.id)).toContain(plan.id);
    expect(ok(await c.supervisor2.get(`/api/v1/fee-standards?baseId=${base.id}`)).items.map((f: any) => f.id)).toContain(fee.id);
    // the new unit now approves the plan that waited on the old one
    expect(ok(await c.supervisor2.get(`/api/v1/annual-plans/${plan.id}`)).availableActions).toContain("approve");

    expectError(await c.supervisor.get(`/api/v1/bases/${base.id}`), 404, "NOT_FOUND");
    expectError(await c.supervisor.get(`/api/v1/annual-plans/${plan.id}`), 404, "NOT_FOUND");
    expectError(await c.supervisor.get(`/api/v1/training-projects/${project.id}`), 404, "NOT_FOUND");
    expect(ok(await c.supervisor.get(`/api/v1/training-projects?baseId=${base.id}`)).items).toEqual([]);
    expect(ok(await c.supervisor.get(`/api/v1/annual-plans?baseId=${base.id}`)).items).toEqual([]);
    // the report itself stays readable to the unit the base left
    expect(ok(await c.supervisor.get(reportUrl(report))).status).toBe("accepted");
    expect(await notificationsOf(c.supervisor, "supervision.changeReports.accepted")).not.toHaveLength(0);
    expect(await notificationsOf(c.supervisor2, "supervision.changeReports.accepted")).not.toHaveLength(0);
  });

  it("returns a report only with a comment; the base resubmits it with evidence", async () => {
    const base = await givenActiveBase(c, "base2");
    const report = await givenReport(base, { address: "威海市文登区龙山路 8 号" });
    expectError(await step(c.bureau, report, "return"), 422, "COMMENT_REQUIRED");
    expectError(await step(c.bureau, report, "return", { comment: "   " }), 422, "COMMENT_REQUIRED");
    const returned = ok(await step(c.bureau, report, "return", { comment: "请补充新址租赁合同" }));
    expect(returned).toMatchObject({ status: "returned", decisionComment: "请补充新址租赁合同", availableActions: [] });
    const [note] = await notificationsOf(base.staff, "supervision.changeReports.returned");
    expect(note.params).toMatchObject({ comment: "请补充新址租赁合同" });
    const mine = ok(await base.staff.get(reportUrl(report)));
    expect(mine.availableActions).toEqual(["resubmit", "withdraw"]);
    expect((await workItems(base.staff)).some((w) => w.kind === "supervision.changeReports.returned" && w.link === `/change-reports/${report.id}`)).toBe(true);
    // a second report cannot overtake the returned one
    expect(expectError(await reportChanges(base, { contactName: "赵敏" }), 409, "CHANGE_REPORT_PENDING")).toMatchObject({ reportId: report.id, status: "returned" });

    const fileId = await uploadEvidence(base.staff, "租赁合同");
    const again = ok(await step(base.staff, mine, "resubmit", { payload: { reason: "迁入新址，附租赁合同", evidenceFileIds: [fileId] } }));
    expect(again).toMatchObject({ status: "submitted", reason: "迁入新址，附租赁合同", evidence: [{ id: fileId, name: "租赁合同.pdf" }] });
    expect((await workItems(base.staff)).some((w) => w.kind === "supervision.changeReports.returned")).toBe(false);
    const file = await c.bureau.get(`/api/v1/change-reports/${report.id}/files/${fileId}`);
    expect(file.status).toBe(200);
    expect(again.history.map((h: any) => h.action)).toEqual(["submit", "return", "resubmit"]);
  });

  it("refuses another organization's staff, supervising units and unknown bases", async () => {
    const base = await givenActiveBase(c, "base");
    expectError(await reportChanges(base, { address: "某地" }, { by: c.base2 }), 404, "NOT_FOUND");
    expectError(await reportChanges(base, { address: "某地" }, { by: c.supervisor }), 403, "FORBIDDEN");
    expectError(await reportChanges(base, { address: "某地" }, { by: c.bureau }), 403, "FORBIDDEN");
    expectError(await c.base.post("/api/v1/bases/nosuchbase/change-reports", { changes: { address: "某地" }, reason: "x" }), 404, "NOT_FOUND");
    const report = await givenReport(base, { address: "威海市环翠区新威路 1 号" });
    expectError(await c.base2.get(reportUrl(report)), 404, "NOT_FOUND");
    expectError(await c.supervisor2.get(reportUrl(report)), 404, "NOT_FOUND");
    expect(ok(await c.base2.get("/api/v1/change-reports")).items.map((r: any) => r.id)).not.toContain(report.id);
    expectError(await step(c.base2, report, "withdraw"), 404, "NOT_FOUND");
    expectError(await step(base.staff, report, "accept"), 403, "FORBIDDEN");
    expectError(await c.pro1.get("/api/v1/change-reports"), 403, "FORBIDDEN");
  });

  it("refuses a report that changes nothing, names no supervising unit, or doubles one waiting", async () => {
    const base = await givenActiveBase(c, "base");
    const view = ok(await c.bureau.get(`/api/v1/bases/${base.id}`));
    expectError(await reportChanges(base, {}), 422, "CHANGES_REQUIRED");
    expectError(await reportChanges(base, { name: base.name, supervisorOrgId: view.supervisorOrgId }), 422, "CHANGES_REQUIRED");
    expectError(await reportChanges(base, { name: "   " }), 422, "CHANGES_REQUIRED");
    expectError(await reportChanges(base, { supervisorOrgId: view.hostOrgId }), 422, "UNKNOWN_SUPERVISOR");
    expectError(await reportChanges(base, { supervisorOrgId: "nosuchorg" }), 422, "UNKNOWN_SUPERVISOR");
    expectError(await reportChanges(base, { contactPhone: "电话" }), 400, "VALIDATION_FAILED");
    const foreign = await uploadEvidence(c.base2, "他人文件");
    expectError(await reportChanges(base, { address: "某地 1 号" }, { evidenceFileIds: [foreign] }), 422, "EVIDENCE_FILE_INVALID");

    const report = await givenReport(base, { address: "某地 2 号" });
    expectError(await reportChanges(base, { address: "某地 3 号" }), 409, "CHANGE_REPORT_PENDING");
    expectError(await step(c.bureau, { ...report, version: report.version + 1 }, "accept"), 409, "VERSION_CONFLICT");
    const withdrawn = ok(await step(base.staff, report, "withdraw"));
    expect(withdrawn.status).toBe("withdrawn");
    // Withdrawn: the address stays what the 申报表 gave.
    expect(ok(await c.bureau.get(`/api/v1/bases/${base.id}`)).address).toBe(view.address);
    ok(await reportChanges(base, { address: "某地 3 号" }), 201);
  });

  it("lets a revoked base report nothing, and applies nothing to it", async () => {
    const base = await givenActiveBase(c, "base2");
    const report = await givenReport(base, { contactName: "孙立" });
    await setBaseStatus(c, base.id, "revoked");
    expectError(await step(c.bureau, report, "accept"), 409, "BASE_REVOKED");
    expect(ok(await c.bureau.get(reportUrl(report))).availableActions).toEqual(["return"]);
    ok(await step(base.staff, report, "withdraw"));
    expectError(await reportChanges(base, { contactName: "孙立" }), 409, "BASE_REVOKED");
  });

  it("lists reports in scope, filtered by status and base", async () => {
    const base = await givenActiveBase(c, "base2");
    const report = await givenReport(base, { contactName: "周琳" });
    const mine = ok(await c.base2.get(`/api/v1/change-reports?baseId=${base.id}`));
    expect(mine.items).toEqual([expect.objectContaining({ id: report.id, status: "submitted", baseName: base.name, fields: ["contactName"] })]);
    expect(ok(await c.bureau.get(`/api/v1/change-reports?status=submitted&baseId=${base.id}`)).total).toBe(1);
    expect(ok(await c.bureau.get(`/api/v1/change-reports?status=accepted&baseId=${base.id}`)).total).toBe(0);
    expect(ok(await c.supervisor.get(`/api/v1/change-reports?baseId=${base.id}`)).total).toBe(0);
    expect(ok(await c.base.get("/api/v1/change-reports")).items.map((r: any) => r.id)).not.toContain(report.id);
  });
});

describe.each(dialects)("the demo's change reports on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { filingDemo: true });
    await loadDemoChangeReports(s.app.platform);
  });
  afterAll(() => s.close());

  it("has one report waiting for the bureau and one acknowledged last year, whose former name finds the base", async () => {
    const bureau = await s.as("bureau");
    const waiting = ok(await bureau.get("/api/v1/change-reports?status=submitted")).items;
    expect(waiting).toEqual([expect.objectContaining({ fields: ["address", "contactName", "contactPhone"] })]);
    expect(ok(await bureau.get(reportUrl(waiting[0]))).availableActions).toEqual(["accept", "return"]);
    const [accepted] = ok(await bureau.get("/api/v1/change-reports?status=accepted")).items;
    expect(accepted.fields).toEqual(["name", "legalRepresentative"]);

    const found = ok(await s.client().get(`/api/v1/public/bases?q=${encodeURIComponent("威海市智能制造专业技术人员继续教育基地")}`)).items;
    expect(found).toEqual([expect.objectContaining({ name: "威海市智能制造与海洋装备专业技术人员继续教育基地", formerNames: [expect.objectContaining({ name: "威海市智能制造专业技术人员继续教育基地" })] })]);
    const old = found[0].formerNames[0].plaqueSerial;
    expect(ok(await s.client().get(`/api/v1/public/plaques/${old}`)).state).toBe("superseded");
    // the renamed base keeps its filed plans and projects
    const base = await s.as("base");
    expect(ok(await base.get(`/api/v1/training-projects?baseId=${found[0].id}`)).total).toBeGreaterThan(0);
    expect((await base.get("/api/v1/work-items")).status).toBe(200);
  });
});
