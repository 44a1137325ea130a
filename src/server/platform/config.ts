// Configuration from the environment (DESIGN.md "Configuration and demo data"); every value optional.
import os from "node:os";
import path from "node:path";
import type { DocumentConfig } from "./documents.js";

export interface AppConfig extends DocumentConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  pgSchema?: string;
  demo: boolean;
  testClock: boolean;
  sessionIdleMinutes: number;
  /** Absolute session lifetime: a session ends this long after sign-in however active it is. */
  sessionAbsoluteHours: number;
  /** Concurrent sessions per account; signing in once more ends the oldest. 0: no limit. */
  maxSessionsPerAccount: number;
  /** A password older than this must be changed at sign-in; 0: passwords do not expire. */
  passwordMaxAgeDays: number;
  /** How many of the latest passwords of an account a new one must differ from (the current one included). */
  passwordHistory: number;
  /** Days a claim code (issue 10 item 2) stays valid after a base issues it. */
  claimCodeDays: number;
  /** Served only over HTTPS (a TLS proxy that sends no X-Forwarded-Proto): `__Host-`/`Secure` cookies and HSTS on every answer. */
  servedOverTls: boolean;
  /** Where the built web app lives; absent → API only. */
  webDir?: string;
  logLevel: string;
  /** scrypt cost parameter N (2^15 in production). */
  scryptN: number;
  loginRateLimit: { max: number; windowMs: number };
  /** Sign-in throttling (modules/auth/throttle.ts): growing waits per account and per address, and the burst alarm. */
  loginThrottle: LoginThrottleConfig;
  /** Public objections per client address (第五条（三）: anyone may object, but not flood). */
  objectionRateLimit: { max: number; windowMs: number };
  /** Seconds a public read (calendar, registry, notices) is kept by the server and by browsers; 0: not cached. */
  publicCacheSeconds: number;
  /** Public look-ups per client address (certificates, hours statements, objection receipts): each its own count (issue 10 item 11). */
  publicLookupRateLimit: { max: number; windowMs: number };
  version: string;
  /** Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs); none by default. */
  trustedProxies: string[];
  /** The address the public reaches the platform at (QR codes on plaques and certificates point here). */
  publicUrl: string;
  /** How often the scheduled jobs (reminders, project status) run; 0 turns the scheduler off. */
  jobIntervalMs: number;
  /** How often the audit chain's head is signed into a checkpoint, in minutes (1–60; issue 10 item 1). 0 (tests only) turns checkpoints off. */
  auditCheckpointMinutes: number;
  /** PostgreSQL: a session idle this long inside a transaction is ended, its locks released (a hung instance). */
  pgIdleInTransactionMs: number;
  /** PostgreSQL: a statement of the request pool running longer is cancelled (0: no limit); exports have their own, longer one. */
  pgStatementTimeoutMs: number;
  /**
   * issue 13: dashboard figures whose count took longer than this (ms) are kept and answered for
   * STATISTICS_KEEP_MS, marked with when they were counted; quicker ones are counted afresh each time.
   */
  statisticsKeepAfterMs: number;
  /** issue 13 item 4: answer 503 with Retry-After while the event loop lags or the heap is full (0 turns a check off). */
  underPressure: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; maxEventLoopUtilization: number; retryAfterSeconds: number };
  /** The master secret (base64); unset → `<dataDir>/secret.key`, created on first start (platform/secrets.ts). */
  secretKey?: string;
}

