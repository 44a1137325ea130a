// Check-in (第十七条): staff open a rotating code on the session's day; an enrolled professional checks
// in with it once (a repeat answers the first); an expired, foreign or tampered code, a closed day and
// a person not enrolled are refused; many at once lose and double nothing; staff check in by hand
// with a reason (audited), print the sign-in sheet and import a marked one.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHECK_IN_CODE_SECONDS } from "../../src/shared/delivery.js";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { dialects, signedIn, type Client, type TestServer } from "../support/harness.js";
import { at, expectError, filingCast, givenActiveBase, givenFiledProject, ok, readSheet, setToday, XLSX, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenEnrolled, givenProfessionals, openCode, startDeliveryServer, type Learner } from "../support/delivery.js";
import { personInput } from "../support/professionals.js";

const MASKED = /^\d{4}\*{10}\d{3}[\dX]$/;

describe.each(dialects)("check-in on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let other: TestBase;
  let pro2: Client;
  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    pro2 = await s.as("pro2");
    home = await givenActiveBase(c, "base");
    other = await givenActiveBase(c, "base2");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const sessionUrl = (p: any, i = 0) => `/api/v1/training-projects/${p.id}/sessions/${p.sessions[i].id}`;
  const codeOf = async (p: any, i = 0) => (await openCode(home.staff, p.id, p.sessions[i].id)).token as string;
  const post = (who: Client, token: string) => who.post("/api/v1/check-ins", { token });
  const setNow = async (iso: string) => ok(await c.bureau.put("/api/v1/test/clock", { now: iso }));
  const auditOf = async (resourceId: string) => ok(await (await signedIn(c.s, "auditor")).get(`/api/v1/audit-events?resourceId=${resourceId}&pageSize=50`)).items;

  /** A filed two-day course with pro1 and pro2 enrolled themselves; business time then on its first day. */
  async function givenCourseDay(o: Record<string, unknown> = {}): Promise<any> {
    const p = await givenFiledProject(home, o);
    ok(await c.pro1.post(`/api/v1/training-projects/${p.id}/enrollments`, {}), 201);
    ok(await pro2.post(`/api/v1/training-projects/${p.id}/enrollments`, {}), 201);
    await setToday(c, p.startDate);
    return p;
  }

  it("walks enrolment → code → check-in, and a second check-in answers the first", async () => {
    const p = await givenCourseDay();
    const code = await openCode(home.staff, p.id, p.sessions[0].id);
    // the projector names the session's check-in time (09:00–12:00, half an hour either side)
    expect(code).toMatchObject({ token: expect.any(String), enrolled: 2, checkedIn: 0, opensAt: "08:30", closesAt: "12:30" });
    expect(code.qr).toMatch(/^data:image\/png;base64,/);
    expect(code.url).toBe(`${s.app.platform.config.publicUrl}/check-in?token=${encodeURIComponent(code.token)}`);
    // shown 30 s, accepted 30 s longer
    const now = Date.parse(at(p.startDate));
    expect(Date.parse(code.refreshAt) - now).toBeGreaterThan(0);
    expect(Date.parse(code.refreshAt) - now).toBeLessThanOrEqual(CHECK_IN_CODE_SECONDS * 1000);
    expect(Date.parse(code.expiresAt) - Date.parse(code.refreshAt)).toBe(CHECK_IN_CODE_SECONDS * 1000);

    const first = ok(await post(c.pro1, code.token), 201);
    expect(first).toMatchObject({
      id: expect.any(String),
      sessionId: p.sessions[0].id,
      projectId: p.id,
      projectTitle: p.title,
      sessionTitle: p.sessions[0].title,
      date: p.startDate,
      startTime: p.sessions[0].startTime,
      name: "周晓东",
      method: "qr",
      reason: null,
      repeated: false,
    });
    const again = ok(await post(c.pro1, code.token), 200);
    expect(again).toMatchObject({ id: first.id, checkedInAt: first.checkedInAt, repeated: true });
    // a fresh code later the same day still answers the first check-in
    await setNow(`${p.startDate}T02:10:00.000Z`);
    expect(ok(await post(c.pro1, await codeOf(p)), 200).id).toBe(first.id);

    const who = ok(await home.staff.get(`${sessionUrl(p)}/check-ins`));
    expect(who).toMatchObject({ projectId: p.id, enrolled: 2, checkedIn: 1, session: { id: p.sessions[0].id, seq: 0 } });
    expect(who.rows[0]).toMatchObject({ name: "周晓东", checkIn: { id: first.id, method: "qr" } });
    expect(who.rows[0].idNumber).toMatch(MASKED);
    expect(who.rows[1]).toMatchObject({ name: "吴婷婷", checkIn: null });
    expect(who.availableActions).toEqual(expect.arrayContaining(["openCode", "manual", "import"]));
    expect(ok(await home.staff.get(`${sessionUrl(p)}/check-in-code`)).checkedIn).toBe(1);

    const [course] = ok(await c.pro1.get("/api/v1/me/enrollments")).filter((e: any) => e.projectId === p.id);
    expect(course.sessions[0].checkedInAt).toBe(first.checkedInAt);
    expect(course.sessions[1].checkedInAt).toBeNull();
    expect(course).toMatchObject({ surveyOpen: true, surveyAnswered: false });
    const enrolment = ok(await home.staff.get(`/api/v1/training-projects/${p.id}/enrollments`)).items.find((e: any) => e.name === "周晓东");
    expect(enrolment.attendedSessions).toBe(1);

    // one audit entry for the one check-in, naming ids only
    const audit = await auditOf(first.id);
    expect(audit.map((e: any) => e.action)).toEqual(["checkIn.create"]);
    expect(audit[0].detail).toMatchObject({ sessionId: p.sessions[0].id, projectId: p.id, method: "qr" });
  });

  it("refuses an expired code (CHECK_IN_CODE_EXPIRED) and accepts it within its window", async () => {
    const p = await givenCourseDay();
    // 10:00 sharp opens a window: the code is accepted to 10:00:59 and refused from 10:01:00
    const token = await codeOf(p);
    await setNow(`${p.startDate}T02:00:59.000Z`);
    expect(ok(await post(pro2, token), 201).repeated).toBe(false);
    await setNow(`${p.startDate}T02:01:01.000Z`);
    expectError(await post(c.pro1, token), 422, "CHECK_IN_CODE_EXPIRED");
    await setNow(`${p.startDate}T02:00:00.000Z`);
    const fresh = await codeOf(p);
    await setNow(`${p.startDate}T02:01:01.000Z`);
    expectError(await post(c.pro1, fresh), 422, "CHECK_IN_CODE_EXPIRED");
  });

  it("refuses a foreign or tampered code (CHECK_IN_CODE_EXPIRED) and a code of a course one is not enrolled in (NOT_ENROLLED)", async () => {
    const foreign = await givenFiledProject(other, { startDate: "2026-12-14", endDate: "2026-12-15" });
    const p = await givenCourseDay();
    const token = await codeOf(p);
    const [payload, mac] = token.split(".");
    const [sessionId, window] = Buffer.from(payload, "base64url").toString().split(".");
    // the same signature over another session, or over a later window
    const otherSession = Buffer.from(`${p.sessions[1].id}.${window}`).toString("base64url");
    expectError(await post(c.pro1, `${otherSession}.${mac}`), 422, "CHECK_IN_CODE_EXPIRED");
    const later = Buffer.from(`${sessionId}.${Number(window) + 1}`).toString("base64url");
    expectError(await post(c.pro1, `${later}.${mac}`), 422, "CHECK_IN_CODE_EXPIRED");
    expectError(await post(c.pro1, `${payload}.${mac.slice(0, -2)}AA`), 422, "CHECK_IN_CODE_EXPIRED");
    expectError(await post(c.pro1, "not-a-check-in-code"), 422, "CHECK_IN_CODE_EXPIRED");
    expectError(await post(c.pro1, `${Buffer.from("x.1").toString("base64url")}.${mac}`), 422, "CHECK_IN_CODE_EXPIRED");
    // a genuine code of another course the person did not enrol in
    const foreignCode = await openCode(other.staff, foreign.id, foreign.sessions[0].id);
    expectError(await post(c.pro1, foreignCode.token), 422, "NOT_ENROLLED");
    expect(ok(await other.staff.get(`/api/v1/training-projects/${foreign.id}/sessions/${foreign.sessions[0].id}/check-ins`)).checkedIn).toBe(0);
    expect(ok(await home.staff.get(`${sessionUrl(p)}/check-ins`)).checkedIn).toBe(0);
  });

  it("refuses a person not enrolled, or whose enrolment was cancelled (NOT_ENROLLED), and accounts without the professional role", async () => {
    const p = await givenFiledProject(home);
    const [stranger, leaver] = await givenProfessionals(s, 2);
    const [e] = await givenEnrolled(home.staff, p.id, [leaver]);
    ok(await leaver.client.post(`/api/v1/enrollments/${e.id}/actions/cancel`, {}));
    await setToday(c, p.startDate);
    const token = await codeOf(p);
    expectError(await post(stranger.client, token), 422, "NOT_ENROLLED");
    expectError(await post(leaver.client, token), 422, "NOT_ENROLLED");
    // issue 10: a route only professionals may call tells anyone else so (platform/access.ts refusalOf)
    expectError(await post(home.staff, token), 403, "NOT_A_PROFESSIONAL");
    expect(ok(await home.staff.get(`${sessionUrl(p)}/check-ins`)).checkedIn).toBe(0);
  });

  it("opens the code only on the session's day of a filed project (CHECK_IN_NOT_OPEN)", async () => {
    const p = await givenCourseDay();
    // the second day's sessions are not open on the first day
    const early = expectError(await home.staff.get(`${sessionUrl(p, 2)}/check-in-code`), 422, "CHECK_IN_NOT_OPEN");
    expect(early.date).toBe(p.sessions[2].date);
    const token = await codeOf(p);
    // a code taken just before midnight is refused on the next day, even inside its window
    await setNow(`${p.startDate}T15:59:50.000Z`);
    const lastMinute = await codeOf(p);
    await setNow(`${p.startDate}T16:00:10.000Z`);
    expectError(await post(c.pro1, lastMinute), 422, "CHECK_IN_NOT_OPEN");
    expectError(await home.staff.get(`${sessionUrl(p)}/check-in-code`), 422, "CHECK_IN_NOT_OPEN");
    expect(token).not.toBe(lastMinute);
    // the day before class
    await setToday(c, "2026-12-13");
    expectError(await home.staff.get(`${sessionUrl(p)}/check-in-code`), 422, "CHECK_IN_NOT_OPEN");
  });

  describe("check-in window (第十七条, issue 11)", () => {
    // Shanghai wall time of the course's first day as an instant: sessions 09:00–12:00 and 14:00–17:00.
    const local = (date: string, hhmm: string) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`)).toISOString();
    /** The person scans the code staff show at that moment. */
    const scanAt = async (p: any, who: Client, hhmm: string, i = 0) => {
      await setNow(local(p.startDate, hhmm));
      return post(who, await codeOf(p, i));
    };

    it("accepts a session's code from 30 minutes before its start and refuses it a minute earlier (CHECK_IN_NOT_YET_OPEN)", async () => {
      const p = await givenCourseDay();
      const early = expectError(await scanAt(p, c.pro1, "08:29"), 422, "CHECK_IN_NOT_YET_OPEN");
      expect(early).toMatchObject({ opensAt: "08:30", closesAt: "12:30" });
      expect(ok(await scanAt(p, c.pro1, "08:30"), 201).repeated).toBe(false);
      // the afternoon session is not open yet in the morning
      expectError(await scanAt(p, pro2, "13:29", 1), 422, "CHECK_IN_NOT_YET_OPEN");
      expect(ok(await scanAt(p, pro2, "13:30", 1), 201).sessionId).toBe(p.sessions[1].id);
    });

    it("accepts a session's code until 30 minutes after its end and refuses a morning session's code at 16:00 (CHECK_IN_CLOSED)", async () => {
      const p = await givenCourseDay();
      expect(ok(await scanAt(p, c.pro1, "12:30"), 201).repeated).toBe(false);
      await setNow(local(p.startDate, "12:31"));
      const token = await codeOf(p);
      expectError(await post(pro2, token), 422, "CHECK_IN_CLOSED");
      const res = await scanAt(p, pro2, "16:00");
      const late = expectError(res, 422, "CHECK_IN_CLOSED");
      expect(late).toMatchObject({ opensAt: "08:30", closesAt: "12:30" });
      expect(res.body.error.message).toBe("本次课程签到时间为 08:30–12:30，现已截止");
      // nothing recorded; staff may still check the person in by hand (补签)
      expect(ok(await home.staff.get(`${sessionUrl(p)}/check-ins`)).checkedIn).toBe(1);
    });

    it("takes the window from the policy version in force on the session's day", async () => {
      const day = "2026-12-28";
      const current = ok(await c.bureau.get(`/api/v1/policy/current?date=${day}`));
      expect(current.params).toMatchObject({ checkInOpensMinutesBefore: 30, checkInClosesMinutesAfter: 30 });
      const { validUntil: _, ...params } = current.params;
      const wider = { ...params, checkInOpensMinutesBefore: 60, checkInClosesMinutesAfter: 240 };
      ok(await c.bureau.post("/api/v1/policy/versions", { effectiveFrom: day, params: wider, note: "签到时间放宽" }), 201);
      expectError(await c.bureau.post("/api/v1/policy/versions", { effectiveFrom: "2026-12-29", params: { ...wider, checkInClosesMinutesAfter: -1 }, note: "无效" }), 400, "VALIDATION_FAILED");
      const p = await givenCourseDay({ startDate: day, endDate: day });
      expectError(await scanAt(p, c.pro1, "07:59"), 422, "CHECK_IN_NOT_YET_OPEN");
      expect(ok(await scanAt(p, c.pro1, "08:00"), 201).repeated).toBe(false);
      // 12:00 + 240 minutes: the morning session's code is still taken at 16:00, and refused after
      expect(ok(await scanAt(p, pro2, "16:00"), 201).repeated).toBe(false);
      const after = expectError(await scanAt(p, pro2, "16:01"), 422, "CHECK_IN_CLOSED");
      expect(after).toMatchObject({ opensAt: "08:00", closesAt: "16:00" });
      expect(await openCode(home.staff, p.id, p.sessions[1].id)).toMatchObject({ opensAt: "13:00", closesAt: "21:00" });
    });
  });

  it("keeps the code and the list within the base's scope", async () => {
    const p = await givenCourseDay();
    expectError(await other.staff.get(`${sessionUrl(p)}/check-in-code`), 404, "NOT_FOUND");
    expectError(await other.staff.get(`${sessionUrl(p)}/check-ins`), 404, "NOT_FOUND");
    expectError(await other.supervisor.get(`${sessionUrl(p)}/check-ins`), 404, "NOT_FOUND");
    expectError(await home.staff.get(`/api/v1/training-projects/${p.id}/sessions/nope/check-in-code`), 404, "NOT_FOUND");
    // the supervising unit and the bureau look on; only the base opens the code
    expect(ok(await home.supervisor.get(`${sessionUrl(p)}/check-ins`)).availableActions).toEqual([]);
    expectError(await home.supervisor.get(`${sessionUrl(p)}/check-in-code`), 403, "FORBIDDEN");
    ok(await c.bureau.get(`${sessionUrl(p)}/check-ins`));
    expectError(await c.pro1.get(`${sessionUrl(p)}/check-ins`), 403, "FORBIDDEN");
  });

  it("records exactly one check-in per person when a whole room checks in at once, each three times", async () => {
    const p = await givenFiledProject(home, { capacity: 60 });
    const room: Learner[] = await givenProfessionals(s, 50);
    await givenEnrolled(home.staff, p.id, room);
    await setToday(c, p.startDate);
    const token = await codeOf(p);
    const answers = await Promise.all(room.flatMap((l) => [1, 2, 3].map(() => post(l.client, token).then((res) => ({ l, res })))));
    for (const l of room) {
      const mine = answers.filter((a) => a.l === l).map((a) => a.res);
      expect(mine.map((r) => r.status).sort(), JSON.stringify(mine.map((r) => r.body))).toEqual([200, 200, 201]);
      expect(new Set(mine.map((r) => r.body.id)).size).toBe(1);
    }
    const who = ok(await home.staff.get(`${sessionUrl(p)}/check-ins`));
    expect(who).toMatchObject({ enrolled: 50, checkedIn: 50 });
    const rows = await s.app.platform.db.selectFrom("checkIns").select(["professionalId"]).where("sessionId", "=", p.sessions[0].id).execute();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.professionalId)).size).toBe(50);
    const audited = await s.app.platform.db.selectFrom("auditEvents").select("seq").where("action", "=", "checkIn.create").where("detail", "like", `%${p.sessions[0].id}%`).execute();
    expect(audited).toHaveLength(50);
  });

  describe("by hand and from the sheet", () => {
    const manual = (who: Client, p: any, body: Record<string, unknown>, i = 0) => who.post(`${sessionUrl(p, i)}/check-ins`, body);

    it("checks a person in by hand with a reason, on or after the session's day, and audits the reason", async () => {
      const p = await givenFiledProject(home);
      const [e] = await givenEnrolled(home.staff, p.id, [personInput({ name: "刘海燕" })]);
      const reason = "手机没电，现场核验身份后补签";
      expectError(await manual(home.staff, p, { professionalId: e.professionalId, reason }), 422, "CHECK_IN_NOT_OPEN");
      await setToday(c, p.startDate);
      expectError(await manual(home.staff, p, { professionalId: e.professionalId }), 400, "VALIDATION_FAILED");
      expectError(await manual(home.staff, p, { professionalId: e.professionalId, reason: "   " }), 422, "TEXT_BLANK");
      expectError(await manual(home.staff, p, { professionalId: "nobody", reason }), 422, "NOT_ENROLLED");
      expectError(await manual(other.staff, p, { professionalId: e.professionalId, reason }), 404, "NOT_FOUND");
      expectError(await manual(home.supervisor, p, { professionalId: e.professionalId, reason }), 403, "FORBIDDEN");
      const done = ok(await manual(home.staff, p, { professionalId: e.professionalId, reason }), 201);
      expect(done).toMatchObject({ name: "刘海燕", method: "manual", reason, repeated: false });
      expect(ok(await manual(home.staff, p, { professionalId: e.professionalId, reason: "重复补签" }), 200)).toMatchObject({ id: done.id, reason, repeated: true });
      const audit = await auditOf(done.id);
      expect(audit.map((x: any) => x.action)).toEqual(["checkIn.manual"]);
      expect(audit[0].detail).toMatchObject({ reason, method: "manual", professionalId: e.professionalId });
      expect(audit[0].actorName).toBe("base");
      // a past session may still be corrected the day after
      await setToday(c, "2026-12-16");
      ok(await manual(home.staff, p, { professionalId: e.professionalId, reason }, 3), 201);
    });

    it("prints the sign-in sheet with masked ID numbers and a signature box for everyone not yet in", async () => {
      const p = await givenCourseDay();
      await givenCheckedIn(home.staff, p.id, p.sessions[0].id, [c.pro1]);
      const res = await home.staff.get(`${sessionUrl(p)}/sign-in-sheet.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/pdf");
      const pdf = await inspectPdf(res.body as Buffer);
      expect(pdf.fontPrograms).toBeGreaterThan(0);
      const text = pdf.pages.join("\n");
      for (const expected of ["培训签到表", p.title, p.filingNo, p.sessions[0].teacher, "周晓东", "吴婷婷", "本人签名", "扫码", "应到 2 人，已签到 1 人"]) expect(text).toContain(expected);
      expect(text).toMatch(/\d{4}\*{10}\d{3}[\dX]/);
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expectError(await other.staff.get(`${sessionUrl(p)}/sign-in-sheet.pdf`), 404, "NOT_FOUND");
      expect((await home.supervisor.get(`${sessionUrl(p)}/sign-in-sheet.pdf`)).status).toBe(200);
    });

    /** The sheet with these people's 签到 cells set. */
    async function markSheet(sheet: Buffer, marks: Record<string, string>, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet as any);
      const ws = wb.worksheets[0];
      ws.eachRow((row, n) => {
        if (n <= 3) return;
        const name = String(row.getCell(3).value);
        if (name in marks) row.getCell(7).value = marks[name];
      });
      edit?.(ws);
      return Buffer.from(await wb.xlsx.writeBuffer());
    }

    it("exports the sheet to mark and imports the marked rows as check-ins", async () => {
      const p = await givenCourseDay();
      const [e3] = await givenEnrolled(home.staff, p.id, [personInput({ name: "陈思远" })]);
      await givenCheckedIn(home.staff, p.id, p.sessions[0].id, [c.pro1]);
      const res = await home.staff.get(`${sessionUrl(p)}/sign-in-sheet.xlsx`);
      expect(res.status).toBe(200);
      const rows = await readSheet(res.body);
      expect(rows[2]).toEqual(["序号", "学员编号", "姓名", "身份证号码", "工作单位", "签到时间", "签到"]);
      expect(rows.slice(3).map((r) => [r[2], r[6] ?? ""])).toEqual([
        ["周晓东", "已签到"],
        ["吴婷婷", ""],
        ["陈思远", ""],
      ]);
      expect(String(rows[3][3])).toMatch(MASKED);

      const marked = await markSheet(res.body as Buffer, { 吴婷婷: "✓", 陈思远: "1" });
      const imported = ok(await home.staff.request("POST", `${sessionUrl(p)}/check-ins/import`, marked, { "content-type": XLSX }));
      // 周晓东 was already in by code: kept as it was
      expect(imported).toEqual({ imported: 2, skipped: 1 });
      const who = ok(await home.staff.get(`${sessionUrl(p)}/check-ins`));
      expect(who.checkedIn).toBe(3);
      const row = who.rows.find((r: any) => r.professionalId === e3.professionalId);
      expect(row.checkIn).toMatchObject({ method: "import", reason: "签到表导入" });
      expect(who.rows.find((r: any) => r.name === "周晓东").checkIn.method).toBe("qr");
    });

    it("reports each bad row of a marked sheet and imports nothing", async () => {
      const p = await givenCourseDay();
      const sheet = (await home.staff.get(`${sessionUrl(p)}/sign-in-sheet.xlsx`)).body as Buffer;
      const marked = await markSheet(sheet, { 周晓东: "到了", 吴婷婷: "已签到" }, (ws) => {
        ws.getRow(6).values = [3, "someone-else", "赵明", "", "", "", "1"];
        ws.getRow(7).values = [4, "", "孙丽", "", "", "", "✓"];
      });
      const details = expectError(await home.staff.request("POST", `${sessionUrl(p)}/check-ins/import`, marked, { "content-type": XLSX }), 422, "IMPORT_ROWS_INVALID");
      expect(details.rows.map((r: any) => [r.row, r.column])).toEqual([
        [4, "签到"],
        [6, "学员编号"],
        [7, "学员编号"],
      ]);
      expect(ok(await home.staff.get(`${sessionUrl(p)}/check-ins`)).checkedIn).toBe(0);
      expectError(await home.staff.request("POST", `${sessionUrl(p)}/check-ins/import`, Buffer.from("x"), { "content-type": XLSX }), 422, "IMPORT_FILE_INVALID");
      expectError(await other.staff.request("POST", `${sessionUrl(p)}/check-ins/import`, marked, { "content-type": XLSX }), 404, "NOT_FOUND");
    });
  });
});
