// 第十六条: a training project is filed online at least 5 working days before class start, counted on
// the official calendar with statutory holidays and make-up working days — the two examples,
// a holiday straddling a year end, and a year the calendar does not cover yet.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, signedIn, startServer, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, givenDraftProject, ok, setToday, type FilingCast, type TestBase } from "../support/filing.js";

describe.each(dialects)("filing deadline on the working-day calendar on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const submit = (p: any) => home.staff.post(`/api/v1/training-projects/${p.id}/actions/submit`, { version: p.version });

  it("shows a draft's latest filing date: 5 working days before a start on 2026-12-14 is 2026-12-07", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-14" });
    expect(draft.latestFilingDate).toBe("2026-12-07");
  });

  it("files on the latest filing date itself (2026-12-07 for a start on 2026-12-14)", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-14" });
    await setToday(c, "2026-12-07");
    const filed = ok(await submit(draft));
    expect(filed.status).toBe("filed");
    expect(filed.filingNo).toMatch(/^威继教备〔2026〕\d+号$/);
  });

  it("refuses filing later than 5 working days before class start, naming the latest date", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-14" });
    await setToday(c, "2026-12-08");
    const res = await submit(draft);
    const details = expectError(res, 422, "FILING_TOO_LATE");
    expect(details).toMatchObject({ startDate: "2026-12-14", latestFilingDate: "2026-12-07", leadWorkdays: 5, today: "2026-12-08" });
    expect(res.body.error.message).toContain("2026-12-07");
    expect(res.body.error.message).not.toMatch(/\{\w+\}/);
    home.staff.lang = "en-US";
    try {
      const en = await submit(draft);
      expect(en.body.error.message).toContain("2026-12-07");
      expect(en.body.error.message).toContain("Too late to file");
    } finally {
      home.staff.lang = "zh-CN";
    }
    const after = ok(await home.staff.get(`/api/v1/training-projects/${draft.id}`));
    expect(after).toMatchObject({ status: "draft", version: draft.version, filingNo: null });
  });

  it("judges the deadline by the date in Weihai, not in UTC", async () => {
    const lastMinute = await givenDraftProject(home, { startDate: "2026-12-14" });
    const pastMidnight = await givenDraftProject(home, { startDate: "2026-12-14" });
    ok(await c.bureau.put("/api/v1/test/clock", { now: "2026-12-07T15:50:00.000Z" })); // 23:50 on 12-07 in Weihai
    expect(ok(await submit(lastMinute)).status).toBe("filed");
    ok(await c.bureau.put("/api/v1/test/clock", { now: "2026-12-07T16:10:00.000Z" })); // 00:10 on 12-08 in Weihai, still 12-07 in UTC
    expect(expectError(await submit(pastMidnight), 422, "FILING_TOO_LATE")).toMatchObject({ today: "2026-12-08", latestFilingDate: "2026-12-07" });
  });

  it("counts the National Day holidays and the make-up Saturday 2026-10-10: start 2026-10-12 → latest 2026-09-29", async () => {
    await setToday(c, "2026-09-01");
    const onTime = await givenDraftProject(home, { startDate: "2026-10-12" });
    const late = await givenDraftProject(home, { startDate: "2026-10-12" });
    expect(onTime.latestFilingDate).toBe("2026-09-29");
    await setToday(c, "2026-09-29");
    expect(ok(await submit(onTime)).status).toBe("filed");
    await setToday(c, "2026-09-30");
    const details = expectError(await submit(late), 422, "FILING_TOO_LATE");
    expect(details).toMatchObject({ startDate: "2026-10-12", latestFilingDate: "2026-09-29", today: "2026-09-30" });
  });

  it("counts the New Year holiday 2026-01-01..03 and the make-up Sunday 2026-01-04 across the year end: start 2026-01-07 → latest 2025-12-30", async () => {
    await setToday(c, "2025-12-15");
    const onTime = await givenDraftProject(home, { startDate: "2026-01-07", endDate: "2026-01-07" });
    const late = await givenDraftProject(home, { startDate: "2026-01-07", endDate: "2026-01-07" });
    expect(onTime.latestFilingDate).toBe("2025-12-30");
    await setToday(c, "2025-12-30");
    const filed = ok(await submit(onTime));
    expect(filed.status).toBe("filed");
    expect(filed.filingNo).toMatch(/^威继教备〔2025〕\d+号$/);
    await setToday(c, "2025-12-31");
    const details = expectError(await submit(late), 422, "FILING_TOO_LATE");
    expect(details).toMatchObject({ startDate: "2026-01-07", latestFilingDate: "2025-12-30" });
  });

  it("tells the filing form the latest filing date as soon as a start date is chosen", async () => {
    await setToday(c, "2026-12-07");
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-12-14"))).toEqual({
      startDate: "2026-12-14",
      latestFilingDate: "2026-12-07",
      leadWorkdays: 5,
      inTime: true,
      today: "2026-12-07",
    });
    await setToday(c, "2026-12-08");
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-12-14"))).toMatchObject({ inTime: false, today: "2026-12-08" });
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-12-08"))).toMatchObject({ latestFilingDate: "2026-12-01", inTime: false });
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-10-12")).latestFilingDate).toBe("2026-09-29");
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-01-07")).latestFilingDate).toBe("2025-12-30");
    expectError(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-02-30"), 400, "VALIDATION_FAILED");
    expectError(await s.client().get("/api/v1/training-projects/filing-date?startDate=2026-12-14"), 401, "UNAUTHENTICATED");
  });

  it("moves the latest filing date when the bureau declares an extra day off", async () => {
    const draft = await givenDraftProject(home, { startDate: "2026-12-21" });
    expect(draft.latestFilingDate).toBe("2026-12-14");
    ok(await (await signedIn(c.s, "sysadmin")).post("/api/v1/calendar/overrides", { date: "2026-12-16", isWorkday: false, name: "临时休息" }));
    try {
      expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2026-12-21")).latestFilingDate).toBe("2026-12-11");
      await setToday(c, "2026-12-14");
      const details = expectError(await submit(draft), 422, "FILING_TOO_LATE");
      expect(details.latestFilingDate).toBe("2026-12-11");
    } finally {
      await (await signedIn(c.s, "sysadmin")).delete("/api/v1/calendar/overrides/2026-12-16");
    }
  });
});

