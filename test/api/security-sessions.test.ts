// Password and session policy to 等保 level 3 (issue 10, item 10): strong, uncommon, unrepeated
// passwords, optional expiry, an absolute session lifetime, a cap on concurrent sessions, the owner's
// list of sessions, and `__Host-`/`Secure` cookies with HSTS over TLS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/seed.js";
import { dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";

const changePassword = (c: Client, currentPassword: string, newPassword: string) => c.post("/api/v1/auth/password", { currentPassword, newPassword });

describe.each(dialects)("password policy on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  it("refuses a 9-character password", async () => {
    const res = await changePassword(await s.as("pro1"), DEMO_PASSWORD, "Abcdef#12");
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "WEAK_PASSWORD", details: { reason: "length" } });
  });

  it("refuses a password of only two character classes", async () => {
    const res = await changePassword(await s.as("pro1"), DEMO_PASSWORD, "abcdefgh1234");
    expect(res.body.error).toMatchObject({ code: "WEAK_PASSWORD", details: { reason: "classes" } });
  });

  it("refuses a password on the common-password list", async () => {
    const c = await s.as("pro1");
    for (const common of ["Password123", "Qwerty12345", "1Q2w3e4r5t"]) {
      const res = await changePassword(c, DEMO_PASSWORD, common);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("COMMON_PASSWORD");
    }
  });

  it("refuses a password containing the username, whatever its case", async () => {
    const res = await changePassword(await s.as("pro2"), DEMO_PASSWORD, "Abc#PRO2xyz9");
    expect(res.body.error).toMatchObject({ code: "WEAK_PASSWORD", details: { reason: "username" } });
  });

  it("refuses each of the last 5 passwords and accepts the 6th previous", async () => {
    const c = await s.as("expert1");
    const chosen = ["Harbor#Light1", "Harbor#Light2", "Harbor#Light3", "Harbor#Light4", "Harbor#Light5", "Harbor#Light6"];
    let current = DEMO_PASSWORD;
    for (const next of chosen) {
      expect((await changePassword(c, current, next)).status).toBe(200);
      current = next;
    }
    expect((await changePassword(c, current, current)).body.error.code).toBe("PASSWORD_REUSED");
    for (const recent of chosen.slice(1, 5)) {
      const res = await changePassword(c, current, recent);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: "PASSWORD_RECENTLY_USED", details: { count: 5 } });
    }
    expect((await changePassword(c, current, chosen[0])).status).toBe(200);
    expect((await s.client().login("expert1", chosen[0])).status).toBe(200);
  });

  it("applies the rules when an administrator creates an account or resets its password", async () => {
    const bureau = await s.as("sysadmin");
    const orgId = await idOf(bureau, "organizations", (o) => o.type === "bureau");
    const base = { displayName: "口令测试", orgId, roles: ["bureau"] };
    expect((await bureau.post("/api/v1/users", { ...base, username: "pwcommon", password: "Password123" })).body.error.code).toBe("COMMON_PASSWORD");
    expect((await bureau.post("/api/v1/users", { ...base, username: "pwshort", password: "Short#123" })).body.error.code).toBe("WEAK_PASSWORD");
    const id = await idOf(bureau, "users", (u) => u.username === "supervisor2");
    const reset = await bureau.post(`/api/v1/users/${id}/actions/reset-password`, { password: "Reset#123" });
    expect(reset.body.error).toMatchObject({ code: "WEAK_PASSWORD", details: { reason: "length" } });
  });

  it("still signs an existing demo account in with Demo#2026: the rule applies when a password is set", async () => {
    const res = await s.client().login("bureau", DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(false);
  });

  it("does not expire passwords by default", async () => {
    await s.app.platform.db.updateTable("users").set({ passwordChangedAt: "2020-01-01T00:00:00.000Z" }).where("username", "=", "expert2").execute();
    const res = await s.client().login("expert2");
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(false);
  });
});

