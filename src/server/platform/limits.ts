// The one way a route is limited (issue 10, item 11). The counters live where every instance sees
// them: the `rate_limits` table on PostgreSQL, this instance's memory on SQLite (one process serves it).
// A refusal is 429 with `Retry-After` and a documented code; nothing sleeps on the server.
import type { FastifyReply } from "fastify";
import type { Platform } from "./context.js";
import type { Db } from "./db.js";
import { DomainError } from "./errors.js";
import { createDbBackoffStore } from "./ratelimit-db.js";
import { createMemoryBackoffStore, createRateLimiter, type BackoffStore, type RateLimiter } from "./ratelimit.js";

const stores = new WeakMap<Db, BackoffStore>();

/** The counters of this platform's database: one store per open database, shared by every route. */
export function limitStoreOf(p: Pick<Platform, "db" | "dialect">): BackoffStore {
  let store = stores.get(p.db);
  if (!store) stores.set(p.db, (store = p.dialect === "postgres" ? createDbBackoffStore(p.db) : createMemoryBackoffStore()));
  return store;
}

export interface LimitRule {
  max: number;
  windowMs: number;
}

export interface RouteLimit {
  /** Counts one request from `key` (the client's address); throws 429 `code` with Retry-After when over. */
  enforce(key: string | null, reply: FastifyReply, code?: "RATE_LIMITED" | "LOGIN_RATE_LIMITED"): Promise<void>;
  readonly limiter: RateLimiter;
}

/** A fixed-window limit named `name` (its counters are apart from every other limit's). */
export function routeLimit(p: Platform, name: string, rule: LimitRule): RouteLimit {
  const limiter = createRateLimiter(rule.max, rule.windowMs, limitStoreOf(p), `limit:${name}`);
  return {
    limiter,
    async enforce(key, reply, code = "RATE_LIMITED") {
      const wait = await limiter.hit(key ?? "unknown", p.clock.systemNow());
      if (wait > 0) {
        reply.header("Retry-After", String(wait));
        throw new DomainError(code, { retryAfterSeconds: wait });
      }
    },
  };
}
