// 消息中心: a person's notifications filtered by kind and read state, one marked read when opened, all
// at once; nobody reads or marks another person's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/server/platform/context.js";
import { notify } from "../../src/server/modules/notifications/service.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, ok } from "../support/filing.js";

describe.each(dialects)("notification centre on %s", (dialect) => {
  let s: TestServer;
  let base: Client;
  let base2: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    [base, base2] = await Promise.all([s.as("base"), s.as("base2")]);
    const me = ok(await base.get("/api/v1/auth/me")).user.id;
    const ctx = { ...s.app.platform, actor: null, ip: null };
    await inTransaction(ctx, async (trx) => {
      await notify(trx, ctx, [me], "plan.approved", { baseName: "测试基地", year: 2027, comment: null }, "/annual-plans/x1");
      await notify(trx, ctx, [me], "plan.returned", { baseName: "测试基地", year: 2027, comment: "请补充师资" }, "/annual-plans/x1");
      await notify(trx, ctx, [me], "feeStandard.approved", { baseName: "测试基地" }, "/fee-standards");
      await notify(trx, ctx, [me], "supervision.inspections.finalized", { baseName: "测试基地" }, "/inspections");
    });
  });
  afterAll(() => s.close());

  const list = async (who: Client, query: string) => ok(await who.get(`/api/v1/notifications?${query}`));

  it("filters a person's notifications by kind and by read or unread, and marks one and then all read", async () => {
    expect((await list(base, "group=plan")).items.map((n: any) => n.kind).sort()).toEqual(["plan.approved", "plan.returned"]);
    expect((await list(base, "group=supervision")).total).toBe(1);
    const unread = await list(base, "state=unread&pageSize=100");
    expect(unread.total).toBe(unread.unread);
    const returned = unread.items.find((n: any) => n.kind === "plan.returned");
    expect(returned).toMatchObject({ readAt: null, link: "/annual-plans/x1", params: { comment: "请补充师资" } });

    expect((await base.post(`/api/v1/notifications/${returned.id}/actions/read`, {})).status).toBe(204);
    expect((await list(base, "group=plan&state=read")).items.map((n: any) => n.id)).toEqual([returned.id]);
    expect((await list(base, "group=plan&state=unread")).items.map((n: any) => n.kind)).toEqual(["plan.approved"]);
    expect((await list(base, "state=unread&pageSize=1")).unread).toBe(unread.unread - 1);

    expect((await base.post("/api/v1/notifications/actions/read-all", {})).status).toBe(204);
    expect((await list(base, "state=unread")).total).toBe(0);
    expect((await list(base, "state=read&pageSize=100")).total).toBeGreaterThanOrEqual(4);
  });

  it("keeps each person's notifications their own and refuses an unknown kind", async () => {
    const mine = (await list(base, "pageSize=1")).items[0];
    expect((await list(base2, "pageSize=100")).items.map((n: any) => n.id)).not.toContain(mine.id);
    expectError(await base2.post(`/api/v1/notifications/${mine.id}/actions/read`, {}), 404, "NOT_FOUND");
    expectError(await base.get("/api/v1/notifications?group=nonsense"), 400, "VALIDATION_FAILED");
    expectError(await base.get("/api/v1/notifications?state=maybe"), 400, "VALIDATION_FAILED");
  });
});
