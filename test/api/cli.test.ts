// The operators' command: migrate, create the first accounts, verify the audit chain.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SQLITE_DROP_AUDIT_TRIGGERS } from "../support/audit-tamper.js";

const tsx = path.resolve("node_modules/.bin/tsx");
const main = path.resolve("src/server/main.ts");

// Each run starts a fresh process through tsx (~3 s): generous timeouts.
describe("cebase command", { timeout: 120_000 }, () => {
  let dataDir: string;
  const run = (...args: string[]) =>
    spawnSync(tsx, [main, ...args], { env: { ...process.env, CEBASE_DATA_DIR: dataDir, NODE_ENV: "production", CEBASE_SCRYPT_N: "1024" }, encoding: "utf8" });
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-cli-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("migrates an empty database and creates the first bureau organization and account", () => {
    expect(run("migrate").status).toBe(0);
    const bad = run("org", "create", "--name", "威海市人力资源和社会保障局", "--type", "bureau", "--credit-code", "11371000MB1234567X", "--region", "威海市", "--contact-name", "科室", "--contact-phone", "0631-5230000");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("INVALID_CREDIT_CODE");
    const org = run("org", "create", "--name", "威海市人力资源和社会保障局", "--type", "bureau", "--credit-code", "12371000000100010R", "--region", "威海市", "--contact-name", "科室", "--contact-phone", "0631-5230000");
    expect(org.status).toBe(0);
    const orgId = /organization created: (\S+)/.exec(org.stdout)![1];
    const weak = run("user", "create", "--username", "admin", "--name", "管理员", "--org", orgId, "--role", "bureau", "--password", "admin123");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("WEAK_PASSWORD");
    const user = run("user", "create", "--username", "admin", "--name", "管理员", "--org", orgId, "--role", "bureau", "--password", "First#Login2026");
    expect(user.status).toBe(0);
    expect(user.stdout).toContain("must change the password");
  });

  it("verifies an intact audit chain and names the first altered entry", () => {
    const ok = run("audit", "verify");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact: 2 entries/);
    const db = new Database(path.join(dataDir, "cebase.sqlite"));
    db.exec(SQLITE_DROP_AUDIT_TRIGGERS); // as someone with write access to the file would
    db.prepare("update audit_events set action = 'forged' where seq = 2").run();
    db.close();
    const broken = run("audit", "verify");
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("#2: edited");
  });

  it("prints usage for an unknown command and exits non-zero", () => {
    const res = run("frobnicate");
    expect(res.status).toBe(2);
    expect(res.stdout).toContain("cebase user create");
  });
});

