// The demo data a newcomer walks through (DESIGN.md "Configuration and demo data").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "../../src/shared/accreditation.js";
import { addDays } from "../../src/server/platform/calendar.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("demo data on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { accreditationDemo: true, filingDemo: true });
  });
  afterAll(() => s.close());

  it("gives base and base2 an application in every status, with its history", async () => {
    for (const [staff, other] of [["base", "base2"], ["base2", "base"]]) {
      const c = await s.as(staff);
      const list = (await c.get("/api/v1/base-applications?pageSize=50")).body.items;
      expect(list.map((a: any) => a.status).sort()).toEqual([...APPLICATION_STATUSES].sort());
      const mine = await s.as(other);
      expect((await mine.get(`/api/v1/base-applications/${list[0].id}`)).status).toBe(404);
      for (const a of list.filter((x: any) => x.status !== "draft")) {
        const view = (await c.get(`/api/v1/base-applications/${a.id}`)).body;
        expect(view.missing, a.baseName).toEqual([]);
        expect(view.history.length).toBeGreaterThan(0);
      }
    }
  });

  it("runs one published base for each demo institution, in the public registry", async () => {
    const registry = (await s.client().get("/api/v1/public/bases")).body;
    expect(registry.items.map((b: any) => b.hostOrgName).sort()).toEqual(["威海市卫生健康继续教育培训中心", "威海市环翠区职业技术培训学校"].sort());
    for (const b of registry.items) expect(b.decisionNo).toMatch(/^威人社发〔\d{4}〕\d+号$/);
  });

  it("has a notice under way and one held by an objection", async () => {
    const notices = (await s.client().get("/api/v1/public/notices")).body.items;
    expect(notices.length).toBeGreaterThanOrEqual(2);
    const bureau = await s.as("bureau");
    expect((await bureau.get("/api/v1/objections?status=open")).body.total).toBe(2);
    const kinds = (await bureau.get("/api/v1/work-items")).body.items.map((i: any) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["accreditation.toAccept", "accreditation.toFormPanel", "accreditation.objectionsOpen"]));
  });

  it("gives each active base approved fee standards and filed plans for last year (late) and this year", async () => {
    const bureau = await s.as("bureau");
    const year = Number(s.clock.today().slice(0, 4));
    const bases = (await bureau.get("/api/v1/bases")).body.items.filter((b: any) => b.status === "active");
    expect(bases).toHaveLength(2);
    for (const b of bases) {
      const fees = (await bureau.get(`/api/v1/fee-standards?baseId=${b.id}&status=approved`)).body.items;
      expect(fees.map((f: any) => f.kind).sort()).toEqual(["general", "professional"]);
      const plans = (await bureau.get(`/api/v1/annual-plans?baseId=${b.id}&status=filed`)).body.items;
      expect(plans.map((p: any) => [p.year, p.late])).toEqual([
        [year, false],
        [year - 1, true],
      ]);
    }
    // base2 has reported next year's plan; its supervising unit has it to approve.
    expect((await (await s.as("supervisor2")).get(`/api/v1/annual-plans?year=${year + 1}&status=submitted`)).body.total).toBe(1);
    expect((await bureau.get("/api/v1/fee-standards?status=pending")).body.total).toBe(1);
  });

  it("has training projects in the past, under way and coming, filed in plan and ad hoc, and one returned", async () => {
    const base = await s.as("base");
    const today = s.clock.today();
    const items = (await base.get("/api/v1/training-projects?pageSize=100")).body.items;
    const statuses = new Set(items.map((p: any) => p.status));
    for (const st of ["completed", "filed", "draft"]) expect(statuses, st).toContain(st);
    expect(items.some((p: any) => p.endDate < today && p.status === "completed")).toBe(true);
    // The coming weeks are filed while they fall in this year; past mid-December they wait for next year's calendar.
    const comingFiled = (adHoc: boolean) => items.some((p: any) => p.startDate > today && p.startDate.slice(0, 4) === today.slice(0, 4) && p.status === "filed" && p.adHoc === adHoc);
    if (addDays(today, 28).slice(0, 4) === today.slice(0, 4)) {
      expect(comingFiled(true)).toBe(true);
      expect(comingFiled(false)).toBe(true);
      expect(statuses).toContain("returned");
    } else {
      expect(items.filter((p: any) => p.startDate > today).length).toBeGreaterThan(0);
    }
    const one = (await base.get(`/api/v1/training-projects/${items.find((p: any) => p.status === "filed").id}`)).body;
    expect(one.sessions.length).toBeGreaterThan(0);
    expect(one.filingNo).toMatch(/^威继教备〔\d{4}〕\d+号$/);
    const pub = (await s.client().get(`/api/v1/public/training-projects?from=${today}`)).body;
    expect(pub.total).toBeGreaterThanOrEqual(4);
  });
});
