// Versioned policy (DESIGN.md "Policy") and the working-day calendar with overrides, kept by the system
// administrator (issue 10 item 9); the audit trail, read by the audit administrator alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { dropAuditTriggers } from "../support/audit-tamper.js";

const PINNED = "2026-11-26T02:00:00.000Z";

describe.each(dialects)("policy and calendar on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let sysadmin: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, sysadmin] = await Promise.all([s.as("bureau"), s.as("sysadmin")]);
    // Dated rules: pin business time so the suite means the same next year.
    await bureau.put("/api/v1/test/clock", { now: PINNED });
  });
  afterAll(() => s.close());

  it("gives every role the measures' numbers in force since 2019-12-18", async () => {
    for (const user of ["bureau", "supervisor", "base", "expert1", "pro1"]) {
      const c = await s.as(user);
      const res = await c.get("/api/v1/policy/current");
      expect(res.status).toBe(200);
      expect(res.body.effectiveFrom).toBe("2019-12-18");
      expect(res.body.params).toMatchObject({ noticeDays: 5, filingLeadWorkdays: 5, annualPlanDue: "12-31", yearlyHours: 90, generalMinHours: 30, maxHoursPerDay: 8 });
    }
    const before = await bureau.get("/api/v1/policy/current?date=2019-12-17");
    expect(before.status).toBe(422);
    expect(before.body.error.code).toBe("POLICY_NOT_IN_FORCE");
  });

  it("adds a version that takes effect on its date without rewriting history", async () => {
    const current = (await bureau.get("/api/v1/policy/current")).body;
    const params = { ...current.params, noticeDays: 7 };
    const res = await bureau.post("/api/v1/policy/versions", { effectiveFrom: "2027-01-01", params, note: "公示期延长至7天" });
    expect(res.status).toBe(201);
    expect((await bureau.get("/api/v1/policy/current?date=2026-12-31")).body.params.noticeDays).toBe(5);
    expect((await bureau.get("/api/v1/policy/current?date=2027-01-01")).body.params.noticeDays).toBe(7);
    expect((await bureau.get("/api/v1/policy/versions")).body.items.map((v: any) => v.effectiveFrom)).toEqual(["2027-01-01", "2019-12-18"]);
    const again = await bureau.post("/api/v1/policy/versions", { effectiveFrom: "2027-01-01", params, note: "重复" });
    expect(again.status).toBe(409);
  });

  it("refuses a version dated in the past, criteria weights not summing to 100, or a non-bureau author", async () => {
    const current = (await bureau.get("/api/v1/policy/current")).body;
    const past = await bureau.post("/api/v1/policy/versions", { effectiveFrom: "2020-01-01", params: current.params, note: "改历史" });
    expect(past.body.error.code).toBe("POLICY_HISTORY_IMMUTABLE");
    const criteria = current.params.reviewCriteria.map((c: any, i: number) => (i === 0 ? { ...c, weight: c.weight + 1 } : c));
    const bad = await bureau.post("/api/v1/policy/versions", { effectiveFrom: "2028-01-01", params: { ...current.params, reviewCriteria: criteria }, note: "权重错误" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("POLICY_INVALID");
    expect(bad.body.error.details.weightSum).toBe(101);
    const sup = await s.as("supervisor");
    expect((await sup.post("/api/v1/policy/versions", { effectiveFrom: "2028-01-01", params: current.params, note: "x" })).status).toBe(403);
  });

  it("shows the 2026 calendar with National Day and its make-up working days", async () => {
    const res = await (await s.as("base")).get("/api/v1/calendar/2026");
    expect(res.status).toBe(200);
    expect(res.body.coveredBy).toBe("package");
    expect(res.body.days).toHaveLength(365);
    const oct1 = res.body.days.find((d: any) => d.date === "2026-10-01");
    expect(oct1).toMatchObject({ isWorkday: false, source: "official" });
    expect(oct1.name).toContain("国庆");
    const makeUp = res.body.days.filter((d: any) => d.isWorkday && d.source === "official");
    expect(makeUp.length).toBeGreaterThan(0);
    for (const d of makeUp) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });

  it("refuses to count working days in a year neither the package nor the bureau covers", async () => {
    const res = await bureau.get("/api/v1/calendar/days/2027-03-01");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("CALENDAR_YEAR_NOT_COVERED");
    expect(res.body.error.message).toContain("2027");
    const lead = await bureau.get("/api/v1/calendar/workdays-before?date=2027-01-06&days=5");
    expect(lead.body.error.code).toBe("CALENDAR_YEAR_NOT_COVERED");
    const view = await bureau.get("/api/v1/calendar/2027");
    expect(view.body).toMatchObject({ coveredBy: null, days: [] });
  });

  it("shows the system administrator a work item for next year's calendar from 1 November until it is confirmed", async () => {
    await bureau.put("/api/v1/test/clock", { now: "2026-10-31T02:00:00.000Z" });
    expect((await sysadmin.get("/api/v1/work-items")).body.items).toEqual([]);
    await bureau.put("/api/v1/test/clock", { now: "2026-11-01T02:00:00.000Z" });
    expect((await sysadmin.get("/api/v1/work-items")).body.items).toEqual([
      { kind: "calendar.confirmNextYear", params: { year: 2027 }, link: "/calendar?year=2027" },
    ]);
    expect((await (await s.as("base")).get("/api/v1/work-items")).body.items).toEqual([]);

    await sysadmin.post("/api/v1/calendar/overrides", { date: "2027-01-01", isWorkday: false, name: "元旦" });
    const confirmed = await sysadmin.post("/api/v1/calendar/years/2027/confirm");
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.coveredBy).toBe("bureau");
    expect((await sysadmin.get("/api/v1/work-items")).body.items).toEqual([]);
    expect((await bureau.get("/api/v1/calendar/days/2027-01-01")).body).toMatchObject({ isWorkday: false, name: "元旦", source: "override" });
    expect((await bureau.get("/api/v1/calendar/days/2027-03-01")).body).toMatchObject({ isWorkday: true, source: "weekday" });
    await bureau.put("/api/v1/test/clock", { now: PINNED });
  });

  it("refuses to confirm a year the official package already covers", async () => {
    const res = await sysadmin.post("/api/v1/calendar/years/2026/confirm");
    expect(res.body.error.code).toBe("CALENDAR_YEAR_COVERED");
  });

  it("counts filing lead time in working days across an override and lets the system administrator remove it", async () => {
    const before = (await bureau.get("/api/v1/calendar/workdays-before?date=2026-12-14&days=5")).body.result;
    expect(before).toBe("2026-12-07");
    await sysadmin.post("/api/v1/calendar/overrides", { date: "2026-12-10", isWorkday: false, name: "临时休息" });
    expect((await bureau.get("/api/v1/calendar/workdays-before?date=2026-12-14&days=5")).body.result).toBe("2026-12-04");
    expect((await sysadmin.delete("/api/v1/calendar/overrides/2026-12-10")).status).toBe(200);
    expect((await bureau.get("/api/v1/calendar/workdays-before?date=2026-12-14&days=5")).body.result).toBe("2026-12-07");
    expect((await sysadmin.delete("/api/v1/calendar/overrides/2026-12-10")).status).toBe(404);
    const base = await s.as("base");
    expect((await base.post("/api/v1/calendar/overrides", { date: "2026-12-11", isWorkday: false, name: "x" })).status).toBe(403);
  });
});

