// Benchmark of check-in (第十七条), the path a whole room takes within one minute: the server on a fresh
// SQLite database in a child process, a filed project with sessions today and 2,000 enrolled
// professionals, all signed in over HTTP, then all checking in to one session at once over HTTP
// (autocannon, each request with its own session cookie, CSRF token and code). Prints check-ins per
// second, p50/p99 latency, lost and doubled check-ins, and the ratio to a bare Fastify route doing one
// better-sqlite3 insert per request measured in the same run; then the learning-record lookup at 50
// concurrent readers. Prints figures; asserts nothing. Run: npm run bench:check-in
//
// BENCH_PEOPLE (2000), BENCH_CONNECTIONS (100: requests in flight at once), CEBASE_SCRYPT_N (1024 here:
// sign-in cost is not what this measures; production uses 2^15), BENCH_PROFILE=dir (writes a CPU
// profile of the server during the measured burst there).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { demoCode } from "../test/support/demo-code.js";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
/** Measured rounds, each a whole room checking in to its own session, alternating with the yardstick. */
const ROUNDS = 3;
const WINDOW_MS = 30_000;
const self = fileURLToPath(import.meta.url);

interface Ready {
  url: string;
  projectId: string;
  /** a warm-up session, then one session per measured round */
  sessionIds: string[];
  usernames: string[];
  year: number;
}

// ---------------------------------------------------------------------------------------------
// The servers (child processes: the load generator must not share their event loop)

