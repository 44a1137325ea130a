// 培训效果评估 (第十七条): the default questionnaire, the bureau's versions of it, each attendee's one
// answer (checked against the form), and the aggregates the base, its supervising unit and the bureau see.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, type Client, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, ok, readSheet, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedIn, givenProfessionals, startDeliveryServer, type Learner } from "../support/delivery.js";
import { COURSE_START, enrolSelf, givenCourse, offeredName } from "../support/completion.js";

const answers = (o: Record<string, number | string> = {}) => ({ content: 5, teachers: 4, organization: 5, usefulness: 4, overall: 5, ...o });

describe.each(dialects)("evaluation survey on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let other: TestBase;
  let course: any;
  let pro2: Client;
  let attendees: Learner[];
  let absent: Learner;
  const url = (path: string) => `/api/v1/training-projects/${course.id}${path}`;
  const answer = (who: Client, body: unknown) => who.post(url("/survey-responses"), body);

  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    pro2 = await s.as("pro2");
    home = await givenActiveBase(c, "base");
    other = await givenActiveBase(c, "base2");
    course = await givenCourse(c, home);
    const people = await givenProfessionals(s, 4);
    attendees = people.slice(0, 3);
    absent = people[3];
    for (const p of people) await enrolSelf(p.client, course.id);
    await setToday(c, COURSE_START);
    await givenCheckedIn(home.staff, course.id, course.sessions[0].id, attendees);
  });
  afterAll(() => s.close());

  it("starts with the default questionnaire: five 1–5 scales and a comment", async () => {
    const forms = ok(await home.staff.get("/api/v1/survey-forms")).items;
    expect(forms).toHaveLength(1);
    expect(forms[0].effectiveFrom).toBe("2019-12-18");
    expect(forms[0].questions.map((q: any) => [q.key, q.label, q.kind])).toEqual([
      ["content", "培训内容", "scale"],
      ["teachers", "授课教师", "scale"],
      ["organization", "组织服务", "scale"],
      ["usefulness", "实用性", "scale"],
      ["overall", "总体评价", "scale"],
      ["comments", "意见和建议", "text"],
    ]);
  });

  it("shows an enrolled person the form, open once they attended a session", async () => {
    const mine = ok(await attendees[0].client.get(url("/survey")));
    expect(mine).toMatchObject({ projectId: course.id, myAnswers: null, canAnswer: true });
    expect(mine.form.effectiveFrom).toBe("2019-12-18");
    expect(ok(await absent.client.get(url("/survey"))).canAnswer).toBe(false);
    expectError(await pro2.get(url("/survey")), 404, "NOT_FOUND");
    expectError(await home.staff.get(url("/survey")), 403, "NOT_A_PROFESSIONAL");
  });

  it("refuses an answer from someone who attended no session, or is not enrolled", async () => {
    expectError(await answer(absent.client, { answers: answers() }), 422, "SURVEY_NOT_OPEN");
    expectError(await answer(pro2, { answers: answers() }), 404, "NOT_FOUND");
  });

  it("checks each answer against the form and records nothing when one is wrong", async () => {
    const who = attendees[0].client;
    expect(expectError(await answer(who, { answers: answers({ overall: "" }) }), 422, "SURVEY_ANSWER_INVALID").question).toBe("总体评价");
    const { content: _dropped, ...missing } = answers();
    expect(expectError(await answer(who, { answers: missing }), 422, "SURVEY_ANSWER_INVALID")).toMatchObject({ question: "培训内容", reason: "此题必答" });
    expect(expectError(await answer(who, { answers: answers({ teachers: "5" }) }), 422, "SURVEY_ANSWER_INVALID").question).toBe("授课教师");
    expect(expectError(await answer(who, { answers: answers({ comments: 3 }) }), 422, "SURVEY_ANSWER_INVALID").question).toBe("意见和建议");
    expect(expectError(await answer(who, { answers: answers({ venue: 5 }) }), 422, "SURVEY_ANSWER_INVALID").question).toBe("venue");
    expectError(await answer(who, { answers: answers({ overall: 6 }) }), 400, "VALIDATION_FAILED");
    expectError(await answer(who, { answers: answers({ overall: 0 }) }), 400, "VALIDATION_FAILED");
    expectError(await answer(who, { answers: answers({ comments: "很".repeat(1001) }) }), 400, "VALIDATION_FAILED");
    expectError(await answer(who, {}), 400, "VALIDATION_FAILED");
    expect(ok(await who.get(url("/survey"))).myAnswers).toBeNull();
  });

  it("takes an attendee's answer once", async () => {
    const who = attendees[0].client;
    const done = ok(await answer(who, { answers: answers({ comments: "  案例丰富，希望增加实操时间。 " }) }), 201);
    expect(done).toMatchObject({ canAnswer: false, myAnswers: { ...answers(), comments: "案例丰富，希望增加实操时间。" } });
    expectError(await answer(who, { answers: answers() }), 409, "SURVEY_ALREADY_ANSWERED");
    expect(ok(await who.get(url("/survey"))).canAnswer).toBe(false);
  });

  it("records one answer when the same person sends it twice at once", async () => {
    const who = attendees[1].client;
    const both = await Promise.all([1, 2].map(() => answer(who, { answers: answers({ content: 3, overall: 3 }) })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("SURVEY_ALREADY_ANSWERED");
  });

  it("gives no comments, score counts or averages while fewer than 3 people answered (样本不足), only how many answered", async () => {
    const results = ok(await home.staff.get(url("/survey-results")));
    expect(results).toMatchObject({ projectId: course.id, responses: 2, attendees: 3, sampleTooSmall: true, minResponses: 3 });
    const byKey = Object.fromEntries(results.questions.map((q: any) => [q.key, q]));
    // the average of two answers tells each one's score to whoever saw the other's
    expect(byKey.content).toMatchObject({ label: "培训内容", average: null, distribution: [], comments: [] });
    expect(byKey.teachers).toMatchObject({ average: null, distribution: [] });
    expect(byKey.comments).toMatchObject({ kind: "text", average: null, distribution: [], comments: [] });
    expect(results.overall).toBeNull();
    // not in the answer at all, nor in the export
    expect(JSON.stringify(results)).not.toContain("案例丰富");
    expect(JSON.stringify(ok(await c.bureau.get(url("/survey-results"))))).not.toContain("案例丰富");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await home.staff.get(url("/survey-results.xlsx"))).body as any);
    const texts = book.worksheets.flatMap((w) => w.getSheetValues().flat().map(String));
    expect(texts.join("\n")).not.toContain("案例丰富");
    expect(texts).toContain("样本不足（少于3人作答），不予列出");
  });

  it("gives the base, its supervising unit and the bureau the aggregates once 3 people answered", async () => {
    // every scale answer: 42 over 10 before, this one adds 21 over 5: 63 over 15
    ok(await answer(attendees[2].client, { answers: answers({ content: 4, teachers: 4, usefulness: 4, overall: 4, comments: "希望提供课件" }) }), 201);
    const results = ok(await home.staff.get(url("/survey-results")));
    expect(results).toMatchObject({ projectId: course.id, responses: 3, attendees: 3, sampleTooSmall: false, minResponses: 3 });
    const byKey = Object.fromEntries(results.questions.map((q: any) => [q.key, q]));
    expect(byKey.content).toMatchObject({ label: "培训内容", average: 4, distribution: [0, 0, 1, 1, 1], comments: [] });
    expect(byKey.teachers).toMatchObject({ average: 4, distribution: [0, 0, 0, 3, 0] });
    expect(byKey.comments).toMatchObject({ kind: "text", average: null, comments: ["希望提供课件", "案例丰富，希望增加实操时间。"] });
    expect(results.overall).toBe(4.2);
    expect(ok(await home.supervisor.get(url("/survey-results")))).toEqual(results);
    expect(ok(await c.bureau.get(url("/survey-results")))).toEqual(results);
    expectError(await other.staff.get(url("/survey-results")), 404, "NOT_FOUND");
    expectError(await other.supervisor.get(url("/survey-results")), 404, "NOT_FOUND");
    expectError(await attendees[0].client.get(url("/survey-results")), 403, "FORBIDDEN");
  });

  it("exports the aggregates and the comments to Excel", async () => {
    const res = await home.staff.get(url("/survey-results.xlsx"));
    expect(res.status).toBe(200);
    expect(offeredName(res)).toBe(`培训效果评估-${course.title}.xlsx`);
    const rows = await readSheet(res.body);
    expect(rows[0].slice(0, 2)).toEqual(["评估项目", "平均分（满分 5 分）"]);
    expect(rows[1].slice(0, 2)).toEqual(["培训内容", 4]);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(["全部评分项平均", 4.2]);
    // the key/value sheet 说明: its date a real date cell, among texts and numbers
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as any);
    const about = book.getWorksheet("说明")!;
    let dateCell: ExcelJS.Cell | undefined;
    about.eachRow((row) => {
      if (row.getCell(1).value === "问卷施行日期") dateCell = row.getCell(2);
    });
    expect(dateCell!.type).toBe(ExcelJS.ValueType.Date);
    expect((dateCell!.value as Date).toISOString()).toBe("2019-12-18T00:00:00.000Z");
    expect(dateCell!.numFmt).toBe("yyyy-mm-dd");
    expect(about.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expectError(await other.staff.get(url("/survey-results.xlsx")), 404, "NOT_FOUND");
  });

  it("lets the bureau add a questionnaire version that applies to courses starting from its date", async () => {
    await setToday(c, "2026-11-02");
    const input = {
      effectiveFrom: "2026-12-20",
      questions: [
        { key: "content", label: "培训内容", kind: "scale", required: true },
        { key: "practice", label: "实操安排", kind: "scale", required: true },
        { key: "comments", label: "意见和建议", kind: "text", required: false },
      ],
      note: "增加实操评价",
    };
    expectError(await home.staff.post("/api/v1/survey-forms", input), 403, "FORBIDDEN");
    expectError(await c.bureau.post("/api/v1/survey-forms", { ...input, effectiveFrom: "2026-10-01" }), 422, "SURVEY_FORM_BACKDATED");
    const dup = { ...input, questions: [...input.questions, input.questions[0]] };
    expectError(await c.bureau.post("/api/v1/survey-forms", dup), 400, "VALIDATION_FAILED");
    const form = ok(await c.bureau.post("/api/v1/survey-forms", input), 201);
    expect(form).toMatchObject({ effectiveFrom: "2026-12-20", note: "增加实操评价" });
    expectError(await c.bureau.post("/api/v1/survey-forms", input), 409, "SURVEY_FORM_EXISTS");
    expect(ok(await attendees[0].client.get("/api/v1/survey-forms")).items.map((f: any) => f.effectiveFrom)).toEqual(["2026-12-20", "2019-12-18"]);
    // the course started before the new form: it keeps the form in force at its start
    expect(ok(await attendees[2].client.get(url("/survey"))).form.effectiveFrom).toBe("2019-12-18");
    const later = await givenCourse(c, home, { startDate: "2026-12-21", endDate: "2026-12-22" });
    await enrolSelf(attendees[2].client, later.id);
    expect(ok(await attendees[2].client.get(`/api/v1/training-projects/${later.id}/survey`)).form.id).toBe(form.id);
  });
});
