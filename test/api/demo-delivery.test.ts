// The delivery demo (DESIGN.md "Configuration and demo data": attendees, certificates and learning
// records over several years): what a newcomer finds after `npm start`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("delivery demo on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { deliveryDemo: true });
  }, 240_000);
  afterAll(() => s.close());

  const count = async (table: "professionals" | "certificates" | "checkIns" | "surveyResponses") =>
    Number((await s.app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("holds a few hundred professionals with check-ins, certificates and evaluations", async () => {
    expect(await count("professionals")).toBeGreaterThanOrEqual(200);
    expect(await count("checkIns")).toBeGreaterThan(1000);
    expect(await count("certificates")).toBeGreaterThan(100);
    expect(await count("surveyResponses")).toBeGreaterThan(50);
  });

  it("leaves the bureau unread only the declared hours still waiting for it, not the demo's whole history", async () => {
    const bureau = await s.as("bureau");
    const pending = (await bureau.get("/api/v1/hour-declarations?status=pending&pageSize=1")).body.total;
    const unread = (await bureau.get("/api/v1/notifications?group=declaration&state=unread&pageSize=1")).body;
    expect(unread.total).toBe(pending);
    expect(unread.unread).toBeLessThan(100);
    const history = (await bureau.get("/api/v1/notifications?group=declaration&state=read&pageSize=1")).body.total;
    expect(history).toBeGreaterThan(100);
    const pro1 = await s.as("pro1");
    expect((await pro1.get("/api/v1/notifications?group=declaration&state=unread")).body.total).toBe(0);
  });

  it("shows base staff their attendees with ID numbers masked", async () => {
    const base = await s.as("base");
    const projects = (await base.get("/api/v1/training-projects?status=completed&pageSize=50")).body.items;
    expect(projects.length).toBeGreaterThan(0);
    const list = (await base.get(`/api/v1/training-projects/${projects[0].id}/enrollments?pageSize=100`)).body;
    expect(list.total).toBeGreaterThan(20);
    for (const e of list.items) expect(e.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it("has certificates anyone can verify, and one revoked with its reason", async () => {
    const db = s.app.platform.db;
    const valid = await db.selectFrom("certificates").select("serial").where("status", "=", "valid").executeTakeFirstOrThrow();
    const ok = (await s.client().get(`/api/v1/public/certificates/${encodeURIComponent(valid.serial)}`)).body;
    expect(ok).toMatchObject({ valid: true, signatureValid: true, status: "valid" });
    const revoked = await db.selectFrom("certificates").select("serial").where("status", "=", "revoked").execute();
    expect(revoked).toHaveLength(1);
    const gone = (await s.client().get(`/api/v1/public/certificates/${encodeURIComponent(revoked[0].serial)}`)).body;
    expect(gone.valid).toBe(false);
    expect(gone.revokedReason).toContain("代签");
  });

  it("gives pro1 a compliant record this year and pro2 one short of the requirement", async () => {
    const pro1 = (await (await s.as("pro1")).get("/api/v1/me/learning-record")).body;
    expect(pro1).toMatchObject({ compliant: true, shortfalls: [] });
    expect(pro1.professionalHours).toBeGreaterThanOrEqual(60);
    expect(pro1.entries.some((e: any) => e.source === "project" && e.certificateSerial)).toBe(true);
    const pro2 = (await (await s.as("pro2")).get("/api/v1/me/learning-record")).body;
    expect(pro2.compliant).toBe(false);
    expect(pro2.pendingDeclarations).toBe(1);
  });

  it("gives pro2 a forecast naming filed, open courses of this year that close its gap (issue 12)", async () => {
    const today = s.clock.today();
    const forecast = (await (await s.as("pro2")).get("/api/v1/me/forecast")).body;
    expect(forecast.met).toBe(false);
    // in the last days of December no course is left to name
    if (today.slice(5) > "12-24") return;
    expect(forecast.suggestions.length).toBeGreaterThan(0);
    expect(forecast.closesGap).toBe(true);
    for (const c of forecast.suggestions) expect(c.startDate > today && c.endDate <= `${today.slice(0, 4)}-12-31`).toBe(true);
  });

  it("has completed courses with certified hours in most months since the bases were accredited (issue 12: charts with shape)", async () => {
    const today = s.clock.today();
    const year = Number(today.slice(0, 4));
    const db = s.app.platform.db;
    const completed = await db.selectFrom("trainingProjects").select("startDate").where("status", "=", "completed").where("startDate", ">=", `${year - 1}-06-01`).execute();
    const months = new Set(completed.map((r) => r.startDate.slice(0, 7)));
    // from June last year to last month, at most one month without a course
    const expected: string[] = [];
    for (let m = 6; `${year - 1}-${String(m).padStart(2, "0")}` < `${year - 1}-13`; m++) expected.push(`${year - 1}-${String(m).padStart(2, "0")}`);
    for (let m = 1; m < Number(today.slice(5, 7)); m++) expected.push(`${year}-${String(m).padStart(2, "0")}`);
    expect(expected.filter((m) => !months.has(m)).length).toBeLessThanOrEqual(1);
    const hours = await db.selectFrom("learningEntries").select("earnedOn").where("source", "=", "project").where("year", "in", [year - 1, year]).execute();
    expect(new Set(hours.map((h) => h.earnedOn.slice(0, 7))).size).toBeGreaterThanOrEqual(Math.min(expected.length - 1, 10));
  });

  it("keeps records over several years, some meeting the requirement and some short", async () => {
    const year = Number(s.clock.today().slice(0, 4));
    const bureau = await s.as("bureau");
    const rows = await s.app.platform.db
      .selectFrom("learningEntries")
      .select(["professionalId"])
      .where("year", "=", year - 2)
      .where("status", "=", "counted")
      .groupBy("professionalId")
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    let compliant = 0;
    let short = 0;
    for (const r of rows) {
      const rec = (await bureau.get(`/api/v1/professionals/${r.professionalId}/learning-record?year=${year - 2}`)).body;
      if (rec.compliant) compliant++;
      else short++;
    }
    expect(compliant).toBeGreaterThan(0);
    expect(short).toBeGreaterThan(0);
  });
});