async function serveApp(): Promise<void> {
  const { buildApp } = await import("../src/server/app.js");
  const { configFromEnv } = await import("../src/server/platform/config.js");
  const { loadDemoData } = await import("../src/server/demo/seed.js");
  const { givenCheckInRoom } = await import("../test/support/check-in-room.js");

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-checkin-"));
  const config = configFromEnv(
    { NODE_ENV: "test" },
    { dataDir, logLevel: "silent", webDir: undefined, testClock: true, jobIntervalMs: 0, scryptN: Number(process.env.CEBASE_SCRYPT_N ?? 1024), loginRateLimit: { max: 1_000_000, windowMs: 60_000 } },
  );
  const app = await buildApp(config);
  const p = app.platform;
  await loadDemoData(p, { accreditation: false, filing: false });

  // The fixtures are written straight to the database: it is a bench of check-in, not of enrolment.
  const year = Number(p.clock.today().slice(0, 4));
  const { projectId, sessionIds, usernames } = await givenCheckInRoom(p, { people: PEOPLE, sessions: ROUNDS + 1, prefix: "bench", label: "压测", sessionHours: 1.5, learningEntries: true });
  const url = await app.app.listen({ port: 0, host: "127.0.0.1" });
  let profiler: import("node:inspector/promises").Session | undefined;
  let profiling = false;
  process.on("message", async (m: { kind: string; sessionId?: string }) => {
    if (m.kind === "cpu") {
      const u = process.cpuUsage();
      // BENCH_PROFILE=dir: a CPU profile of the measured burst alone
      if (process.env.BENCH_PROFILE) {
        const { Session } = await import("node:inspector/promises");
        profiler ??= new Session();
        if (!profiling) {
          profiler.connect();
          await profiler.post("Profiler.enable");
          await profiler.post("Profiler.setSamplingInterval", { interval: 250 });
          await profiler.post("Profiler.start");
          profiling = true;
        } else {
          const { profile } = await profiler.post("Profiler.stop");
          fs.mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
          fs.writeFileSync(path.join(process.env.BENCH_PROFILE, `check-in-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        }
      }
      process.send!({ kind: "cpu", micros: u.user + u.system });
    } else if (m.kind === "count") {
      const rows = await p.db.selectFrom("checkIns").select(["professionalId"]).where("sessionId", "=", m.sessionId!).execute();
      process.send!({ kind: "count", rows: rows.length, distinct: new Set(rows.map((r) => r.professionalId)).size });
    } else if (m.kind === "stop") {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ kind: "ready", url, projectId, sessionIds, usernames, year } satisfies Ready & { kind: string });
}

/** The yardstick: Fastify and one better-sqlite3 insert per request, nothing else. */
async function serveBare(): Promise<void> {
  const Fastify = (await import("fastify")).default;
  const SQLite = (await import("better-sqlite3")).default;
  const { randomUUID } = await import("node:crypto");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-bench-bare-"));
  const db = new SQLite(path.join(dataDir, "bare.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table check_ins (id text primary key, session_id text not null, professional_id text not null, checked_in_at text not null, unique (session_id, professional_id))");
  const insert = db.prepare("insert into check_ins (id, session_id, professional_id, checked_in_at) values (?, ?, ?, ?)");
  const app = Fastify({ logger: false });
  app.post("/bare", async (req, reply) => {
    const id = randomUUID();
    insert.run(id, "session", id, new Date().toISOString());
    return reply.code(201).send({ id, token: (req.body as { token?: string }).token ?? null });
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  process.on("message", async (m: { kind: string }) => {
    if (m.kind === "stop") {
      await app.close();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send!({ kind: "ready", url });
}

// ---------------------------------------------------------------------------------------------
// The load generator

function start(kind: "app" | "bare"): Promise<{ child: ChildProcess; ready: any }> {
  const child = fork(self, ["serve", kind], { execArgv: process.execArgv, stdio: "inherit" });
  child.channel?.ref();
  return new Promise((resolve, reject) => {
    child.once("message", (ready) => resolve({ child, ready }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

function ask(child: ChildProcess, message: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null, signal: string | null) => reject(new Error(`server exited (${code ?? signal})`));
    child.once("exit", exited);
    child.once("message", (m) => {
      child.off("exit", exited);
      resolve(m);
    });
    child.send(message);
  });
}

interface SignedIn {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, username: string): Promise<SignedIn> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Demo#2026", totp: await demoCode(username) }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0], csrf: body.csrfToken };
}

async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

interface Burst {
  perSecond: number;
  p50: number;
  p99: number;
  /** including each connection's first request */
  p99All: number;
  statuses: Record<string, number>;
  errors: number;
}

/** `amount` POSTs over `connections` keep-alive connections; request i carries the i-th person's cookie. */
async function burst(url: string, pathName: string, amount: number, who: (i: number) => SignedIn | null, body: string): Promise<Burst> {
  let i = 0;
  const started = performance.now();
  let last = started;
  const instance = autocannon({
    url,
    connections: Math.min(CONNECTIONS, amount),
    amount,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: pathName,
        setupRequest: (req: any) => {
          const s = who(i++);
          req.headers = { "content-type": "application/json", ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}) };
          req.body = body;
          return req;
        },
      },
    ],
  });
  // autocannon's own duration has whole-second resolution: time the burst from its first request to its last answer
  // Each connection's first answer also carries the load generator opening 100 connections one by
  // one: latency is taken over the requests on open connections (p99All counts every request).
  const opened = new Set<unknown>();
  const latencies: number[] = [];
  instance.on("response", (client: unknown, _status: number, _bytes: number, ms: number) => {
    last = performance.now();
    if (opened.has(client)) latencies.push(ms);
    else opened.add(client);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats as Record<string, { count: number }>).map(([k, v]) => [k, v.count]));
  return { perSecond: (amount * 1000) / (last - started), p50: pct(50), p99: pct(99), p99All: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}

async function main(): Promise<void> {
  const cores = os.cpus().length;
  console.log(`check-in bench: ${PEOPLE} people, ${CONNECTIONS} connections, node ${process.version}, ${cores} cores, SQLite`);
  let t = performance.now();
  const { child: appChild, ready } = (await start("app")) as { child: ChildProcess; ready: Ready };
  console.log(`server ready with ${PEOPLE} enrolled professionals           ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const people = await pool(ready.usernames, 32, (u) => signIn(ready.url, u));
  const staff = await signIn(ready.url, "base");
  const bureau = await signIn(ready.url, "bureau");
  console.log(`signed in ${people.length} professionals over HTTP              ${((performance.now() - t) / 1000).toFixed(1)} s`);

  /** Business time at the start of a code window: a code taken now stays good for 60 s. */
  const freshCode = async (sessionId: string) => {
    const start = new Date(Math.ceil(Date.now() / WINDOW_MS) * WINDOW_MS).toISOString();
    const put = await fetch(`${ready.url}/api/v1/test/clock`, { method: "PUT", headers: { "content-type": "application/json", cookie: bureau.cookie, "x-csrf-token": bureau.csrf }, body: JSON.stringify({ now: start }) });
    if (put.status !== 200) throw new Error(`test clock: ${put.status} ${await put.text()}`);
    const res = await fetch(`${ready.url}/api/v1/training-projects/${ready.projectId}/sessions/${sessionId}/check-in-code`, { headers: { cookie: staff.cookie } });
    if (res.status !== 200) throw new Error(`check-in code: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };

  // Warm-up (JIT, statement caches) of both servers; then rounds that alternate the yardstick and a room
  // checking in to its own session, so both meet the same background load. Medians are reported.
  const { child: bareChild, ready: bare } = await start("bare");
  const bareBody = JSON.stringify({ token: "x".repeat(100) });
  await burst(ready.url, "/api/v1/check-ins", PEOPLE, (i) => people[i % PEOPLE], JSON.stringify({ token: await freshCode(ready.sessionIds[0]) }));
  for (let w = 0; w < 2; w++) await burst(bare.url, "/bare", PEOPLE, (i) => people[i % PEOPLE], bareBody);
  const rounds: { checkIns: Burst; yardstick: Burst; cpu: number; rows: number; distinct: number }[] = [];
  let lastToken = "";
  for (let r = 1; r <= ROUNDS; r++) {
    const yardstick = await burst(bare.url, "/bare", PEOPLE, (i) => people[i % PEOPLE], bareBody);
    lastToken = await freshCode(ready.sessionIds[r]);
    const cpuBefore = (await ask(appChild, { kind: "cpu" })).micros;
    const checkIns = await burst(ready.url, "/api/v1/check-ins", PEOPLE, (i) => people[i % PEOPLE], JSON.stringify({ token: lastToken }));
    const cpu = ((await ask(appChild, { kind: "cpu" })).micros - cpuBefore) / PEOPLE;
    rounds.push({ checkIns, yardstick, cpu, rows: 0, distinct: 0 });
  }
  // Everyone scans the last code again (it is good for a minute): each answer is the first check-in, nothing is written.
  const repeats = await burst(ready.url, "/api/v1/check-ins", PEOPLE, (i) => people[i % PEOPLE], JSON.stringify({ token: lastToken }));
  for (let r = 1; r <= ROUNDS; r++) Object.assign(rounds[r - 1], await ask(appChild, { kind: "count", sessionId: ready.sessionIds[r] }));
  bareChild.send({ kind: "stop" });

  // The learning record at 50 concurrent readers, each request another person's.
  const year = ready.year;
  const probe = await fetch(`${ready.url}/api/v1/me/learning-record?year=${year}`, { headers: { cookie: people[0].cookie } });
  let record: { perSecond: number; p99: number; non2xx: number } | string;
  if (process.env.BENCH_PROFILE) {
    record = "not measured while profiling";
  } else if (probe.status === 200) {
    let k = 0;
    const r = await autocannon({
      url: ready.url,
      connections: 50,
      duration: 5,
      requests: [{ method: "GET", path: `/api/v1/me/learning-record?year=${year}`, setupRequest: (req: any) => ({ ...req, headers: { cookie: people[k++ % people.length].cookie } }) }],
    });
    record = { perSecond: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
  } else {
    record = `not measured: GET /api/v1/me/learning-record answered ${probe.status}`;
  }
  await ask(appChild, { kind: "stop" }).catch(() => undefined);
  appChild.kill();

  const f = (n: number) => n.toFixed(0).padStart(6);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log("");
  for (const [i, r] of rounds.entries()) {
    console.log(
      `round ${i + 1}: check-ins ${f(r.checkIns.perSecond)}/s p50 ${r.checkIns.p50} ms p99 ${r.checkIns.p99} ms (${r.checkIns.p99All} ms with connecting) ${JSON.stringify(r.checkIns.statuses)} errors ${r.checkIns.errors}` +
        `  lost ${PEOPLE - r.distinct} doubled ${r.rows - r.distinct}  server CPU ${r.cpu.toFixed(0)} µs each  |  bare ${f(r.yardstick.perSecond)}/s`,
    );
  }
  const checkInRate = median(rounds.map((r) => r.checkIns.perSecond));
  const bareRate = median(rounds.map((r) => r.yardstick.perSecond));
  const lost = rounds.reduce((n, r) => n + PEOPLE - r.distinct, 0);
  const doubled = rounds.reduce((n, r) => n + r.rows - r.distinct, 0);
  console.log("");
  console.log(`POST /api/v1/check-ins      ${f(checkInRate)} check-ins/s   p50 ${median(rounds.map((r) => r.checkIns.p50))} ms   p99 ${median(rounds.map((r) => r.checkIns.p99))} ms (${median(rounds.map((r) => r.checkIns.p99All))} ms counting connection set-up)   (median of ${ROUNDS} rounds of ${PEOPLE} people, ${CONNECTIONS} at once)`);
  console.log(`                            lost ${lost}   doubled ${doubled}   (over ${ROUNDS * PEOPLE} check-ins, and after everyone scanned again)`);
  console.log(`  the same people again     ${f(repeats.perSecond)} scans/s       p50 ${repeats.p50} ms   p99 ${repeats.p99} ms   statuses ${JSON.stringify(repeats.statuses)} (200: the first check-in answered)`);
  console.log(`bare Fastify + 1 insert     ${f(bareRate)} req/s`);
  console.log(`ratio                       ${(checkInRate / bareRate).toFixed(2)}   (aim ≥ 0.4; aim ≥ 1,500 check-ins/s and p99 < 100 ms on 2 cores)`);
  if (typeof record === "string") console.log(`GET /api/v1/me/learning-record   ${record}`);
  else console.log(`GET /api/v1/me/learning-record  ${f(record.perSecond)} req/s   p99 ${record.p99} ms   at 50 concurrent readers   non-2xx ${record.non2xx}`);
}

if (process.argv[2] === "serve") {
  await (process.argv[3] === "bare" ? serveBare() : serveApp());
} else {
  await main();
}
