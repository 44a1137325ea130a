// 第十九条: the bureau's comprehensive review and 双随机一公开 spot checks: bases and inspectors drawn at
// random from stored candidate lists with a stored seed (the same inputs redraw the same result, and
// anyone can have it verified), conflicts excluded, the draw and later the results published, and each
// base's outcome (表彰, 合格, 限期整改, 撤销) taking effect when the review concludes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDemoSpotChecks } from "../../src/server/demo/supervision-spot-checks.js";
import { drawSpotCheck } from "../../src/server/modules/supervision/spot-check-draw.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { addDays, auditActions, expectError, givenActiveBase, notificationsOf, ok, setToday, type TestBase } from "../support/filing.js";
import {
  concludeWith,
  draw,
  givenFinalizedInspection,
  givenSpotCheck,
  outcomeOf,
  passTheRest,
  spotCheckCast,
  step,
  type SpotCheckCast,
} from "../support/supervision-spot-checks.js";

const TODAY = "2026-11-02";
const SEED = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

describe.each(dialects)("comprehensive review and spot checks on %s", (dialect) => {
  let s: TestServer;
  let c: SpotCheckCast;
  let schoolBases: TestBase[];
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await spotCheckCast(s);
    schoolBases = [await givenActiveBase(c, "base"), await givenActiveBase(c, "base")];
    await givenActiveBase(c, "base2");
    await givenActiveBase(c, "base2");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, TODAY));

  const inspectorsOf = (sc: any, baseId: string) => sc.inspectors.filter((i: any) => i.baseId === baseId).map((i: any) => i.id).sort();

  it("draws bases and inspectors and keeps the candidate lists, the seed and the algorithm", async () => {
    const sc = await givenSpotCheck(c, { baseCount: 2, inspectorCount: 1 });
    expect(sc).toMatchObject({ year: 2026, kind: "spot_check", status: "drawn", algorithm: "sha256-ctr-fisher-yates-v1", baseCount: 2, inspectorCount: 1 });
    expect(sc.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(sc.title).toContain("2026");
    expect(sc.bases).toHaveLength(2);
    expect(sc.inspectors).toHaveLength(2);
    const candidateIds = sc.baseCandidates.map((b: any) => b.id);
    expect(candidateIds).toEqual([...candidateIds].sort());
    expect(candidateIds.length).toBeGreaterThanOrEqual(4);
    expect(sc.inspectorCandidates.map((i: any) => i.id).sort()).toEqual(Object.values(c.experts).sort());
    expect(sc.outcomes.map((o: any) => o.baseId).sort()).toEqual(sc.bases.map((b: any) => b.id).sort());
    expect(sc.outcomes.every((o: any) => o.outcome === null)).toBe(true);
    expect(sc.availableActions.sort()).toEqual(["decide", "publish"]);
    expect(await auditActions(c, sc.id)).toContain("spotCheck.create");
  });

  it("redraws the same result from the same seed and candidates, and verify says the draw matches", async () => {
    const first = await givenSpotCheck(c, { baseCount: 3, inspectorCount: 2, seed: SEED });
    const second = await givenSpotCheck(c, { baseCount: 3, inspectorCount: 2, seed: SEED });
    expect(second.seed).toBe(SEED);
    expect(second.bases).toEqual(first.bases);
    expect(second.inspectors).toEqual(first.inspectors);
    // The pure draw over the stored candidates gives it too: anyone with the lists can redo it.
    const redone = drawSpotCheck({ seed: SEED, baseCandidates: first.baseCandidates, inspectorCandidates: first.inspectorCandidates, baseCount: 3, inspectorCount: 2 });
    expect(redone.baseIds).toEqual(first.bases.map((b: any) => b.id));
    expect(redone.inspectors).toEqual(first.inspectors.map((i: any) => ({ baseId: i.baseId, inspectorId: i.id })));
    const verdict = ok(await c.bureau.get(`/api/v1/spot-checks/${first.id}/verify`));
    expect(verdict).toMatchObject({ id: first.id, seed: SEED, matches: true, storedBases: first.bases, recomputedBases: first.bases });
  });

  it("draws differently from a different seed", async () => {
    const base = await givenSpotCheck(c, { baseCount: 2, inspectorCount: 1, seed: SEED });
    const others = [];
    for (const seed of ["a1", "b2", "c3", "d4"]) others.push(await givenSpotCheck(c, { baseCount: 2, inspectorCount: 1, seed }));
    expect(others.some((o) => JSON.stringify([o.bases, o.inspectors]) !== JSON.stringify([base.bases, base.inspectors]))).toBe(true);
    for (const o of others) expect(ok(await c.bureau.get(`/api/v1/spot-checks/${o.id}/verify`)).matches).toBe(true);
  });

  it("never draws an expert for a base of the expert's own organization (expert3 sits in base's school)", async () => {
    // Two inspectors per base out of three experts: for the school's bases only expert1 and expert2 remain.
    const review = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 2 });
    for (const b of schoolBases) expect(inspectorsOf(review, b.id)).toEqual([c.experts.expert1, c.experts.expert2].sort());
    for (const seed of ["s1", "s2", "s3", "s4", "s5", "s6"]) {
      const sc = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 1, seed });
      for (const b of schoolBases) expect(inspectorsOf(sc, b.id)).not.toContain(c.experts.expert3);
    }
    const details = expectError(await draw(c, { kind: "comprehensive", inspectorCount: 3 }), 422, "SPOT_CHECK_TOO_MANY");
    expect(details).toMatchObject({ what: "inspectors", count: 3, candidates: 2 });
  });

  it("takes every base in force into a comprehensive review, with inspectors optional", async () => {
    const review = await givenSpotCheck(c, { kind: "comprehensive", baseCount: 0, inspectorCount: 0 });
    expect(review.bases.map((b: any) => b.id)).toEqual(review.baseCandidates.map((b: any) => b.id));
    expect(review.inspectors).toEqual([]);
    expect(review.title).toContain("综合评估");
  });

  it("refuses to draw more bases than there are candidates", async () => {
    const res = await draw(c, { baseCount: 500 });
    const details = expectError(res, 422, "SPOT_CHECK_TOO_MANY");
    expect(details).toMatchObject({ what: "bases", count: 500 });
    expect(res.body.error.message).not.toMatch(/\{\w+\}/);
  });

  it("refuses a spot check that draws no base or no inspector, and malformed input", async () => {
    expectError(await draw(c, { baseCount: 0 }), 422, "SPOT_CHECK_COUNT_REQUIRED");
    expectError(await draw(c, { inspectorCount: 0 }), 422, "SPOT_CHECK_COUNT_REQUIRED");
    expectError(await draw(c, { seed: "not a seed!" }), 400, "VALIDATION_FAILED");
    expectError(await draw(c, { kind: "lottery" as never }), 400, "VALIDATION_FAILED");
    expectError(await draw(c, { year: 1999 }), 400, "VALIDATION_FAILED");
  });

  it("refuses a draw to supervisors and base staff (403), and lets supervisors read reviews but not decide", async () => {
    expectError(await draw(c, {}, c.supervisor), 403, "FORBIDDEN");
    expectError(await draw(c, {}, c.base), 403, "FORBIDDEN");
    expectError(await c.base.get("/api/v1/spot-checks"), 403, "FORBIDDEN");
    const review = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 0 });
    expect(ok(await c.supervisor.get("/api/v1/spot-checks")).items.map((x: any) => x.id)).toContain(review.id);
    const seen = ok(await c.supervisor.get(`/api/v1/spot-checks/${review.id}`));
    // A supervising unit sees its own bases' rows, and no step.
    expect(seen.outcomes.length).toBeGreaterThan(0);
    expect(seen.outcomes.length).toBeLessThan(review.outcomes.length);
    expect(seen.outcomes.map((o: any) => o.baseId)).toEqual(expect.arrayContaining(schoolBases.map((b) => b.id)));
    expect(seen.availableActions).toEqual([]);
    expectError(await c.supervisor.put(`/api/v1/spot-checks/${review.id}/outcomes/${schoolBases[0].id}`, { outcome: "pass", comment: "" }), 403, "FORBIDDEN");
    expectError(await c.supervisor.post(`/api/v1/spot-checks/${review.id}/actions/publish`, {}), 403, "FORBIDDEN");
  });

  it("keeps a draw off the public page until it is published, then shows it without accounts", async () => {
    const sc = await givenSpotCheck(c, { baseCount: 2, inspectorCount: 1 });
    const anyone = s.client();
    expectError(await anyone.get(`/api/v1/public/spot-checks/${sc.id}`), 404, "NOT_FOUND");
    expectError(await anyone.get(`/api/v1/public/spot-checks/${sc.id}/verify`), 404, "NOT_FOUND");
    expect(ok(await anyone.get("/api/v1/public/spot-checks?pageSize=200")).items.map((x: any) => x.id)).not.toContain(sc.id);

    const published = ok(await step(c, sc, "publish"));
    expect(published).toMatchObject({ status: "published", publishedAt: expect.any(String) });
    const listed = ok(await anyone.get("/api/v1/public/spot-checks?pageSize=200")).items.find((x: any) => x.id === sc.id);
    expect(listed).toMatchObject({ seed: sc.seed, algorithm: sc.algorithm, bases: sc.bases, results: null });
    expect(listed.inspectors).toEqual(sc.inspectors.map((i: any) => ({ name: i.name, baseId: i.baseId })));
    const detail = ok(await anyone.get(`/api/v1/public/spot-checks/${sc.id}`));
    expect(JSON.stringify(detail)).not.toContain(c.experts.expert1);
    expect(detail.inspectorCandidates).toHaveLength(sc.inspectorCandidates.length);
    expect(detail.algorithmDescription).toContain("SHA-256");
    expect(ok(await anyone.get(`/api/v1/public/spot-checks/${sc.id}/verify`)).matches).toBe(true);
    // The drawn inspectors hear of it.
    const clientOf = { [c.experts.expert1]: c.expert1, [c.experts.expert2]: c.expert2, [c.experts.expert3]: c.expert3 };
    const notified = await notificationsOf(clientOf[sc.inspectors[0].id], "supervision.spotChecks.inspectorDrawn");
    expect(notified.map((n) => n.link)).toContain(`/public/spot-checks/${sc.id}`);
  });

  it("refuses to conclude until every base has an outcome", async () => {
    let sc = ok(await step(c, await givenSpotCheck(c, { baseCount: 2, inspectorCount: 1 }), "publish"));
    expect(expectError(await step(c, sc, "conclude"), 422, "OUTCOMES_INCOMPLETE")).toMatchObject({ count: 2 });
    sc = ok(await outcomeOf(c, sc, sc.bases[0].id, { outcome: "pass", comment: "" }));
    expect(expectError(await step(c, sc, "conclude"), 422, "OUTCOMES_INCOMPLETE")).toMatchObject({ count: 1 });
    sc = await passTheRest(c, sc);
    expect(ok(await step(c, sc, "conclude")).status).toBe("concluded");
  });

  it("refuses a conclusion prepared on a board that changed since (409)", async () => {
    const sc = ok(await step(c, await givenSpotCheck(c, { baseCount: 1, inspectorCount: 1 }), "publish"));
    const stale = await passTheRest(c, sc);
    ok(await outcomeOf(c, stale, stale.bases[0].id, { outcome: "pass", comment: "复核后维持合格" }));
    expectError(await step(c, stale, "conclude"), 409, "VERSION_CONFLICT");
  });

  it("asks for what an outcome will act on: good practice, items and deadline, reason and basis", async () => {
    const sc = await givenSpotCheck(c, { baseCount: 1, inspectorCount: 1 });
    const baseId = sc.bases[0].id;
    expect(expectError(await outcomeOf(c, sc, baseId, { outcome: "commend", comment: "" }), 422, "OUTCOME_DETAILS_REQUIRED")).toMatchObject({ field: "goodPractice" });
    expect(expectError(await outcomeOf(c, sc, baseId, { outcome: "rectify", comment: "" }), 422, "OUTCOME_DETAILS_REQUIRED")).toMatchObject({ field: "rectification.items" });
    expectError(await outcomeOf(c, sc, baseId, { outcome: "rectify", comment: "", rectification: { items: ["补齐培训档案"], deadline: TODAY } }), 422, "DEADLINE_INVALID");
    expect(expectError(await outcomeOf(c, sc, baseId, { outcome: "revoke", comment: "" }), 422, "OUTCOME_DETAILS_REQUIRED")).toMatchObject({ field: "revocation.reason" });
    expectError(await outcomeOf(c, sc, baseId, { outcome: "pass", comment: "", bureauScore: 101 }), 400, "VALIDATION_FAILED");
    expectError(await c.bureau.put(`/api/v1/spot-checks/${sc.id}/outcomes/no-such-base`, { outcome: "pass", comment: "" }), 404, "NOT_FOUND");
  });

  it("shows each base's finalized inspection of the year beside the bureau's own score", async () => {
    const fresh = await givenActiveBase(c, "base2");
    await givenFinalizedInspection(s, fresh.id, 2026, 86.5, "合格");
    const review = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 0 });
    const row = review.outcomes.find((o: any) => o.baseId === fresh.id);
    expect(row.inspection).toMatchObject({ totalScore: 86.5, grade: "合格" });
    const after = ok(await outcomeOf(c, review, fresh.id, { outcome: "pass", comment: "检查考核合格", bureauScore: 84 }));
    expect(after.outcomes.find((o: any) => o.baseId === fresh.id)).toMatchObject({ outcome: "pass", bureauScore: 84, inspection: { totalScore: 86.5 }, decidedByName: expect.any(String) });
  });

  it("puts the bureau's work on its home page: draws to publish, outcomes missing", async () => {
    const sc = await givenSpotCheck(c, { baseCount: 1, inspectorCount: 1 });
    const kinds = async () => ok(await c.bureau.get("/api/v1/work-items")).items.map((w: any) => w.kind);
    expect(await kinds()).toContain("supervision.spotChecks.toPublish");
    ok(await step(c, sc, "publish"));
    expect(await kinds()).toContain("supervision.spotChecks.outcomesMissing");
  });

  describe("when a review concludes", () => {
    let commended: TestBase;
    let rectified: TestBase;
    let revoked: TestBase;
    let done: any;
    beforeAll(async () => {
      await setToday(c, TODAY);
      commended = await givenActiveBase(c, "base2", { name: "表彰测试继续教育基地" });
      rectified = await givenActiveBase(c, "base2", { name: "整改测试继续教育基地" });
      revoked = await givenActiveBase(c, "base", { name: "撤销测试继续教育基地" });
      const review = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 0, year: 2026 });
      done = await concludeWith(c, review, {
        [commended.id]: { outcome: "commend", comment: "综合评估优秀", bureauScore: 95, goodPractice: "校企合作共建实训基地，培训后跟踪服务半年。" },
        [rectified.id]: { outcome: "rectify", comment: "档案不全", rectification: { items: ["补齐 2026 年培训档案", "修订学员考核管理制度"], deadline: addDays(TODAY, 30) } },
        [revoked.id]: { outcome: "revoke", comment: "乱发证", revocation: { reason: "未按规定组织考核即发放结业证书", basis: "《威海市专业技术人员继续教育基地管理办法》第二十条" } },
      });
    });

    it("commends: the badge and the good practice show in the public registry", async () => {
      const registry = ok(await s.client().get("/api/v1/public/bases?pageSize=200")).items;
      expect(registry.find((b: any) => b.id === commended.id)).toMatchObject({ commendedYear: 2026, goodPractice: "校企合作共建实训基地，培训后跟踪服务半年。" });
    });

    it("orders rectification: an order opens and the base turns rectifying", async () => {
      expect(ok(await c.bureau.get(`/api/v1/bases/${rectified.id}`)).status).toBe("rectifying");
      const orders = ok(await c.bureau.get(`/api/v1/rectification-orders?baseId=${rectified.id}`)).items;
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ status: "open", deadline: addDays(TODAY, 30) });
    });

    it("revokes: the base appears in the public list of revoked bases", async () => {
      const list = ok(await s.client().get("/api/v1/public/bases?status=revoked&pageSize=200")).items;
      expect(list.find((b: any) => b.id === revoked.id)).toMatchObject({ status: "revoked", revocationReason: "未按规定组织考核即发放结业证书" });
    });

    it("publishes the results and tells each base its outcome", async () => {
      const pub = ok(await s.client().get(`/api/v1/public/spot-checks/${done.id}`));
      expect(pub.status).toBe("concluded");
      expect(pub.results.find((r: any) => r.baseId === commended.id)).toMatchObject({ outcome: "commend", bureauScore: 95, goodPractice: expect.stringContaining("校企合作") });
      expect(pub.results.find((r: any) => r.baseId === revoked.id).outcome).toBe("revoke");
      expect((await notificationsOf(c.base2, "supervision.spotChecks.outcome.commend")).length).toBeGreaterThan(0);
      expect((await notificationsOf(c.base, "supervision.spotChecks.outcome.revoke")).length).toBeGreaterThan(0);
    });

    it("takes no further outcome or step", async () => {
      expect(done.availableActions).toEqual([]);
      expectError(await outcomeOf(c, done, commended.id, { outcome: "pass", comment: "" }), 409, "SPOT_CHECK_CONCLUDED");
      expectError(await step(c, done, "publish"), 409, "WORKFLOW_ACTION_UNAVAILABLE");
    });

    it("leaves a revoked base out of the next draw's candidates", async () => {
      const next = await givenSpotCheck(c, { kind: "comprehensive", inspectorCount: 0 });
      const ids = next.baseCandidates.map((b: any) => b.id);
      expect(ids).not.toContain(revoked.id);
      expect(ids).toContain(rectified.id);
    });
  });
});

