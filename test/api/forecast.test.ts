// The compliance forecast (第二十四条; 人社部令第25号 第八条: 90 hours a year, at least 2/3 专业科目, and
// the Shandong practice of 30 公需科目 hours): the shortfall, the filed courses that would close it under
// the daily cap, monthly reminders from 1 October, and the bureau's list of people likely to miss the year.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, notificationsOf, ok, readSheet, XLSX } from "../support/filing.js";
import { daysFrom, givenBaseRow, givenEnrolled, givenFiledCourse } from "../support/forecast.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { givenCredit, givenSignedUp, setTodayAs } from "../support/professionals.js";

describe.each(dialects)("compliance forecast on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let base: Client;
  let pro1: Client;
  let baseId: string;

  /** A person of their own specialty, credited with general and professional hours of the year so far. */
  async function givenPerson(specialty: string, general: number, professional: number, employer?: string) {
    const person = await givenSignedUp(s, { specialty, ...(employer ? { employer } : {}) });
    if (general) await givenCredit(s, person.id, { subjectType: "general", title: "公需科目", days: daysFrom("2026-02-02", Math.ceil(general / 8), spread(general)) });
    if (professional) await givenCredit(s, person.id, { subjectType: "professional", days: daysFrom("2026-03-02", Math.ceil(professional / 8), spread(professional)) });
    return person;
  }
  const spread = (h: number) => Array.from({ length: Math.ceil(h / 8) }, (_, i) => Math.min(8, h - i * 8));
  const course = (o: Parameters<typeof givenFiledCourse>[2]) => givenFiledCourse(s, baseId, o);

  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, base, pro1] = await Promise.all(["bureau", "base", "pro1"].map((u) => s.as(u)));
    await setTodayAs(bureau, "2026-06-15");
    baseId = await givenBaseRow(s, "海洋工程继续教育基地");
  });
  afterAll(() => s.close());

  it("tells what is still needed by kind, as counted by hand from the record", async () => {
    const { client, id } = await givenPerson("测绘工程", 10, 20);
    const f = ok(await client.get("/api/v1/me/forecast?year=2026"));
    expect(f).toMatchObject({
      year: 2026,
      professionalId: id,
      asOf: "2026-06-15",
      required: { generalHours: 30, professionalHours: 60, totalHours: 90 },
      earned: { generalHours: 10, professionalHours: 20, totalHours: 30 },
      shortfall: { generalHours: 20, professionalHours: 40, totalHours: 60 },
      remainingDays: 199,
      maxHoursPerDay: 8,
      met: false,
    });
    // the year defaults to this year of the platform's clock
    expect(ok(await client.get("/api/v1/me/forecast")).shortfall.totalHours).toBe(60);
  });

  it("suggests the open course of the person's specialty that closes the gap with least overshoot, leaving out full, started, other-specialty and next year's courses", async () => {
    const { client, id } = await givenPerson("海洋工程", 30, 40);
    const others = await Promise.all([givenSignedUp(s), givenSignedUp(s)]);
    const overshoots = await course({ title: "海洋工程三日班", specialty: "海洋工程", days: daysFrom("2026-09-01", 3, 8) });
    const short = await course({ title: "海洋工程两日班", specialty: "海洋工程", days: daysFrom("2026-08-10", 2, 8) });
    const exact = await course({ title: "海洋工程结构设计", specialty: "海洋工程", days: daysFrom("2026-10-12", 3, [8, 8, 4]) });
    const full = await course({ title: "已满员的海洋工程班", specialty: "海洋工程", days: daysFrom("2026-07-06", 3, [8, 8, 4]), capacity: 2 });
    await givenEnrolled(s, full, others.map((o) => o.id));
    await course({ title: "今天开班的海洋工程班", specialty: "海洋工程", days: daysFrom("2026-06-15", 3, [8, 8, 4]) });
    await course({ title: "临床医学进修", specialty: "临床医学", days: daysFrom("2026-07-13", 3, [8, 8, 4]) });
    await course({ title: "明年的海洋工程班", specialty: "海洋工程", days: daysFrom("2027-01-11", 3, [8, 8, 4]) });
    await course({ title: "未备案的海洋工程班", specialty: "海洋工程", status: "draft", days: daysFrom("2026-07-20", 3, [8, 8, 4]) });
    const f = ok(await client.get("/api/v1/me/forecast?year=2026"));
    expect(f.shortfall).toEqual({ generalHours: 0, professionalHours: 20, totalHours: 20 });
    expect(f.suggestions).toEqual([
      {
        projectId: exact,
        title: "海洋工程结构设计",
        subjectType: "professional",
        hours: 20,
        countedHours: 20,
        startDate: "2026-10-12",
        endDate: "2026-10-14",
        baseName: "海洋工程继续教育基地",
        category: "professional_subject",
        placesLeft: 60,
        feeFen: 0,
      },
    ]);
    expect(f.closesGap).toBe(true);
    // once enrolled, the course is counted as coming and nothing more is suggested
    await givenEnrolled(s, exact, [id]);
    const after = ok(await client.get("/api/v1/me/forecast?year=2026"));
    expect(after).toMatchObject({ coveredByEnrolled: true, closesGap: true, suggestions: [], remaining: { generalHours: 0, professionalHours: 0, totalHours: 0 } });
    expect(after.enrolled).toMatchObject({ professionalHours: 20, totalHours: 20, courses: [{ projectId: exact, countedHours: 20 }] });
    // with 40 hours to find: the largest useful course first (24), then the one that fills the 16 left exactly
    const more = await givenPerson("海洋工程", 30, 20);
    const picks = ok(await more.client.get("/api/v1/me/forecast?year=2026")).suggestions.map((c: any) => c.projectId);
    expect(picks).toEqual([overshoots, short]);
  });

  it("counts a course only up to the daily cap on days already taken by an enrolled course", async () => {
    const { client, id } = await givenPerson("港口航道", 30, 32);
    const enrolled = await course({ title: "港口航道已报名班", specialty: "港口航道", days: { "2026-09-01": 8 } });
    await givenEnrolled(s, enrolled, [id]);
    const sameDay = await course({ title: "港口航道同日班", specialty: "港口航道", days: daysFrom("2026-09-01", 2, 8) });
    const later = await course({ title: "港口航道冬季班", specialty: "港口航道", days: daysFrom("2026-11-02", 2, 6) });
    const f = ok(await client.get("/api/v1/me/forecast?year=2026"));
    expect(f.shortfall.professionalHours).toBe(28);
    expect(f.remaining.professionalHours).toBe(20);
    expect(f.suggestions.map((c: any) => [c.projectId, c.hours, c.countedHours])).toEqual([
      [later, 12, 12],
      [sameDay, 16, 8],
    ]);
    expect(f.closesGap).toBe(true);
  });

  it("suggests general subjects whatever the specialty, and names none to a person who has met the year", async () => {
    const { client } = await givenPerson("无对应课程的专业", 10, 60);
    const two = await course({ title: "数字经济与创新驱动", subjectType: "general", category: "municipal_program", specialty: "综合", days: daysFrom("2026-07-06", 2, 8) });
    const one = await course({ title: "专业技术人员职业道德", subjectType: "general", category: "municipal_program", specialty: "综合", days: { "2026-07-20": 8 } });
    const f = ok(await client.get("/api/v1/me/forecast?year=2026"));
    expect(f.shortfall).toEqual({ generalHours: 20, professionalHours: 0, totalHours: 20 });
    expect(f.suggestions.map((c: any) => [c.projectId, c.subjectType, c.countedHours])).toEqual([
      [two, "general", 16],
      [one, "general", 8],
    ]);
    const met = await givenPerson("海洋工程", 30, 60);
    expect(ok(await met.client.get("/api/v1/me/forecast?year=2026"))).toMatchObject({ met: true, closesGap: true, suggestions: [], shortfall: { totalHours: 0 } });
    // a past year is what it was: no suggestions
    expect(ok(await met.client.get("/api/v1/me/forecast?year=2025"))).toMatchObject({ year: 2025, remainingDays: 0, suggestions: [] });
  });

  it("lets the bureau read anyone's forecast and nobody else another person's", async () => {
    const { client, id } = await givenPerson("测绘工程", 0, 0);
    expect(ok(await bureau.get(`/api/v1/professionals/${id}/forecast?year=2026`)).professionalId).toBe(id);
    expectError(await pro1.get(`/api/v1/professionals/${id}/forecast`), 404, "NOT_FOUND");
    expectError(await base.get(`/api/v1/professionals/${id}/forecast`), 403, "FORBIDDEN");
    expectError(await base.get("/api/v1/me/forecast"), 403, "FORBIDDEN");
    expectError(await client.get("/api/v1/me/forecast?year=abc"), 400, "VALIDATION_FAILED");
    expectError(await s.client().get("/api/v1/me/forecast"), 401, "UNAUTHENTICATED");
  });

  it("lists for the bureau the people short even after their enrolled courses, largest gap first, masked, and exports them all", async () => {
    const covered = await givenPerson("风险名单专业", 30, 40);
    const enrolledCourse = await course({ title: "风险名单专业班", specialty: "风险名单专业", days: daysFrom("2026-10-19", 3, [8, 8, 4]) });
    await givenEnrolled(s, enrolledCourse, [covered.id]);
    const small = await givenPerson("风险名单专业", 30, 50);
    const large = await givenPerson("风险名单专业", 0, 50, "威高集团有限公司");
    const list = ok(await bureau.get("/api/v1/statistics/at-risk-professionals?year=2026&specialty=风险名单专业"));
    expect(list.total).toBe(2);
    expect(list.items.map((r: any) => r.professionalId)).toEqual([large.id, small.id]);
    expect(list.items[0]).toMatchObject({
      name: large.body.name,
      employer: "威高集团有限公司",
      district: "环翠区",
      earned: { generalHours: 0, professionalHours: 50, totalHours: 50 },
      enrolledHours: 0,
      shortfall: { generalHours: 30, professionalHours: 10, totalHours: 40 },
    });
    expect(list.items[0].idNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(list)).not.toContain(large.body.idNumber);
    const byDistrict = ok(await bureau.get("/api/v1/statistics/at-risk-professionals?year=2026&specialty=风险名单专业&district=环翠区"));
    expect(byDistrict.items.map((r: any) => r.professionalId)).toEqual([large.id]);
    const byEmployer = ok(await bureau.get(`/api/v1/statistics/at-risk-professionals?year=2026&employer=${encodeURIComponent("威高集团")}`));
    expect(byEmployer.items.map((r: any) => r.professionalId)).toContain(large.id);
    expect(byEmployer.items.map((r: any) => r.professionalId)).not.toContain(small.id);
    const paged = ok(await bureau.get("/api/v1/statistics/at-risk-professionals?year=2026&pageSize=1&page=2&specialty=风险名单专业"));
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((r: any) => r.professionalId)).toEqual([small.id]);

    const file = await bureau.get("/api/v1/statistics/at-risk-professionals/export.xlsx?year=2026");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain(XLSX);
    const rows = await readSheet(file.body);
    const all = ok(await bureau.get("/api/v1/statistics/at-risk-professionals?year=2026&pageSize=1"));
    expect(rows.length - 1).toBe(all.total);
    expect(rows[0]).toContain("身份证号（脱敏）");
    expect(rows.some((r) => r[0] === large.body.name && r[11] === 40)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(large.body.idNumber);

    expectError(await pro1.get("/api/v1/statistics/at-risk-professionals"), 403, "FORBIDDEN");
    expectError(await base.get("/api/v1/statistics/at-risk-professionals/export.xlsx"), 403, "FORBIDDEN");
    expectError(await bureau.get("/api/v1/statistics/at-risk-professionals?pageSize=500"), 400, "VALIDATION_FAILED");
  });

  it("reminds people short of the year from 1 October, once a month, and tells their employer's staff in one summary", async () => {
    const short = await givenPerson("提醒测试专业", 10, 20, "威海市环翠区职业技术培训学校");
    const met = await givenPerson("提醒测试专业", 30, 60);
    const run = async (date: string) => {
      await setTodayAs(bureau, date);
      return ok(await bureau.post("/api/v1/test/jobs/run", {}));
    };
    await run("2026-09-30");
    expect(await notificationsOf(short.client, "forecast.shortfall")).toEqual([]);
    await run("2026-10-01");
    const first = await notificationsOf(short.client, "forecast.shortfall");
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ params: { year: 2026, generalHours: 20, professionalHours: 40, totalHours: 60 }, link: "/my/record" });
    expect(await notificationsOf(met.client, "forecast.shortfall")).toEqual([]);
    const summary = await notificationsOf(base, "forecast.employerSummary");
    expect(summary).toHaveLength(1);
    expect(summary[0].params).toMatchObject({ year: 2026, employer: "威海市环翠区职业技术培训学校", count: 1 });
    await run("2026-10-20");
    expect(await notificationsOf(short.client, "forecast.shortfall")).toHaveLength(1);
    expect(await notificationsOf(base, "forecast.employerSummary")).toHaveLength(1);
    await run("2026-11-01");
    expect(await notificationsOf(short.client, "forecast.shortfall")).toHaveLength(2);
    expect(await notificationsOf(base, "forecast.employerSummary")).toHaveLength(2);
    await setTodayAs(bureau, "2026-06-15");
  });
});
