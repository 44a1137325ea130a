// Sign-in throttling (issue 10, item 4) in place of a lockout anyone could cause. Every failure slows
// down the username tried, whether it exists or not (so no answer tells which accounts exist), and the
// client's address, with waits that double. An account's waits stay short (30 s by default), so its
// owner still gets in from a fresh address; one address guessing many accounts waits up to 15 minutes.
// Refusals are 429 + Retry-After: nothing sleeps on the server. Apart from these, an account's wrong
// second-factor codes are counted on their own (issue 10 item 8): after a few, codes wait out a window.
import { secondFactorRule, type LoginThrottleConfig } from "../../platform/config.js";
import { createMemoryBackoffStore, type BackoffStore } from "../../platform/ratelimit.js";

export type Admission = { admitted: true; accountKey: string; addressKey: string } | { admitted: false; retryAfterSeconds: number };

export interface LoginThrottle {
  readonly config: LoginThrottleConfig;
  /**
   * Refuses while the address or the account must wait; otherwise counts the attempt against the account
   * before any password is checked (parallel guesses at one account are counted one by one). The
   * address is only checked here and charged on failure: a room behind one address signing in at once
   * is never slowed by its own right passwords.
   */
  admit(username: string, ip: string | null, now: number): Promise<Admission>;
  /** The password was right: the account starts afresh. */
  succeeded(admission: Admission & { admitted: true }): Promise<void>;
  /** The password was wrong (or the user unknown): the address is charged one failure. */
  failed(admission: Admission & { admitted: true }, now: number): Promise<void>;
  /** Counts one failed or refused sign-in; true only for the one that reaches the threshold of its window. */
  isBurst(now: number): Promise<boolean>;
  /** issue 10 item 8: seconds the account must wait before its next second-factor code is checked, or null. */
  secondFactorWait(userId: string, now: number): Promise<number | null>;
  /** A wrong second-factor code (TOTP or recovery code) was sent for the account. */
  secondFactorFailed(userId: string, now: number): Promise<void>;
  /** The second factor passed: the account's wrong codes are forgotten. */
  secondFactorPassed(userId: string): Promise<void>;
}

const secondFactorKey = (userId: string) => `totp:${userId}`;

const BURST_KEY = "burst:login";

export function createLoginThrottle(config: LoginThrottleConfig, store: BackoffStore = createMemoryBackoffStore()): LoginThrottle {
  const secondFactor = config.secondFactor ?? secondFactorRule(5, 15 * 60_000);
  const waitSeconds = (retryAt: number, now: number) => Math.max(1, Math.ceil((retryAt - now) / 1000));
  return {
    config,
    async admit(username, ip, now) {
      const address = addressKey(ip);
      const account = accountKey(username);
      const addressWait = await store.waitUntil(address, now, config.address);
      if (addressWait !== null) return { admitted: false, retryAfterSeconds: waitSeconds(addressWait, now) };
      const byAccount = await store.take(account, now, config.account);
      if (!byAccount.admitted) return { admitted: false, retryAfterSeconds: waitSeconds(byAccount.retryAt, now) };
      return { admitted: true, accountKey: account, addressKey: address };
    },
    async succeeded(admission) {
      await store.forget(admission.accountKey);
    },
    async failed(admission, now) {
      await store.count(admission.addressKey, now, config.address);
    },
    async isBurst(now) {
      return (await store.hitWindow(BURST_KEY, now, config.burstWindowMs)).count === config.burstThreshold;
    },
    async secondFactorWait(userId, now) {
      const retryAt = await store.waitUntil(secondFactorKey(userId), now, secondFactor);
      return retryAt === null ? null : waitSeconds(retryAt, now);
    },
    async secondFactorFailed(userId, now) {
      await store.count(secondFactorKey(userId), now, secondFactor);
    },
    async secondFactorPassed(userId) {
      await store.forget(secondFactorKey(userId));
    },
  };
}

/** Case and surrounding spaces do not make a new account to guess at. */
export function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}

/** An IPv6 client counts by its /64, which one subscriber usually holds whole; IPv4-mapped is IPv4. */
export function addressKey(ip: string | null): string {
  if (!ip) return "address:unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return `address:${mapped[1]}`;
  if (!ip.includes(":")) return `address:${ip}`;
  const bare = ip.toLowerCase().split("%")[0];
  const [head, tail] = bare.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = bare.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `address:${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