/** How fast waits grow for one key: `freeAttempts` without a wait, then `baseDelayMs` doubling up to `maxDelayMs`; forgotten `windowMs` after the last attempt. */
export interface BackoffRule {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export interface LoginThrottleConfig {
  /** Per username tried, existing or not: short waits, so its owner still gets in from a fresh address. */
  account: BackoffRule;
  /** Per client address (an IPv6 /64 counts as one): long waits for one source guessing many accounts. */
  address: BackoffRule;
  /** Failed or refused sign-ins in one window that raise the alarm (one audit entry, bureau notified). */
  burstThreshold: number;
  burstWindowMs: number;
  /** issue 10 item 8: wrong second-factor codes per account before further codes wait out the window (default 5 in 15 minutes). */
  secondFactor?: BackoffRule;
}

/**
 * issue 10 item 8: `max` wrong codes, each within `windowMs` of the one before, and the account waits
 * `windowMs` after the last before its next code is checked (max 0 or less: no limit).
 */
export function secondFactorRule(max: number, windowMs: number): BackoffRule {
  return max > 0 ? { freeAttempts: max - 1, baseDelayMs: windowMs, maxDelayMs: windowMs, windowMs } : { freeAttempts: Number.MAX_SAFE_INTEGER, baseDelayMs: 0, maxDelayMs: 0, windowMs };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const production = env.NODE_ENV === "production";
  const flag = (v: string | undefined, dflt: boolean) => (v === undefined || v === "" ? dflt : /^(1|true|yes|on)$/i.test(v));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    dataDir: path.resolve(env.CEBASE_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: flag(env.CEBASE_DEMO, !production),
    testClock: flag(env.CEBASE_TEST_CLOCK, false) && !production,
    sessionIdleMinutes: Number(env.CEBASE_SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.CEBASE_SESSION_ABSOLUTE_HOURS ?? 12),
    maxSessionsPerAccount: Number(env.CEBASE_MAX_SESSIONS_PER_ACCOUNT ?? 0),
    passwordMaxAgeDays: Number(env.CEBASE_PASSWORD_MAX_AGE_DAYS ?? 0),
    passwordHistory: Number(env.CEBASE_PASSWORD_HISTORY ?? 5),
    claimCodeDays: Number(env.CEBASE_CLAIM_CODE_DAYS ?? 30),
    servedOverTls: flag(env.CEBASE_TLS, false),
    webDir: path.resolve(env.CEBASE_WEB_DIR ?? "./dist/web"),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    scryptN: Number(env.CEBASE_SCRYPT_N ?? 32768),
    loginRateLimit: { max: Number(env.CEBASE_LOGIN_RATE_MAX ?? 300), windowMs: 5 * 60_000 },
    loginThrottle: {
      account: { freeAttempts: Number(env.CEBASE_LOGIN_ACCOUNT_FREE_ATTEMPTS ?? 5), baseDelayMs: 2_000, maxDelayMs: Number(env.CEBASE_LOGIN_ACCOUNT_MAX_WAIT_SECONDS ?? 30) * 1000, windowMs: 15 * 60_000 },
      address: { freeAttempts: Number(env.CEBASE_LOGIN_ADDRESS_FREE_ATTEMPTS ?? 20), baseDelayMs: 5_000, maxDelayMs: Number(env.CEBASE_LOGIN_ADDRESS_MAX_WAIT_SECONDS ?? 900) * 1000, windowMs: 60 * 60_000 },
      burstThreshold: Number(env.CEBASE_LOGIN_BURST_THRESHOLD ?? 100),
      burstWindowMs: Number(env.CEBASE_LOGIN_BURST_WINDOW_MINUTES ?? 10) * 60_000,
      secondFactor: secondFactorRule(Number(env.CEBASE_TOTP_MAX_FAILURES ?? 5), Number(env.CEBASE_TOTP_FAILURE_WINDOW_MINUTES ?? 15) * 60_000),
    },
    objectionRateLimit: { max: Number(env.CEBASE_OBJECTION_RATE_MAX ?? 5), windowMs: 60 * 60_000 },
    // issue 13 item 6; the tests read their own writes made behind the API's back, so they opt in.
    publicCacheSeconds: Number(env.CEBASE_PUBLIC_CACHE_SECONDS ?? (env.NODE_ENV === "test" ? 0 : 30)),
    publicLookupRateLimit: { max: Number(env.CEBASE_PUBLIC_LOOKUP_RATE_MAX ?? 120), windowMs: 60_000 },
    version: env.npm_package_version ?? "0.1.0",
    trustedProxies: (env.CEBASE_TRUSTED_PROXIES ?? "").split(",").map((x) => x.trim()).filter(Boolean),
    publicUrl: (env.CEBASE_PUBLIC_URL ?? `http://${env.HOST ?? "127.0.0.1"}:${env.PORT ?? 3000}`).replace(/\/$/, ""),
    jobIntervalMs: Number(env.CEBASE_JOB_INTERVAL_SECONDS ?? 60) * 1000,
    // issue 10 item 1: "at least every hour", so never less often than every 60 minutes.
    auditCheckpointMinutes: Math.min(60, Math.max(1, Number(env.CEBASE_AUDIT_CHECKPOINT_MINUTES ?? 60) || 60)),
    pgIdleInTransactionMs: Number(env.CEBASE_PG_IDLE_IN_TRANSACTION_SECONDS ?? 60) * 1000,
    secretKey: env.CEBASE_SECRET_KEY || undefined,
    // issue 10 item 5: one core stays with the event loop; the others draw documents
    documentThreads: Number(env.CEBASE_DOCUMENT_THREADS ?? Math.max(1, os.availableParallelism() - 1)),
    documentJobsPerUser: Number(env.CEBASE_DOCUMENT_JOBS_PER_USER ?? 2),
    documentTimeoutMs: Number(env.CEBASE_DOCUMENT_TIMEOUT_SECONDS ?? 300) * 1000,
    excelInlineRows: Number(env.CEBASE_EXCEL_INLINE_ROWS ?? 500),
    // issue 13 item 4: streamed exports server-wide at once, each a worker thread with its own read connection
    heavyJobs: Math.max(1, Number(env.CEBASE_HEAVY_JOBS ?? 2) || 2),
    exportStatementTimeoutMs: Number(env.CEBASE_EXPORT_STATEMENT_TIMEOUT_SECONDS ?? 600) * 1000,
    pgStatementTimeoutMs: Number(env.CEBASE_PG_STATEMENT_TIMEOUT_SECONDS ?? 30) * 1000,
    // never under NODE_ENV=test unless asked for: on a busy machine a small count could take a second and be kept
    statisticsKeepAfterMs: Number(env.CEBASE_STATISTICS_KEEP_AFTER_MS ?? (env.NODE_ENV === "test" ? Infinity : 1000)),
    // off under NODE_ENV=test unless asked for: suites on a busy machine would otherwise be refused at random
    underPressure: {
      maxEventLoopDelayMs: Number(env.CEBASE_MAX_EVENT_LOOP_DELAY_MS ?? (env.NODE_ENV === "test" ? 0 : 1000)),
      maxHeapUsedBytes: Number(env.CEBASE_MAX_HEAP_USED_MB ?? 0) * 1024 * 1024,
      maxEventLoopUtilization: Number(env.CEBASE_MAX_EVENT_LOOP_UTILIZATION ?? 0),
      retryAfterSeconds: Number(env.CEBASE_PRESSURE_RETRY_AFTER_SECONDS ?? 10),
    },
    ...overrides,
  };
}
