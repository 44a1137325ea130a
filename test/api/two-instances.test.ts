// issue 10, "Tests that stay": two instances on one PostgreSQL (DESIGN.md "Architecture": app
// instances are stateless, scheduled jobs take a database lease so one instance runs each). Two real
// `cebase start` processes on different ports share one database: each job's work is done once per
// due time, one sign-in limit holds across both, and a SIGKILL of the instance holding the job leases
// loses no acknowledged check-in while the other takes the jobs over once the lease has run out.
// PostgreSQL only: SQLite is the one-machine database.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../src/server/demo/seed.js";
import { Client } from "../support/harness.js";
import { burst, buildServer, freshWorld, isAcknowledged, killAll, prepareWith, startInstance, verifyAuditCli, type Instance, type World } from "../support/instances.js";
import { givenCheckInRoom, givenProjectsStartingToday, sameSessionOn, signInAll, type Room } from "../support/crash-world.js";

/**
 * issue 10 item 11 moves the sign-in throttle into PostgreSQL (branch i10-limits); until it is merged
 * each instance counts failures on its own and the shared-limit case below cannot pass. The lead
 * turns this on when merging that branch.
 */
const LIMITS_SHARED_ACROSS_INSTANCES = true;

const PEOPLE = 120;
/** A transaction left idle this long by a hung instance is ended by PostgreSQL, its locks with it. */
const IDLE_IN_TRANSACTION_SECONDS = 2;
/** platform/audit.ts: the advisory lock every audited write takes on PostgreSQL. */
const AUDIT_CHAIN_LOCK = 0x0ce0a0d1;
/** Jobs tick every half second, so a lease (two intervals) runs out one second after its holder dies. */
const INSTANCE_ENV = { CEBASE_JOB_INTERVAL_SECONDS: "0.5", CEBASE_PG_IDLE_IN_TRANSACTION_SECONDS: String(IDLE_IN_TRANSACTION_SECONDS) };

beforeAll(() => buildServer(), 300_000);
afterAll(() => killAll());

