// Limits shared across instances (issue 10, item 11): every public limit goes through one mechanism
// (platform/limits.ts) whose counters live in PostgreSQL when the platform runs on it, so two instances
// enforce one limit; on SQLite they stay in memory and still limit. Public checks of hours statements
// and objection receipts are limited too, and certificate serials cannot be walked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../../src/server/app.js";
import { createClock } from "../../src/server/platform/clock.js";
import { createDbBackoffStore } from "../../src/server/platform/ratelimit-db.js";
import type { AppConfig } from "../../src/server/platform/config.js";
import { givenCertificate } from "../support/certificates.js";
import { expectError, filingCast, givenActiveBase, ok } from "../support/filing.js";
import { Client, dialects, startServer, type Response, type TestServer } from "../support/harness.js";
import { givenProjectRow, givenSignedUp } from "../support/professionals.js";

const MINUTE = 60_000;
/** Small limits, so a test reaches them in a few requests; 127.0.0.1 is the trusted proxy naming each address. */
const LIMITS: Partial<AppConfig> = {
  trustedProxies: ["127.0.0.1"],
  publicLookupRateLimit: { max: 3, windowMs: MINUTE },
  objectionRateLimit: { max: 2, windowMs: 60 * MINUTE },
  loginRateLimit: { max: 100_000, windowMs: MINUTE },
  loginThrottle: {
    account: { freeAttempts: 3, baseDelayMs: 20_000, maxDelayMs: 30_000, windowMs: 15 * MINUTE },
    address: { freeAttempts: 1000, baseDelayMs: 5_000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE },
    burstThreshold: 100_000,
    burstWindowMs: 10 * MINUTE,
  },
};

