// The one clock of the platform (DESIGN.md "Architecture"). Business time may be moved by the bureau
// through the test clock when CEBASE_TEST_CLOCK=1; security timers (idle sessions, lockouts) use
// `systemNow`, so moving business time never signs anyone out or unlocks an account.

export interface Clock {
  now(): Date;
  nowIso(): string;
  /** Today's calendar date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string;
  systemNow(): number;
  readonly isTestClock: boolean;
  /** Sets business time (test clock only); null returns to real time. */
  set(iso: string | null): void;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no daylight saving time

export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function createClock(opts: { testClock: boolean; systemNow?: () => number }): Clock {
  const systemNow = opts.systemNow ?? Date.now;
  let offset = 0;
  const now = () => new Date(systemNow() + offset);
  return {
    now,
    nowIso: () => now().toISOString(),
    today: () => shanghaiDate(now()),
    systemNow,
    isTestClock: opts.testClock,
    set(iso) {
      if (!opts.testClock) throw new Error("test clock disabled");
      offset = iso === null ? 0 : new Date(iso).getTime() - systemNow();
    },
  };
}
