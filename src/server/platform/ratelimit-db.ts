// The limit counters in the database (`rate_limits`, migration 010), shared by every instance on one
// PostgreSQL (issue 10, item 11: two instances enforce one limit). Each step is one atomic statement:
// counting is an upsert that reads the row it writes; taking a backoff attempt is a compare-and-set on
// the row read, retried when another instance changed it in between. Keys are stored hashed (they name
// usernames tried and addresses). Expired rows are deleted through
// the expiry index at most once a minute per instance, never by scanning the table on a request.
import { createHash } from "node:crypto";
import type { Db } from "./db.js";
import type { BackoffRule } from "./config.js";
import { backoffDelayMs, type AttemptCount, type BackoffStore, type Take } from "./ratelimit.js";

const SWEEP_EVERY_MS = 60_000;
const CAS_TRIES = 8;

/** Keys hold usernames tried and client addresses: the table stores their hash only. */
const stored = (key: string) => createHash("sha256").update(key).digest("base64url");

export function createDbBackoffStore(db: Db): BackoffStore {
  let lastSweep = 0;
  const sweep = async (now: number) => {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    await db.deleteFrom("rateLimits").where("expiresAt", "<=", now).execute();
  };
  const read = (key: string) => db.selectFrom("rateLimits").selectAll().where("key", "=", stored(key)).executeTakeFirst();
  const current = (row: Awaited<ReturnType<typeof read>>, now: number): AttemptCount | null =>
    row && now < Number(row.expiresAt) ? { attempts: Number(row.count), lastAt: Number(row.lastAt) } : null;
  /** One more attempt at `now`: a fresh count once the last one is forgotten. */
  const countUpsert = (key: string, now: number, windowMs: number) =>
    db
      .insertInto("rateLimits")
      .values({ key: stored(key), count: 1, startedAt: now, lastAt: now, expiresAt: now + windowMs })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => ({
          count: eb.case().when("rateLimits.expiresAt", "<=", now).then(1).else(eb("rateLimits.count", "+", 1)).end(),
          startedAt: eb.case().when("rateLimits.expiresAt", "<=", now).then(now).else(eb.ref("rateLimits.startedAt")).end(),
          lastAt: now,
          expiresAt: now + windowMs,
        })),
      );

  return {
    async take(key, now, rule): Promise<Take> {
      await sweep(now);
      for (let i = 0; i < CAS_TRIES; i++) {
        const row = await read(key);
        const before = current(row, now);
        if (before) {
          const retryAt = before.lastAt + backoffDelayMs(rule, before.attempts);
          if (now < retryAt) return { admitted: false, retryAt };
        }
        const after = { attempts: (before?.attempts ?? 0) + 1, lastAt: now };
        const values = { count: after.attempts, startedAt: before ? Number(row!.startedAt) : now, lastAt: now, expiresAt: now + rule.windowMs };
        const done = row
          ? Number(
              (
                await db
                  .updateTable("rateLimits")
                  .set(values)
                  .where("key", "=", stored(key))
                  .where("count", "=", Number(row.count))
                  .where("lastAt", "=", Number(row.lastAt))
                  .where("expiresAt", "=", Number(row.expiresAt))
                  .executeTakeFirst()
              ).numUpdatedRows,
            ) === 1
          : Number((await db.insertInto("rateLimits").values({ key: stored(key), ...values }).onConflict((oc) => oc.column("key").doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0) === 1;
        if (done) return { admitted: true, before, after };
      }
      // Another instance won every race for this key: it is being hammered, so this attempt waits.
      return { admitted: false, retryAt: now + rule.baseDelayMs };
    },
    async waitUntil(key, now, rule: BackoffRule) {
      const c = current(await read(key), now);
      const retryAt = c ? c.lastAt + backoffDelayMs(rule, c.attempts) : 0;
      return now < retryAt ? retryAt : null;
    },
    async count(key, now, rule) {
      await sweep(now);
      await countUpsert(key, now, rule.windowMs).execute();
    },
    async forget(key) {
      await db.deleteFrom("rateLimits").where("key", "=", stored(key)).execute();
    },
    async hitWindow(key, now, windowMs) {
      await sweep(now);
      // A window keeps its end: only the first event after it closed opens a new one.
      const row = await db
        .insertInto("rateLimits")
        .values({ key: stored(key), count: 1, startedAt: now, lastAt: now, expiresAt: now + windowMs })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet((eb) => {
            const closed = eb("rateLimits.expiresAt", "<=", now);
            return {
              count: eb.case().when(closed).then(1).else(eb("rateLimits.count", "+", 1)).end(),
              startedAt: eb.case().when(closed).then(now).else(eb.ref("rateLimits.startedAt")).end(),
              lastAt: now,
              expiresAt: eb.case().when(closed).then(now + windowMs).else(eb.ref("rateLimits.expiresAt")).end(),
            };
          }),
        )
        .returning(["count", "expiresAt"])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), resetAt: Number(row.expiresAt) };
    },
  };
}
