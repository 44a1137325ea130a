// The server under test as a child process (`node dist/node/server/main.js start`, production mode, on a
// free port, the configured data directory or DATABASE_URL), its resident memory sampled from /proc, and
// the yardstick: a bare Fastify route on the same database, started by the bench in another child.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Target } from "./manifest.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The server is built once, before anything is timed (what bin/cebase.mjs does on `cebase start`). */
export function buildServer(): void {
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--server-only"], { stdio: "inherit", cwd: root });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The rate limits that would refuse a benchmark's sign-ins and lookups, switched off through the
 * settings that exist for them (README "Configuration"); the login throttle counts failures only.
 */
const BENCH_ENV = {
  CEBASE_LOGIN_RATE_MAX: "1000000000",
  CEBASE_PUBLIC_LOOKUP_RATE_MAX: "1000000000",
  // The scheduled jobs off unless asked for: in December their first pass sends every professional short
  // of hours a 学时达标预测 reminder (a million inserts over minutes), which would be measured beside
  // whichever paths ran first. Their own timings are in docs/performance.md.
  CEBASE_JOB_INTERVAL_SECONDS: process.env.CEBASE_JOB_INTERVAL_SECONDS ?? "0",
};

export interface Server {
  url: string;
  child: ChildProcess;
  rss: RssSampler;
  /** ms from spawn to the first 200 from /health */
  readyMs: number;
  stop(): Promise<void>;
}

export async function startServer(target: Target): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, "dist/node/server/main.js"), "start"], {
    cwd: root,
    env: {
      ...process.env,
      ...BENCH_ENV,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      CEBASE_DATA_DIR: target.dataDir,
      ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
      // request logs to a pipe nobody reads would only measure the pipe
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let dead = false;
  void exited.then(() => (dead = true));
  for (;;) {
    if (dead) throw new Error(`the server exited before answering /health (exit ${child.exitCode})`);
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() - started > 120_000) throw new Error("the server did not answer /health within 120 s");
    await sleep(20);
  }
  const readyMs = performance.now() - started;
  const rss = new RssSampler(child.pid!);
  return {
    url,
    child,
    rss,
    readyMs,
    async stop() {
      rss.stop();
      if (!dead) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS of a process every 100 ms; `mark()` starts a new peak for the next path. */
export class RssSampler {
  private timer: NodeJS.Timeout;
  private peakSinceMark = 0;
  peakOverall = 0;
  constructor(private pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.sample();
  }
  sample(): void {
    let kb = 0;
    try {
      kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${this.pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      return;
    }
    this.peakSinceMark = Math.max(this.peakSinceMark, kb);
    this.peakOverall = Math.max(this.peakOverall, kb);
  }
  mark(): void {
    this.sample();
    this.peakSinceMark = 0;
    this.sample();
  }
  /** MB since the last mark */
  peakMb(): number {
    this.sample();
    return Math.round(this.peakSinceMark / 1024);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The yardstick: Fastify with one insert into a scratch table (or `select 1`) of the same database

const SCRATCH = "bench_scratch";

export interface Bare {
  url: string;
  stop(): Promise<void>;
}

/** Forks this file's `serveBare` (tsx carries over): the load generator must not share its event loop. */
export async function startBare(target: Target, entry: string): Promise<Bare> {
  const child = fork(entry, ["__bare"], { execArgv: process.execArgv, stdio: "inherit", env: { ...process.env, CEBASE_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl ?? "" } });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ kind: "stop" });
      }),
  };
}

export async function serveBare(): Promise<void> {
  const Fastify = (await import("fastify")).default;
  const { randomUUID } = await import("node:crypto");
  const databaseUrl = process.env.DATABASE_URL || undefined;
  let insert: (id: string, at: string) => Promise<void>;
  let select1: () => Promise<void>;
  let close: () => Promise<void>;
  if (databaseUrl) {
    const pg = (await import("pg")).default;
    // the server's pool size (src/server/platform/db.ts)
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await pool.query(`create table if not exists ${SCRATCH} (id text primary key, session_id text not null, at text not null)`);
    insert = async (id, at) => void (await pool.query(`insert into ${SCRATCH} (id, session_id, at) values ($1, $2, $3)`, [id, "session", at]));
    select1 = async () => void (await pool.query("select 1"));
    close = async () => {
      await pool.query(`drop table if exists ${SCRATCH}`);
      await pool.end();
    };
  } else {
    const SQLite = (await import("better-sqlite3")).default;
    const db = new SQLite(path.join(path.resolve(process.env.CEBASE_DATA_DIR ?? "./data"), "cebase.sqlite"));
    // the server's settings (src/server/platform/db.ts): WAL, a commit on disk before the answer
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = FULL");
    db.exec(`create table if not exists ${SCRATCH} (id text primary key, session_id text not null, at text not null)`);
    const ins = db.prepare(`insert into ${SCRATCH} (id, session_id, at) values (?, ?, ?)`);
    const one = db.prepare("select 1");
    insert = async (id, at) => void ins.run(id, "session", at);
    select1 = async () => void one.get();
    close = async () => {
      db.exec(`drop table if exists ${SCRATCH}`);
      db.close();
    };
  }
  const app = Fastify({ logger: false });
  app.post("/bare/insert", async (req, reply) => {
    const id = randomUUID();
    await insert(id, new Date().toISOString());
    return reply.code(201).send({ id, token: (req.body as { token?: string } | undefined)?.token ?? null });
  });
  app.get("/bare/select", async () => {
    await select1();
    return { ok: true };
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  process.on("message", async (m: { kind: string }) => {
    if (m.kind === "stop") {
      await app.close();
      await close();
      process.exit(0);
    }
  });
  process.send!({ url });
}
