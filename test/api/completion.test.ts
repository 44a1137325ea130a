// Completion and certificates (第十七条, 第二十四条, 第二十条): the path from enrolment through check-in
// to completion, a signed certificate anyone can verify and hours in the learning record at once;
// each refusal; tampering; revocation and what it takes away.
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/server/modules/delivery/certificates.js";
import { demoIdNumber } from "../../src/server/demo/seed.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { auditActions, expectError, filingCast, givenActiveBase, givenDraftProject, notificationsOf, ok, sessionsFor, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenCheckedInByHand } from "../support/delivery.js";
import { COURSE_END, COURSE_START, enrolPerson, enrolSelf, givenCourse, LAST_SESSION_END, offeredName, pdfOf, recordOf, setNow } from "../support/completion.js";

describe.each(dialects)("completion and certificates on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let other: TestBase;
  let pro2: Client;
  let course: any;
  let ids: { pro1: string; pro2: string; zheng: string };
  const url = (path = "") => `/api/v1/training-projects/${course.id}${path}`;
  const certificatesOf = async (who: Client) => ok(await who.get(url("/certificates"))).items as any[];

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    pro2 = await s.as("pro2");
    home = await givenActiveBase(c, "base");
    other = await givenActiveBase(c, "base2");
    course = await givenCourse(c, home);
    ids = { pro1: await enrolSelf(c.pro1, course.id), pro2: await enrolSelf(pro2, course.id), zheng: await enrolPerson(home, course.id, "郑海燕") };
    // Day one: pro1 and pro2 scan the code at both sessions; day two pro2 misses the afternoon.
    const [s1, s2, s3, s4] = course.sessions.map((x: any) => x.id);
    await setToday(c, COURSE_START);
    for (const session of [s1, s2]) await givenCheckedIn(home.staff, course.id, session, [c.pro1, pro2]);
    await setToday(c, COURSE_END);
    await givenCheckedIn(home.staff, course.id, s3, [c.pro1, pro2]);
    await givenCheckedIn(home.staff, course.id, s4, [c.pro1]);
    // 郑海燕 has no account to scan with: the base checks her in by hand at every session.
    for (const session of [s1, s2, s3, s4]) await givenCheckedInByHand(home.staff, course.id, session, [ids.zheng]);
  });
  afterAll(() => s.close());

  it("refuses completion before the last session has ended, and does not offer it", async () => {
    await setNow(c, "2026-12-15T08:59:00.000Z");
    const details = expectError(await home.staff.post(url("/actions/complete"), {}), 422, "PROJECT_NOT_FINISHED");
    expect(details.lastSessionEnd).toBe("2026-12-15 17:00");
    expect(ok(await home.staff.get(url())).availableActions).not.toContain("complete");
    expectError(await home.staff.get(url("/completion")), 404, "NOT_FOUND");
    expect(ok(await c.pro1.get("/api/v1/me/certificates")).items).toEqual([]);
  });

  it("lets only the base that runs the course complete it", async () => {
    await setNow(c, LAST_SESSION_END);
    expect(ok(await home.staff.get(url())).availableActions).toContain("complete");
    expect(ok(await home.supervisor.get(url())).availableActions).not.toContain("complete");
    expectError(await home.supervisor.post(url("/actions/complete"), {}), 403, "FORBIDDEN");
    expectError(await c.bureau.post(url("/actions/complete"), {}), 403, "FORBIDDEN");
    expectError(await other.staff.post(url("/actions/complete"), {}), 404, "NOT_FOUND");
    expectError(await c.pro1.post(url("/actions/complete"), {}), 403, "FORBIDDEN"); // issue 10: no grant at all
    const draft = await givenDraftProject(home, { startDate: COURSE_START, endDate: COURSE_END });
    expect(expectError(await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/complete`, {}), 409, "WORKFLOW_ACTION_UNAVAILABLE").status).toBe("draft");
  });

  it("shows the base before it decides who will complete and who will not, with their attendance, and decides nothing", async () => {
    await setNow(c, LAST_SESSION_END);
    const preview = ok(await home.staff.get(url("/completion/preview")));
    expect(preview).toMatchObject({ projectId: course.id, sessions: 4, sessionsRequired: 4, requiredAttendance: 1, enrolled: 3, completing: 2, notCompleting: 1 });
    expect(preview.notCompletingPeople).toEqual([{ name: expect.any(String), idNumber: expect.stringMatching(/\*{4,}/), attendedSessions: 3 }]);
    expect(preview.completingPeople.map((p: any) => p.attendedSessions)).toEqual([4, 4]);
    expect(preview.completingPeople.map((p: any) => p.name)).toContain("郑海燕");
    expectError(await other.staff.get(url("/completion/preview")), 404, "NOT_FOUND");
    expectError(await home.supervisor.get(url("/completion/preview")), 403, "FORBIDDEN");
    expectError(await home.staff.get(url("/completion")), 404, "NOT_FOUND");
    expect(ok(await home.staff.get(url())).availableActions).toContain("complete");
  });

  it("completes the course once: those who attended every session complete, the others do not", async () => {
    await setNow(c, LAST_SESSION_END);
    const done = ok(await home.staff.post(url("/actions/complete"), {}));
    expect(done).toMatchObject({ projectId: course.id, enrolled: 3, completed: 2, notCompleted: 1, certificatesIssued: 2, requiredAttendance: 1 });
    const project = ok(await home.staff.get(url()));
    expect(project).toMatchObject({ status: "completed", concludedAt: done.concludedAt });
    expect(project.availableActions).not.toContain("complete");
    expect(project.history.at(-1)).toMatchObject({ action: "complete", toStatus: "completed" });
    expect(await auditActions(c, course.id)).toContain("trainingProject.complete");
    expect(ok(await home.supervisor.get(url("/completion")))).toEqual(done);
    expectError(await home.staff.post(url("/actions/complete"), {}), 409, "ALREADY_CONCLUDED");
    const enrolments = ok(await home.staff.get(url("/enrollments"))).items;
    const byId = Object.fromEntries(enrolments.map((e: any) => [e.professionalId, e]));
    expect(byId[ids.pro1]).toMatchObject({ completed: true, attendedSessions: 4 });
    expect(byId[ids.pro2]).toMatchObject({ completed: false, attendedSessions: 3 });
    expect(byId[ids.zheng]).toMatchObject({ completed: true, attendedSessions: 4 });
  });

  it("issues a signed certificate to each completer and none to the one who missed a session", async () => {
    const list = await certificatesOf(home.staff);
    expect(list.map((x) => x.professionalId).sort()).toEqual([ids.pro1, ids.zheng].sort());
    const mine = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    expect(mine).toHaveLength(1);
    const cert = mine[0];
    expect(cert.serial).toMatch(/^JJZS-2026-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(cert).toMatchObject({ status: "valid", revokedAt: null, availableActions: [] });
    expect(cert.content).toMatchObject({
      serial: cert.serial,
      holderName: "周晓东",
      projectTitle: course.title,
      filingNo: course.filingNo,
      subjectType: "professional",
      hours: 12,
      startDate: COURSE_START,
      endDate: COURSE_END,
      baseName: home.name,
      issuedOn: "2026-12-15",
    });
    expect(cert.content.holderIdNumberMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(cert.verifyUrl).toBe(`${s.app.platform.config.publicUrl}/verify/certificates/${cert.serial}`);
    expect(ok(await pro2.get("/api/v1/me/certificates")).items).toEqual([]);
    expect(await certificatesOf(pro2)).toEqual([]);
    expect(ok(await home.staff.get(`/api/v1/certificates/${cert.id}`)).availableActions).toEqual(["revoke"]);
    expect(ok(await home.supervisor.get(`/api/v1/certificates/${cert.id}`)).availableActions).toEqual([]);
    expectError(await other.staff.get(`/api/v1/certificates/${cert.id}`), 404, "NOT_FOUND");
    expectError(await other.staff.get(url("/certificates")), 404, "NOT_FOUND");
    expectError(await other.supervisor.get(url("/certificates")), 404, "NOT_FOUND");
    expectError(await pro2.get(`/api/v1/certificates/${cert.id}`), 404, "NOT_FOUND");
    expect((await notificationsOf(c.pro1, "certificate.issued")).length).toBe(1);
    expect(await notificationsOf(pro2, "certificate.issued")).toEqual([]);
  });

  it("证书查询 finds a certificate by the holder's name, whole ID number or serial, only within the reader's scope", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const search = async (who: Client, query: string) => (ok(await who.get(`/api/v1/certificates?${query}`)).items as any[]).map((x) => x.serial);
    const pro1IdNumber = demoIdNumber("19880512", 123);
    // the bureau (the city's), the supervising unit (its bases') and the base (its own) find it by name
    for (const who of [c.bureau, home.supervisor, home.staff]) expect(await search(who, `keyword=${encodeURIComponent("周晓")}`)).toEqual([cert.serial]);
    expect(await search(c.bureau, `keyword=${encodeURIComponent("周晓东")}`)).toEqual([cert.serial]);
    expect(await search(c.bureau, `idNumber=${pro1IdNumber}`)).toEqual([cert.serial]);
    // the serial printed on the paper, whole or its beginning, in any case
    expect(await search(c.bureau, `keyword=${cert.serial.toLowerCase()}`)).toEqual([cert.serial]);
    expect((await search(c.bureau, "keyword=JJZS-2026-")).sort()).toEqual((await certificatesOf(home.staff)).map((x) => x.serial).sort());
    // 郑海燕's certificate is in the list too, newest serial first, and a revoked filter finds none yet
    const all = await search(c.bureau, "pageSize=50");
    expect(all).toEqual([...all].sort().reverse());
    expect(all).toContain(cert.serial);
    expect(await search(c.bureau, "status=revoked")).toEqual([]);
    // another base, its supervising unit and another professional find nothing of it; its holder finds only their own
    expect(await search(other.staff, `idNumber=${pro1IdNumber}`)).toEqual([]);
    expect(await search(other.supervisor, `keyword=${encodeURIComponent("周晓东")}`)).toEqual([]);
    expect(await search(pro2, "pageSize=50")).toEqual([]);
    expect(await search(c.pro1, "pageSize=50")).toEqual([cert.serial]);
    // a name no one holds, and input the list refuses in the error shape
    expect(await search(c.bureau, `keyword=${encodeURIComponent("欧阳不存在")}`)).toEqual([]);
    expectError(await c.bureau.get("/api/v1/certificates?idNumber=12345"), 400, "VALIDATION_FAILED");
    expectError(await c.bureau.get("/api/v1/certificates?status=lost"), 400, "VALIDATION_FAILED");
  });

  it("signs the canonical content with the published Ed25519 key, so anyone can check it offline", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const key = ok(await s.client().get("/api/v1/public/signing-key"));
    expect(key).toMatchObject({ algorithm: "Ed25519", keyId: cert.keyId });
    const publicKey = createPublicKey(key.publicKeyPem);
    const payload = Buffer.from(canonicalJson(cert.content));
    expect(verify(null, payload, publicKey, Buffer.from(cert.signature, "base64"))).toBe(true);
    expect(verify(null, Buffer.from(canonicalJson({ ...cert.content, hours: 120 })), publicKey, Buffer.from(cert.signature, "base64"))).toBe(false);
  });

  it("shows the public that a certificate is genuine, with the holder's name masked", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const anyone = s.client();
    const v = ok(await anyone.get(`/api/v1/public/certificates/${cert.serial}`));
    expect(v).toEqual({
      valid: true,
      serial: cert.serial,
      status: "valid",
      signatureValid: true,
      holderName: "周*东",
      projectTitle: course.title,
      filingNo: course.filingNo,
      subjectType: "professional",
      hours: 12,
      baseName: home.name,
      startDate: COURSE_START,
      endDate: COURSE_END,
      issuedOn: "2026-12-15",
      revokedAt: null,
      revokedReason: null,
      keyId: cert.keyId,
    });
    expectError(await anyone.get("/api/v1/public/certificates/JJZS-2026-999999"), 404, "NOT_FOUND");
    expectError(await anyone.get("/api/v1/public/certificates/x'%20or%201=1"), 400, "VALIDATION_FAILED");
  });

  it("detects a certificate whose stored content was changed after signing", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const db = s.app.platform.db;
    const row = await db.selectFrom("certificates").select("payload").where("id", "=", cert.id).executeTakeFirstOrThrow();
    await db.updateTable("certificates").set({ payload: row.payload.replace('"hours":12', '"hours":48') }).where("id", "=", cert.id).execute();
    try {
      const v = ok(await s.client().get(`/api/v1/public/certificates/${cert.serial}`));
      expect(v).toMatchObject({ valid: false, signatureValid: false, status: "valid", hours: 48 });
      await db.updateTable("certificates").set({ payload: "not json" }).where("id", "=", cert.id).execute();
      expect(ok(await s.client().get(`/api/v1/public/certificates/${cert.serial}`))).toMatchObject({ valid: false, signatureValid: false });
    } finally {
      await db.updateTable("certificates").set({ payload: row.payload }).where("id", "=", cert.id).execute();
    }
    expect(ok(await s.client().get(`/api/v1/public/certificates/${cert.serial}`)).valid).toBe(true);
  });

  it("puts the hours of a completed course into the learning record at once, and none for the one who missed a session", async () => {
    const record = await recordOf(c.pro1, 2026);
    const entries = record.entries.filter((e: any) => e.projectId === course.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: "project", subjectType: "professional", hours: 12, status: "counted", earnedOn: COURSE_END, baseName: home.name });
    expect(entries[0].certificateSerial).toMatch(/^JJZS-2026-/);
    expect((await recordOf(pro2, 2026)).entries.filter((e: any) => e.projectId === course.id)).toEqual([]);
    expect((await recordOf(c.bureau, 2026, ids.zheng)).entries.filter((e: any) => e.projectId === course.id)).toHaveLength(1);
  });

  it("prints the certificate as a PDF with the serial, a verification QR code and the embedded font", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const res = await c.pro1.get(`/api/v1/certificates/${cert.id}.pdf`);
    expect(offeredName(res)).toBe(`结业证书-${cert.serial}.pdf`);
    const pdf = await pdfOf(res);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.fontPrograms).toBeGreaterThan(0);
    expect(pdf.images).toBeGreaterThanOrEqual(1);
    const text = pdf.pages[0];
    for (const piece of [cert.serial, "结 业 证 书", "周晓东", course.title, course.filingNo, `密钥标识 ${cert.keyId}`, "签名指纹"]) expect(text).toContain(piece);
    expect(text).not.toContain("已撤销");
    // 第十七条: completion here was decided by attendance (the course has no exam), over two days.
    expect(cert.content.completionBasis).toBe("attendance");
    const prose = text.replace(/\s+/g, "");
    expect(prose).toContain("于2026年12月14日至2026年12月15日参加");
    expect(prose).toContain("完成规定学时，准予结业");
    expect(prose).not.toContain("经考核合格");
    await pdfOf(await home.supervisor.get(`/api/v1/certificates/${cert.id}.pdf`));
    await pdfOf(await c.bureau.get(`/api/v1/certificates/${cert.id}.pdf`));
    expectError(await other.staff.get(`/api/v1/certificates/${cert.id}.pdf`), 404, "NOT_FOUND");
    expectError(await pro2.get(`/api/v1/certificates/${cert.id}.pdf`), 404, "NOT_FOUND");
  });

  it("refuses revocation to those who may not revoke, and without a reason", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    const revoke = (who: Client, body: unknown) => who.post(`/api/v1/certificates/${cert.id}/actions/revoke`, body);
    expectError(await revoke(c.pro1, { reason: "本人申请撤销" }), 403, "FORBIDDEN");
    expectError(await revoke(home.supervisor, { reason: "检查发现出勤记录不实" }), 403, "FORBIDDEN");
    expectError(await revoke(other.staff, { reason: "检查发现出勤记录不实" }), 404, "NOT_FOUND");
    expectError(await revoke(pro2, { reason: "检查发现出勤记录不实" }), 403, "FORBIDDEN"); // issue 10: no grant at all
    expectError(await revoke(home.staff, {}), 400, "VALIDATION_FAILED");
    expectError(await revoke(home.staff, { reason: "    " }), 422, "TEXT_BLANK");
    expect(ok(await s.client().get(`/api/v1/public/certificates/${cert.serial}`)).valid).toBe(true);
  });

  it("revokes a certificate with a reason: the public sees it revoked and why, and its hours leave the record", async () => {
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    await setNow(c, "2026-12-20T02:00:00.000Z");
    const before = (await recordOf(c.pro1, 2026)).totalHours;
    const revoked = ok(await home.staff.post(`/api/v1/certificates/${cert.id}/actions/revoke`, { reason: "检查发现出勤记录不实" }));
    expect(revoked).toMatchObject({ status: "revoked", revokedReason: "检查发现出勤记录不实", availableActions: [] });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    const v = ok(await s.client().get(`/api/v1/public/certificates/${cert.serial}`));
    expect(v).toMatchObject({ valid: false, signatureValid: true, status: "revoked", revokedReason: "检查发现出勤记录不实", revokedAt: revoked.revokedAt });
    const record = await recordOf(c.pro1, 2026);
    const entry = record.entries.find((e: any) => e.projectId === course.id);
    expect(entry).toMatchObject({ status: "revoked", revokedReason: "检查发现出勤记录不实" });
    expect(record.totalHours).toBe(before - 12);
    expect(await auditActions(c, cert.id)).toContain("certificate.revoke");
    expect((await notificationsOf(c.pro1, "certificate.revoked"))[0].params).toMatchObject({ serial: cert.serial, reason: "检查发现出勤记录不实" });
    expectError(await home.staff.post(`/api/v1/certificates/${cert.id}/actions/revoke`, { reason: "再次撤销" }), 409, "CERTIFICATE_REVOKED");
    expectError(await c.bureau.post(`/api/v1/certificates/${cert.id}/actions/revoke`, { reason: "再次撤销" }), 409, "CERTIFICATE_REVOKED");
    const pdf = await pdfOf(await c.pro1.get(`/api/v1/certificates/${cert.id}.pdf`));
    expect(pdf.pages[0]).toContain("已撤销");
    expect(pdf.pages[0]).toContain("检查发现出勤记录不实");
    expect(ok(await home.staff.get(url("/certificates?status=revoked"))).items.map((x: any) => x.id)).toEqual([cert.id]);
  });

  it("lets the bureau revoke any base's certificate", async () => {
    const zheng = (await certificatesOf(c.bureau)).find((x) => x.professionalId === ids.zheng);
    expect(zheng.availableActions).toEqual(["revoke"]);
    const before = (await recordOf(c.bureau, 2026, ids.zheng)).totalHours;
    const revoked = ok(await c.bureau.post(`/api/v1/certificates/${zheng.id}/actions/revoke`, { reason: "基地乱发证，市人社局撤销" }));
    expect(revoked.status).toBe("revoked");
    expect((await recordOf(c.bureau, 2026, ids.zheng)).totalHours).toBe(before - 12);
  });

  it("decides completion once when it is sent twice at the same moment", async () => {
    const twice = await givenCourse(c, home, { startDate: "2026-12-16", endDate: "2026-12-16", sessions: sessionsFor("2026-12-16", "2026-12-16") });
    await enrolSelf(pro2, twice.id);
    await setNow(c, "2026-12-16T09:00:00.000Z");
    const both = await Promise.all([1, 2].map(() => home.staff.post(`/api/v1/training-projects/${twice.id}/actions/complete`, {})));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(ok(await home.staff.get(`/api/v1/training-projects/${twice.id}/completion`))).toMatchObject({ enrolled: 1, completed: 0, certificatesIssued: 0 });
  });

  it("counts the hours of the sessions attended when the policy asks for less than every session", async () => {
    // A policy version from 2026-12-21: three sessions of four are enough (DESIGN.md "Policy").
    await setToday(c, "2026-11-02");
    const { params } = ok(await c.bureau.get("/api/v1/policy/current"));
    ok(await c.bureau.post("/api/v1/policy/versions", { effectiveFrom: "2026-12-21", params: { ...params, completionAttendance: 0.75 }, note: "结业出勤率调整为 75%" }), 201);
    const lenient = await givenCourse(c, home, { startDate: "2026-12-21", endDate: "2026-12-22", sessions: sessionsFor("2026-12-21", "2026-12-22") });
    await enrolSelf(pro2, lenient.id);
    await setToday(c, "2026-12-22");
    for (const session of lenient.sessions.slice(0, 3)) await givenCheckedInByHand(home.staff, lenient.id, session.id, [ids.pro2]);
    await setNow(c, "2026-12-22T09:00:00.000Z");
    const done = ok(await home.staff.post(`/api/v1/training-projects/${lenient.id}/actions/complete`, {}));
    expect(done).toMatchObject({ completed: 1, certificatesIssued: 1, requiredAttendance: 0.75 });
    const [cert] = ok(await pro2.get("/api/v1/me/certificates")).items;
    expect(cert.content).toMatchObject({ projectId: lenient.id, hours: 9 });
    const entry = (await recordOf(pro2, 2026)).entries.find((e: any) => e.projectId === lenient.id);
    expect(entry).toMatchObject({ hours: 9, status: "counted", earnedOn: "2026-12-22" });
  });
});