describe.each(dialects)("filing in a year the calendar does not cover on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());

  it("refuses a start in 2027 with CALENDAR_YEAR_NOT_COVERED until the bureau confirms 2027, then counts across the year end", async () => {
    const home = await givenActiveBase(c, "base");
    await setToday(c, "2026-12-01");
    const draft = await givenDraftProject(home, { startDate: "2027-01-06", endDate: "2027-01-06" });
    expect(draft.latestFilingDate).toBeNull();
    const helper = await home.staff.get("/api/v1/training-projects/filing-date?startDate=2027-01-06");
    expect(expectError(helper, 422, "CALENDAR_YEAR_NOT_COVERED").year).toBe(2027);
    expect(helper.body.error.message).toContain("2027");
    const refused = await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version });
    expect(expectError(refused, 422, "CALENDAR_YEAR_NOT_COVERED").year).toBe(2027);

    // The bureau enters New Year's Day 2027 (a Friday) and confirms the year.
    ok(await (await signedIn(c.s, "sysadmin")).post("/api/v1/calendar/overrides", { date: "2027-01-01", isWorkday: false, name: "元旦" }));
    ok(await (await signedIn(c.s, "sysadmin")).post("/api/v1/calendar/years/2027/confirm"));
    // 01-05, 01-04, (weekend, New Year's Day), 2026-12-31, 12-30, 12-29
    expect(ok(await home.staff.get("/api/v1/training-projects/filing-date?startDate=2027-01-06")).latestFilingDate).toBe("2026-12-29");
    expect(ok(await home.staff.get(`/api/v1/training-projects/${draft.id}`)).latestFilingDate).toBe("2026-12-29");
    await setToday(c, "2026-12-30");
    expect(expectError(await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version }), 422, "FILING_TOO_LATE").latestFilingDate).toBe("2026-12-29");
    await setToday(c, "2026-12-29");
    expect(ok(await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version })).status).toBe("filed");
  });
});
