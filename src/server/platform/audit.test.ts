// The hash-chained audit log: appends link each entry to the one before, and any later edit,
// deletion or re-hash is found by verifyAuditChain at the first entry whose link no longer holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../../../test/support/harness.js";
import { appendAudit, entryHash, verifyAuditChain } from "./audit.js";
import type { Actor, Ctx } from "./context.js";

const GENESIS = "0".repeat(64);

describe.each(dialects)("audit chain on %s", (dialect) => {
  let server: TestServer;
  const db = () => server.app.platform.db;
  const ctx = (actor: Actor | null = null, ip: string | null = null): Ctx => ({ ...server.app.platform, actor, ip });

  const rows = () => db().selectFrom("auditEvents").selectAll().orderBy("seq").execute();
  const row = (seq: number) => db().selectFrom("auditEvents").selectAll().where("seq", "=", seq).executeTakeFirstOrThrow();

  /** Appends `n` entries and returns their seqs. */
  async function append(n: number, action = "test.event"): Promise<number[]> {
    const seqs: number[] = [];
    for (let i = 0; i < n; i++) {
      seqs.push(await appendAudit(db(), ctx(), { action, resourceType: "test", resourceId: `r${i}`, detail: { i, note: `entry ${i}` } }));
    }
    return seqs;
  }

  /** Runs a tampering, then puts the log back exactly as it was. */
  async function tampered<T>(seq: number, tamper: () => Promise<void>, check: () => Promise<T>): Promise<T> {
    const original = await rows();
    try {
      await tamper();
      return await check();
    } finally {
      await db().deleteFrom("auditEvents").where("seq", ">=", seq).execute();
      for (const r of original.filter((o) => Number(o.seq) >= seq)) await db().insertInto("auditEvents").values(r).execute();
    }
  }

  beforeAll(async () => {
    server = await startServer(dialect, {}, { demo: false });
    // the log starts from whatever the server wrote on start; give it a known tail
    await append(6);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("links every entry to the hash of the one before, from the genesis hash", async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all[0].prevHash).toBe(GENESIS);
    all.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(r.prevHash).toBe(all[i - 1].hash);
    });
    expect(new Set(all.map((r) => r.hash)).size).toBe(all.length);
  });

  it("numbers appended entries one after the other and records who, what and where", async () => {
    const before = (await rows()).length;
    const actor: Actor = { id: "u-1", username: "bureau", displayName: "陈静", orgId: "o-1", roles: ["bureau"] };
    const seq = await appendAudit(db(), ctx(actor, "10.0.0.7"), {
      action: "organization.update",
      resourceType: "organization",
      resourceId: "o-9",
      detail: { z: 1, a: { y: 2, b: [3, "四"] } },
    });
    expect(seq).toBe(before + 1);
    const r = await row(seq);
    expect(r).toMatchObject({ actorId: "u-1", actorName: "bureau", action: "organization.update", resourceType: "organization", resourceId: "o-9", ip: "10.0.0.7" });
    // canonical JSON: keys sorted at every level, so the hash does not depend on key order
    expect(r.detail).toBe('{"a":{"b":[3,"四"],"y":2},"z":1}');
    expect(r.prevHash).toBe((await row(seq - 1)).hash);
  });

  it("lets a caller name the actor of a failed sign-in", async () => {
    const seq = await appendAudit(db(), ctx(), { action: "auth.loginFailed", resourceType: "user", actorName: "nosuchuser" });
    expect(await row(seq)).toMatchObject({ actorId: null, actorName: "nosuchuser", resourceId: null, detail: "{}" });
  });

  it("finds an untouched log intact", async () => {
    const count = (await rows()).length;
    expect(await verifyAuditChain(db())).toEqual({ intact: true, checked: count, firstBrokenSeq: null });
  });

  it("walks the whole log in batches", async () => {
    const count = (await rows()).length;
    expect(await verifyAuditChain(db(), 2)).toEqual({ intact: true, checked: count, firstBrokenSeq: null });
  });

  it("detects an edited detail at the edited entry", async () => {
    const verdict = await tampered(
      3,
      async () => {
        await db().updateTable("auditEvents").set({ detail: '{"i":2,"note":"nothing happened"}' }).where("seq", "=", 3).execute();
      },
      () => verifyAuditChain(db()),
    );
    expect(verdict).toEqual({ intact: false, checked: 2, firstBrokenSeq: 3 });
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });

  it("detects an edited actor name at the edited entry", async () => {
    const verdict = await tampered(
      2,
      async () => {
        await db().updateTable("auditEvents").set({ actorName: "someone-else" }).where("seq", "=", 2).execute();
      },
      () => verifyAuditChain(db()),
    );
    expect(verdict).toMatchObject({ intact: false, firstBrokenSeq: 2 });
  });

  it("detects a deleted middle entry at the missing seq", async () => {
    const verdict = await tampered(
      4,
      async () => {
        await db().deleteFrom("auditEvents").where("seq", "=", 4).execute();
      },
      () => verifyAuditChain(db()),
    );
    expect(verdict).toEqual({ intact: false, checked: 3, firstBrokenSeq: 4 });
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });

  it("detects a deleted middle entry even when the later entries are renumbered to close the gap", async () => {
    const verdict = await tampered(
      4,
      async () => {
        const later = (await rows()).filter((r) => Number(r.seq) > 4);
        await db().deleteFrom("auditEvents").where("seq", ">=", 4).execute();
        for (const r of later) await db().insertInto("auditEvents").values({ ...r, seq: Number(r.seq) - 1 }).execute();
      },
      () => verifyAuditChain(db()),
    );
    // entry 4 is now the old entry 5: its stored prevHash names the deleted entry, not entry 3
    expect(verdict).toEqual({ intact: false, checked: 3, firstBrokenSeq: 4 });
  });

  it("detects an entry edited and re-hashed without re-linking the next, at the next entry", async () => {
    const verdict = await tampered(
      3,
      async () => {
        const r = await row(3);
        const { prevHash, hash: _hash, ...fields } = r;
        const detail = '{"i":2,"note":"rewritten"}';
        const hash = entryHash(prevHash, { ...fields, seq: Number(fields.seq), detail });
        await db().updateTable("auditEvents").set({ detail, hash }).where("seq", "=", 3).execute();
      },
      () => verifyAuditChain(db()),
    );
    // entry 3 is consistent in itself; entry 4 still names the old hash of entry 3
    expect(verdict).toEqual({ intact: false, checked: 3, firstBrokenSeq: 4 });
  });

  it("detects a last entry whose hash was replaced", async () => {
    const last = (await rows()).at(-1)!;
    const seq = Number(last.seq);
    const verdict = await tampered(
      seq,
      async () => {
        await db().updateTable("auditEvents").set({ hash: "f".repeat(64) }).where("seq", "=", seq).execute();
      },
      () => verifyAuditChain(db()),
    );
    expect(verdict).toEqual({ intact: false, checked: seq - 1, firstBrokenSeq: seq });
  });

  it("keeps one unbroken chain when many transactions append at once", async () => {
    const before = (await rows()).length;
    const seqs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db()
          .transaction()
          .execute((trx) => appendAudit(trx, ctx(), { action: "test.concurrent", resourceType: "test", resourceId: `c${i}` })),
      ),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => before + 1 + i));
    expect(await verifyAuditChain(db())).toEqual({ intact: true, checked: before + 8, firstBrokenSeq: null });
  });

  it("leaves no entry behind when the transaction that appended it rolls back", async () => {
    const before = (await rows()).length;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await appendAudit(trx, ctx(), { action: "test.rolledBack", resourceType: "test" });
          throw new Error("boom");
        }),
    ).rejects.toThrow("boom");
    expect((await rows()).length).toBe(before);
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });
});