let addressCounter = 0;
/** A fresh client address per test, so the limits of one test never reach into the next. */
const freshAddress = () => `10.77.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

const from = (baseUrl: string, address: string, method: string, url: string, body?: unknown): Promise<Response> =>
  new Client(baseUrl).request(method, url, body, { "x-forwarded-for": address });

const RECEIPT = "YY20261201ABCDEFGHJK";
const NOTICE = "0190f0f0-0000-7000-8000-000000000000";

/** The public routes with a limit per address, each asked for something that does not exist (404 until the limit). */
const PUBLIC_LOOKUPS: Array<[string, string, string, unknown?]> = [
  ["hours-statement check", "GET", "/api/v1/public/hours-statements/ABCDEFGHJKMN"],
  ["objection receipt look-up", "GET", `/api/v1/public/objections/${RECEIPT}`],
  ["certificate check", "GET", "/api/v1/public/certificates/JJZS-2026-000001-ABCDEF"],
];

describe.each(dialects)("public limits on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, LIMITS);
  });
  afterAll(() => s.close());

  it.each(PUBLIC_LOOKUPS)("answers the %s from one address 429 with Retry-After once over the limit, and not another address", async (_name, method, url) => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++) expect((await from(s.baseUrl, address, method, url)).status).toBe(404);
    const refused = await from(s.baseUrl, address, method, url);
    expectError(refused, 429, "RATE_LIMITED");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await from(s.baseUrl, freshAddress(), method, url)).status).toBe(404);
  });

  it("counts each look-up apart: checking statements does not use up certificate checks", async () => {
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await from(s.baseUrl, address, "GET", "/api/v1/public/hours-statements/ABCDEFGHJKMN");
    expect((await from(s.baseUrl, address, "GET", "/api/v1/public/certificates/JJZS-2026-000001-ABCDEF")).status).toBe(404);
  });

  it("limits filing objections per address (第五条（三）: anyone may object, but not flood)", async () => {
    const address = freshAddress();
    const body = { name: "王先生", contact: "13806310000", content: "该单位实训场地与申报材料不符。" };
    for (let i = 0; i < 2; i++) expect((await from(s.baseUrl, address, "POST", `/api/v1/public/notices/${NOTICE}/objections`, body)).status).toBe(404);
    const refused = await from(s.baseUrl, address, "POST", `/api/v1/public/notices/${NOTICE}/objections`, body);
    expectError(refused, 429, "RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
  });
});

describe.each(dialects)("certificate serials on %s", (dialect) => {
  let s: TestServer;
  let serials: string[];
  beforeAll(async () => {
    s = await startServer(dialect, { trustedProxies: ["127.0.0.1"], publicLookupRateLimit: { max: 10_000, windowMs: MINUTE } });
    const c = await filingCast(s);
    const base = await givenActiveBase(c, "base");
    const projectId = await givenProjectRow(s, base.id);
    serials = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await givenSignedUp(s, { name: "周晓梅" });
      serials.push((await givenCertificate(s, projectId, id)).serial);
    }
  });
  afterAll(() => s.close());

  it("gives each new serial a random part after its number", () => {
    for (const serial of serials) expect(serial).toMatch(/^JJZS-\d{4}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(new Set(serials.map((x) => x.slice(-6))).size).toBe(3);
  });

  it("finds nothing when walking sequential serials, while the real ones and their QR links verify", async () => {
    const year = serials[0].slice(5, 9);
    const anyone = s.client();
    for (let n = 1; n <= 20; n++) {
      const guess = `JJZS-${year}-${String(n).padStart(6, "0")}`;
      expectError(await anyone.get(`/api/v1/public/certificates/${guess}`), 404, "NOT_FOUND");
      // A real certificate's random part on another number finds nothing either.
      const borrowed = `${guess}-${serials[0].slice(-6)}`;
      if (!serials.includes(borrowed)) expectError(await anyone.get(`/api/v1/public/certificates/${borrowed}`), 404, "NOT_FOUND");
    }
    for (const serial of serials) {
      const check = ok(await anyone.get(`/api/v1/public/certificates/${encodeURIComponent(serial)}`));
      expect(check).toMatchObject({ valid: true, serial, holderName: "周*梅" });
      // Typed from paper in lower case, it is the same serial.
      expect(ok(await anyone.get(`/api/v1/public/certificates/${serial.toLowerCase()}`)).serial).toBe(serial);
    }
  });
});

describe.runIf(dialects.includes("postgres"))("two instances on one PostgreSQL", () => {
  let a: TestServer;
  let b: App;
  let bUrl: string;
  beforeAll(async () => {
    a = await startServer("postgres", LIMITS);
    // The second instance: the same database schema and master key, its own process state.
    b = await buildApp(a.app.platform.config, { clock: createClock({ testClock: true }) });
    bUrl = await b.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("enforces one sign-in throttle: failures on one instance make the other refuse", async () => {
    const instances = [a.baseUrl, bUrl];
    // Three free failures, then one more admitted: split over both, each instance alone would see two.
    for (let i = 0; i < 4; i++) {
      const res = await from(instances[i % 2], freshAddress(), "POST", "/api/v1/auth/login", { username: "bureau", password: `Wrong#guess${i}` });
      expect(res.status, JSON.stringify(res.body)).toBe(401);
    }
    for (const url of instances) {
      const refused = await from(url, freshAddress(), "POST", "/api/v1/auth/login", { username: "bureau", password: "Demo#2026" });
      expectError(refused, 429, "LOGIN_THROTTLED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it.each(PUBLIC_LOOKUPS)("enforces one limit on the %s across both instances", async (_name, method, url) => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await from(i % 2 === 0 ? a.baseUrl : bUrl, address, method, url)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it("never admits more attempts than the rule allows when both instances take at once", async () => {
    const stores = [createDbBackoffStore(a.app.platform.db), createDbBackoffStore(b.platform.db)];
    const rule = { freeAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, windowMs: MINUTE };
    const now = Date.now();
    const takes = await Promise.all(Array.from({ length: 24 }, (_, i) => stores[i % 2].take("account:race", now, rule)));
    const admitted = takes.filter((t) => t.admitted).length;
    // Five free attempts and the one after them; every later one waits.
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(6);
    expect(await stores[0].waitUntil("account:race", now, rule)).toBe(admitted === 6 ? now + 60_000 : null);
  });

  it("deletes expired counters through the expiry index, not on every request", async () => {
    const db = a.app.platform.db;
    const past = Date.now() - 2 * MINUTE;
    await db.insertInto("rateLimits").values({ key: "expired-test", count: 9, startedAt: past, lastAt: past, expiresAt: past + 1 }).execute();
    await createDbBackoffStore(db).hitWindow("limit:sweep:1", Date.now(), MINUTE); // a fresh instance sweeps at its first count
    expect(await db.selectFrom("rateLimits").select("key").where("key", "=", "expired-test").executeTakeFirst()).toBeUndefined();
  });

  it("keeps the counters in one table, with no username or address in the clear", async () => {
    const rows = await a.app.platform.db.selectFrom("rateLimits").select(["key", "expiresAt"]).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.expiresAt) > Date.now())).toBe(true);
    expect(rows.filter((r) => /bureau|10\.77\./.test(r.key))).toEqual([]);
  });
});
