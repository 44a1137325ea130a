// The measures' own term (第二十九条): the 2019 measures are valid until 2024-12-17. After that the platform
// keeps applying the version in force, but says it has expired and puts it on the bureau's home until the
// bureau records a successor version. An installation whose untouched baseline lacks the term gains it on
// start-up; a version the bureau recorded is never rewritten.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, signedIn, startServer, type Client, type TestServer } from "../support/harness.js";
import { ok } from "../support/filing.js";
import { setTodayAs } from "../support/professionals.js";
import { ensureBaselinePolicy } from "../../src/server/modules/policy/service.js";
import { WEIHAI_POLICY } from "../../src/server/modules/policy/defaults.js";

describe.each(dialects)("the term of the measures on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let base: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    bureau = await s.as("bureau");
    base = await s.as("base");
  });
  afterAll(() => s.close());

  const expiredItems = async (who: Client) => ok(await who.get("/api/v1/work-items")).items.filter((w: any) => w.kind === "policy.expired");
  const baselineParams = async () => JSON.parse((await s.app.platform.db.selectFrom("policyVersions").select("params").where("effectiveFrom", "=", "2019-12-18").executeTakeFirstOrThrow()).params);

  it("carries the measures' term and keeps applying them, expired, after 2024-12-17", async () => {
    await setTodayAs(bureau, "2024-12-17");
    expect(ok(await bureau.get("/api/v1/policy/current"))).toMatchObject({ effectiveFrom: "2019-12-18", params: { validUntil: "2024-12-17" }, expired: false, successorFrom: null });
    expect(await expiredItems(bureau)).toEqual([]);

    await setTodayAs(bureau, "2026-03-02");
    const current = ok(await bureau.get("/api/v1/policy/current"));
    expect(current).toMatchObject({ effectiveFrom: "2019-12-18", expired: true, successorFrom: null, params: { noticeDays: 5, filingLeadWorkdays: 5 } });
    expect(ok(await base.get("/api/v1/policy/current")).expired).toBe(true);
    expect(await expiredItems(bureau)).toEqual([{ kind: "policy.expired", params: { validUntil: "2024-12-17", effectiveFrom: "2019-12-18" }, link: "/policy" }]);
    expect(await expiredItems(base)).toEqual([]);
    const [version] = ok(await bureau.get("/api/v1/policy/versions")).items;
    expect(version).toMatchObject({ expired: true, params: { validUntil: "2024-12-17" } });
  });

  it("clears the work item once a successor is recorded, and the successor's own term counts from its start", async () => {
    await setTodayAs(bureau, "2026-03-02");
    const { params } = ok(await bureau.get("/api/v1/policy/current"));
    const successor = { ...params, validUntil: "2031-03-31" };
    ok(await bureau.post("/api/v1/policy/versions", { effectiveFrom: "2026-04-01", params: successor, note: "威人社发〔2026〕5号 修订后的管理办法" }), 201);
    // the 2019 measures still apply until the successor takes effect; nothing is left for the bureau to do
    expect(ok(await bureau.get("/api/v1/policy/current"))).toMatchObject({ effectiveFrom: "2019-12-18", expired: true, successorFrom: "2026-04-01" });
    expect(await expiredItems(bureau)).toEqual([]);

    await setTodayAs(bureau, "2026-04-01");
    expect(ok(await bureau.get("/api/v1/policy/current"))).toMatchObject({ effectiveFrom: "2026-04-01", expired: false, successorFrom: null, params: { validUntil: "2031-03-31" } });
    const versions = ok(await bureau.get("/api/v1/policy/versions")).items;
    expect(versions.map((v: any) => [v.effectiveFrom, v.successorFrom])).toEqual([
      ["2026-04-01", null],
      ["2019-12-18", "2026-04-01"],
    ]);
    expect(ok(await bureau.get("/api/v1/policy/current?date=2031-04-01")).expired).toBe(true);
  });

  it("gives an untouched baseline without a term the measures' term on start-up, and leaves an edited one open-ended", async () => {
    const db = s.app.platform.db;
    const { validUntil: _, ...untermed } = WEIHAI_POLICY;
    const setBaseline = (p: unknown) => db.updateTable("policyVersions").set({ params: JSON.stringify(p) }).where("effectiveFrom", "=", "2019-12-18").execute();

    await setBaseline(untermed);
    await ensureBaselinePolicy(s.app.platform);
    expect((await baselineParams()).validUntil).toBe("2024-12-17");
    const { id } = await db.selectFrom("policyVersions").select("id").where("effectiveFrom", "=", "2019-12-18").executeTakeFirstOrThrow();
    const audit = ok(await (await signedIn(s, "auditor")).get(`/api/v1/audit-events?resourceId=${id}`)).items;
    expect(audit.map((e: any) => e.action)).toEqual(["policy.baselineTerm"]);

    await setBaseline({ ...untermed, noticeDays: 7 });
    await ensureBaselinePolicy(s.app.platform);
    expect((await baselineParams()).validUntil).toBeUndefined();
    await setTodayAs(bureau, "2026-03-02");
    expect(ok(await bureau.get("/api/v1/policy/current")).expired).toBe(false);

    // a version the bureau recorded keeps exactly what it said
    const recorded = await db.selectFrom("policyVersions").select(["params"]).where("effectiveFrom", "=", "2026-04-01").executeTakeFirstOrThrow();
    await ensureBaselinePolicy(s.app.platform);
    expect((await db.selectFrom("policyVersions").select(["params"]).where("effectiveFrom", "=", "2026-04-01").executeTakeFirstOrThrow()).params).toBe(recorded.params);
    await setBaseline(WEIHAI_POLICY);
  });

  it("reads a version recorded before the check-in window existed as 30 minutes either side, and still gives an untouched baseline its term", async () => {
    const db = s.app.platform.db;
    const { validUntil: _, checkInOpensMinutesBefore: _o, checkInClosesMinutesAfter: _c, ...older } = WEIHAI_POLICY;
    await db.updateTable("policyVersions").set({ params: JSON.stringify(older) }).where("effectiveFrom", "=", "2019-12-18").execute();
    expect(ok(await bureau.get("/api/v1/policy/current?date=2020-01-01")).params).toMatchObject({ checkInOpensMinutesBefore: 30, checkInClosesMinutesAfter: 30 });
    await ensureBaselinePolicy(s.app.platform);
    expect((await baselineParams()).validUntil).toBe("2024-12-17");
  });
});
