// Real `cebase start` processes (the compiled server, as an operator runs it) on a data directory and
// a database that outlive them, so a test can SIGKILL one, start it again on the same data and read
// what survived. A world is one data directory and one database: SQLite in the directory, or a fresh
// PostgreSQL database of its own (made and dropped here). Used by the crash and two-instance tests.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
// @ts-expect-error: the build script is plain JavaScript without type declarations
import { build } from "../../scripts/build.mjs";
import { buildApp, type App } from "../../src/server/app.js";
import type { Database } from "../../src/server/db/schema.js";
import { configFromEnv } from "../../src/server/platform/config.js";
import { openDb, type DialectName } from "../../src/server/platform/db.js";
import { Client, onPgServer } from "./harness.js";

import { demoCode } from "./demo-code.js";

export { demoCode };

const main = path.resolve("dist/node/server/main.js");

/** The server only (tsc): these processes serve the API, the web app is not what they test. */
export function buildServer(): void {
  build({ server: true, web: false, quiet: true });
}

export interface World {
  dialect: DialectName;
  dataDir: string;
  /** What a process needs besides the defaults to open this world's database. */
  env: Record<string, string>;
  /** A handle of the test's own on the same database, for reading what survived. */
  db(): Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
  drop(): Promise<void>;
}

export async function freshWorld(dialect: DialectName): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-crash-"));
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (dialect === "postgres") {
    name = `cebase_crash_${randomBytes(5).toString("hex")}`;
    await onPgServer(`create database "${name}"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  return {
    dialect,
    dataDir,
    env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
    async db() {
      const handle = openDb({ dataDir, databaseUrl });
      return { db: handle.db, close: () => handle.close() };
    },
    async drop() {
      if (name) await onPgServer(`drop database if exists "${name}" with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app in the test's own process on the world's data, to prepare it through the API before any `cebase start`. */
export async function prepareWith<T>(world: World, fn: (app: App, client: (username?: string) => Promise<Client>) => Promise<T>): Promise<T> {
  const config = configFromEnv(
    { NODE_ENV: "test" },
    { dataDir: world.dataDir, databaseUrl: world.env.DATABASE_URL, logLevel: "silent", scryptN: 1024, webDir: undefined, jobIntervalMs: 0, loginRateLimit: { max: 1_000_000, windowMs: 60_000 } },
  );
  const app = await buildApp(config);
  try {
    const url = await app.app.listen({ port: 0, host: "127.0.0.1" });
    return await fn(app, async (username) => {
      const c = new Client(url, demoCode);
      if (username) {
        const res = await c.login(username);
        if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(res.body)}`);
      }
      return c;
    });
  } finally {
    await app.close();
  }
}

export interface Instance {
  child: ChildProcess;
  port: number;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGKILL, then waits until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits until the process is gone. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills whatever a failed test left running (call from afterAll). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    import("node:net").then(({ default: net }) => {
      const s = net.createServer().once("error", reject);
      s.listen(0, "127.0.0.1", () => {
        const { port } = s.address() as import("node:net").AddressInfo;
        s.close(() => resolve(port));
      });
    }, reject);
  });
}

function childEnv(world: World, env: Record<string, string>): Record<string, string> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|DATABASE_URL|CEBASE_|LOG_LEVEL|PORT$|HOST$)/.test(k))) as Record<string, string>;
  return {
    ...base,
    CEBASE_DATA_DIR: world.dataDir,
    CEBASE_WEB_DIR: path.join(world.dataDir, "no-web"),
    HOST: "127.0.0.1",
    CEBASE_DEMO: "0",
    CEBASE_SCRYPT_N: "1024",
    CEBASE_LOGIN_RATE_MAX: "1000000",
    CEBASE_JOB_INTERVAL_SECONDS: "0",
    // the suites' own load would trip the event-loop guard (503 SERVER_BUSY) on a busy machine
    CEBASE_MAX_EVENT_LOOP_DELAY_MS: "0",
    LOG_LEVEL: "info",
    ...world.env,
    ...env,
  };
}

/** `cebase start` on the world's data; resolves once it listens, throws with its output if it exits first. */
export async function startInstance(world: World, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [main, "start"], { env: { ...childEnv(world, env), PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const deadline = Date.now() + 120_000;
  while (!out.includes("cebase listening on")) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`cebase start exited (${child.exitCode ?? child.signalCode})\nstdout:\n${out}\nstderr:\n${err}`);
    if (Date.now() > deadline) throw new Error(`cebase start did not listen within 120 s\nstdout:\n${out}\nstderr:\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** `cebase audit verify` on the world's data, as an auditor runs it after a crash. */
export function verifyAuditCli(world: World): { intact: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, [main, "audit", "verify"], { env: childEnv(world, {}), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { intact: true, output: output.trim() };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { intact: false, output: `${err.stdout ?? ""}${err.stderr ?? ""}`.trim() };
  }
}

/** One HTTP call's fate under a crash: answered (with its status and body) or lost on the wire. */
export type Outcome<T = any> = { answered: true; status: number; body: T } | { answered: false; error: string };

/** Runs `fn` over the items, `width` at a time, recording each fate; never throws. */
export async function burst<I, T>(items: I[], width: number, fn: (item: I) => Promise<{ status: number; body: T }>, onAnswer?: (o: Outcome<T>) => void): Promise<Outcome<T>[]> {
  const out: Outcome<T>[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        let o: Outcome<T>;
        try {
          const r = await fn(items[i]);
          o = { answered: true, status: r.status, body: r.body };
        } catch (e) {
          o = { answered: false, error: String((e as Error).cause ?? e) };
        }
        out[i] = o;
        onAnswer?.(o);
      }
    }),
  );
  return out;
}

export const isAcknowledged = (o: Outcome): o is Extract<Outcome, { answered: true }> => o.answered && o.status >= 200 && o.status < 300;
