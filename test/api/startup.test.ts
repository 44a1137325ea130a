// `cebase start` as an operator runs it, in a child process: migrate, load the demo, listen, and only
// then run scheduled jobs. A start that fails exits 1 with one line on stderr and leaves no job lease
// behind. The port-in-use case runs on both databases (on PostgreSQL the open pool kept a failed start
// alive, running jobs); the others on SQLite, where a trigger makes the demo load fail.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the build script is plain JavaScript without type declarations
import { build } from "../../scripts/build.mjs";
import { migrateToLatest, openDb, type DialectName } from "../../src/server/platform/db.js";
import { dialects, onPgServer } from "../support/harness.js";

const bin = path.resolve("bin/cebase.mjs");

interface Started {
  child: ChildProcess;
  dataDir: string;
  port: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cebase-startup-"));
}

/** Runs `cebase start` as `npm start` does; jobs every 200 ms, so one that runs too early is seen. */
function startCebase(dataDir: string, port: number, env: Record<string, string> = {}): Started {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|DATABASE_URL|CEBASE_|LOG_LEVEL|PORT$|HOST$)/.test(k)),
  ) as Record<string, string>;
  const child = spawn(process.execPath, [bin, "start"], {
    env: {
      ...base,
      CEBASE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      CEBASE_DEMO: "1",
      CEBASE_SCRYPT_N: "1024",
      CEBASE_JOB_INTERVAL_SECONDS: "0.2",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, dataDir, port, stdout: () => out, stderr: () => err, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exitWithin(s: Started, timeoutMs: number): Promise<number | null> {
  return Promise.race([
    s.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms\nstdout:\n${s.stdout()}\nstderr:\n${s.stderr()}`)), timeoutMs).unref()),
  ]);
}

/** A database of its own for one start: SQLite in the data directory, or a fresh PostgreSQL database. */
interface StartDatabase {
  env: Record<string, string>;
  jobLeaseCount(): Promise<number>;
  drop(): Promise<void>;
}

async function freshDatabase(dialect: DialectName, dataDir: string): Promise<StartDatabase> {
  if (dialect === "sqlite") return { env: {}, jobLeaseCount: async () => jobLeaseCount(dataDir), drop: async () => undefined };
  const name = `cebase_startup_${randomBytes(5).toString("hex")}`;
  await onPgServer(`create database "${name}"`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async jobLeaseCount() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return Number((await client.query("select count(*) as n from job_leases")).rows[0].n);
      } finally {
        await client.end();
      }
    },
    drop: () => onPgServer(`drop database if exists "${name}" with (force)`),
  };
}

function jobLeaseCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, "cebase.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare("select count(*) as n from job_leases").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

const logLines = (s: Started) => s.stdout().split("\n").filter(Boolean);
const lineIndex = (s: Started, pattern: RegExp) => logLines(s).findIndex((l) => pattern.test(l));
const JOB_RAN = /"msg":"job ran"/;

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

// One build up front (tsc, and vite when the web app is stale), so each start below only starts.
beforeAll(() => build({ server: true, web: true, quiet: true }), 300_000);
afterAll(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("a start that fails", { timeout: 90_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it.each(dialects)("exits 1 with one line naming the address when the port is in use, and runs no job (%s)", async (dialect) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const db = await freshDatabase(dialect, dataDir);
    try {
      const s = startCebase(dataDir, port, { CEBASE_DEMO: "0", ...db.env });
      expect(await exitWithin(s, 60_000)).toBe(1);
      expect(s.stderr().trimEnd().split("\n")).toEqual([`cebase: cannot listen on 127.0.0.1:${port}: address in use`]);
      expect(lineIndex(s, JOB_RAN)).toBe(-1);
      expect(await db.jobLeaseCount()).toBe(0);
    } finally {
      await new Promise((r) => blocker.close(r));
      await db.drop();
    }
  });

  it("exits 1 with one line when the demo data fails to load, never serving and never running a job", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    // A migrated, empty database whose first demo write the database itself refuses.
    const handle = openDb({ dataDir });
    await migrateToLatest(handle.db);
    await handle.close();
    const raw = new Database(path.join(dataDir, "cebase.sqlite"));
    raw.exec("create trigger refuse_demo before insert on organizations begin select raise(abort, 'refused by the start-up test'); end");
    raw.close();
    const port = await freePort();
    const s = startCebase(dataDir, port);
    expect(await exitWithin(s, 60_000)).toBe(1);
    expect(s.stderr().trimEnd().split("\n")).toEqual(["cebase: demo data failed to load: refused by the start-up test"]);
    expect(lineIndex(s, /cebase listening on/)).toBe(-1);
    expect(lineIndex(s, JOB_RAN)).toBe(-1);
    expect(jobLeaseCount(dataDir)).toBe(0);
    expect(await isListening(port)).toBe(false);
  });

  it("exits 1 with one line when the data directory cannot be made", async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const notADir = path.join(dir, "a-file");
    fs.writeFileSync(notADir, "");
    const s = startCebase(notADir, await freePort());
    expect(await exitWithin(s, 60_000)).toBe(1);
    const lines = s.stderr().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cebase: cannot open the database or the master key: .*a-file/);
  });
});

describe("a start that succeeds", { timeout: 90_000 }, () => {
  let s: Started;
  beforeAll(async () => {
    s = startCebase(tempDataDir(), await freePort());
    await waitFor("the listening line", () => lineIndex(s, /cebase listening on/) >= 0 || s.child.exitCode !== null, 120_000);
  }, 150_000);
  afterAll(() => fs.rmSync(s.dataDir, { recursive: true, force: true }));

  it("loads the demo, then listens and answers /api/v1/health", async () => {
    expect(s.stderr()).toBe("");
    expect(s.stdout()).toContain(`cebase listening on http://127.0.0.1:${s.port} (database: sqlite)`);
    expect(lineIndex(s, /demo data loaded/)).toBeGreaterThanOrEqual(0);
    expect(lineIndex(s, /demo data loaded/)).toBeLessThan(lineIndex(s, /cebase listening on/));
    const res = await fetch(`http://127.0.0.1:${s.port}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "sqlite" });
  });

  it("runs scheduled jobs only once the server listens, never beside demo seeding", async () => {
    await waitFor("a scheduled job run", () => lineIndex(s, JOB_RAN) >= 0, 30_000);
    const listening = lineIndex(s, /cebase listening on/);
    expect(listening).toBeGreaterThanOrEqual(0);
    expect(lineIndex(s, JOB_RAN)).toBeGreaterThan(listening);
    expect(jobLeaseCount(s.dataDir)).toBeGreaterThan(0);
    expect(s.stdout()).not.toContain("scheduled job failed");
  });

  it("on SIGTERM stops the jobs, closes the server and the database, and exits 0", async () => {
    s.child.kill("SIGTERM");
    expect(await exitWithin(s, 30_000)).toBe(0);
    expect(s.stderr()).toBe("");
    expect(s.stdout()).not.toContain("scheduled job failed");
    expect(await isListening(s.port)).toBe(false);
    // Closed cleanly: SQLite folded the write-ahead log back into the file.
    expect(fs.existsSync(path.join(s.dataDir, "cebase.sqlite-wal"))).toBe(false);
  });
});
