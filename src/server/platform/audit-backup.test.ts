// A backup carries the sealed audit trail whole (issue 10 items 1 and 13): the keyed chain, its signed
// checkpoints and the triggers that refuse changes come back in the restored database, and restore
// verifies the chain with the master key in place.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, onPgServer, startServer, type TestServer } from "../../../test/support/harness.js";
import { appendAudit } from "./audit.js";
import { sealAuditChain } from "./audit-seal.js";
import { backupDatabase, restoreDatabase } from "./backup.js";
import { openDb } from "./db.js";

describe.each(dialects)("the audit trail through backup and restore on %s", (dialect) => {
  let s: TestServer;
  let work: string;
  let database: string | null = null;
  beforeAll(async () => {
    s = await startServer(dialect, {}, { demo: false });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-audit-backup-"));
  });
  afterAll(async () => {
    await s?.close();
    if (database) await onPgServer(`drop database if exists "${database}" with (force)`);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("restores the keyed chain with its checkpoint and its triggers, and verifies it with the key in place", async () => {
    const p = s.app.platform;
    for (let i = 0; i < 20; i++) await appendAudit(p.db, { ...p, actor: null, ip: null }, { action: "test.event", resourceType: "test", detail: { i } });
    expect((await sealAuditChain(p, "scheduled")).written).not.toBeNull();
    const file = path.join(work, "cebase.backup");
    await backupDatabase(p.config, file);

    const dataDir = fs.mkdtempSync(path.join(work, "target-"));
    fs.copyFileSync(path.join(p.config.dataDir, "secret.key"), path.join(dataDir, "secret.key"));
    let target: { dataDir: string; databaseUrl?: string; pgSchema?: string } = { dataDir };
    if (dialect === "postgres") {
      database = `cebase_audit_${randomBytes(4).toString("hex")}`;
      await onPgServer(`create database "${database}"`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${database}`;
      target = { dataDir, databaseUrl: url.toString(), pgSchema: p.config.pgSchema };
    }
    const report = await restoreDatabase(target, file);
    // the checkpoint file stays with the source's data directory; the database carries the checkpoint row
    expect(report.audit).toMatchObject({ intact: true, keyChecked: true, checkpoints: 1, problem: null });

    const restored = openDb(target);
    try {
      await expect(restored.db.deleteFrom("auditEvents").execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
      await expect(restored.db.deleteFrom("auditCheckpoints").execute()).rejects.toThrow(/AUDIT_APPEND_ONLY/);
    } finally {
      await restored.close();
    }
  });
});
