// A database from before the keyed chain (issue 10 item 1): its SHA-256 entries are not rewritten.
// Migration 007 records where the keyed chain begins; the old segment stays verifiable by its SHA-256
// links, and re-hashing it (which needs no key) is found where it meets the keyed chain, or at a
// signed checkpoint over it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../app.js";
import { migrations } from "../db/migrations/index.js";
import { dialects } from "../../../test/support/harness.js";
import { dropAuditTriggers } from "../../../test/support/audit-tamper.js";
import { configFromEnv } from "./config.js";
import { createPgSchema, dropPgSchema, migrateToLatest, openDb } from "./db.js";
import { appendAudit, entryHash, verifyAuditChain } from "./audit.js";
import { signCheckpoint } from "./audit-checkpoints.js";

const GENESIS = "0".repeat(64);
const LEGACY = 5;

describe.each(dialects)("an audit log from before the keyed chain, on %s", (dialect) => {
  let app: App;
  let dataDir: string;
  let pgSchema: string | undefined;
  const db = () => app.platform.db;
  const rows = () => db().selectFrom("auditEvents").selectAll().orderBy("seq").execute();
  type Row = Awaited<ReturnType<typeof rows>>[number];
  const fieldsOf = ({ prevHash: _p, hash: _h, ...f }: Row) => ({ ...f, seq: Number(f.seq) });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-legacy-"));
    pgSchema = dialect === "postgres" ? `t_${randomBytes(6).toString("hex")}` : undefined;
    if (pgSchema) await createPgSchema(process.env.TEST_DATABASE_URL!, pgSchema);
    const target = { dataDir, databaseUrl: dialect === "postgres" ? process.env.TEST_DATABASE_URL : undefined, pgSchema };
    // The schema as it was before migration 007, with five entries linked by SHA-256.
    const old = openDb(target);
    const migrator = new Migrator({ db: old.db, provider: { getMigrations: async () => migrations }, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
    const { error } = await migrator.migrateTo("006_password_policy");
    if (error) throw error;
    let prevHash = GENESIS;
    for (let seq = 1; seq <= LEGACY; seq++) {
      const fields = { seq, at: `2026-01-0${seq}T08:00:00.000Z`, actorId: null, actorName: "bureau", action: "legacy.event", resourceType: "test", resourceId: `l${seq}`, detail: `{"n":${seq}}`, ip: null };
      const hash = entryHash(prevHash, fields);
      await old.db.insertInto("auditEvents").values({ ...fields, prevHash, hash }).execute();
      prevHash = hash;
    }
    await migrateToLatest(old.db, pgSchema);
    await old.close();
    app = await buildApp(configFromEnv({ NODE_ENV: "test" }, { ...target, logLevel: "silent", jobIntervalMs: 0, testClock: true, auditCheckpointMinutes: 0, scryptN: 1024 }));
    for (let i = 0; i < 3; i++) await appendAudit(db(), { ...app.platform, actor: null, ip: null }, { action: "test.keyed", resourceType: "test", detail: { i } });
  });
  afterAll(async () => {
    await app?.close();
    if (pgSchema) await dropPgSchema(process.env.TEST_DATABASE_URL!, pgSchema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps the old entries as they were and begins the keyed chain after them", async () => {
    const all = await rows();
    expect(all.slice(0, LEGACY).map((r) => r.action)).toEqual(Array(LEGACY).fill("legacy.event"));
    expect(all[LEGACY].prevHash).toBe(all[LEGACY - 1].hash); // one chain across the boundary
    expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: true, keyedFrom: LEGACY + 1, checked: all.length, problem: null });
  });

  it("names an old entry edited in place 'edited' at that entry", async () => {
    await dropAuditTriggers(db(), dialect);
    const original = await rows();
    try {
      await db().updateTable("auditEvents").set({ detail: '{"n":99}' }).where("seq", "=", 3).execute();
      expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: false, problem: "edited", firstBrokenSeq: 3 });
    } finally {
      await db().updateTable("auditEvents").set({ detail: original[2].detail }).where("seq", "=", 3).execute();
    }
  });

  it("names the old segment re-hashed with SHA-256 'recomputed', where it meets the keyed chain or at a checkpoint over it", async () => {
    const original = await rows();
    const rehash = async () => {
      let prevHash = original[0].hash;
      for (const r of original.slice(1, LEGACY)) {
        const edit = Number(r.seq) === 2 ? { actorName: "someone-else" } : {};
        const hash = entryHash(prevHash, fieldsOf({ ...r, ...edit }));
        await db().updateTable("auditEvents").set({ ...edit, prevHash, hash }).where("seq", "=", Number(r.seq)).execute();
        prevHash = hash;
      }
      await db().updateTable("auditEvents").set({ prevHash }).where("seq", "=", LEGACY + 1).execute();
    };
    const restore = async () => {
      for (const r of original.slice(1, LEGACY + 1)) await db().updateTable("auditEvents").set(r).where("seq", "=", Number(r.seq)).execute();
    };
    try {
      await rehash();
      expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: LEGACY + 1 });
      // A checkpoint signed over the old head (the first one, when sealed before any keyed entry) names it earlier.
      const cp = signCheckpoint(app.platform.secrets.audit, { seq: LEGACY, hash: original[LEGACY - 1].hash, at: new Date().toISOString(), keyedFrom: LEGACY + 1, reason: "scheduled" });
      await db().insertInto("auditCheckpoints").values(cp).execute();
      expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: 1 });
    } finally {
      await restore();
    }
    expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: true, checkpoints: 1 });
  });

  it("names a boundary moved to pass re-hashed keyed entries off as old ones 'recomputed'", async () => {
    await db().updateTable("auditChain").set({ keyedFrom: LEGACY + 3 }).execute();
    try {
      // the checkpoint signed over the old head (previous test) names the boundary it was sealed with
      expect(await verifyAuditChain(app.platform)).toMatchObject({ intact: false, problem: "recomputed", firstBrokenSeq: LEGACY + 1 });
    } finally {
      await db().updateTable("auditChain").set({ keyedFrom: LEGACY + 1 }).execute();
    }
  });
});