describe.each(dialects)("audit log on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  it("is for the audit administrator only (issue 10 item 9)", async () => {
    for (const user of ["bureau", "sysadmin", "secadmin", "supervisor", "base", "expert1", "pro1"]) {
      expect((await (await s.as(user)).get("/api/v1/audit-events")).status).toBe(403);
    }
  });

  it("lists events newest first, filtered, and verifies the chain", async () => {
    const bureau = await s.as("auditor");
    const res = await bureau.get("/api/v1/audit-events?pageSize=5");
    expect(res.body.items).toHaveLength(5);
    const seqs = res.body.items.map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
    const today = (await bureau.get("/api/v1/clock")).body.today;
    const byDay = await bureau.get(`/api/v1/audit-events?from=${today}&to=${today}&action=user.create`);
    expect(byDay.body.total).toBe(13);
    const verdict = await bureau.get("/api/v1/audit-events/verify");
    expect(verdict.body).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(verdict.body.checked).toBeGreaterThan(20);
  });

  it("names the first altered entry when someone edits the table behind the app's back", async () => {
    const bureau = await s.as("auditor");
    await dropAuditTriggers(s.app.platform.db, s.app.platform.dialect); // the database refuses the edit otherwise
    await s.app.platform.db.updateTable("auditEvents").set({ detail: '{"forged":true}' }).where("seq", "=", 7).execute();
    const verdict = await bureau.get("/api/v1/audit-events/verify");
    expect(verdict.body).toMatchObject({ intact: false, firstBrokenSeq: 7, checked: 6, problem: "edited" });
  });
});
