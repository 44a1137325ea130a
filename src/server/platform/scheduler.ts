// Scheduled jobs (reminders, status changes that come with the date). Several instances may run the
// platform over one database: a job runs where its lease is held, and a lease outlives its holder
// by one interval at most. Jobs are idempotent besides (each reminder leaves a mark), so a lease
// lost mid-run never sends anything twice.
import { randomBytes } from "node:crypto";
import type { Platform } from "./context.js";

export interface Job {
  name: string;
  /** Runs the job's work due today; answers what it did, for the log and the test endpoint. */
  run(p: Platform): Promise<Record<string, number>>;
}

const HOLDER = `${process.pid}-${randomBytes(4).toString("hex")}`;

/** Takes or renews the job's lease; false when another live instance holds it. */
export async function takeLease(p: Platform, name: string, ttlMs: number): Promise<boolean> {
  const now = new Date(p.clock.systemNow()).toISOString();
  const expiresAt = new Date(p.clock.systemNow() + ttlMs).toISOString();
  const row = await p.db
    .insertInto("jobLeases")
    .values({ name, holder: HOLDER, expiresAt })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder: HOLDER, expiresAt })
        .where((eb) => eb.or([eb("jobLeases.expiresAt", "<", now), eb("jobLeases.holder", "=", HOLDER)])),
    )
    .returning("name")
    .executeTakeFirst();
  return !!row;
}

export async function runJobs(p: Platform, jobs: readonly Job[], ttlMs: number, log?: (msg: string, detail: object) => void): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const job of jobs) {
    if (!(await takeLease(p, job.name, ttlMs))) continue;
    out[job.name] = await job.run(p);
    log?.("job ran", { job: job.name, ...out[job.name] });
  }
  return out;
}

export interface Scheduler {
  /** Stops ticking and waits for a run under way. */
  stop(): Promise<void>;
}

export function startScheduler(p: Platform, jobs: readonly Job[], intervalMs: number, log: { info(o: object, m: string): void; error(o: object, m: string): void }): Scheduler {
  let current: Promise<void> | null = null;
  const tick = () => {
    if (current) return;
    current = runJobs(p, jobs, intervalMs * 2, (msg, detail) => log.info(detail, msg))
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err }, "scheduled job failed"))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
