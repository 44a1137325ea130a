// Backup and restore (`cebase backup FILE`, `cebase restore FILE`): the full demo taken while serving
// comes back whole in an empty target, with its audit chain and certificate signatures intact.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { backupDatabase, countRows, restoreDatabase } from "../../src/server/platform/backup.js";
import { configFromEnv, type AppConfig } from "../../src/server/platform/config.js";
import { openDb, type DialectName } from "../../src/server/platform/db.js";
import { verifyAuditChain } from "../../src/server/platform/audit.js";
import { dialects, onPgServer, startServer, type TestServer } from "../support/harness.js";

type Target = Pick<AppConfig, "dataDir" | "databaseUrl" | "pgSchema">;

const tsx = path.resolve("node_modules/.bin/tsx");
const main = path.resolve("src/server/main.ts");

describe.each(dialects)("backup and restore on %s", { timeout: 240_000 }, (dialect: DialectName) => {
  let s: TestServer;
  let work: string;
  const databases: string[] = [];
  beforeAll(async () => {
    s = await startServer(dialect, {}, { deliveryDemo: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-backup-"));
  }, 240_000);
  afterAll(async () => {
    await s.close();
    for (const name of databases) await onPgServer(`drop database if exists "${name}" with (force)`);
    fs.rmSync(work, { recursive: true, force: true });
  });

  const source = (): Target => s.app.platform.config;
  /** An empty data directory holding only the master key (copied as the README says), and for PostgreSQL a new database. */
  async function emptyTarget(): Promise<Target> {
    const dataDir = fs.mkdtempSync(path.join(work, "target-"));
    fs.copyFileSync(path.join(source().dataDir, "secret.key"), path.join(dataDir, "secret.key"));
    if (dialect === "sqlite") return { dataDir };
    const name = `cebase_restore_${randomBytes(4).toString("hex")}`;
    await onPgServer(`create database "${name}"`);
    databases.push(name);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    // The dump restores into the schema it was taken from: the same name, in the new database.
    return { dataDir, databaseUrl: url.toString(), pgSchema: source().pgSchema };
  }
  async function rowsOf(target: Target): Promise<Record<string, number>> {
    const handle = openDb(target);
    try {
      return await countRows(handle.db, dialect, target.pgSchema);
    } finally {
      await handle.close();
    }
  }
  const backupFile = () => path.join(work, `cebase-${randomBytes(4).toString("hex")}.backup`);

  it("restores the demo taken while serving: every row, an intact audit chain, certificates that verify", async () => {
    const file = backupFile();
    // Taken while the server answers requests.
    const [, busy] = await Promise.all([backupDatabase(source(), file), s.client().get("/api/v1/public/signing-key")]);
    expect(busy.status).toBe(200);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const target = await emptyTarget();
    const report = await restoreDatabase(target, file);
    expect(report).toMatchObject({ dialect, hasMasterKey: true, foreignKeyIds: [], audit: { intact: true } });

    const before = await rowsOf(source());
    const after = await rowsOf(target);
    expect(Object.keys(after).length).toBeGreaterThan(30);
    expect(after).toEqual(before);
    expect(after.certificates).toBeGreaterThan(100);
    expect(report.audit.checked).toBe(before.audit_events);

    const restored = await buildApp(configFromEnv({ NODE_ENV: "test" }, { ...target, logLevel: "silent", jobIntervalMs: 0, testClock: true }));
    try {
      expect((await verifyAuditChain(restored.platform)).intact).toBe(true);
      const cert = await restored.platform.db.selectFrom("certificates").select("serial").where("status", "=", "valid").executeTakeFirstOrThrow();
      const res = await restored.app.inject({ method: "GET", url: `/api/v1/public/certificates/${encodeURIComponent(cert.serial)}` });
      expect(res.json()).toMatchObject({ valid: true, signatureValid: true, serial: cert.serial });
    } finally {
      await restored.close();
    }
  });

  it("refuses to restore into a database that is not empty, and changes nothing", async () => {
    const file = backupFile();
    await backupDatabase(source(), file);
    const before = await rowsOf(source());
    await expect(restoreDatabase(source(), file)).rejects.toThrow(/is not empty .* restore only into an empty database/);
    expect(await rowsOf(source())).toEqual(before);
  });

  it("refuses to overwrite an existing backup file", async () => {
    const file = backupFile();
    fs.writeFileSync(file, "keep me");
    await expect(backupDatabase(source(), file)).rejects.toThrow(/exists; backup does not overwrite/);
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
  });

  it.runIf(dialect === "sqlite")("backs up and restores through the cebase command, refusing a second restore in one line", async () => {
    const run = (dataDir: string, ...args: string[]) =>
      spawnSync(tsx, [main, ...args], { env: { ...process.env, CEBASE_DATA_DIR: dataDir, NODE_ENV: "production" }, encoding: "utf8" });
    const file = backupFile();
    const made = run(source().dataDir, "backup", file);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain("backup written");
    const target = await emptyTarget();
    const restored = run(target.dataDir, "restore", file);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored \d+ tables, \d+ rows \(sqlite\)/);
    expect(restored.stdout).toMatch(/audit chain intact: \d+ entries/);
    expect(restored.stderr).toBe("");
    expect(await rowsOf(target)).toEqual(await rowsOf(source()));
    const again = run(target.dataDir, "restore", file);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toContain("restore only into an empty database");
  });
});