describe.each(dialects)("the demo spot check on %s", (dialect) => {
  let s: TestServer;
  afterAll(() => s.close());

  it("concludes last year's spot check with the 优秀 base commended and the others 合格", async () => {
    s = await startServer(dialect, {}, { accreditationDemo: true });
    const lastYear = Number(s.clock.today().slice(0, 4)) - 1;
    const bases = await s.app.platform.db.selectFrom("bases").select("id").where("status", "=", "active").orderBy("id").execute();
    await givenFinalizedInspection(s, bases[0].id, lastYear, 93, "优秀");
    for (const b of bases.slice(1)) await givenFinalizedInspection(s, b.id, lastYear, 81, "合格");
    await loadDemoSpotChecks(s.app.platform);

    const anyone = s.client();
    const [sc] = ok(await anyone.get("/api/v1/public/spot-checks")).items;
    expect(sc).toMatchObject({ year: lastYear, kind: "spot_check", status: "concluded" });
    expect(sc.results.find((r: any) => r.baseId === bases[0].id)).toMatchObject({ outcome: "commend", inspectionGrade: "优秀" });
    expect(sc.results.filter((r: any) => r.baseId !== bases[0].id).every((r: any) => r.outcome === "pass")).toBe(true);
    expect(ok(await anyone.get(`/api/v1/public/spot-checks/${sc.id}/verify`)).matches).toBe(true);
    const registry = ok(await anyone.get("/api/v1/public/bases")).items;
    expect(registry.find((b: any) => b.id === bases[0].id)).toMatchObject({ commendedYear: lastYear, goodPractice: expect.any(String) });
  });
});
