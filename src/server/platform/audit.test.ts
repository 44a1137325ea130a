// The keyed audit chain (issue 10 item 1): appends link each entry to the one before under a key
// derived from the master secret; the database refuses UPDATE and DELETE on audit rows; and an attacker
// who drops those triggers and edits an entry, re-links the chain with SHA-256 or with a key of their
// own, or deletes the newest entries, is found by verifyAuditChain, which names what happened and where.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../../../test/support/harness.js";
import { dropAuditTriggers } from "../../../test/support/audit-tamper.js";
import { appendAudit, entryHash, keyedEntryHash, verifyAuditChain } from "./audit.js";
import { createAuditKeys, type AuditKeys } from "./audit-keys.js";
import { checkpointFileOf } from "./audit-checkpoints.js";
import { sealAuditChain } from "./audit-seal.js";
import type { Actor, Ctx } from "./context.js";
import fs from "node:fs";

const GENESIS = "0".repeat(64);

describe.each(dialects)("audit chain on %s", (dialect) => {
  let server: TestServer;
  const p = () => server.app.platform;
  const db = () => server.app.platform.db;
  const ctx = (actor: Actor | null = null, ip: string | null = null): Ctx => ({ ...p(), actor, ip });
  const rows = () => db().selectFrom("auditEvents").selectAll().orderBy("seq").execute();
  const row = (seq: number) => db().selectFrom("auditEvents").selectAll().where("seq", "=", seq).executeTakeFirstOrThrow();
  const fieldsOf = ({ prevHash: _p, hash: _h, ...f }: Awaited<ReturnType<typeof row>>) => ({ ...f, seq: Number(f.seq) });

  async function append(n: number, action = "test.event"): Promise<number[]> {
    const seqs: number[] = [];
    for (let i = 0; i < n; i++) seqs.push(await appendAudit(db(), ctx(), { action, resourceType: "test", resourceId: `r${i}`, detail: { i, note: `entry ${i}` } }));
    return seqs;
  }

  beforeAll(async () => {
    server = await startServer(dialect, {}, { demo: false });
    await append(6);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("links every entry to the one before under the audit key, from the genesis hash", async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all[0].prevHash).toBe(GENESIS);
    all.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      if (i > 0) expect(r.prevHash).toBe(all[i - 1].hash);
      expect(r.hash).toBe(keyedEntryHash(p().secrets.audit, r.prevHash, fieldsOf(r)));
      // not the unkeyed hash anyone with the table could recompute
      expect(r.hash).not.toBe(entryHash(r.prevHash, fieldsOf(r)));
    });
  });

  it("numbers appended entries one after the other and records who, what and where", async () => {
    const before = (await rows()).length;
    const actor: Actor = { id: "u-1", username: "bureau", displayName: "陈静", orgId: "o-1", roles: ["bureau"] };
    const seq = await appendAudit(db(), ctx(actor, "10.0.0.7"), { action: "organization.update", resourceType: "organization", resourceId: "o-9", detail: { z: 1, a: { y: 2, b: [3, "四"] } } });
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

  it("finds an untouched log intact, in one pass or in batches, keyed from the first entry", async () => {
    const count = (await rows()).length;
    const intact = { intact: true, checked: count, firstBrokenSeq: null, problem: null, keyedFrom: 1, keyChecked: true };
    expect(await verifyAuditChain(p())).toMatchObject(intact);
    expect(await verifyAuditChain(p(), 2)).toMatchObject(intact);
  });

  it("refuses UPDATE and DELETE of audit rows and checkpoints in the database itself", async () => {
    const before = await rows();
    await expect(db().updateTable("auditEvents").set({ detail: '{"forged":true}' }).where("seq", "=", 2).execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    await expect(db().deleteFrom("auditEvents").where("seq", "=", before.length).execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    await expect(db().updateTable("auditChain").set({ keyedFrom: 99 }).execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    expect((await sealAuditChain(p(), "scheduled")).written).not.toBeNull();
    await expect(db().deleteFrom("auditCheckpoints").execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    if (dialect === "postgres") {
      await expect(sql`truncate table audit_events`.execute(db())).rejects.toThrow(/AUDIT_APPEND_ONLY/);
      await expect(sql`truncate table audit_checkpoints`.execute(db())).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    }
    expect(await rows()).toEqual(before);
    expect((await verifyAuditChain(p())).intact).toBe(true);
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
    expect(await verifyAuditChain(p())).toMatchObject({ intact: true, checked: before + 8 });
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
    expect((await verifyAuditChain(p())).intact).toBe(true);
  });
});

describe.each(dialects)("an attacker with write access to the %s database", (dialect) => {
  let server: TestServer;
  const p = () => server.app.platform;
  const db = () => server.app.platform.db;
  const ctx = (): Ctx => ({ ...p(), actor: null, ip: null });
  const rows = () => db().selectFrom("auditEvents").selectAll().orderBy("seq").execute();
  const checkpointsNow = () => db().selectFrom("auditCheckpoints").selectAll().orderBy("seq").execute();
  type Row = Awaited<ReturnType<typeof rows>>[number];
  const fieldsOf = ({ prevHash: _p, hash: _h, ...f }: Row) => ({ ...f, seq: Number(f.seq) });
  const verify = () => verifyAuditChain(p());
  let sealedSeq = 0;

  const append = async (n: number) => {
    for (let i = 0; i < n; i++) await appendAudit(db(), ctx(), { action: "test.event", resourceType: "test", resourceId: `r${i}`, detail: { i, note: `entry ${i}` } });
  };

  /** Re-links every entry from `fromSeq` to the end with the attacker's own link function. */
  async function relink(fromSeq: number, link: (prevHash: string, r: Row) => string, edit: (r: Row) => Partial<Row> = () => ({})) {
    const all = await rows();
    let prevHash = all[fromSeq - 2]?.hash ?? GENESIS;
    for (const r of all.filter((x) => Number(x.seq) >= fromSeq)) {
      const edited = { ...r, ...edit(r), prevHash };
      const hash = link(prevHash, edited);
      await db().updateTable("auditEvents").set({ ...edit(r), prevHash, hash }).where("seq", "=", Number(r.seq)).execute();
      prevHash = hash;
    }
  }

  /** Runs a tampering, checks, then puts the trail (entries, checkpoints, the checkpoint file) back as it was. */
  async function tampered<T>(tamper: () => Promise<void>, check: () => Promise<T>): Promise<T> {
    const [entries, cps] = [await rows(), await checkpointsNow()];
    const file = checkpointFileOf(p().config.dataDir);
    const fileText = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    try {
      await tamper();
      return await check();
    } finally {
      await db().deleteFrom("auditEvents").execute();
      await db().deleteFrom("auditCheckpoints").execute();
      for (const r of entries) await db().insertInto("auditEvents").values(r).execute();
      for (const c of cps) await db().insertInto("auditCheckpoints").values(c).execute();
      if (fileText !== null) fs.writeFileSync(file, fileText);
    }
  }

  beforeAll(async () => {
    server = await startServer(dialect, {}, { demo: false });
    await append(8);
    const sealed = await sealAuditChain(p(), "scheduled");
    sealedSeq = sealed.written!.seq;
    await append(4); // a tail after the latest checkpoint
    await dropAuditTriggers(db(), dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("finds the trail intact before anything is touched, against the signed checkpoint", async () => {
    expect(await verify()).toMatchObject({ intact: true, checkpoints: 2 }); // the row and the file line
  });

  it("names an edited entry 'edited' at that entry", async () => {
    const verdict = await tampered(
      () => db().updateTable("auditEvents").set({ detail: '{"i":2,"note":"nothing happened"}' }).where("seq", "=", 3).execute().then(() => undefined),
      verify,
    );
    expect(verdict).toMatchObject({ intact: false, problem: "edited", firstBrokenSeq: 3, checked: 2 });
    expect((await verify()).intact).toBe(true);
  });

  it("names an edited entry whose own hash was replaced 'edited', even the newest", async () => {
    const last = Number((await rows()).at(-1)!.seq);
    const verdict = await tampered(() => db().updateTable("auditEvents").set({ hash: "f".repeat(64) }).where("seq", "=", last).execute().then(() => undefined), verify);
    expect(verdict).toMatchObject({ intact: false, problem: "edited", firstBrokenSeq: last });
  });

  it("names a chain edited and re-linked with SHA-256 from that entry on 'recomputed'", async () => {
    const verdict = await tampered(
      () => relink(sealedSeq + 2, (prev, r) => entryHash(prev, fieldsOf(r)), (r) => (Number(r.seq) === sealedSeq + 2 ? { actorName: "someone-else" } : {})),
      verify,
    );
    expect(verdict).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: sealedSeq + 2 });
  });

  it("names a chain re-linked under a key of the attacker's own 'recomputed'", async () => {
    const theirs: AuditKeys = createAuditKeys(randomBytes(32));
    const verdict = await tampered(
      () => relink(sealedSeq + 1, (prev, r) => keyedEntryHash(theirs, prev, fieldsOf(r)), (r) => (Number(r.seq) === sealedSeq + 1 ? { detail: '{"rewritten":true}' } : {})),
      verify,
    );
    expect(verdict).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: sealedSeq + 1 });
  });

  it("names a re-linked chain 'recomputed' where a signed checkpoint disagrees, from the entry after the last that agrees", async () => {
    const theirs = createAuditKeys(randomBytes(32));
    // Re-linked from entry 4, which lies before the checkpoint at sealedSeq; the newest entry alone is checked by its link.
    const verdict = await tampered(() => relink(4, (prev, r) => keyedEntryHash(theirs, prev, fieldsOf(r)), (r) => (Number(r.seq) === 4 ? { action: "test.nothing" } : {})), verify);
    expect(verdict).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: 4 });
  });

  it("names the newest entries deleted 'truncated' at the first one gone, though the checkpoint rows go with them", async () => {
    const cut = sealedSeq - 2;
    const verdict = await tampered(async () => {
      await db().deleteFrom("auditEvents").where("seq", ">=", cut).execute();
      await db().deleteFrom("auditCheckpoints").execute(); // the file outside the database still holds it
    }, verify);
    expect(verdict).toMatchObject({ intact: false, problem: "truncated", firstBrokenSeq: cut, checked: cut - 1 });
  });

  it("names a deleted middle entry 'missing' at the missing seq", async () => {
    const verdict = await tampered(() => db().deleteFrom("auditEvents").where("seq", "=", 4).execute().then(() => undefined), verify);
    expect(verdict).toMatchObject({ intact: false, problem: "missing", firstBrokenSeq: 4, checked: 3 });
  });

  it("names later entries renumbered to close a gap 'edited' where the link no longer holds", async () => {
    const verdict = await tampered(async () => {
      const later = (await rows()).filter((r) => Number(r.seq) > 4);
      await db().deleteFrom("auditEvents").where("seq", ">=", 4).execute();
      for (const r of later) await db().insertInto("auditEvents").values({ ...r, seq: Number(r.seq) - 1 }).execute();
    }, verify);
    expect(verdict).toMatchObject({ intact: false, problem: "edited", firstBrokenSeq: 4, checked: 3 });
  });

  it("names a forged checkpoint row 'recomputed' at its seq", async () => {
    const last = (await rows()).at(-1)!;
    const verdict = await tampered(
      () =>
        db()
          .insertInto("auditCheckpoints")
          .values({ seq: Number(last.seq), hash: last.hash, at: new Date().toISOString(), keyId: p().secrets.audit.checkpointKeyId, keyedFrom: 1, reason: "scheduled", signature: Buffer.alloc(64).toString("base64") })
          .execute()
          .then(() => undefined),
      verify,
    );
    expect(verdict).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: Number(last.seq) });
  });

  it("never signs a checkpoint over a tail that fails verification", async () => {
    const outcome = await tampered(() => db().updateTable("auditEvents").set({ detail: '{"x":1}' }).where("seq", "=", sealedSeq + 3).execute().then(() => undefined), () => sealAuditChain(p(), "scheduled"));
    expect(outcome).toMatchObject({ written: null, reason: "broken", problem: "edited", seq: sealedSeq + 3 });
  });
});
