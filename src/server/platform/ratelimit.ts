// Counters of requests: a fixed-window limiter per key (client address) for the public routes and the
// backoff counters of sign-in throttling, both over one `BackoffStore`. On SQLite the store is this
// instance's memory; on PostgreSQL it is the `rate_limits` table (platform/ratelimit-db.ts), so every
// instance behind a load balancer counts against one limit (issue 10, item 11). `platform/limits.ts`
// picks the store and is the one way a route is limited.
import type { BackoffRule } from "./config.js";

export interface RateLimiter {
  /** Counts one hit; answers the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): Promise<number>;
}

/** At most `max` hits per key in each fixed window of `windowMs`, counted in `store` under `name`. */
export function createRateLimiter(max: number, windowMs: number, store: BackoffStore = createMemoryBackoffStore(), name = "limit"): RateLimiter {
  return {
    async hit(key, now) {
      const w = await store.hitWindow(`${name}:${key}`, now, windowMs);
      return w.count > max ? Math.max(1, Math.ceil((w.resetAt - now) / 1000)) : 0;
    },
  };
}

// ---- Backoff counters (sign-in throttling, modules/auth/throttle.ts) ----
// Behind one small interface so that the counters can move into PostgreSQL (issue 10, item 11) and be
// shared by every instance: each method is one atomic step, as one UPDATE … RETURNING would be.

/** Attempts counted for one key and when the last one was counted. */
export interface AttemptCount {
  attempts: number;
  lastAt: number;
}

/** Events counted in the current window of a key, and the instant that window closes. */
export interface WindowCount {
  count: number;
  resetAt: number;
}

/** `take`'s answer: admitted (the attempt is counted) or the instant to wait for. */
export type Take = { admitted: true; before: AttemptCount | null; after: AttemptCount } | { admitted: false; retryAt: number };

export interface BackoffStore {
  /** Refuses while `key` must still wait under `rule`; otherwise counts one attempt now. */
  take(key: string, now: number, rule: BackoffRule): Promise<Take>;
  /** The instant `key` may try again under `rule`, or null when it need not wait; counts nothing. */
  waitUntil(key: string, now: number, rule: BackoffRule): Promise<number | null>;
  /** Counts one attempt now, waiting or not (a failure that happened). */
  count(key: string, now: number, rule: BackoffRule): Promise<void>;
  /** Forgets a key altogether. */
  forget(key: string): Promise<void>;
  /** Counts one event in the current fixed window of `key` (a window opens at the first event after the last one closed); answers the count and when the window closes. */
  hitWindow(key: string, now: number, windowMs: number): Promise<WindowCount>;
}

/** The wait after `attempts` counted attempts: none for the free ones, then doubling up to the cap. */
export function backoffDelayMs(rule: BackoffRule, attempts: number): number {
  if (attempts <= rule.freeAttempts) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(30, attempts - rule.freeAttempts - 1));
}

/**
 * The counters in this instance's memory, at most `maxKeys` of them: past that, expired keys go first
 * and then the least recently used, so spraying made-up usernames cannot exhaust memory.
 */
export function createMemoryBackoffStore(maxKeys = 100_000): BackoffStore {
  const counts = new Map<string, AttemptCount & { windowMs: number }>();
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();
  // Down to nine tenths at once, so that the sweep is paid once per many new keys, not on each.
  const prune = <V>(map: Map<string, V>, isExpired: (v: V) => boolean) => {
    if (map.size <= maxKeys) return;
    for (const [k, v] of map) if (isExpired(v)) map.delete(k);
    for (const k of map.keys()) {
      if (map.size <= maxKeys * 0.9) break;
      map.delete(k);
    }
  };
  const current = (key: string, now: number) => {
    const c = counts.get(key);
    return c && now - c.lastAt < c.windowMs ? { attempts: c.attempts, lastAt: c.lastAt } : null;
  };
  return {
    async take(key, now, rule) {
      const before = current(key, now);
      if (before) {
        const retryAt = before.lastAt + backoffDelayMs(rule, before.attempts);
        if (now < retryAt) return { admitted: false, retryAt };
      }
      const after = { attempts: (before?.attempts ?? 0) + 1, lastAt: now };
      counts.delete(key); // re-inserted last: the map's order is least recently used first
      counts.set(key, { ...after, windowMs: rule.windowMs });
      prune(counts, (c) => now - c.lastAt >= c.windowMs);
      return { admitted: true, before, after };
    },
    async waitUntil(key, now, rule) {
      const c = current(key, now);
      const retryAt = c ? c.lastAt + backoffDelayMs(rule, c.attempts) : 0;
      return now < retryAt ? retryAt : null;
    },
    async count(key, now, rule) {
      const before = current(key, now);
      counts.delete(key);
      counts.set(key, { attempts: (before?.attempts ?? 0) + 1, lastAt: now, windowMs: rule.windowMs });
      prune(counts, (c) => now - c.lastAt >= c.windowMs);
    },
    async forget(key) {
      counts.delete(key);
    },
    async hitWindow(key, now, windowMs) {
      let w = windows.get(key);
      if (!w || now - w.start >= w.windowMs) {
        w = { start: now, count: 0, windowMs };
        windows.set(key, w);
        prune(windows, (x) => now - x.start >= x.windowMs);
      }
      return { count: ++w.count, resetAt: w.start + w.windowMs };
    },
  };
}