describe.each(dialects)("sessions of an account on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, { trustedProxies: ["127.0.0.1"] });
  });
  afterAll(() => s.close());

  const signIn = async (username: string, userAgent: string) => {
    const c = s.client();
    const totp = await c.codeFor(username);
    expect((await c.request("POST", "/api/v1/auth/login", { username, password: DEMO_PASSWORD, ...(totp ? { totp } : {}) }, { "user-agent": userAgent })).status).toBe(200);
    return c;
  };

  it("lists the owner's sessions with creation, last use, a masked address and the current one marked", async () => {
    const laptop = await signIn("base", "Laptop/1.0");
    await signIn("base", "Phone/2.0");
    const res = await laptop.get("/api/v1/auth/sessions");
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const [newest, older] = res.body.items;
    expect(newest).toMatchObject({ userAgent: "Phone/2.0", isCurrent: false, address: "127.0.*.*" });
    expect(older).toMatchObject({ userAgent: "Laptop/1.0", isCurrent: true, address: "127.0.*.*" });
    expect(older.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(older.createdAt)).toBeLessThanOrEqual(Date.parse(newest.createdAt));
    expect(Date.parse(older.lastSeenAt)).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(laptop.cookie.split("=")[1]);
  });

  it("revokes one of the owner's sessions, which then no longer signs anything in", async () => {
    const desk = await signIn("supervisor", "Desk/1.0");
    const stolen = await signIn("supervisor", "Unknown/9.9");
    const other = (await desk.get("/api/v1/auth/sessions")).body.items.find((x: any) => !x.isCurrent);
    expect((await desk.delete(`/api/v1/auth/sessions/${other.id}`)).status).toBe(204);
    expect((await stolen.get("/api/v1/auth/me")).status).toBe(401);
    expect((await desk.get("/api/v1/auth/me")).status).toBe(200);
    expect((await desk.get("/api/v1/auth/sessions")).body.items).toHaveLength(1);
  });

  it("answers 404 for another account's session id and leaves that session alone", async () => {
    const mine = await signIn("expert3", "Mine/1.0");
    const theirs = await signIn("base2", "Theirs/1.0");
    const theirId = (await theirs.get("/api/v1/auth/sessions")).body.items[0].id;
    const res = await mine.delete(`/api/v1/auth/sessions/${theirId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect((await theirs.get("/api/v1/auth/me")).status).toBe(200);
  });

  it("behind TLS sets a __Host- Secure cookie and HSTS, and the cookie signs the requests in", async () => {
    const tls = { "x-forwarded-proto": "https" };
    const c = s.client();
    const res = await c.request("POST", "/api/v1/auth/login", { username: "pro1", password: DEMO_PASSWORD }, tls);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-cebase_session=[\w-]+;/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(c.cookie).toMatch(/^__Host-cebase_session=/);
    const me = await c.request("GET", "/api/v1/auth/me", undefined, tls);
    expect(me.status).toBe(200);
    expect(me.headers.get("strict-transport-security")).toBeTruthy();
  });

  it("behind TLS signs nothing in with a plain-named session cookie (it could be planted over HTTP)", async () => {
    const tls = { "x-forwarded-proto": "https" };
    const c = s.client();
    expect((await c.request("POST", "/api/v1/auth/login", { username: "pro1", password: DEMO_PASSWORD }, tls)).status).toBe(200);
    const planted = s.client();
    planted.cookie = c.cookie.replace(/^__Host-/, "");
    expect(planted.cookie).toMatch(/^cebase_session=/);
    expect((await planted.request("GET", "/api/v1/auth/me", undefined, tls)).status).toBe(401);
    expect((await c.request("GET", "/api/v1/auth/me", undefined, tls)).status).toBe(200);
  });

  it("over plain HTTP keeps the plain cookie name without Secure and sends no HSTS", async () => {
    const c = s.client();
    const res = await c.login("pro2");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^cebase_session=/);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect((await c.get("/api/v1/auth/me")).status).toBe(200);
  });
});

describe.each(dialects)("session limits and password expiry on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect, { maxSessionsPerAccount: 2, passwordMaxAgeDays: 90, servedOverTls: true });
  });
  afterAll(() => s.close());

  it("with a limit of 2 sessions, a third sign-in ends the oldest session", async () => {
    const first = await s.as("expert3");
    const second = await s.as("expert3");
    const third = await s.as("expert3");
    expect((await first.get("/api/v1/auth/me")).status).toBe(401);
    expect((await second.get("/api/v1/auth/me")).status).toBe(200);
    expect((await third.get("/api/v1/auth/me")).status).toBe(200);
    expect((await third.get("/api/v1/auth/sessions")).body.items).toHaveLength(2);
  });

  it("sets the __Host- Secure cookie when configured as served over TLS", async () => {
    const res = await s.client().login("base");
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-cebase_session=[^;]+;.*Secure/i);
    expect(res.headers.get("strict-transport-security")).toBeTruthy();
  });

  it("refuses a session older than the absolute lifetime of 12 hours even while it is in use", async () => {
    const c = await s.as("supervisor");
    for (let minutes = 25; minutes <= 700; minutes += 25) {
      s.advanceSystemTime(25); // never idle for 30 minutes
      expect((await c.get("/api/v1/auth/me")).status).toBe(200);
    }
    s.advanceSystemTime(25);
    const res = await c.get("/api/v1/auth/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("SESSION_EXPIRED");
  });

  it("makes a password older than 90 days be changed at sign-in", async () => {
    const fresh = await s.client().login("pro1");
    expect(fresh.body.user.mustChangePassword).toBe(false);
    s.advanceSystemTime(91 * 24 * 60);
    const c = s.client();
    const res = await c.login("pro1");
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await c.get("/api/v1/work-items")).body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await changePassword(c, DEMO_PASSWORD, "Seaside#Walk2027")).status).toBe(200);
    expect((await c.get("/api/v1/work-items")).status).toBe(200);
    expect((await s.client().login("pro1", "Seaside#Walk2027")).body.user.mustChangePassword).toBe(false);
  });
});
