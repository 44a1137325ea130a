// Enrolment (第十七条): a professional enrols in a filed course, or the base enrols a person it names;
// an unfiled project, a full course and a second enrolment are refused; cancelling closes at class
// start; the base's list masks ID numbers; the Excel import enrols all rows or none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, signedIn, type Client, type TestServer } from "../support/harness.js";
import {
  expectError,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFiledProject,
  ok,
  readSheet,
  setToday,
  XLSX,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";
import { fillDeliverySheet, givenEnrolled, givenProfessionals, startDeliveryServer, type Learner } from "../support/delivery.js";
import { personInput, withWrongChecksum } from "../support/professionals.js";

const MASKED = /^\d{4}\*{10}\d{3}[\dX]$/;

describe.each(dialects)("enrolment on %s", (dialect) => {
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

  const enrolUrl = (p: any) => `/api/v1/training-projects/${p.id}/enrollments`;
  const listOf = async (who: Client, p: any, query = "") => ok(await who.get(`${enrolUrl(p)}?pageSize=200${query}`));
  const cancel = (who: Client, e: any, body: Record<string, unknown> = {}) => who.post(`/api/v1/enrollments/${e.id}/actions/cancel`, body);

  it("lets a professional enrol themselves in a filed course, and shows the base the person with the ID number masked", async () => {
    const p = await givenFiledProject(home);
    const mine = ok(await c.pro1.post(enrolUrl(p), {}), 201);
    expect(mine).toMatchObject({ projectId: p.id, projectTitle: p.title, name: "周晓东", status: "enrolled", source: "self", attendedSessions: 0, sessionCount: 4, completed: null, certificateId: null });
    expect(mine.idNumber).toMatch(MASKED);
    expect(mine.availableActions).toEqual(["cancel"]);

    // the public course page counts the places left
    expect(ok(await s.client().get(`/api/v1/public/training-projects/${p.id}`))).toMatchObject({ enrolled: 1, seatsLeft: p.capacity - 1 });

    const list = await listOf(home.staff, p);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: mine.id, name: "周晓东", employer: expect.any(String) });
    expect(list.items[0].idNumber).toMatch(MASKED);
    // the supervising unit and the bureau see the list too, masked as well
    expect((await listOf(home.supervisor, p)).items[0].idNumber).toMatch(MASKED);
    expect((await listOf(c.bureau, p)).items[0].idNumber).toMatch(MASKED);
    // another base, another supervising unit and the professional see nothing of it
    expectError(await other.staff.get(enrolUrl(p)), 404, "NOT_FOUND");
    expectError(await other.supervisor.get(enrolUrl(p)), 404, "NOT_FOUND");
    expectError(await c.pro1.get(enrolUrl(p)), 404, "NOT_FOUND");

    const [course] = ok(await c.pro1.get("/api/v1/me/enrollments")).filter((e: any) => e.projectId === p.id);
    expect(course).toMatchObject({ id: mine.id, projectTitle: p.title, baseName: home.name, status: "enrolled", completed: null, surveyOpen: false, surveyAnswered: false, certificateId: null });
    expect(course.sessions).toHaveLength(4);
    expect(course.sessions[0]).toMatchObject({ id: p.sessions[0].id, date: p.sessions[0].date, checkedInAt: null });
    expect(course.availableActions).toContain("cancel");
  });

  it("lets base staff enrol a person by name and ID number, registering them when new and finding them when known", async () => {
    const p = await givenFiledProject(home);
    const person = personInput({ name: "郑海燕" });
    const first = ok(await home.staff.post(enrolUrl(p), { person }), 201);
    expect(first).toMatchObject({ name: "郑海燕", source: "staff", status: "enrolled", employer: person.employer });
    expect(first.idNumber).toBe(person.idNumber.slice(0, 4) + "*".repeat(10) + person.idNumber.slice(-4));
    // the same person again is the same professional
    const p2 = await givenFiledProject(home);
    const second = ok(await home.staff.post(enrolUrl(p2), { person }), 201);
    expect(second.professionalId).toBe(first.professionalId);
    // issue 10 item 2: the confirmation that registered the person shows their claim code, once
    expect(first.claimCode.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(second.claimCode).toBeUndefined();
    // the row offers a new code while the person has not signed up; a signed-up professional's does not
    expect(second.availableActions).toContain("issueClaimCode");
    expectError(await home.staff.post(enrolUrl(p), { person }), 409, "ALREADY_ENROLLED");
    // a known ID number under another name is refused rather than enrolling the wrong person
    expectError(await home.staff.post(enrolUrl(p), { person: { ...person, name: "郑海洋" } }), 422, "ID_NAME_MISMATCH");
    expectError(await home.staff.post(enrolUrl(p), { person: personInput({ idNumber: withWrongChecksum(person.idNumber) }) }), 422, "INVALID_ID_NUMBER");
    // staff may also name a known professional by id
    const byId = ok(await home.staff.post(enrolUrl(p), { professionalId: mine(await c.pro1.get("/api/v1/auth/me")) }), 201);
    expect(byId).toMatchObject({ name: "周晓东", source: "staff" });
    expect(byId.availableActions).not.toContain("issueClaimCode");
    // staff without a person: say who
    expectError(await home.staff.post(enrolUrl(p), {}), 422, "PERSON_REQUIRED");
    expect((await listOf(home.staff, p)).total).toBe(2);
  });

  const mine = (me: any) => me.body.user.id as string;

  it("refuses enrolment in a project that is not filed (PROJECT_NOT_FILED)", async () => {
    const draft = await givenDraftProject(home);
    expectError(await home.staff.post(enrolUrl(draft), { person: personInput() }), 422, "PROJECT_NOT_FILED");
    // a draft was never public: to a professional it does not exist
    expectError(await c.pro1.post(enrolUrl(draft), {}), 404, "NOT_FOUND");
    const withdrawn = await givenFiledProject(home);
    ok(await home.staff.post(`/api/v1/training-projects/${withdrawn.id}/actions/cancel`, { version: withdrawn.version, comment: "报名人数不足，取消开班" }));
    expectError(await c.pro1.post(enrolUrl(withdrawn), {}), 422, "PROJECT_NOT_FILED");
    expectError(await home.staff.post(enrolUrl(withdrawn), { person: personInput() }), 422, "PROJECT_NOT_FILED");
    // after the last day, enrolment is over even before the daily job marks the project completed
    const past = await givenFiledProject(home);
    await setToday(c, "2026-12-16");
    expectError(await c.pro1.post(enrolUrl(past), {}), 422, "PROJECT_NOT_FILED");
  });

  it("refuses a second enrolment of the same person (ALREADY_ENROLLED)", async () => {
    const p = await givenFiledProject(home);
    ok(await pro2.post(enrolUrl(p), {}), 201);
    expectError(await pro2.post(enrolUrl(p), {}), 409, "ALREADY_ENROLLED");
  });

  it("refuses enrolment past capacity (CAPACITY_FULL), however many enrol at the same moment", async () => {
    const small = await givenFiledProject(home, { capacity: 2 });
    await givenEnrolled(home.staff, small.id, [personInput(), personInput()]);
    const refusal = expectError(await c.pro1.post(enrolUrl(small), {}), 409, "CAPACITY_FULL");
    expect(refusal.capacity).toBe(2);

    const p = await givenFiledProject(home, { capacity: 5 });
    const crowd = await givenProfessionals(s, 12);
    const answers = await Promise.all(crowd.map((l) => l.client.post(enrolUrl(p), {})));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    for (const r of answers.filter((x) => x.status !== 201)) expectError(r, 409, "CAPACITY_FULL");
    expect((await listOf(home.staff, p, "&status=enrolled")).total).toBe(5);
  });

  it("lets the person or the base cancel before class start, re-activates a cancelled enrolment, and closes changes at class start", async () => {
    const p = await givenFiledProject(home, { capacity: 1 });
    const e = ok(await pro2.post(enrolUrl(p), {}), 201);
    const cancelled = ok(await cancel(pro2, e));
    expect(cancelled).toMatchObject({ id: e.id, status: "cancelled", availableActions: [], version: e.version + 1 });
    // the place is free again
    const again = ok(await pro2.post(enrolUrl(p), {}), 201);
    expect(again).toMatchObject({ id: e.id, status: "enrolled", version: e.version + 2 });
    // the base cancels with its version; a stale version is refused
    expectError(await cancel(home.staff, again, { version: e.version }), 409, "VERSION_CONFLICT");
    expect(ok(await cancel(home.staff, again, { version: again.version, reason: "本人电话申请取消" })).status).toBe("cancelled");
    ok(await pro2.post(enrolUrl(p), {}), 201);
    // out of scope: another base, another professional
    expectError(await cancel(other.staff, e), 404, "NOT_FOUND");
    expectError(await cancel(c.pro1, e), 404, "NOT_FOUND");
    await setToday(c, p.startDate);
    expectError(await cancel(pro2, e), 422, "ENROLLMENT_CLOSED");
    expectError(await cancel(home.staff, e), 422, "ENROLLMENT_CLOSED");
    const [course] = ok(await pro2.get("/api/v1/me/enrollments")).filter((x: any) => x.projectId === p.id);
    expect(course.availableActions).not.toContain("cancel");
    const audit = ok(await (await signedIn(c.s, "auditor")).get(`/api/v1/audit-events?resourceId=${e.id}&pageSize=50`)).items.map((x: any) => x.action).reverse();
    expect(audit).toEqual(["enrollment.create", "enrollment.cancel", "enrollment.reactivate", "enrollment.cancel", "enrollment.reactivate"]);
  });

  it("refuses another base's staff (404) and roles that do not enrol (403)", async () => {
    const p = await givenFiledProject(home);
    expectError(await other.staff.post(enrolUrl(p), { person: personInput() }), 404, "NOT_FOUND");
    expectError(await home.supervisor.post(enrolUrl(p), { person: personInput() }), 403, "FORBIDDEN");
    expectError(await home.staff.post("/api/v1/training-projects/nope/enrollments", { person: personInput() }), 404, "NOT_FOUND");
  });

  it("finds people in the list by name, the visible digits or the whole ID number, and by employer", async () => {
    const p = await givenFiledProject(home);
    const a = personInput({ name: "欧阳明华", employer: "威海海洋职业学院" });
    const b = personInput({ name: "孙丽娟", employer: "威高集团有限公司" });
    await givenEnrolled(home.staff, p.id, [a, b]);
    const names = async (q: string) => (await listOf(home.staff, p, `&keyword=${encodeURIComponent(q)}`)).items.map((x: any) => x.name);
    expect(await names("欧阳")).toEqual(["欧阳明华"]);
    expect(await names("欧阳明华")).toEqual(["欧阳明华"]);
    expect(await names("阳明华")).toEqual(["欧阳明华"]);
    expect(await names("丽娟")).toEqual([]); // 1–2 characters: a name's beginning
    expect((await listOf(home.staff, p, `&employer=${encodeURIComponent("威高")}`)).items.map((x: any) => x.name)).toEqual(["孙丽娟"]);
    expect(await names("威高")).toEqual([]);
    expect(await names(b.idNumber)).toEqual(["孙丽娟"]);
    expect(await names(a.idNumber.slice(-4))).toContain("欧阳明华");
    const page = ok(await home.staff.get(`${enrolUrl(p)}?page=2&pageSize=1`));
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
  });

  it("exports the enrolment list to Excel with ID numbers masked", async () => {
    const p = await givenFiledProject(home);
    await givenEnrolled(home.staff, p.id, [personInput({ name: "高志远" })]);
    const res = await home.staff.get(`${enrolUrl(p)}.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain(XLSX);
    const rows = await readSheet(res.body);
    expect(rows[0].slice(0, 3)).toEqual(["姓名", "身份证号码", "工作单位"]);
    expect(rows[1][0]).toBe("高志远");
    expect(String(rows[1][1])).toMatch(MASKED);
    expectError(await other.staff.get(`${enrolUrl(p)}.xlsx`), 404, "NOT_FOUND");
  });

  describe("Excel import", () => {
    let template: Buffer;
    const importInto = (who: Client, p: any, file: Buffer | string) => who.request("POST", `${enrolUrl(p)}/import`, file, { "content-type": XLSX });
    const row = (x: ReturnType<typeof personInput>) => [x.name, x.idNumber, x.employer, x.title, x.specialty, x.phone];

    beforeAll(async () => {
      const p = await givenFiledProject(home);
      const res = await home.staff.get(`${enrolUrl(p)}/template.xlsx`);
      expect(res.status).toBe(200);
      template = res.body as Buffer;
      expect((await readSheet(template))[0]).toEqual(["姓名", "身份证号码", "工作单位", "职称", "专业", "手机号码"]);
    });

    it("enrols every person of a filled template, registering the new ones and skipping those already enrolled", async () => {
      const p = await givenFiledProject(home);
      const people = [personInput({ name: "刘建国" }), personInput({ name: "陈雪梅", title: "", phone: "0631-5230001" }), personInput({ name: "黄思远" })];
      const { file } = await fillDeliverySheet(template, "姓名", people.map(row));
      const imported = ok(await importInto(home.staff, p, file));
      expect(imported).toMatchObject({ imported: 3, skipped: 0, registered: 3 });
      // issue 10 item 2: each registered person's claim code, by row of the sheet, shown this once
      expect(imported.claimCodes.map((x: any) => x.row)).toEqual([2, 3, 4]);
      expect((await listOf(home.staff, p)).items.map((e: any) => [e.name, e.source]).sort()).toEqual(
        [
          ["刘建国", "import"],
          ["陈雪梅", "import"],
          ["黄思远", "import"],
        ].sort(),
      );
      expect(ok(await importInto(home.staff, p, file))).toEqual({ imported: 0, skipped: 3, registered: 0, claimCodes: [] });
    });

    it("reports every bad row with its row and column and enrols nobody", async () => {
      const p = await givenFiledProject(home);
      const known = personInput({ name: "王海燕" });
      await givenEnrolled(home.staff, (await givenFiledProject(home)).id, [known]);
      const good = personInput();
      const dup = personInput();
      const { file, firstRow } = await fillDeliverySheet(template, "姓名", [
        row(good),
        row({ ...personInput(), idNumber: withWrongChecksum(good.idNumber) }),
        row({ ...personInput(), name: "" }),
        row(dup),
        row(dup),
        row({ ...personInput(), phone: "12345" }),
      ]);
      const details = expectError(await importInto(home.staff, p, file), 422, "IMPORT_ROWS_INVALID");
      expect(details.rows.map((r: any) => [r.row - firstRow, r.column])).toEqual([
        [1, "身份证号码"],
        [2, "姓名"],
        [4, "身份证号码"],
        [5, "手机号码"],
      ]);
      expect(details.rows[2].message).toContain(`第 ${firstRow + 3} 行重复`);
      // a known ID number under another name is found inside the transaction, reported by row, and rolls back the rest
      const mismatch = await fillDeliverySheet(template, "姓名", [row(personInput({ name: "赵文博" })), row({ ...known, name: "王海洋" })]);
      const d2 = expectError(await importInto(home.staff, p, mismatch.file), 422, "IMPORT_ROWS_INVALID");
      expect(d2.rows).toEqual([{ row: mismatch.firstRow + 1, column: "姓名", message: expect.stringContaining("身份证号码与姓名不一致") }]);
      expect((await listOf(home.staff, p)).total).toBe(0);
      // too many for the course: nothing is enrolled
      const tiny = await givenFiledProject(home, { capacity: 1 });
      const full = await fillDeliverySheet(template, "姓名", [row(personInput()), row(personInput())]);
      expectError(await importInto(home.staff, tiny, full.file), 409, "CAPACITY_FULL");
      expect((await listOf(home.staff, tiny)).total).toBe(0);
      // 第十七条: the places already taken count; the rows fill what is left and no more
      const three = await givenFiledProject(home, { capacity: 3 });
      await givenEnrolled(home.staff, three.id, [personInput()]);
      const over = await fillDeliverySheet(template, "姓名", [row(personInput()), row(personInput()), row(personInput())]);
      expectError(await importInto(home.staff, three, over.file), 409, "CAPACITY_FULL");
      expect((await listOf(home.staff, three)).total).toBe(1);
      const fits = await fillDeliverySheet(template, "姓名", [row(personInput()), row(personInput())]);
      expect(ok(await importInto(home.staff, three, fits.file))).toMatchObject({ imported: 2 });
      expect((await listOf(home.staff, three)).total).toBe(3);
    });

    it("refuses a file that is not an Excel workbook, and another base's project", async () => {
      const p = await givenFiledProject(home);
      expectError(await importInto(home.staff, p, Buffer.from("not a workbook")), 422, "IMPORT_FILE_INVALID");
      const { file } = await fillDeliverySheet(template, "姓名", [row(personInput())]);
      expectError(await importInto(other.staff, p, file), 404, "NOT_FOUND");
      expect((await listOf(home.staff, p)).total).toBe(0);
    });
  });

  it("gives many professionals their own course lists", async () => {
    const p = await givenFiledProject(home);
    const people: Learner[] = await givenProfessionals(s, 3);
    await givenEnrolled(home.staff, p.id, people);
    for (const l of people) {
      const list = ok(await l.client.get("/api/v1/me/enrollments"));
      expect(list.map((e: any) => e.projectId)).toEqual([p.id]);
    }
    expectError(await home.staff.get("/api/v1/me/enrollments"), 403, "NOT_A_PROFESSIONAL");
  });
});
