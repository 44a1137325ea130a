// Issue 10 item 8 (remainder): wrong second-factor codes are counted per account. After 5 within the
// window the account's next codes are refused unchecked (429 TOTP_THROTTLED, Retry-After) from any
// address until 15 minutes after the last wrong one; other accounts sign in as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/server/demo/seed.js";
import { totpAt } from "../../src/server/platform/totp.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

/** A code of `secret` that is none of the three the server accepts now. */
function wrongCodeAt(s: TestServer, secret = DEMO_TOTP_SECRET): string {
  const near = [-30_000, 0, 30_000].map((d) => totpAt(secret, s.clock.systemNow() + d));
  return ["000000", "111111", "222222", "333333"].find((c) => !near.includes(c))!;
}

describe.each(dialects)("wrong second-factor codes per account on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  const login = (username: string, totp: string) => s.client().post("/api/v1/auth/login", { username, password: DEMO_PASSWORD, totp });
  const wrongCode = () => wrongCodeAt(s);

  it("refuses the right code after 5 wrong ones with 429 TOTP_THROTTLED and Retry-After, unchecked, and audits it", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login("supervisor2", wrongCode());
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("TOTP_INVALID");
    }
    const code = s.freshCode("supervisor2");
    const refused = await login("supervisor2", code);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "TOTP_THROTTLED", message: expect.any(String) });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(refused.headers.get("set-cookie")).toBeNull();
    // The code was not checked: its step is still unused.
    const row = await s.app.platform.db.selectFrom("userTotp").innerJoin("users", "users.id", "userTotp.userId").select("lastUsedStep").where("users.username", "=", "supervisor2").executeTakeFirstOrThrow();
    expect(row.lastUsedStep === null || Number(row.lastUsedStep) < Math.floor(s.clock.systemNow() / 30_000) - 1).toBe(true);
    const failed = (await (await s.as("auditor")).get("/api/v1/audit-events?action=auth.loginFailed&pageSize=50")).body.items;
    expect(failed.filter((e: any) => e.actorName === "supervisor2" && e.detail.reason === "totpThrottled")).toHaveLength(1);
  });

  it("lets other accounts sign in with their codes meanwhile", async () => {
    const res = await login("supervisor", s.freshCode("supervisor"));
    expect(res.status).toBe(200);
  });

  it("never opens the account with the right password alone, throttled or not", async () => {
    const res = await s.client().post("/api/v1/auth/login", { username: "supervisor2", password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("accepts the right code once the window after the last wrong one has passed, and starts the count afresh", async () => {
    s.advanceSystemTime(16);
    const res = await login("supervisor2", s.freshCode("supervisor2"));
    expect(res.status).toBe(200);
    const wrong = await login("supervisor2", wrongCode());
    expect(wrong.body.error.code).toBe("TOTP_INVALID");
    expect((await login("supervisor2", s.freshCode("supervisor2"))).status).toBe(200);
  });
});

describe.each(dialects)("wrong codes outside sign-in on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  it("counts wrong codes sent to turn an optional second factor off, audits each, and past the limit refuses even the right one", async () => {
    const pro = await s.as("pro1");
    const { secret } = (await pro.post("/api/v1/auth/totp/enrolment")).body;
    expect((await pro.post("/api/v1/auth/totp/enrolment/confirm", { code: s.freshCode("pro1", secret) })).status).toBe(200);
    const wrong = wrongCodeAt(s, secret);
    for (let i = 0; i < 5; i++) {
      const res = await pro.post("/api/v1/auth/totp/disable", { code: wrong });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("TOTP_INVALID");
    }
    const refused = await pro.post("/api/v1/auth/totp/disable", { code: s.freshCode("pro1", secret) });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("TOTP_THROTTLED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await pro.get("/api/v1/auth/me")).body.twoFactor.enrolled).toBe(true);
    const audits = (await (await s.as("auditor")).get("/api/v1/audit-events?action=auth.totpDisableRefused&pageSize=50")).body.items;
    expect(audits).toHaveLength(5);
  });

  it("forgets an account's wrong codes when the security administrator resets its second factor", async () => {
    const wrong = wrongCodeAt(s);
    for (let i = 0; i < 5; i++) await s.client().post("/api/v1/auth/login", { username: "supervisor2", password: DEMO_PASSWORD, totp: wrong });
    expect((await s.client().post("/api/v1/auth/login", { username: "supervisor2", password: DEMO_PASSWORD, totp: s.freshCode("supervisor2") })).status).toBe(429);
    const secadmin = await s.as("secadmin");
    const id = (await secadmin.get("/api/v1/users?q=supervisor2")).body.items.find((u: any) => u.username === "supervisor2").id;
    expect((await secadmin.post(`/api/v1/users/${id}/actions/reset-totp`)).status).toBe(204);
    s.advanceSystemTime(1); // past the address's short wait for the wrong codes, well within the 15 minutes
    // Not enrolled any more: the password opens a session that can only enrol again.
    const res = await s.client().post("/api/v1/auth/login", { username: "supervisor2", password: DEMO_PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.twoFactor).toMatchObject({ required: true, enrolled: false });
  });
});
