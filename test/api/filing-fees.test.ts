// 第二十五条: a base may charge for training within its filed fee standard and may not raise it on its
// own: a rise waits for the bureau, a cut takes effect at once, and no standard means free training only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import {
  auditActions,
  expectError,
  feeInput,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFeeStandard,
  ok,
  setToday,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";

describe.each(dialects)("fee standards and the fee ceiling on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const submit = async (base: TestBase, o: { feeFen: number; subjectType?: "general" | "professional" }) => {
    const draft = await givenDraftProject(base, o);
    return base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version });
  };
  const record = (base: TestBase, kind: "general" | "professional", amountFen: number) => base.staff.post(`/api/v1/bases/${base.id}/fee-standards`, feeInput(kind, amountFen));
  // The contract has no single read of a fee standard: it is found in the base's list.
  const feeAs = async (who: Client, base: TestBase, id: string) => ok(await who.get(`/api/v1/fee-standards?baseId=${base.id}&pageSize=200`)).items.find((f: any) => f.id === id);
  const decide = (fee: any, action: "approve" | "reject", comment?: string) => c.bureau.post(`/api/v1/fee-standards/${fee.id}/actions/${action}`, { version: fee.version, comment });

  it("lets a base with no fee standard on file file only free projects", async () => {
    const base = await givenActiveBase(c);
    const res = await submit(base, { feeFen: 50_00 });
    expect(expectError(res, 422, "FEE_ABOVE_STANDARD")).toMatchObject({ feeFen: 50_00, standardFen: null, kind: "professional" });
    expect(res.body.error.message).not.toMatch(/\{\w+\}/);
    expect(ok(await submit(base, { feeFen: 0 })).status).toBe("filed");
  });

  it("holds a first standard for the bureau (a rise from nothing) and counts it only once approved", async () => {
    const base = await givenActiveBase(c);
    const unreadBefore = ok(await c.bureau.get("/api/v1/notifications?unread=true")).unread;
    const pending = ok(await record(base, "professional", 300_00), 201);
    expect(pending).toMatchObject({ baseId: base.id, baseName: base.name, kind: "professional", amountFen: 300_00, status: "pending", raise: true, previousAmountFen: null });
    expect(ok(await c.bureau.get("/api/v1/notifications?unread=true")).unread).toBeGreaterThan(unreadBefore);
    expect((await feeAs(c.bureau, base, pending.id)).availableActions.sort()).toEqual(["approve", "reject"]);
    expect(expectError(await submit(base, { feeFen: 200_00 }), 422, "FEE_ABOVE_STANDARD").standardFen).toBeNull();

    const approved = ok(await decide(pending, "approve"));
    expect(approved).toMatchObject({ status: "approved", decidedByName: expect.any(String), decidedAt: expect.any(String) });
    expect(ok(await submit(base, { feeFen: 200_00 })).status).toBe("filed");
    expect(ok(await submit(base, { feeFen: 300_00 })).status).toBe("filed");
  });

  it("refuses a fee above the approved standard of its kind (FEE_ABOVE_STANDARD)", async () => {
    const base = await givenActiveBase(c);
    await givenFeeStandard(c, base, "professional", 200_00);
    const res = await submit(base, { feeFen: 200_01 });
    expect(expectError(res, 422, "FEE_ABOVE_STANDARD")).toMatchObject({ feeFen: 200_01, standardFen: 200_00, kind: "professional" });
    expect(ok(await submit(base, { feeFen: 200_00 })).status).toBe("filed");
    // the professional standard sets no ceiling for general (公需) training
    expect(expectError(await submit(base, { feeFen: 50_00, subjectType: "general" }), 422, "FEE_ABOVE_STANDARD")).toMatchObject({ standardFen: null, kind: "general" });
  });

  it("keeps the old ceiling while a rise waits for the bureau, and applies the new one once approved", async () => {
    const base = await givenActiveBase(c);
    const current = await givenFeeStandard(c, base, "professional", 200_00);
    const rise = ok(await record(base, "professional", 300_00), 201);
    expect(rise).toMatchObject({ status: "pending", raise: true, previousAmountFen: 200_00 });
    expect(expectError(await submit(base, { feeFen: 250_00 }), 422, "FEE_ABOVE_STANDARD").standardFen).toBe(200_00);
    expectError(await record(base, "professional", 400_00), 409, "FEE_STANDARD_PENDING");

    ok(await decide(rise, "approve"));
    expect(ok(await submit(base, { feeFen: 250_00 })).status).toBe("filed");
    const history = ok(await base.staff.get(`/api/v1/fee-standards?baseId=${base.id}&pageSize=200`)).items;
    expect(history.find((f: any) => f.id === current.id).status).toBe("superseded");
    expect(history.find((f: any) => f.id === rise.id).status).toBe("approved");
    const approved = ok(await base.staff.get(`/api/v1/fee-standards?baseId=${base.id}&status=approved`)).items;
    expect(approved.map((f: any) => f.id)).toEqual([rise.id]);
  });

  it("applies a lower standard at once, without the bureau", async () => {
    const base = await givenActiveBase(c);
    const current = await givenFeeStandard(c, base, "professional", 200_00);
    const cut = ok(await record(base, "professional", 150_00), 201);
    expect(cut).toMatchObject({ status: "approved", raise: false, previousAmountFen: 200_00 });
    expect(ok(await base.staff.get(`/api/v1/fee-standards?baseId=${base.id}&status=superseded`)).items.map((f: any) => f.id)).toEqual([current.id]);
    expect(expectError(await submit(base, { feeFen: 180_00 }), 422, "FEE_ABOVE_STANDARD").standardFen).toBe(150_00);
    expect(ok(await submit(base, { feeFen: 150_00 })).status).toBe("filed");
  });

  it("answers two simultaneous rises with one pending standard and FEE_STANDARD_PENDING", async () => {
    const base = await givenActiveBase(c);
    const both = await Promise.all([300_00, 350_00].map((amount) => record(base, "professional", amount)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("FEE_STANDARD_PENDING");
    expect(ok(await base.staff.get(`/api/v1/fee-standards?baseId=${base.id}&status=pending`)).total).toBe(1);
  });

  it("keeps one current standard of a kind when two cuts arrive at the same moment", async () => {
    const base = await givenActiveBase(c);
    await givenFeeStandard(c, base, "professional", 200_00);
    const both = await Promise.all([150_00, 120_00].map((amount) => record(base, "professional", amount)));
    for (const r of both) expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    expect(ok(await base.staff.get(`/api/v1/fee-standards?baseId=${base.id}&status=approved`)).total).toBe(1);
  });

  it("refuses a standard equal to the current one (FEE_STANDARD_UNCHANGED)", async () => {
    const base = await givenActiveBase(c);
    await givenFeeStandard(c, base, "general", 80_00);
    expectError(await record(base, "general", 80_00), 422, "FEE_STANDARD_UNCHANGED");
  });

  it("lets only the bureau decide a rise: not the base itself, not its supervising unit", async () => {
    const base = await givenActiveBase(c);
    const rise = ok(await record(base, "professional", 300_00), 201);
    expect((await feeAs(base.staff, base, rise.id)).availableActions).toEqual([]);
    expect((await feeAs(base.supervisor, base, rise.id)).availableActions).toEqual([]);
    expectError(await base.staff.post(`/api/v1/fee-standards/${rise.id}/actions/approve`, { version: rise.version }), 403, "FORBIDDEN");
    expectError(await base.supervisor.post(`/api/v1/fee-standards/${rise.id}/actions/approve`, { version: rise.version }), 403, "FORBIDDEN");
    expectError(await decide(rise, "reject"), 422, "COMMENT_REQUIRED");
    const rejected = ok(await decide(rise, "reject", "成本测算依据不足"));
    expect(rejected).toMatchObject({ status: "rejected", decisionComment: "成本测算依据不足" });
    expect(expectError(await submit(base, { feeFen: 100_00 }), 422, "FEE_ABOVE_STANDARD").standardFen).toBeNull();
    // after a rejection the base may ask again
    expect(ok(await record(base, "professional", 250_00), 201).status).toBe("pending");
  });

  it("keeps fee standards within the base's institution and its supervising unit", async () => {
    const base = await givenActiveBase(c);
    const fee = await givenFeeStandard(c, base, "professional", 120_00);
    expectError(await c.base2.post(`/api/v1/bases/${base.id}/fee-standards`, feeInput("professional", 10_00)), 404, "NOT_FOUND");
    for (const outsider of [c.base2, c.supervisor2]) {
      // issue 10: the bureau alone decides fee standards; anyone else hears 403 whatever the record
      expectError(await outsider.post(`/api/v1/fee-standards/${fee.id}/actions/approve`, { version: fee.version }), 403, "FORBIDDEN");
      expect(ok(await outsider.get("/api/v1/fee-standards?pageSize=200")).items.map((f: any) => f.id)).not.toContain(fee.id);
    }
    expect(ok(await base.supervisor.get(`/api/v1/fee-standards?baseId=${base.id}`)).items.map((f: any) => f.id)).toContain(fee.id);
    expect(ok(await c.bureau.get("/api/v1/fee-standards?status=approved&pageSize=200")).items.map((f: any) => f.id)).toContain(fee.id);
  });

  it("records the request and the bureau's decision in the audit log", async () => {
    const base = await givenActiveBase(c);
    const fee = await givenFeeStandard(c, base, "professional", 90_00);
    const actions = await auditActions(c, fee.id);
    expect(actions).toContain("feeStandard.approve");
    expect(actions.length).toBeGreaterThanOrEqual(2);
  });
});
