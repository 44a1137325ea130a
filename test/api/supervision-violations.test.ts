// Violations and dishonesty records (第二十条): who may report a violation against which base, the
// bureau's confirmation (the base is revoked, a 失信 record published in the double-publicity sanction
// standard's columns) or dismissal, the exports and the public list, bulk revocation of a project's
// certificates (乱发证), and the flag a sanctioned organization's new application carries.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { completeForm } from "../../src/server/demo/forms.js";
import { loadDemoViolations } from "../../src/server/demo/supervision-violations.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { auditActions, expectError, filingCast, givenActiveBase, notificationsOf, ok, projectInput, readSheet, setToday, type FilingCast } from "../support/filing.js";
import { recordOf } from "../support/completion.js";
import { uploadEvidence } from "../support/professionals.js";
import {
  act,
  DECISION_DAY,
  givenCertifiedCourse,
  givenConfirmedViolation,
  givenViolation,
  parseCsv,
  rawGet,
  STANDARD_HEADER,
  violationInput,
} from "../support/supervision-violations.js";

describe.each(dialects)("violations and dishonesty records on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  const recordsOf = async (query = "") => ok(await c.bureau.get(`/api/v1/dishonesty-records?pageSize=200${query}`)).items as any[];
  const publicRecords = async () => ok(await s.client().get("/api/v1/public/dishonesty-records?pageSize=200")).items as any[];

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, DECISION_DAY));

  it("lets the bureau report a violation against any base, and the supervising unit against its own", async () => {
    const home = await givenActiveBase(c, "base");
    const evidence = await uploadEvidence(c.bureau, "现场检查笔录");
    const v = await givenViolation(c, home, { evidenceFileIds: [evidence] });
    expect(v).toMatchObject({
      status: "reported",
      baseId: home.id,
      baseName: home.name,
      kind: "improper_certification",
      responsiblePersons: [{ name: "赵立新", post: "培训部主任" }],
      evidence: [{ id: evidence, name: expect.any(String) }],
      decisionNo: null,
      dishonestyRecordId: null,
      availableActions: ["confirm", "dismiss"],
      version: 1,
    });
    expect(v.hostOrgName).toEqual(expect.any(String));
    expect(v.history).toEqual([]);
    expect(await auditActions(c, v.id)).toEqual(["violation.create"]);
    expect((await notificationsOf(home.supervisor, "supervision.violations.reported")).some((n) => n.link === `/violations/${v.id}`)).toBe(true);
    const ev = await c.bureau.get(`/api/v1/violations/${v.id}/evidence/${evidence}`);
    expect(ev.status).toBe(200);

    const bySupervisor = ok(await home.supervisor.post("/api/v1/violations", violationInput(home, { kind: "overcharging" })), 201);
    expect(bySupervisor).toMatchObject({ status: "reported", kind: "overcharging", availableActions: [] });
    expect((await notificationsOf(c.bureau, "supervision.violations.reported")).some((n) => n.link === `/violations/${bySupervisor.id}`)).toBe(true);
    const mine = ok(await home.supervisor.get("/api/v1/violations?pageSize=200")).items.map((x: any) => x.id);
    expect(mine).toEqual(expect.arrayContaining([v.id, bySupervisor.id]));
    expect(ok(await c.bureau.get(`/api/v1/violations?status=reported&baseId=${home.id}`)).items.map((x: any) => x.id).sort()).toEqual([v.id, bySupervisor.id].sort());
  });

  it("hides a base from a supervising unit that does not supervise it (404)", async () => {
    const home = await givenActiveBase(c, "base");
    expectError(await c.supervisor2.post("/api/v1/violations", violationInput(home)), 404, "NOT_FOUND");
    const v = await givenViolation(c, home);
    expectError(await c.supervisor2.get(`/api/v1/violations/${v.id}`), 404, "NOT_FOUND");
    expect(ok(await c.supervisor2.get("/api/v1/violations?pageSize=200")).items.map((x: any) => x.id)).not.toContain(v.id);
  });

  it("refuses a base's own staff reporting a violation (403), and shows them none under examination", async () => {
    const home = await givenActiveBase(c, "base");
    expectError(await home.staff.post("/api/v1/violations", violationInput(home)), 403, "FORBIDDEN");
    const v = await givenViolation(c, home);
    expectError(await home.staff.get(`/api/v1/violations/${v.id}`), 404, "NOT_FOUND");
    expect(ok(await home.staff.get("/api/v1/violations?pageSize=200")).items.map((x: any) => x.id)).not.toContain(v.id);
  });

  it("refuses blank facts, a project of another base and evidence the reporter did not upload", async () => {
    const home = await givenActiveBase(c, "base");
    const other = await givenActiveBase(c, "base2");
    expectError(await c.bureau.post("/api/v1/violations", violationInput(home, { facts: "    " })), 422, "TEXT_BLANK");
    expectError(await c.bureau.post("/api/v1/violations", violationInput(home, { kind: "speeding" })), 400, "VALIDATION_FAILED");
    const project = ok(await other.staff.post("/api/v1/training-projects", projectInput(other.id)), 201);
    expectError(await c.bureau.post("/api/v1/violations", violationInput(home, { projectId: project.id })), 422, "VIOLATION_PROJECT_MISMATCH");
    const theirs = await uploadEvidence(home.supervisor, "别人的文件");
    expectError(await c.bureau.post("/api/v1/violations", violationInput(home, { evidenceFileIds: [theirs] })), 422, "EVIDENCE_FILE_INVALID");
    const ours = ok(await c.bureau.post("/api/v1/violations", violationInput(other, { projectId: project.id })), 201);
    expect(ours).toMatchObject({ projectId: project.id, projectTitle: project.title });
  });

  it("dismisses only with a reason, and refuses deciding twice", async () => {
    const home = await givenActiveBase(c, "base");
    const v = await givenViolation(c, home, {}, home.supervisor);
    expectError(await act(c, v, "dismiss", {}, home.supervisor), 403, "FORBIDDEN");
    expectError(await act(c, v, "confirm", {}, home.supervisor), 403, "FORBIDDEN");
    expectError(await act(c, v, "dismiss", { comment: "   " }), 422, "COMMENT_REQUIRED");
    const dismissed = ok(await act(c, v, "dismiss", { comment: "经核查，证书均有完整签到记录" }));
    expect(dismissed).toMatchObject({ status: "dismissed", decisionComment: "经核查，证书均有完整签到记录", availableActions: [], dishonestyRecordId: null });
    expect(dismissed.history.at(-1)).toMatchObject({ action: "dismiss", fromStatus: "reported", toStatus: "dismissed" });
    expect((await notificationsOf(home.supervisor, "supervision.violations.dismissed")).some((n) => n.link === `/violations/${v.id}`)).toBe(true);
    expect(ok(await c.bureau.get(`/api/v1/bases/${home.id}`)).status).toBe("active");
    expectError(await act(c, dismissed, "confirm"), 409, "VIOLATION_ALREADY_DECIDED");
    expectError(await act(c, dismissed, "dismiss", { comment: "再次" }), 409, "VIOLATION_ALREADY_DECIDED");
    expectError(await act(c, v, "confirm"), 409, "VIOLATION_ALREADY_DECIDED");
  });

  it("confirms a violation: the base is revoked and the host organization's dishonesty record published", async () => {
    const home = await givenActiveBase(c, "base");
    const v = await givenViolation(c, home);
    const confirmed = ok(await act(c, v, "confirm", { comment: "经核查属实", payload: { penaltyContent: "撤销基地资格，收回匾牌", legalRepresentative: "王立新" } }));
    expect(confirmed).toMatchObject({ status: "confirmed", baseStatus: "revoked", availableActions: [], basis: "《威海市专业技术人员继续教育基地管理办法》第二十条" });
    expect(confirmed.decisionNo).toMatch(/^威人社发〔2026〕\d+号$/);
    expect(confirmed.dishonestyRecordId).toEqual(expect.any(String));
    expect(confirmed.hostOrgLiveRecords).toBeGreaterThanOrEqual(1);
    const base = ok(await c.bureau.get(`/api/v1/bases/${home.id}`));
    expect(base).toMatchObject({ status: "revoked", revocationDecisionNo: confirmed.decisionNo, revocationBasis: confirmed.basis });
    expect(ok(await s.client().get("/api/v1/public/bases?status=revoked&pageSize=200")).items.map((b: any) => b.id)).toContain(home.id);
    expect(await auditActions(c, v.id)).toEqual(["violation.create", "violation.confirm"]);
    expect(await auditActions(c, home.id)).toContain("base.revoke");

    const record = (await recordsOf()).find((r) => r.violationId === v.id);
    const org = ok(await c.bureau.get(`/api/v1/organizations/${confirmed.hostOrgId}`));
    expect(record).toMatchObject({
      id: confirmed.dishonestyRecordId,
      orgName: confirmed.hostOrgName,
      creditCode: org.creditCode,
      // as the decision names it — never the organization's contact person
      legalRepresentative: "王立新",
      decisionNo: confirmed.decisionNo,
      violationType: "乱发证",
      facts: v.facts,
      basis: confirmed.basis,
      penaltyCategory: "其他-撤销基地资格",
      penaltyContent: "撤销基地资格，收回匾牌",
      decisionDate: DECISION_DAY,
      publicityUntil: "2029-03-02",
      authority: "威海市人力资源和社会保障局",
      dataSource: "威海市人力资源和社会保障局",
      live: true,
    });
    expect(record.authorityCreditCode).toMatch(/^[0-9A-HJ-NP-RTUW-Y]{18}$/);
    // 第二十条: the base and its supervising unit are told
    for (const who of [home.staff, home.supervisor]) {
      expect((await notificationsOf(who, "supervision.violations.confirmed")).some((n) => n.params.decisionNo === confirmed.decisionNo)).toBe(true);
    }
    // the host organization now sees the violation confirmed against it
    expect(ok(await home.staff.get(`/api/v1/violations/${v.id}`)).status).toBe("confirmed");
    expectError(await act(c, confirmed, "confirm"), 409, "VIOLATION_ALREADY_DECIDED");
  });

  it("cites the decision already taken when the base was revoked before", async () => {
    const home = await givenActiveBase(c, "base2");
    const first = await givenConfirmedViolation(c, home);
    const second = await givenConfirmedViolation(c, home, { publicityDays: 365 }, { kind: "overcharging", facts: "超出备案收费标准收取培训费每人 800 元。" });
    expect(second.decisionNo).toBe(first.decisionNo);
    const record = (await recordsOf()).find((r) => r.violationId === second.id);
    // No 法定代表人 named and none on record: left empty rather than filled with another person's name.
    expect(record).toMatchObject({ decisionNo: first.decisionNo, violationType: "乱收费", publicityUntil: "2027-03-02", legalRepresentative: "" });
  });

  it("exports the records as CSV (UTF-8 with BOM), Excel and JSON with exactly the standard's columns in order", async () => {
    const home = await givenActiveBase(c, "base");
    const v = await givenConfirmedViolation(c, home, { remark: "含逗号, 和 \"引号\"" }, { facts: "=HYPERLINK(\"x\") 冒充公式的违法事实，另有换行\n第二行" });

    const csv = await rawGet(c.bureau, "/api/v1/dishonesty-records.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(csv.headers.get("content-disposition") ?? "")![1])).toMatch(/^失信信息-行政处罚-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.bytes.subarray(3).toString("utf8"));
    expect(rows[0]).toEqual(STANDARD_HEADER);
    const row = rows.find((r) => r[3] === v.decisionNo && r[5].includes("冒充公式"))!;
    expect(row).toHaveLength(15);
    expect(row[5]).toBe("'=HYPERLINK(\"x\") 冒充公式的违法事实，另有换行\n第二行");
    expect(row[14]).toBe("含逗号, 和 \"引号\"");
    expect(row.slice(9, 11)).toEqual([DECISION_DAY, "2029-03-02"]);

    const xlsx = await c.bureau.get("/api/v1/dishonesty-records.xlsx");
    expect(xlsx.status).toBe(200);
    const sheet = await readSheet(xlsx.body);
    expect(sheet[0]).toEqual(STANDARD_HEADER);
    const xrow = sheet.find((r) => r[3] === v.decisionNo && String(r[5]).includes("冒充公式"))!;
    expect(xrow[9]).toBeInstanceOf(Date);
    expect((xrow[9] as Date).toISOString().slice(0, 10)).toBe(DECISION_DAY);
    expect((xrow[10] as Date).toISOString().slice(0, 10)).toBe("2029-03-02");
    // streamed, yet like every export: the header frozen and filtered, the file named in ASCII and UTF-8
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as any);
    expect(book.worksheets[0].views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(book.worksheets[0].autoFilter).toBeTruthy();
    expect(xlsx.headers.get("content-disposition")).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(sheet.length - 1).toBe((await recordsOf()).length);

    const json = ok(await c.bureau.get("/api/v1/dishonesty-records.json"));
    expect(Object.keys(json[0])).toEqual(STANDARD_HEADER);
    expect(json).toHaveLength(sheet.length - 1);
    expect(rows.length - 1).toBe(json.length);

    // the supervising units read them too; a base's staff and the public do not
    expect((await rawGet(c.supervisor2, "/api/v1/dishonesty-records.csv")).status).toBe(200);
    expectError(await home.staff.get("/api/v1/dishonesty-records.csv"), 403, "FORBIDDEN");
    expectError(await home.staff.get("/api/v1/dishonesty-records"), 403, "FORBIDDEN");
    expectError(await s.client().get("/api/v1/dishonesty-records.xlsx"), 401, "UNAUTHENTICATED");
  });

  it("publishes a record on the public list until its 公示截止期, without the persons responsible", async () => {
    const short = await givenConfirmedViolation(c, await givenActiveBase(c, "base"), { publicityDays: 30 });
    const long = await givenConfirmedViolation(c, await givenActiveBase(c, "base2"));
    const shortRecord = (await recordsOf()).find((r) => r.violationId === short.id);
    expect(shortRecord.publicityUntil).toBe("2026-04-01");

    let list = await publicRecords();
    const shown = list.find((r) => r.decisionNo === long.decisionNo && r.facts === long.facts)!;
    expect(Object.keys(shown).sort()).toEqual(["id", "orgName", "creditCode", "legalRepresentative", "decisionNo", "violationType", "facts", "basis", "penaltyCategory", "penaltyContent", "decisionDate", "publicityUntil", "authority", "authorityCreditCode", "dataSource", "remark"].sort());
    expect(JSON.stringify(list)).not.toContain("赵立新");
    expect(list.map((r) => r.id)).toContain(shortRecord.id);

    await setToday(c, "2026-04-01");
    expect((await publicRecords()).map((r) => r.id)).toContain(shortRecord.id);
    await setToday(c, "2026-04-02");
    list = await publicRecords();
    expect(list.map((r) => r.id)).not.toContain(shortRecord.id);
    expect(list.some((r) => r.decisionNo === long.decisionNo)).toBe(true);
    // the bureau still holds the record, no longer live
    expect((await recordsOf()).find((r) => r.id === shortRecord.id)).toMatchObject({ live: false });
    expect((await recordsOf("&live=true")).map((r) => r.id)).not.toContain(shortRecord.id);

    await setToday(c, "2029-03-03");
    expect((await publicRecords()).some((r) => r.decisionNo === long.decisionNo && r.facts === long.facts)).toBe(false);
  });

  it("finds records by the organization's name or credit code", async () => {
    const v = await givenConfirmedViolation(c, await givenActiveBase(c, "base"));
    const record = (await recordsOf()).find((r) => r.violationId === v.id);
    expect((await recordsOf(`&q=${encodeURIComponent(record.creditCode)}`)).map((r) => r.id)).toContain(record.id);
    expect((await recordsOf(`&q=${encodeURIComponent(record.orgName.slice(2, 6))}`)).map((r) => r.id)).toContain(record.id);
    expect(await recordsOf("&q=NOSUCHORGANIZATION")).toEqual([]);
  });

  it("revokes every valid certificate of a project at once (乱发证): the hours leave the record and verification says revoked", async () => {
    const home = await givenActiveBase(c, "base");
    const other = await givenActiveBase(c, "base2");
    const { course } = await givenCertifiedCourse(c, home);
    const url = `/api/v1/training-projects/${course.id}/certificates/actions/revoke-all`;
    const reason = "检查发现未按规定组织培训即发放证书";
    expectError(await home.supervisor.post(url, { reason }), 403, "FORBIDDEN");
    expectError(await other.staff.post(url, { reason }), 404, "NOT_FOUND");
    expectError(await c.pro1.post(url, { reason }), 403, "FORBIDDEN"); // issue 10: no grant at all answers 403
    expectError(await c.bureau.post(url, { reason: "  " }), 422, "TEXT_BLANK");
    expectError(await c.bureau.post(url, {}), 400, "VALIDATION_FAILED");

    const before = await recordOf(c.pro1, 2026);
    expect(before.entries.find((e: any) => e.projectId === course.id)).toMatchObject({ status: "counted", hours: 12 });
    const [mine] = ok(await c.pro1.get("/api/v1/me/certificates")).items.filter((x: any) => x.content.projectTitle === course.title);

    expect(ok(await c.bureau.post(url, { reason }))).toEqual({ projectId: course.id, revoked: 2, learningEntriesRevoked: 2 });
    const after = await recordOf(c.pro1, 2026);
    expect(after.entries.find((e: any) => e.projectId === course.id)).toMatchObject({ status: "revoked", revokedReason: reason });
    expect(after.totalHours).toBe(before.totalHours - 12);
    const v = ok(await s.client().get(`/api/v1/public/certificates/${mine.serial}`));
    expect(v).toMatchObject({ valid: false, status: "revoked", revokedReason: reason });
    const certs = ok(await home.staff.get(`/api/v1/training-projects/${course.id}/certificates`)).items;
    expect(certs.map((x: any) => x.status)).toEqual(["revoked", "revoked"]);
    expect(await auditActions(c, course.id)).toContain("certificate.revokeAll");
    expect(await auditActions(c, mine.id)).toContain("certificate.revoke");
    expect((await notificationsOf(c.pro1, "certificate.revoked")).some((n) => n.params.serial === mine.serial)).toBe(true);
    expectError(await home.staff.post(url, { reason }), 409, "NO_VALID_CERTIFICATES");
  });

  it("lets the base's own staff revoke its project's certificates in bulk", async () => {
    const home = await givenActiveBase(c, "base2");
    const { course } = await givenCertifiedCourse(c, home);
    expect(ok(await home.staff.post(`/api/v1/training-projects/${course.id}/certificates/actions/revoke-all`, { reason: "学员未实际参训，证书作废" })).revoked).toBe(2);
  });

  it("flags a new application from a sanctioned organization to its reviewers, not to the applicant", async () => {
    const home = await givenActiveBase(c, "base");
    const v = await givenConfirmedViolation(c, home);
    const form = completeForm({ baseName: "再次申报继续教育基地", district: "环翠区", specialties: ["智能制造"], contactName: "张海涛", contactPhone: "13806310004" });
    let app = ok(await home.staff.post("/api/v1/base-applications", { supervisorOrgId: c.supervisorOrgIds.base, form }), 201);
    expect(app.dishonestyRecords).toBeUndefined();
    app = ok(await home.staff.post(`/api/v1/base-applications/${app.id}/actions/submit`, { version: app.version }));
    for (const who of [home.supervisor, c.bureau]) {
      const seen = ok(await who.get(`/api/v1/base-applications/${app.id}`));
      expect(seen.dishonestyRecords).toEqual(expect.arrayContaining([{ decisionNo: v.decisionNo, decisionDate: DECISION_DAY, publicityUntil: "2029-03-02", violationType: "乱发证" }]));
    }
    expect(ok(await home.staff.get(`/api/v1/base-applications/${app.id}`)).dishonestyRecords).toBeUndefined();
  });

  it("puts reported violations on the bureau's work list", async () => {
    await givenViolation(c, await givenActiveBase(c, "base"), {}, c.supervisor);
    const list = ok(await c.bureau.get("/api/v1/work-items")).items;
    expect(list.find((w: any) => w.kind === "supervision.violations.toDecide")).toMatchObject({ link: "/violations?status=reported", params: { count: expect.any(Number) } });
  });
});

describe.each(dialects)("the violations demo on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
    await loadDemoViolations(s.app.platform);
  });
  afterAll(() => s.close());

  it("shows base4's base revoked for 乱发证, its live record and the course's certificates revoked", async () => {
    const [bureau, base4] = await Promise.all([s.as("bureau"), s.as("base4")]);
    const [v] = ok(await bureau.get("/api/v1/violations?status=confirmed")).items;
    expect(v).toMatchObject({ kind: "improper_certification", baseName: "威海蓝海海洋装备继续教育基地", baseStatus: "revoked" });
    const [record] = ok(await s.client().get("/api/v1/public/dishonesty-records")).items;
    expect(record).toMatchObject({ orgName: "威海蓝海职业培训学校", legalRepresentative: "刘建军", decisionNo: v.decisionNo, violationType: "乱发证" });
    const detail = ok(await base4.get(`/api/v1/violations/${v.id}`));
    const certs = ok(await base4.get(`/api/v1/training-projects/${detail.projectId}/certificates?pageSize=100`)).items;
    expect(certs.length).toBe(18);
    expect(certs.every((c: any) => c.status === "revoked")).toBe(true);
  });
});
