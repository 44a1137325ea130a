// The demo data a newcomer walks through (DESIGN.md "Configuration and demo data").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "../../src/shared/accreditation.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("demo data on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { accreditationDemo: true });
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
});
