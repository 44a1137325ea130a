// Issue 10 item 8 (remainder): wrong second-factor codes are counted per account. After 5 within the
// window the account's next codes are refused unchecked (429 TOTP_THROTTLED, Retry-After) from any
// address until 15 minutes after the last wrong one; other accounts sign in as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/server/demo/seed.js";
import { totpAt } from "../../src/server/platform/totp.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";

describe.each(dialects)("wrong second-factor codes per account on %s", (dialect) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(dialect);
  });
  afterAll(() => s.close());

  const login = (username: string, totp: string) => s.client().post("/api/v1/auth/login", { username, password: DEMO_PASSWORD, totp });
  /** A code that is none of the three the server accepts now. */
  const wrongCode = () => {
    const near = [-30_000, 0, 30_000].map((d) => totpAt(DEMO_TOTP_SECRET, s.clock.systemNow() + d));
    return ["000000", "111111", "222222", "333333"].find((c) => !near.includes(c))!;
  };

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