const countBy = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", { timeout: 240_000 }, () => {
  let world: World;
  let room: Room;
  let today: string;
  let a: Instance;
  let b: Instance;
  let people: Client[];
  let staff: Client;

  beforeAll(async () => {
    world = await freshWorld("postgres");
    ({ room, today } = await prepareWith(world, async (app) => {
      await loadDemoData(app.platform, { accreditation: false, filing: false });
      return { room: await givenCheckInRoom(app.platform, { people: PEOPLE, sessions: 3, prefix: "twin", label: "双实例测试" }), today: app.platform.clock.today() };
    }));
    a = await startInstance(world, INSTANCE_ENV);
    b = await startInstance(world, INSTANCE_ENV);
    people = await signInAll(a.url, room.usernames);
    [staff] = await signInAll(b.url, ["base"]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await world?.drop();
  });

  /** The projects' `start` steps, as history rows and audit entries, per project. */
  async function startsOf(ids: string[]) {
    const { db, close } = await world.db();
    try {
      const [projects, history, audits] = await Promise.all([
        db.selectFrom("trainingProjects").select(["id", "status"]).where("id", "in", ids).execute(),
        db.selectFrom("workflowHistory").select("resourceId").where("resourceId", "in", ids).where("action", "=", "start").execute(),
        db.selectFrom("auditEvents").select("resourceId").where("action", "=", "trainingProject.start").where("resourceId", "in", ids).execute(),
      ]);
      return { running: projects.filter((p) => p.status === "running").length, history: countBy(history.map((h) => h.resourceId)), audits: countBy(audits.map((x) => x.resourceId!)) };
    } finally {
      await close();
    }
  }

  const jobRuns = (i: Instance) => i.stdout().split("\n").filter((l) => l.includes('"msg":"job ran"')).length;

  async function leaseHolders(): Promise<Set<string>> {
    const { db, close } = await world.db();
    try {
      const rows = await db.selectFrom("jobLeases").select("holder").execute();
      return new Set(rows.map((r) => r.holder.split("-")[0]));
    } finally {
      await close();
    }
  }

  it("starts each project due today exactly once while both instances run the scheduler", async () => {
    const ids = await (async () => {
      const { db, close } = await world.db();
      try {
        return [room.projectId, ...(await givenProjectsStartingToday(db, room, today, 20, "双实例"))];
      } finally {
        await close();
      }
    })();
    const s = await waitFor("every project started", async () => {
      const r = await startsOf(ids);
      return r.running === ids.length && r;
    }, 60_000);
    // A few more ticks on both: a second instance must not start anything again.
    await new Promise((r) => setTimeout(r, 2000));
    const again = await startsOf(ids);
    expect(ids.map((id) => [again.history.get(id), again.audits.get(id)])).toEqual(ids.map(() => [1, 1]));
    expect(again).toEqual(s);
    expect(jobRuns(a) + jobRuns(b)).toBeGreaterThan(0);
    // Reminders leave a mark: none reaches one person twice, whichever instance sent it (第十六条).
    const { db, close } = await world.db();
    try {
      const sent = await db.selectFrom("notifications").select(["userId", "params"]).where("kind", "=", "plan.reminder").execute();
      expect([...countBy(sent.map((n) => `${n.userId} ${n.params}`)).values()].every((n) => n === 1)).toBe(true);
    } finally {
      await close();
    }
  });

  it.skipIf(!LIMITS_SHARED_ACROSS_INSTANCES)("throttles sign-in for one username after the failures made on both instances together (issue 10 item 11)", async () => {
    // The same answers one instance alone gives (security-throttle.test.ts): six failures answered,
    // then waits; here the attempts alternate between the two instances.
    const statuses: number[] = [];
    for (let k = 0; k < 8; k++) {
      const res = await sameSessionOn(staff, (k % 2 ? b : a).url).post("/api/v1/auth/login", { username: "pro1", password: "Wrong#2026x" });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe("LOGIN_THROTTLED");
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it("keeps serving when the database drops every connection (a failover or a restart of PostgreSQL)", async () => {
    const token = (await sameSessionOn(staff, a.url).get(`/api/v1/training-projects/${room.projectId}/sessions/${room.sessionIds[1]}/check-in-code`)).body.token;
    // Both pools hold open connections, idle between requests.
    const first = await burst(people.slice(0, 40), 20, (c) => sameSessionOn(c, people.indexOf(c) % 2 ? b.url : a.url).post("/api/v1/check-ins", { token }));
    expect(first.every(isAcknowledged)).toBe(true);
    const { db, close } = await world.db();
    try {
      const dropped = await sql<{ n: number }>`select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
      expect(Number(dropped.rows[0].n)).toBeGreaterThan(0);
    } finally {
      await close();
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect([a.child.exitCode ?? a.child.signalCode, b.child.exitCode ?? b.child.signalCode], `stderr:\n${a.stderr()}\n${b.stderr()}`).toEqual([null, null]);
    const second = await burst(people.slice(40, 80), 20, (c) => sameSessionOn(c, people.indexOf(c) % 2 ? b.url : a.url).post("/api/v1/check-ins", { token }));
    expect(second.every(isAcknowledged), JSON.stringify(second.find((o) => !isAcknowledged(o)))).toBe(true);
  });

  it("lets the others write again soon after an instance froze inside a transaction (a hung or cut-off host)", async () => {
    // A third instance signs people in over and over: each sign-in appends to the audit chain under its lock.
    const frozen = await startInstance(world, INSTANCE_ENV);
    let streaming = true;
    const streams = Array.from({ length: 6 }, async () => {
      while (streaming) await new Client(frozen.url).login("pro2").catch(() => undefined);
    });
    // Held by a connection left idle inside its transaction: the live instances never sit on the lock that long.
    const chainLockHeldByAnIdleTransaction = async () => {
      const { db, close } = await world.db();
      try {
        const r = await sql<{ n: number }>`select count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and l.objid = ${AUDIT_CHAIN_LOCK} and a.state = 'idle in transaction' and a.state_change < now() - interval '300 milliseconds'`.execute(db);
        return Number(r.rows[0].n) > 0;
      } finally {
        await close();
      }
    };
    // Freeze it (SIGSTOP) at moments until it is caught holding the lock, as a host that hangs would.
    let caught = false;
    for (let attempt = 0; attempt < 60 && !caught; attempt++) {
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      frozen.child.kill("SIGSTOP");
      await new Promise((r) => setTimeout(r, 400));
      caught = await chainLockHeldByAnIdleTransaction();
      if (!caught) frozen.child.kill("SIGCONT");
    }
    streaming = false;
    expect(caught, "the frozen instance held the audit chain's lock").toBe(true);
    try {
      // 第十七条 check-in on a live instance: audited, so it needs the lock the frozen one holds.
      const token = (await sameSessionOn(staff, b.url).get(`/api/v1/training-projects/${room.projectId}/sessions/${room.sessionIds[2]}/check-in-code`)).body.token;
      const started = Date.now();
      const headers = { "content-type": "application/json", cookie: people[0].cookie, "x-csrf-token": people[0].csrfToken };
      const status = await fetch(`${b.url}/api/v1/check-ins`, { method: "POST", headers, body: JSON.stringify({ token }), signal: AbortSignal.timeout(30_000) }).then(
        (r) => r.status,
        (e: Error) => e.name,
      );
      const waited = Date.now() - started;
      expect(status).toBe(201);
      expect(waited).toBeLessThan(IDLE_IN_TRANSACTION_SECONDS * 1000 + 5000);
      console.log(`two instances (postgres): an instance frozen inside a transaction held the others' writes ${(waited / 1000).toFixed(1)} s (limit ${IDLE_IN_TRANSACTION_SECONDS} s)`);
    } finally {
      await frozen.kill9();
      await Promise.all(streams);
    }
  });

  it("loses no acknowledged check-in when the instance holding the job leases is killed, and the other takes the jobs over", async () => {
    const holders = await leaseHolders();
    const [victim, survivor] = holders.has(String(a.child.pid)) ? [a, b] : [b, a];
    expect(holders.has(String(victim.child.pid)), "one instance holds the leases").toBe(true);
    const freshToken = async () => {
      const res = await sameSessionOn(staff, survivor.url).get(`/api/v1/training-projects/${room.projectId}/sessions/${room.sessionIds[0]}/check-in-code`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.token as string;
    };
    const token = await freshToken();

    // Half the room on each instance, interleaved; the victim dies once a quarter of the room is in.
    const order = people.map((_, i) => i);
    const via = (i: number) => (i % 2 === 0 ? victim : survivor);
    let acked = 0;
    let killing: Promise<void> | null = null;
    let killedAtMs = 0;
    let killedAt = 0;
    const outcomes = await burst(order, 24, (i) => sameSessionOn(people[i], via(i).url).post("/api/v1/check-ins", { token }), (o) => {
      if (isAcknowledged(o) && ++acked >= PEOPLE / 4 && !killing) {
        killedAtMs = Date.now();
        killedAt = survivor.stdout().length;
        killing = victim.kill9();
      }
    });
    await killing;

    expect(outcomes.filter((o) => o.answered && !isAcknowledged(o))).toEqual([]);
    expect(order.filter((i) => via(i) === survivor && !isAcknowledged(outcomes[i])), "every check-in sent to the survivor acknowledged").toEqual([]);
    const lost = order.filter((i) => !outcomes[i].answered);
    expect(lost.length, "the kill came in the middle of the burst").toBeGreaterThan(0);
    // Whoever lost their answer scans again on the survivor.
    const retryToken = await freshToken();
    const again = await burst(lost, 12, (i) => sameSessionOn(people[i], survivor.url).post("/api/v1/check-ins", { token: retryToken }));
    expect(again.every(isAcknowledged)).toBe(true);

    let takeoverMs = 0;
    const { db, close } = await world.db();
    try {
      const rows = await db.selectFrom("checkIns").select(["id", "professionalId"]).where("sessionId", "=", room.sessionIds[0]).execute();
      expect(rows).toHaveLength(PEOPLE);
      expect(new Set(rows.map((r) => r.professionalId)).size).toBe(PEOPLE);
      const ids = new Set(rows.map((r) => r.id));
      for (const i of order) if (isAcknowledged(outcomes[i])) expect(ids.has(outcomes[i].body.id), `acknowledged check-in of ${room.usernames[i]}`).toBe(true);
      const audits = await db.selectFrom("auditEvents").select("resourceId").where("action", "=", "checkIn.create").where("resourceId", "in", [...ids]).execute();
      expect(audits).toHaveLength(PEOPLE);

      // The victim's leases run out (two intervals after its last renewal) and the survivor runs the jobs.
      const firstRun = await waitFor("the survivor to run a job", async () => survivor.stdout().slice(killedAt).split("\n").find((l) => l.includes('"msg":"job ran"')), 30_000);
      takeoverMs = (JSON.parse(firstRun) as { time: number }).time - killedAtMs;
      expect(takeoverMs).toBeLessThan(15_000);
      // Projects due today after the kill start, once each.
      const later = await givenProjectsStartingToday(db, room, today, 5, "接管");
      await waitFor("the survivor to start the new projects", async () => (await startsOf(later)).running === later.length, 30_000);
      const s = await startsOf(later);
      expect(later.map((id) => [s.history.get(id), s.audits.get(id)])).toEqual(later.map(() => [1, 1]));
      expect(await leaseHolders()).toEqual(new Set([String(survivor.child.pid)]));
    } finally {
      await close();
    }
    const chain = verifyAuditCli(world);
    expect(chain.intact, chain.output).toBe(true);
    console.log(`two instances (postgres): killed the lease holder mid-burst; ${acked} acknowledged check-ins of ${PEOPLE} checked present once, ${lost.length} unanswered retried on the survivor, which took the jobs over ${(takeoverMs / 1000).toFixed(1)} s after the kill (lease: 1 s)`);
  });
});
