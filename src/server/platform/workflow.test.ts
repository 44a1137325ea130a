// The workflow engine (DESIGN.md "Workflows") on a workflow of its own: a `demo_items` table made by
// the test, grants added by the test, real users from the demo data.
import type { Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../../../test/support/harness.js";
import type { Role } from "../../shared/roles.js";
import { verifyAuditChain } from "./audit.js";
import type { Actor, Ctx } from "./context.js";
import type { Tx } from "./db.js";
import { DomainError } from "./errors.js";
import { GRANTS, type Action, type Scope } from "./grants.js";
import { newId } from "./ids.js";
import { availableActions, defineWorkflow, historyOf, runStep, type StepRequest, type Transition } from "./workflow.js";

interface DemoItem {
  id: string;
  status: string;
  version: number;
  orgId: string;
  updatedAt: string | null;
}

// What the test steers from outside the workflow declaration.
const knobs = {
  /** When set, the approve guard refuses with this list of missing items. */
  blockApproval: null as string[] | null,
  /** When set, the approve guard waits here (to make two transactions meet before either writes). */
  meet: null as (() => Promise<void>) | null,
  /** When set, the archive effect fails after the status has been written. */
  failArchive: false,
};

const wf = defineWorkflow<DemoItem>({
  resourceType: "demoItem",
  table: "demo_items",
  initial: "draft",
  transitions: [
    { from: "draft", action: "submit", to: "submitted", roles: ["base_staff"], article: "第五条（一）" },
    {
      from: "submitted",
      action: "approve",
      to: "approved",
      roles: ["bureau"],
      article: "第五条（四）",
      guard: async () => {
        if (knobs.meet) await knobs.meet();
        if (knobs.blockApproval) throw new DomainError("VALIDATION_FAILED", { missing: knobs.blockApproval });
      },
    },
    { from: ["submitted", "approved"], action: "return", to: "draft", roles: ["bureau"], article: "第五条（二）" },
    {
      from: "approved",
      action: "archive",
      to: "archived",
      roles: ["bureau"],
      article: "第十七条",
      effect: async (_trx, ctx, record) => {
        if (knobs.failArchive) throw new Error("archive store unavailable");
        return { archivedBy: ctx.actor?.username, newStatus: record.status };
      },
    },
  ],
  scopeOf: (r) => ({ orgId: r.orgId }),
});

const TEST_GRANTS: Partial<Record<Role, Record<string, Scope>>> = {
  bureau: { "demoItem.read": "all", "demoItem.approve": "all", "demoItem.return": "all", "demoItem.archive": "all" },
  base_staff: { "demoItem.read": "ownOrg", "demoItem.submit": "ownOrg" },
  // granted in the table, but the approve transition names only the bureau
  supervisor: { "demoItem.read": "all", "demoItem.approve": "all" },
};

/** Resolves once `parties` callers have arrived (or after a timeout, so a mistake cannot hang the suite). */
function meeting(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return async () => {
    if (++arrived >= parties) open();
    await Promise.race([opened, new Promise((r) => setTimeout(r, 5000))]);
  };
}

/** A timestamp written within 10 s after the test clock was set to `iso` (the test clock keeps running). */
const shortlyAfter = (iso: string) => expect.stringMatching(new RegExp(`^${iso.slice(0, "2026-03-02T01:00:0".length)}\\d\\.\\d{3}Z$`));

async function codeOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe.each(dialects)("workflow engine on %s", (dialect) => {
  let server: TestServer;
  const actors: Record<string, Actor> = {};
  const db = () => server.app.platform.db;
  const anyDb = () => db() as unknown as Kysely<any>;
  const ctx = (actor: Actor | null): Ctx => ({ ...server.app.platform, actor, ip: null });

  const step = (actor: Actor | null, req: StepRequest) =>
    db()
      .transaction()
      .execute((trx) => runStep(trx, ctx(actor), wf, req));
  const actionsFor = (actor: Actor | null, item: DemoItem) => availableActions(db() as Tx, ctx(actor), wf, item);

  async function item(id: string): Promise<DemoItem> {
    const row = await anyDb().selectFrom("demo_items").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    return { ...row, version: Number(row.version) } as DemoItem;
  }
  async function givenItem(owner: Actor, status = "draft", version = 1): Promise<DemoItem> {
    const id = newId();
    await anyDb().insertInto("demo_items").values({ id, status, version, orgId: owner.orgId, updatedAt: null }).execute();
    return item(id);
  }
  const historyCount = async (id: string) => (await historyOf(db(), "demoItem", id)).length;
  const auditFor = (id: string) =>
    db().selectFrom("auditEvents").selectAll().where("resourceType", "=", "demoItem").where("resourceId", "=", id).orderBy("seq").execute();

  beforeAll(async () => {
    for (const [role, grants] of Object.entries(TEST_GRANTS)) Object.assign(GRANTS[role as Role], grants);
    server = await startServer(dialect);
    await anyDb()
      .schema.createTable("demo_items")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("org_id", "text")
      .addColumn("updated_at", "text")
      .execute();
    const users = await db().selectFrom("users").select(["id", "username", "displayName", "orgId"]).execute();
    const roles = await db().selectFrom("userRoles").select(["userId", "role"]).execute();
    for (const u of users) actors[u.username] = { ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role as Role) };
  });
  afterAll(async () => {
    for (const [role, grants] of Object.entries(TEST_GRANTS)) for (const action of Object.keys(grants)) delete GRANTS[role as Role][action as Action];
    await server?.close();
  });
  beforeEach(() => {
    knobs.blockApproval = null;
    knobs.meet = null;
    knobs.failArchive = false;
    server.clock.set("2026-03-02T01:00:00.000Z");
  });

  describe("a step", () => {
    it("moves the status, bumps the version and stamps the time", async () => {
      const draft = await givenItem(actors.base);
      const result = await step(actors.base, { id: draft.id, action: "submit", comment: "材料齐全，请审核" });
      expect(result.from).toBe("draft");
      expect(result.to).toBe("submitted");
      expect(result.record).toMatchObject({ id: draft.id, status: "submitted", updatedAt: shortlyAfter("2026-03-02T01:00:00.000Z") });
      expect(Number(result.record.version)).toBe(2);
      expect(await item(draft.id)).toMatchObject({ status: "submitted", version: 2, updatedAt: shortlyAfter("2026-03-02T01:00:00.000Z") });
    });

    it("records who did what, with the comment, in the item's history", async () => {
      const draft = await givenItem(actors.base);
      await step(actors.base, { id: draft.id, action: "submit", comment: "材料齐全，请审核" });
      server.clock.set("2026-03-03T02:00:00.000Z");
      await step(actors.bureau, { id: draft.id, action: "return", comment: "请补充师资情况" });
      expect(await historyOf(db(), "demoItem", draft.id)).toEqual([
        {
          action: "submit",
          fromStatus: "draft",
          toStatus: "submitted",
          actorId: actors.base.id,
          actorName: actors.base.displayName,
          comment: "材料齐全，请审核",
          at: shortlyAfter("2026-03-02T01:00:00.000Z"),
        },
        {
          action: "return",
          fromStatus: "submitted",
          toStatus: "draft",
          actorId: actors.bureau.id,
          actorName: actors.bureau.displayName,
          comment: "请补充师资情况",
          at: shortlyAfter("2026-03-03T02:00:00.000Z"),
        },
      ]);
    });

    it("writes an audit entry citing the article the step carries out", async () => {
      const draft = await givenItem(actors.base);
      await step(actors.base, { id: draft.id, action: "submit" });
      const entries = await auditFor(draft.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: "demoItem.submit",
        resourceType: "demoItem",
        resourceId: draft.id,
        actorId: actors.base.id,
        actorName: "base",
        at: shortlyAfter("2026-03-02T01:00:00.000Z"),
      });
      expect(JSON.parse(entries[0].detail)).toEqual({ from: "draft", to: "submitted", article: "第五条（一）" });
      expect((await verifyAuditChain(server.app.platform)).intact).toBe(true);
    });

    it("adds what the step's effect reports to the audit entry", async () => {
      const approved = await givenItem(actors.base, "approved", 5);
      const result = await step(actors.bureau, { id: approved.id, action: "archive" });
      expect(result.record.status).toBe("archived");
      const [entry] = await auditFor(approved.id);
      expect(JSON.parse(entry.detail)).toEqual({ from: "approved", to: "archived", article: "第十七条", archivedBy: "bureau", newStatus: "archived" });
    });

    it("stores no comment when none is given", async () => {
      const draft = await givenItem(actors.base);
      await step(actors.base, { id: draft.id, action: "submit" });
      const [h] = await historyOf(db(), "demoItem", draft.id);
      expect(h.comment).toBeNull();
    });

    it("accepts the version the client saw when it is current", async () => {
      const submitted = await givenItem(actors.base, "submitted", 7);
      const result = await step(actors.bureau, { id: submitted.id, action: "approve", version: 7 });
      expect(Number(result.record.version)).toBe(8);
    });
  });

  describe("refusals", () => {
    it("refuses a step not allowed from the current status, writing nothing", async () => {
      const draft = await givenItem(actors.base);
      const err = await codeOf(step(actors.bureau, { id: draft.id, action: "approve" }));
      expect(err).toEqual({ code: "WORKFLOW_ACTION_UNAVAILABLE", details: { action: "approve", status: "draft" } });
      expect(await item(draft.id)).toMatchObject({ status: "draft", version: 1 });
      expect(await historyCount(draft.id)).toBe(0);
      expect(await auditFor(draft.id)).toHaveLength(0);
    });

    it("refuses a step the workflow does not know as a missing route", async () => {
      const draft = await givenItem(actors.base);
      expect((await codeOf(step(actors.base, { id: draft.id, action: "teleport" }))).code).toBe("ROUTE_NOT_FOUND");
    });

    it("forbids a step to an actor whose role has no grant for it", async () => {
      // base staff read their own organization's items but may not approve them
      const submitted = await givenItem(actors.base, "submitted", 2);
      expect((await codeOf(step(actors.base, { id: submitted.id, action: "approve" }))).code).toBe("FORBIDDEN");
      expect(await item(submitted.id)).toMatchObject({ status: "submitted", version: 2 });
      expect(await historyCount(submitted.id)).toBe(0);
    });

    it("forbids a step to a role the transition does not name, even with a grant in the table", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      expect(GRANTS.supervisor["demoItem.approve"]).toBe("all");
      expect((await codeOf(step(actors.supervisor, { id: submitted.id, action: "approve" }))).code).toBe("FORBIDDEN");
      expect(await item(submitted.id)).toMatchObject({ status: "submitted", version: 2 });
    });

    it("answers not found to an actor whose scope does not cover the item", async () => {
      // base2 is base staff too, but of another organization
      expect(actors.base2.orgId).not.toBe(actors.base.orgId);
      const draft = await givenItem(actors.base);
      expect((await codeOf(step(actors.base2, { id: draft.id, action: "submit" }))).code).toBe("NOT_FOUND");
      expect(await item(draft.id)).toMatchObject({ status: "draft", version: 1 });
      expect(await historyCount(draft.id)).toBe(0);
    });

    it("answers not found to an actor with no grant on the item type at all, and to the public", async () => {
      const draft = await givenItem(actors.base);
      expect((await codeOf(step(actors.expert1, { id: draft.id, action: "submit" }))).code).toBe("NOT_FOUND");
      expect((await codeOf(step(null, { id: draft.id, action: "submit" }))).code).toBe("NOT_FOUND");
    });

    it("answers not found for an item that does not exist", async () => {
      expect((await codeOf(step(actors.bureau, { id: newId(), action: "approve" }))).code).toBe("NOT_FOUND");
    });

    it("refuses a step made on a stale version, writing nothing", async () => {
      const draft = await givenItem(actors.base);
      await step(actors.base, { id: draft.id, action: "submit" });
      // the bureau still has the draft's version 1 on screen
      const err = await codeOf(step(actors.bureau, { id: draft.id, action: "return", version: 1 }));
      expect(err).toEqual({ code: "VERSION_CONFLICT", details: { currentVersion: 2 } });
      expect(await item(draft.id)).toMatchObject({ status: "submitted", version: 2 });
      expect(await historyCount(draft.id)).toBe(1);
      expect(await auditFor(draft.id)).toHaveLength(1);
    });
  });

  describe("two steps at once on the same item", () => {
    it("lets exactly one of two approvals through and answers the other with a version conflict", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      // on PostgreSQL both transactions read the item before either writes
      if (dialect === "postgres") knobs.meet = meeting(2);
      const results = await Promise.allSettled([
        step(actors.bureau, { id: submitted.id, action: "approve", version: 2 }),
        step(actors.bureau, { id: submitted.id, action: "approve", version: 2 }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect(failed[0].reason).toBeInstanceOf(DomainError);
      expect((failed[0].reason as DomainError).code).toBe("VERSION_CONFLICT");
      expect(await item(submitted.id)).toMatchObject({ status: "approved", version: 3 });
      expect(await historyCount(submitted.id)).toBe(1);
      expect(await auditFor(submitted.id)).toHaveLength(1);
      expect((await verifyAuditChain(server.app.platform)).intact).toBe(true);
    });

    it("lets exactly one of an approval and a return through", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      if (dialect === "postgres") knobs.meet = meeting(1); // the return has no guard: nothing to wait for
      const results = await Promise.allSettled([
        step(actors.bureau, { id: submitted.id, action: "approve", version: 2 }),
        step(actors.bureau, { id: submitted.id, action: "return", version: 2 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(failed.map((r) => (r.reason as DomainError).code)).toEqual(["VERSION_CONFLICT"]);
      const after = await item(submitted.id);
      expect(after.version).toBe(3);
      expect(["approved", "draft"]).toContain(after.status);
      expect(await historyCount(submitted.id)).toBe(1);
    });

    it.runIf(dialect === "postgres")(
      "refuses the loser of a race with a version conflict even when neither client sent a version",
      async () => {
        const submitted = await givenItem(actors.base, "submitted", 2);
        knobs.meet = meeting(2);
        const results = await Promise.allSettled([
          step(actors.bureau, { id: submitted.id, action: "approve" }),
          step(actors.bureau, { id: submitted.id, action: "approve" }),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(failed.map((r) => (r.reason as DomainError).code)).toEqual(["VERSION_CONFLICT"]);
        expect(await item(submitted.id)).toMatchObject({ status: "approved", version: 3 });
        expect(await historyCount(submitted.id)).toBe(1);
        expect(await auditFor(submitted.id)).toHaveLength(1);
      },
    );
  });

  describe("guards and effects", () => {
    it("stops the step when its guard refuses, and writes nothing", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      const auditBefore = await db().selectFrom("auditEvents").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      knobs.blockApproval = ["教学管理制度"];
      const err = await codeOf(step(actors.bureau, { id: submitted.id, action: "approve", comment: "同意" }));
      expect(err).toEqual({ code: "VALIDATION_FAILED", details: { missing: ["教学管理制度"] } });
      expect(await item(submitted.id)).toMatchObject({ status: "submitted", version: 2, updatedAt: null });
      expect(await historyCount(submitted.id)).toBe(0);
      expect(await auditFor(submitted.id)).toHaveLength(0);
      const auditAfter = await db().selectFrom("auditEvents").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    });

    it("lets the step through once the guard is satisfied", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      knobs.blockApproval = ["教学管理制度"];
      await codeOf(step(actors.bureau, { id: submitted.id, action: "approve" }));
      knobs.blockApproval = null;
      expect((await step(actors.bureau, { id: submitted.id, action: "approve" })).to).toBe("approved");
    });

    it("undoes the status change when the step's effect fails", async () => {
      const approved = await givenItem(actors.base, "approved", 4);
      knobs.failArchive = true;
      await expect(step(actors.bureau, { id: approved.id, action: "archive" })).rejects.toThrow("archive store unavailable");
      expect(await item(approved.id)).toMatchObject({ status: "approved", version: 4, updatedAt: null });
      expect(await historyCount(approved.id)).toBe(0);
      expect(await auditFor(approved.id)).toHaveLength(0);
    });
  });

  describe("available actions", () => {
    it("offers the base staff of the item's organization only the submit of a draft", async () => {
      const draft = await givenItem(actors.base);
      expect(await actionsFor(actors.base, draft)).toEqual(["submit"]);
      expect(await actionsFor(actors.bureau, draft)).toEqual([]);
    });

    it("offers the bureau approve and return on a submitted item, and nothing to its base staff", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      expect(await actionsFor(actors.bureau, submitted)).toEqual(["approve", "return"]);
      expect(await actionsFor(actors.base, submitted)).toEqual([]);
    });

    it("offers nothing to an actor out of scope, without a grant, or not signed in", async () => {
      const draft = await givenItem(actors.base);
      expect(await actionsFor(actors.base2, draft)).toEqual([]);
      expect(await actionsFor(actors.expert1, draft)).toEqual([]);
      expect(await actionsFor(null, draft)).toEqual([]);
    });

    it("offers nothing to a role the transition does not name, even with a grant in the table", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      expect(await actionsFor(actors.supervisor, submitted)).toEqual([]);
    });

    it("leaves out a step whose guard would refuse now", async () => {
      const submitted = await givenItem(actors.base, "submitted", 2);
      knobs.blockApproval = ["培训经费管理制度"];
      expect(await actionsFor(actors.bureau, submitted)).toEqual(["return"]);
    });

    it("offers exactly the steps that then succeed", async () => {
      const approved = await givenItem(actors.base, "approved", 3);
      const offered = await actionsFor(actors.bureau, approved);
      expect(offered).toEqual(["return", "archive"]);
      for (const action of offered) {
        const fresh = await givenItem(actors.base, "approved", 3);
        expect((await step(actors.bureau, { id: fresh.id, action })).from).toBe("approved");
      }
    });
  });
});

describe("declaring a workflow", () => {
  const base = {
    resourceType: "demoItem",
    table: "demo_items",
    initial: "draft",
    scopeOf: (r: DemoItem) => ({ orgId: r.orgId }),
  };
  const t = (from: string | string[], action: string, article = "第五条"): Transition<DemoItem> => ({ from, action, to: "x", roles: ["bureau"], article });

  it("refuses the same action declared twice from the same status", () => {
    expect(() => defineWorkflow<DemoItem>({ ...base, transitions: [t("draft", "submit"), t("draft", "submit")] })).toThrow(
      /duplicate transition draft:submit/,
    );
  });

  it("refuses a duplicate hidden in a list of source statuses", () => {
    expect(() => defineWorkflow<DemoItem>({ ...base, transitions: [t(["submitted", "approved"], "return"), t("approved", "return")] })).toThrow(
      /duplicate transition approved:return/,
    );
  });

  it("refuses a transition that cites no article", () => {
    expect(() => defineWorkflow<DemoItem>({ ...base, transitions: [t("draft", "submit", "")] })).toThrow(/submit cites no article/);
  });

  it("accepts one action from several statuses and several actions from one status", () => {
    const ok = defineWorkflow<DemoItem>({ ...base, transitions: [t("draft", "submit"), t("submitted", "submit"), t("draft", "withdraw")] });
    expect(ok.transitions).toHaveLength(3);
  });
});
