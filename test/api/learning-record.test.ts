// The learning record (学习档案, 第二十四条; 人社部令第25号 第八条, 第十条): yearly totals against the
// requirement, the daily limit, declared hours the bureau accepts or rejects, and hours statements
// with a signed, publicly verifiable code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { expectError, ok } from "../support/filing.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { auditDetails, givenCredit, givenSignedUp, setTodayAs, uploadEvidence } from "../support/professionals.js";

const days = (from: string, count: number, hours: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${from.slice(0, 8)}${String(Number(from.slice(8)) + i).padStart(2, "0")}`, hours]));

describe.each(dialects)("learning record on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let base: Client;
  let pro1: Client;

  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, base, pro1] = await Promise.all(["bureau", "base", "pro1"].map((u) => s.as(u)));
    await setTodayAs(bureau, "2026-06-15");
  });
  afterAll(() => s.close());

  it("totals general and professional hours against the yearly requirement", async () => {
    const { client, id } = await givenSignedUp(s);
    await givenCredit(s, id, { subjectType: "professional", days: days("2026-03-01", 8, 7.5) });
    await givenCredit(s, id, { subjectType: "general", title: "公需科目：数字经济", days: days("2026-04-01", 5, 6) });
    const record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
    expect(record).toMatchObject({
      professionalId: id,
      year: 2026,
      generalHours: 30,
      professionalHours: 60,
      totalHours: 90,
      requiredHours: 90,
      requiredProfessionalHours: 60,
      requiredGeneralHours: 30,
      compliant: true,
      shortfalls: [],
      pendingDeclarations: 0,
    });
    expect(record.entries.map((e: any) => [e.source, e.subjectType, e.hours, e.earnedOn])).toEqual([
      ["project", "general", 30, "2026-04-05"],
      ["project", "professional", 60, "2026-03-08"],
    ]);
    // the year defaults to this year of the platform's clock
    expect(ok(await client.get("/api/v1/me/learning-record")).totalHours).toBe(90);
    expect(ok(await bureau.get(`/api/v1/professionals/${id}/learning-record?year=2026`)).compliant).toBe(true);
  });

  it("lists what is missing when the year falls short", async () => {
    const { client, id } = await givenSignedUp(s);
    await givenCredit(s, id, { subjectType: "professional", days: days("2026-02-02", 4, 6) });
    await givenCredit(s, id, { subjectType: "general", days: days("2026-02-09", 2, 6) });
    const record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
    expect(record).toMatchObject({ totalHours: 36, compliant: false });
    expect(record.shortfalls).toEqual([
      { kind: "total", hours: 54 },
      { kind: "general", hours: 18 },
      { kind: "professional", hours: 36 },
    ]);
  });

  it("counts hours in the year they were earned and at most 8 hours for one person on one day", async () => {
    const { client, id } = await givenSignedUp(s);
    const spanning = await givenCredit(s, id, { days: { "2025-12-31": 6, "2026-01-01": 6 } });
    expect(spanning.entryIds).toHaveLength(2);
    const first = await givenCredit(s, id, { days: { "2026-05-10": 6 } });
    expect(first.capped).toEqual([]);
    const second = await givenCredit(s, id, { title: "同日另一项目", days: { "2026-05-10": 6, "2026-05-11": 6 } });
    expect(second.hours).toBe(8);
    expect(second.capped).toEqual([{ date: "2026-05-10", asked: 6, counted: 2 }]);
    expect(ok(await client.get("/api/v1/me/learning-record?year=2025")).totalHours).toBe(6);
    expect(ok(await client.get("/api/v1/me/learning-record?year=2026")).totalHours).toBe(6 + 6 + 8);
  });

  it("lists counted entries first and revoked ones after, outside the totals", async () => {
    const { client, id } = await givenSignedUp(s);
    const kept = await givenCredit(s, id, { title: "保留的培训", days: { "2026-03-02": 6 } });
    const revoked = await givenCredit(s, id, { title: "撤销证书的培训", days: { "2026-05-02": 6 } });
    // as revoking the certificate would (the completion module's step)
    await s.app.platform.db.updateTable("learningEntries").set({ status: "revoked", revokedAt: s.clock.nowIso(), revokedReason: "证书撤销" }).where("id", "in", revoked.entryIds).execute();
    const record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
    expect(record.totalHours).toBe(6);
    expect(record.entries.map((e: any) => [e.id, e.status, e.revokedReason])).toEqual([
      [kept.entryIds[0], "counted", null],
      [revoked.entryIds[0], "revoked", "证书撤销"],
    ]);
  });

  it("answers the hours of each of the last five years for the chart, years without hours included", async () => {
    const { client, id } = await givenSignedUp(s);
    await givenCredit(s, id, { subjectType: "professional", days: days("2024-03-01", 10, 8) });
    await givenCredit(s, id, { subjectType: "general", days: days("2024-04-01", 5, 6) });
    const years = ok(await client.get("/api/v1/me/learning-record/years"));
    expect(years.map((y: any) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(years[2]).toEqual({ year: 2024, generalHours: 30, professionalHours: 80, totalHours: 110, requiredHours: 90, compliant: true });
    expect(years[3]).toMatchObject({ totalHours: 0, compliant: false });
    const ranged = ok(await bureau.get(`/api/v1/professionals/${id}/learning-record/years?from=2024&to=2025`));
    expect(ranged.map((y: any) => y.year)).toEqual([2024, 2025]);
    expectError(await bureau.get(`/api/v1/professionals/${id}/learning-record/years?from=2026&to=2024`), 400, "VALIDATION_FAILED");
  });

  it("shows a record to the person and the bureau only", async () => {
    const { id } = await givenSignedUp(s);
    expectError(await pro1.get(`/api/v1/professionals/${id}/learning-record`), 404, "NOT_FOUND");
    expectError(await base.get(`/api/v1/professionals/${id}/learning-record`), 403, "FORBIDDEN");
    expectError(await bureau.get("/api/v1/professionals/no-such-person/learning-record"), 404, "NOT_FOUND");
    expectError(await base.get("/api/v1/me/learning-record"), 403, "FORBIDDEN"); // issue 10: base staff hold no learningRecord.read
  });

  describe("declared hours (人社部令第25号 第十条)", () => {
    const declaration = (fileId: string, o: Record<string, unknown> = {}) => ({
      form: "conference",
      subjectType: "professional",
      title: "第十届全国智能制造学术会议",
      hours: 6,
      earnedOn: "2026-04-20",
      evidenceFileId: fileId,
      ...o,
    });

    it("counts declared hours only once the bureau accepts them, and tells the person", async () => {
      const { client, id } = await givenSignedUp(s);
      const fileId = await uploadEvidence(client);
      const created = ok(await client.post("/api/v1/me/hour-declarations", declaration(fileId)), 201);
      expect(created).toMatchObject({ professionalId: id, year: 2026, status: "pending", evidenceFileId: fileId, evidenceFileName: "证明材料.pdf", availableActions: [] });
      let record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
      expect(record).toMatchObject({ totalHours: 0, pendingDeclarations: 1 });

      const pending = ok(await bureau.get("/api/v1/hour-declarations?status=pending"));
      const mine = pending.items.find((d: any) => d.id === created.id);
      expect(mine.availableActions).toEqual(["accept", "reject"]);
      expect(mine.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      const evidence = await bureau.get(`/api/v1/hour-declarations/${created.id}/evidence`);
      expect(evidence.status).toBe(200);
      expect(evidence.headers.get("content-type")).toContain("application/pdf");

      const accepted = ok(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/accept`, { version: created.version, comment: "材料齐全" }));
      expect(accepted).toMatchObject({ status: "accepted", decisionComment: "材料齐全", availableActions: [] });
      record = ok(await client.get("/api/v1/me/learning-record?year=2026"));
      expect(record).toMatchObject({ professionalHours: 6, totalHours: 6, pendingDeclarations: 0 });
      expect(record.entries[0]).toMatchObject({ source: "conference", declarationId: created.id, title: "第十届全国智能制造学术会议" });
      const notes = ok(await client.get("/api/v1/notifications"));
      expect(notes.items.map((n: any) => n.kind)).toContain("declaration.accepted");
      expectError(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/reject`, { comment: "重复" }), 409, "WORKFLOW_ACTION_UNAVAILABLE");
    });

    it("rejects only with a reason, and rejected hours never count", async () => {
      const { client } = await givenSignedUp(s);
      const created = ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client), { form: "online", title: "网络课程学习" })), 201);
      expectError(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/reject`, {}), 422, "COMMENT_REQUIRED");
      expectError(await client.post(`/api/v1/hour-declarations/${created.id}/actions/accept`, {}), 403, "FORBIDDEN");
      expectError(await pro1.get(`/api/v1/hour-declarations/${created.id}`), 404, "NOT_FOUND");
      expectError(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/accept`, { version: created.version + 1 }), 409, "VERSION_CONFLICT");
      const rejected = ok(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/reject`, { comment: "学习证明未加盖公章" }));
      expect(rejected).toMatchObject({ status: "rejected", decisionComment: "学习证明未加盖公章" });
      expect(ok(await client.get("/api/v1/me/learning-record?year=2026")).totalHours).toBe(0);
      const own = ok(await client.get("/api/v1/hour-declarations"));
      expect(own.items.map((d: any) => d.id)).toEqual([created.id]);
    });

    it("refuses declarations for a closed year, a future date, or evidence the person did not upload", async () => {
      const { client } = await givenSignedUp(s);
      const fileId = await uploadEvidence(client);
      expectError(await client.post("/api/v1/me/hour-declarations", declaration(fileId, { earnedOn: "2024-12-20" })), 422, "DECLARATION_YEAR_CLOSED");
      expectError(await client.post("/api/v1/me/hour-declarations", declaration(fileId, { earnedOn: "2026-06-16" })), 422, "DECLARATION_DATE_INVALID");
      const othersFile = await uploadEvidence(pro1, "他人的材料");
      expectError(await client.post("/api/v1/me/hour-declarations", declaration(othersFile)), 422, "EVIDENCE_FILE_INVALID");
      expectError(await client.post("/api/v1/me/hour-declarations", declaration("f".repeat(64))), 422, "EVIDENCE_FILE_INVALID");
      expectError(await base.post("/api/v1/me/hour-declarations", declaration(fileId)), 403, "NOT_A_PROFESSIONAL");
      // last year is still open
      ok(await client.post("/api/v1/me/hour-declarations", declaration(fileId, { earnedOn: "2025-11-03" })), 201);
      expect(ok(await client.get("/api/v1/hour-declarations")).total).toBe(1);
    });

    it("counts an accepted declaration only up to the daily limit, and says so", async () => {
      const { client, id } = await givenSignedUp(s);
      await givenCredit(s, id, { days: { "2026-04-20": 5 } });
      const created = ok(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client), { hours: 8 })), 201);
      const accepted = ok(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/accept`, {}));
      expect(accepted.decisionComment).toContain("计入 3 学时");
      expect(ok(await client.get("/api/v1/me/learning-record?year=2026")).totalHours).toBe(8);
      const audit = await s.app.platform.db.selectFrom("auditEvents").select("detail").where("action", "=", "declaration.accept").where("resourceId", "=", created.id).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail)).toMatchObject({ declaredHours: 8, countedHours: 3, capped: true });
      // the day is full now: nothing more can be declared for it
      expectError(await client.post("/api/v1/me/hour-declarations", declaration(await uploadEvidence(client, "另一份"), { hours: 2 })), 422, "DAILY_HOURS_LIMIT");
    });
  });

  describe("hours statements (学时证明)", () => {
    it("issues a statement whose PDF carries the code and a QR, and which verifies publicly", async () => {
      const { client, id, body } = await givenSignedUp(s, { name: "周晓梅" });
      await givenCredit(s, id, { subjectType: "professional", title: "海洋工程装备专题研修", days: days("2026-03-01", 8, 7.5) });
      const statement = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      expect(statement.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(statement.verifyUrl).toMatch(new RegExp(`/verify/hours/${statement.code}$`));

      const pdf = await client.get(statement.pdfUrl);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toContain("application/pdf");
      const contents = await inspectPdf(pdf.body);
      const text = contents.pages.join("\n");
      expect(text).toContain(statement.code);
      expect(text).toContain("海洋工程装备专题研修");
      expect(text).toContain("周晓梅");
      expect(text).not.toContain(body.idNumber);
      expect(contents.fontPrograms).toBeGreaterThan(0);
      expect(contents.images).toBeGreaterThanOrEqual(1);

      const check = ok(await s.client().get(`/api/v1/public/hours-statements/${statement.code}`));
      expect(check).toMatchObject({ valid: true, code: statement.code, holderName: "周*梅", year: 2026, professionalHours: 60, totalHours: 60, requiredHours: 90, compliant: false });
      expect(ok(await s.client().get(`/api/v1/public/hours-statements/${statement.code.toLowerCase()}`)).valid).toBe(true);
    });

    it("reports a statement whose stored content was altered as not valid", async () => {
      const { client, id } = await givenSignedUp(s);
      await givenCredit(s, id, { days: { "2026-03-02": 6 } });
      const statement = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      const db = s.app.platform.db;
      const row = await db.selectFrom("hoursStatements").select("payload").where("id", "=", statement.id).executeTakeFirstOrThrow();
      const forged = JSON.stringify({ ...JSON.parse(row.payload), totalHours: 96, compliant: true });
      await db.updateTable("hoursStatements").set({ payload: forged }).where("id", "=", statement.id).execute();
      const check = ok(await s.client().get(`/api/v1/public/hours-statements/${statement.code}`));
      expect(check).toMatchObject({ valid: false, compliant: false });
    });

    it("says a genuine statement is out of date once hours it counted are revoked", async () => {
      const { client, id } = await givenSignedUp(s);
      await givenCredit(s, id, { days: { "2026-03-03": 6 } });
      await givenCredit(s, id, { title: "海洋装备焊接新工艺", days: { "2026-03-04": 8 } });
      const statement = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      let check = ok(await s.client().get(`/api/v1/public/hours-statements/${statement.code}`));
      expect(check).toMatchObject({ valid: true, totalHours: 14, revisedSince: false, currentTotalHours: 14 });
      // the second course's certificate is revoked afterwards: its hours leave the record
      await s.app.platform.db.updateTable("learningEntries").set({ status: "revoked", revokedReason: "代签" }).where("professionalId", "=", id).where("title", "=", "海洋装备焊接新工艺").execute();
      check = ok(await s.client().get(`/api/v1/public/hours-statements/${statement.code}`));
      expect(check).toMatchObject({ valid: true, totalHours: 14, revisedSince: true, currentTotalHours: 6 });
    });

    it("prints the verification block (QR, code, issuer, date) at the foot of every page of a long statement", async () => {
      const { client, id } = await givenSignedUp(s, { name: "周晓梅" });
      // 40 one-hour courses on 40 days: more rows than one page holds
      for (let i = 0; i < 40; i++) {
        const day = `2026-${String(1 + Math.floor(i / 20)).padStart(2, "0")}-${String(1 + (i % 20)).padStart(2, "0")}`;
        await givenCredit(s, id, { title: `专题讲座第${i + 1}讲`, days: { [day]: 1 } });
      }
      const statement = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      const contents = await inspectPdf((await client.get(statement.pdfUrl)).body);
      expect(contents.pageCount).toBeGreaterThanOrEqual(2);
      expect(contents.images).toBe(1); // one QR image, drawn on every page
      for (const page of contents.pages) {
        const text = page.replace(/\s+/g, "");
        expect(text).toContain(`验证码：${statement.code}`);
        expect(text).toContain("出具单位：威海市人力资源和社会保障局");
        expect(text).toContain("出具日期：2026年6月15日");
        expect(text).toContain(`/verify/hours/${statement.code}`);
      }
      expect(contents.pages.join("\n")).toContain("专题讲座第40讲");
    });

    it("shows declared hours with their form and evidence instead of a blank base and certificate cell", async () => {
      const { client, id } = await givenSignedUp(s);
      await givenCredit(s, id, { title: "海洋工程装备专题研修", days: { "2026-03-02": 6 } });
      const fileId = await uploadEvidence(client, "会议参会证明");
      const created = ok(
        await client.post("/api/v1/me/hour-declarations", { form: "conference", subjectType: "professional", title: "第十届全国智能制造学术会议", hours: 6, earnedOn: "2026-04-20", evidenceFileId: fileId }),
        201,
      );
      ok(await bureau.post(`/api/v1/hour-declarations/${created.id}/actions/accept`, { version: created.version, comment: "材料齐全" }));
      const statement = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      const text = (await inspectPdf((await client.get(statement.pdfUrl)).body)).pages.join("").replace(/\s+/g, "");
      expect(text).toContain("个人申报·学术会议");
      expect(text).toContain("佐证材料：会议参会证明.pdf");
      // the base's course still names the base that held it
      expect(text).toContain("海洋工程装备专题研修");
    });

    it("lists the statements already issued to the person, newest first, with what each one needs to be fetched again", async () => {
      const { client, id } = await givenSignedUp(s);
      expect(ok(await client.get("/api/v1/me/hours-statements"))).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      const first = ok(await client.post("/api/v1/me/hours-statements", { year: 2025 }), 201);
      await setTodayAs(bureau, "2026-06-16");
      const second = ok(await client.post("/api/v1/me/hours-statements", { year: 2026 }), 201);
      await setTodayAs(bureau, "2026-06-15");
      const list = ok(await client.get("/api/v1/me/hours-statements"));
      expect(list.total).toBe(2);
      expect(list.items).toEqual([second, first]);
      expect(list.items.map((x: any) => x.year)).toEqual([2026, 2025]);
      expect(ok(await client.get("/api/v1/me/hours-statements?page=2&pageSize=1")).items).toEqual([first]);
      // listing issues nothing
      expect(ok(await client.get("/api/v1/me/hours-statements")).total).toBe(2);
      // the bureau reads anyone's list; another professional does not learn it exists
      expect(ok(await bureau.get(`/api/v1/professionals/${id}/hours-statements`)).total).toBe(2);
      expectError(await pro1.get(`/api/v1/professionals/${id}/hours-statements`), 404, "NOT_FOUND");
      expectError(await bureau.get("/api/v1/professionals/nobody/hours-statements"), 404, "NOT_FOUND");
      expectError(await client.get("/api/v1/me/hours-statements?pageSize=500"), 400, "VALIDATION_FAILED");
    });

    it("issues statements for years begun only, to the person and the bureau", async () => {
      const { client, id } = await givenSignedUp(s);
      expectError(await client.post("/api/v1/me/hours-statements", { year: 2027 }), 422, "STATEMENT_YEAR_INVALID");
      expectError(await client.post("/api/v1/me/hours-statements", { year: 2010 }), 422, "STATEMENT_YEAR_INVALID");
      const byBureau = ok(await bureau.post(`/api/v1/professionals/${id}/hours-statements`, { year: 2025 }), 201);
      expect(byBureau.professionalId).toBe(id);
      expect((await client.get(byBureau.pdfUrl)).status).toBe(200);
      expectError(await pro1.get(byBureau.pdfUrl), 404, "NOT_FOUND");
      expectError(await pro1.post(`/api/v1/professionals/${id}/hours-statements`, { year: 2025 }), 404, "NOT_FOUND");
      expectError(await base.post(`/api/v1/professionals/${id}/hours-statements`, { year: 2025 }), 403, "FORBIDDEN");
      expectError(await s.client().get("/api/v1/public/hours-statements/ZZZZZZZZZZZZ"), 404, "NOT_FOUND");
    });
  });

  it("keeps ID numbers out of the audit log", async () => {
    const rows = await s.app.platform.db.selectFrom("users").select("idNumberEnc").where("idNumberEnc", "is not", null).execute();
    const numbers = rows.map((r) => s.app.platform.secrets.decrypt(r.idNumberEnc!));
    expect(numbers.length).toBeGreaterThan(10);
    const details = (await auditDetails(s)).join("\n");
    for (const n of numbers) expect(details).not.toContain(n);
  });
});
