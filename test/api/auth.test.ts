// Sign-in to 等保 level 3 habits: throttled guessing (more in security-throttle.test.ts), idle expiry, forced password change, CSRF, audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, idOf, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("authentication on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  it("signs in with the demo password and answers the user, roles and a CSRF token", async () => {
    const c = s.client();
    const res = await c.login("supervisor");
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: "supervisor", roles: ["supervisor"], orgName: "威海市环翠区人力资源和社会保障局" });
    expect(res.body.roles).toEqual(["supervisor"]);
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get("/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe("supervisor");
  });

  it("refuses a wrong password with one message that does not tell whether the user exists", async () => {
    const wrong = await s.client().login("supervisor2", "Wrong#2026");
    const unknown = await s.client().login("nobody-here", "Wrong#2026");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(wrong.body.error.message).toBe("用户名或密码错误");
  });

  it("slows an account down after 5 consecutive failures instead of locking it, then lets the right password in", async () => {
    const c = s.client();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await c.login("expert2", "Wrong#2026")).status);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    let right = await c.login("expert2");
    for (let waited = 0; right.status === 429 && waited <= 30; ) {
      expect(right.body.error.code).toBe("LOGIN_THROTTLED");
      const wait = Number(right.headers.get("retry-after"));
      waited += wait;
      s.advanceSystemTime(wait / 60);
      right = await c.login("expert2");
    }
    expect(right.status).toBe(200);
    expect(right.body.user.lockedUntil).toBeNull();
  });

  it("records sign-in successes and failures in the audit log", async () => {
    await s.client().login("pro2", "Wrong#2026");
    await s.client().login("pro2");
    const auditor = await s.as("auditor");
    const failed = await auditor.get("/api/v1/audit-events?action=auth.loginFailed&pageSize=50");
    expect(failed.body.items.some((e: any) => e.actorName === "pro2" && e.detail.reason === "wrongPassword")).toBe(true);
    const ok = await auditor.get("/api/v1/audit-events?action=auth.login&pageSize=50");
    expect(ok.body.items.some((e: any) => e.actorName === "pro2")).toBe(true);
  });

  it("expires a session after 30 idle minutes", async () => {
    const c = await s.as("base2");
    expect((await c.get("/api/v1/auth/me")).status).toBe(200);
    s.advanceSystemTime(31);
    const res = await c.get("/api/v1/auth/me");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("SESSION_EXPIRED");
    expect((await c.get("/api/v1/auth/me")).body.error.code).toBe("UNAUTHENTICATED");
  });

  it("keeps an active session alive past 30 minutes of use", async () => {
    const c = await s.as("base2");
    for (let i = 0; i < 3; i++) {
      s.advanceSystemTime(20);
      expect((await c.get("/api/v1/auth/me")).status).toBe(200);
    }
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const c = await s.as("bureau");
    const res = await c.request("POST", "/api/v1/calendar/overrides", { date: "2026-12-31", isWorkday: false, name: "测试" }, { "x-csrf-token": "forged" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("CSRF_TOKEN_INVALID");
    const cal = await c.get("/api/v1/calendar/2026");
    expect(cal.body.overrides).toEqual([]);
  });

  it("forces a change of an administrator-set password before anything else", async () => {
    const bureau = await s.as("sysadmin");
    const orgId = await idOf(bureau, "organizations", (o) => o.name === "山东大学（威海）");
    const created = await bureau.post("/api/v1/users", {
      username: "newexpert",
      displayName: "新专家",
      orgId,
      roles: ["expert"],
      password: "Temp#2026x",
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);

    const c = s.client();
    const login = await c.login("newexpert", "Temp#2026x");
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const blocked = await c.get("/api/v1/work-items");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const weak = await c.post("/api/v1/auth/password", { currentPassword: "Temp#2026x", newPassword: "newexpert1A" });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe("WEAK_PASSWORD");
    const same = await c.post("/api/v1/auth/password", { currentPassword: "Temp#2026x", newPassword: "Temp#2026x" });
    expect(same.body.error.code).toBe("PASSWORD_REUSED");
    const changed = await c.post("/api/v1/auth/password", { currentPassword: "Temp#2026x", newPassword: "Better#Pass9" });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await c.get("/api/v1/work-items")).status).toBe(200);
    expect((await s.client().login("newexpert", "Better#Pass9")).status).toBe(200);
  });

  it("signs out and the old cookie no longer works", async () => {
    const c = await s.as("pro1");
    const saved = c.cookie;
    expect((await c.post("/api/v1/auth/logout")).status).toBe(204);
    c.cookie = saved;
    expect((await c.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("refuses a disabled account", async () => {
    const bureau = await s.as("sysadmin");
    const victim = await s.as("supervisor2");
    const id = await idOf(bureau, "users", (u) => u.username === "supervisor2");
    const user = (await bureau.get(`/api/v1/users/${id}`)).body;
    expect((await bureau.post(`/api/v1/users/${id}/actions/disable`, { version: user.version })).status).toBe(200);
    expect((await victim.get("/api/v1/auth/me")).status).toBe(401);
    const login = await s.client().login("supervisor2");
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe("ACCOUNT_DISABLED");
    const again = (await bureau.get(`/api/v1/users/${id}`)).body;
    await bureau.post(`/api/v1/users/${id}/actions/enable`, { version: again.version });
    expect((await s.client().login("supervisor2")).status).toBe(200);
  });

  it("rate-limits sign-in attempts from one address with 429", async () => {
    const limited = await startServer(dialect, { loginRateLimit: { max: 3, windowMs: 60_000 } }, { demo: false });
    try {
      const c = limited.client();
      for (let i = 0; i < 3; i++) expect((await c.login("x", "y")).status).toBe(401);
      const res = await c.login("x", "y");
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe("LOGIN_RATE_LIMITED");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it("counts parallel wrong guesses one by one: at most the free attempts and one reach a password check", async () => {
    const c = s.client();
    const guesses = await Promise.all(Array.from({ length: 12 }, () => c.login("supervisor", "Guess#2026x")));
    expect(guesses.filter((g) => g.status === 401).length).toBeLessThanOrEqual(6);
    expect(guesses.filter((g) => g.body.error.code === "LOGIN_THROTTLED").length).toBeGreaterThanOrEqual(6);
    expect(guesses.every((g) => g.body.error.details?.remainingAttempts === undefined)).toBe(true);
    const right = await c.login("supervisor");
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("LOGIN_THROTTLED");
    s.advanceSystemTime(16);
  });

  it("does not let the notification bell's polling keep an idle session alive", async () => {
    const c = await s.as("base2");
    for (let i = 0; i < 3; i++) {
      s.advanceSystemTime(9); // 9, 18, 27 minutes after sign-in: still within 30
      expect((await c.get("/api/v1/notifications?unread=true")).status).toBe(200);
    }
    s.advanceSystemTime(9); // 36 minutes after the last real activity
    const res = await c.get("/api/v1/notifications?unread=true");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("SESSION_EXPIRED");
  });
});
