// The supervision demo (issue 9 "Demo data"): last year's inspections, one spot check drawn and
// concluded with a commended base, an order under rectification with its report waiting, a base revoked
// for 乱发证 with its 失信 record, a change report waiting, the 2019 measures shown as expired, and two
// bases flagged by the risk scan (a proxy check-in, certificates below attendance).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("supervision demo on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { deliveryDemo: true, supervisionDemo: true });
  }, 300_000);
  afterAll(() => s.close());

  it("holds last year's finalized inspections, one of them 优秀, and a concluded spot check that commended it", async () => {
    const bureau = await s.as("bureau");
    const year = Number(s.clock.today().slice(0, 4)) - 1;
    const inspections = (await bureau.get(`/api/v1/inspections?year=${year}&status=finalized&pageSize=50`)).body;
    expect(inspections.total).toBeGreaterThanOrEqual(2);
    expect(inspections.items.some((i: any) => i.grade === "excellent")).toBe(true);
    const draws = (await s.client().get("/api/v1/public/spot-checks")).body;
    expect(draws.total).toBeGreaterThanOrEqual(1);
    const registry = (await s.client().get("/api/v1/public/bases?pageSize=50")).body.items;
    expect(registry.some((b: any) => b.commendedYear === year && b.goodPractice)).toBe(true);
  });

  it("has an open rectification order whose report waits for the bureau", async () => {
    const bureau = await s.as("bureau");
    const orders = (await bureau.get("/api/v1/rectification-orders?pageSize=50")).body.items;
    const waiting = orders.filter((o: any) => ["reported", "opined"].includes(o.status));
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const base = (await bureau.get(`/api/v1/bases/${waiting[0].baseId}`)).body;
    expect(base.status).toBe("rectifying");
  });

  it("shows a base revoked for 乱发证 in the public list with its live dishonesty record", async () => {
    const revoked = (await s.client().get("/api/v1/public/bases?status=revoked")).body.items;
    expect(revoked.length).toBeGreaterThanOrEqual(1);
    expect(revoked[0]).toMatchObject({ status: "revoked", revocationDecisionNo: expect.stringMatching(/号$/) });
    const records = (await s.client().get("/api/v1/public/dishonesty-records")).body;
    expect(records.total ?? records.items.length).toBeGreaterThanOrEqual(1);
  });

  it("has a change report waiting and a former name the registry search finds", async () => {
    const bureau = await s.as("bureau");
    expect((await bureau.get("/api/v1/change-reports?status=submitted")).body.total).toBeGreaterThanOrEqual(1);
    const renamed = (await s.client().get("/api/v1/public/bases?pageSize=50")).body.items.find((b: any) => b.formerNames.length > 0);
    expect(renamed).toBeDefined();
    const found = (await s.client().get(`/api/v1/public/bases?q=${encodeURIComponent(renamed.formerNames[0].name)}`)).body.items;
    expect(found.map((b: any) => b.id)).toContain(renamed.id);
  });

  it("flags one base's proxy check-in and another's certificates below attendance, and no other base (issue 12 item 4)", async () => {
    const bureau = await s.as("bureau");
    const ran = (await bureau.post("/api/v1/test/jobs/run")).body.ran["risk.scan"];
    expect(ran.raised ?? 0).toBe(0);
    const flags = (await bureau.get("/api/v1/risk-flags?pageSize=200")).body.items as any[];
    expect(flags.map((f) => [f.kind, f.baseName]).sort()).toEqual([
      ["certificate_below_attendance", "威海仁和健康管理继续教育基地"],
      ["proxy_checkin", "威海启航智能制造继续教育基地"],
    ]);
    const proxy = flags.find((f) => f.kind === "proxy_checkin");
    expect(proxy.evidence.facts.people).toBe(12);
    expect(flags.find((f) => f.kind === "certificate_below_attendance").evidence.facts.certificates).toBe(6);
  });

  it("tells the bureau the 2019 measures have expired", async () => {
    const items = (await (await s.as("bureau")).get("/api/v1/work-items")).body;
    const list = Array.isArray(items) ? items : items.items;
    expect(list.map((i: any) => i.kind)).toContain("policy.expired");
  });
});
