// A fixed-window counter per key (client address), kept in memory of this instance. Behind a load
// balancer each instance counts its own share, which still bounds guessing per instance.
export interface RateLimiter {
  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number;
}

export function createRateLimiter(max: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now) {
      if (windows.size > 10000) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      }
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return 0;
      }
      w.count++;
      return w.count > max ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
  };
}
