// Two-factor sign-in (issue 10 item 8): bureau, supervisor and administrator accounts need a TOTP
// (RFC 6238) besides the password; a stolen password alone opens none of them. A code works once,
// recovery codes work once each, the secret is sealed at rest, and the security administrator resets a
// lost second factor. Other accounts may enrol from their own account; without it their password suffices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/server/demo/seed.js";
import { totpAt } from "../../src/server/platform/totp.js";
import { dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";

const loginBody = (username: string, totp?: string) => ({ username, password: DEMO_PASSWORD, ...(totp === undefined ? {} : { totp }) });

describe.each(dialects)("two-factor sign-in on %s", (dialect) => {
  let s: TestServer;
  let secadmin: Client, sysadmin: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    [secadmin, sysadmin] = await Promise.all([s.as("secadmin"), s.as("sysadmin")]);
  });
  afterAll(() => s.close());

  /** A sign-in without the harness's automatic code; the session cookie, if any, lands on `c`. */
  const rawLogin = (c: Client, username: string, totp?: string) => c.post("/api/v1/auth/login", loginBody(username, totp));
  const sessionCount = async (username: string) =>
    Number((await s.app.platform.db.selectFrom("sessions").innerJoin("users", "users.id", "sessions.userId").select((eb) => eb.fn.countAll<number>().as("n")).where("users.username", "=", username).executeTakeFirstOrThrow()).n);

  it("refuses the right password of a bureau, supervisor or administrator account without a code: TOTP_REQUIRED, no session", async () => {
    for (const username of ["bureau", "supervisor", "sysadmin", "secadmin", "auditor"]) {
      const before = await sessionCount(username);
      const c = s.client();
      const res = await rawLogin(c, username);
      expect(res.status, username).toBe(401);
      expect(res.body.error.code).toBe("TOTP_REQUIRED");
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(c.cookie).toBe("");
      expect(await sessionCount(username)).toBe(before);
    }
  });

  it("refuses a wrong code with TOTP_INVALID and opens no session", async () => {
    const before = await sessionCount("supervisor2");
    const right = totpAt(DEMO_TOTP_SECRET, s.clock.systemNow());
    const wrong = right === "000000" ? "111111" : "000000";
    const c = s.client();
    const res = await rawLogin(c, "supervisor2", wrong);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("TOTP_INVALID");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await sessionCount("supervisor2")).toBe(before);
    const failed = (await (await s.as("auditor")).get("/api/v1/audit-events?action=auth.loginFailed&pageSize=50")).body.items;
    expect(failed.some((e: any) => e.actorName === "supervisor2" && e.detail.reason === "totpInvalid")).toBe(true);
  });

  it("signs in with the demo secret's current code, and refuses the same code a second time", async () => {
    const code = s.freshCode("supervisor2");
    const first = await rawLogin(s.client(), "supervisor2", code);
    expect(first.status).toBe(200);
    expect(first.body.twoFactor).toMatchObject({ required: true, enrolled: true });
    const before = await sessionCount("supervisor2");
    const again = s.client();
    const replay = await rawLogin(again, "supervisor2", code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("TOTP_INVALID");
    expect(again.cookie).toBe("");
    expect(await sessionCount("supervisor2")).toBe(before);
  });

  it("lets an account without a second factor role sign in with its password alone", async () => {
    for (const username of ["base", "expert1", "pro1"]) {
      const res = await rawLogin(s.client(), username);
      expect(res.status, username).toBe(200);
      expect(res.body.twoFactor).toEqual({ required: false, enrolled: false, recoveryCodesLeft: 0 });
    }
  });

  it("enrols an optional account by QR code: then its password alone no longer opens it, and each recovery code works once", async () => {
    const pro = await s.as("pro2");
    const start = await pro.post("/api/v1/auth/totp/enrolment");
    expect(start.status).toBe(200);
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.otpauthUri).toBe(`otpauth://totp/cebase%3Apro2?secret=${start.body.secret}&issuer=cebase&algorithm=SHA1&digits=6&period=30`);
    expect(start.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // sealed at rest: the stored row does not hold the secret
    const row = await s.app.platform.db.selectFrom("userTotp").innerJoin("users", "users.id", "userTotp.userId").select("userTotp.secretSealed").where("users.username", "=", "pro2").executeTakeFirstOrThrow();
    expect(row.secretSealed).not.toContain(start.body.secret);
    expect(row.secretSealed).toMatch(/^v1:/);

    expect((await pro.post("/api/v1/auth/totp/enrolment/confirm", { code: "000000" === totpAt(start.body.secret, s.clock.systemNow()) ? "111111" : "000000" })).body.error.code).toBe("TOTP_INVALID");
    const confirmed = await pro.post("/api/v1/auth/totp/enrolment/confirm", { code: s.freshCode("pro2", start.body.secret) });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await s.app.platform.db.selectFrom("userRecoveryCodes").select("codeHash").execute();
    for (const c of codes) expect(JSON.stringify(stored)).not.toContain(c.replace("-", ""));

    expect((await rawLogin(s.client(), "pro2")).body.error.code).toBe("TOTP_REQUIRED");
    const byRecovery = await rawLogin(s.client(), "pro2", codes[0].toUpperCase());
    expect(byRecovery.status).toBe(200);
    expect(byRecovery.body.twoFactor).toMatchObject({ enrolled: true, recoveryCodesLeft: 9 });
    const reused = await rawLogin(s.client(), "pro2", codes[0]);
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe("TOTP_INVALID");
    expect((await rawLogin(s.client(), "pro2", s.freshCode("pro2", start.body.secret))).status).toBe(200);
  });

  it("opens nothing but enrolment to a required account that has not enrolled, until it confirms a code", async () => {
    const bureauOrg = await idOf(sysadmin, "organizations", (o) => o.type === "bureau");
    const created = await sysadmin.post("/api/v1/users", { username: "newbureau", displayName: "新同事", orgId: bureauOrg, roles: ["bureau"], password: "First#Login2026" });
    expect(created.status).toBe(201);
    const c = s.client();
    expect((await c.login("newbureau", "First#Login2026")).status).toBe(200);
    // an administrator-set password is changed first, as before; enrolment may come before or after
    expect((await c.post("/api/v1/auth/password", { currentPassword: "First#Login2026", newPassword: "Second#Login2026" })).status).toBe(200);
    const me = await c.get("/api/v1/auth/me");
    expect(me.body.twoFactor).toMatchObject({ required: true, enrolled: false });
    for (const url of ["/api/v1/base-applications", "/api/v1/users", "/api/v1/notifications"]) {
      const res = await c.get(url);
      expect(res.status, url).toBe(403);
      expect(res.body.error.code).toBe("TOTP_ENROLMENT_REQUIRED");
    }
    const start = await c.post("/api/v1/auth/totp/enrolment");
    expect((await c.post("/api/v1/auth/totp/enrolment/confirm", { code: s.freshCode("newbureau", start.body.secret) })).status).toBe(200);
    expect((await c.get("/api/v1/base-applications")).status).toBe(200);
    expect((await rawLogin(s.client(), "newbureau")).status).toBe(401);
  });

  it("lets the security administrator reset a second factor, audited; the account's sessions end and it enrols again", async () => {
    const victim = await s.as("supervisor");
    const id = await idOf(sysadmin, "users", (u) => u.username === "supervisor");
    expect((await sysadmin.post(`/api/v1/users/${id}/actions/reset-totp`)).status).toBe(403);
    expect((await (await s.as("bureau")).post(`/api/v1/users/${id}/actions/reset-totp`)).status).toBe(403);
    expect((await secadmin.post("/api/v1/users/0190a0b0-0000-7000-8000-000000000000/actions/reset-totp")).status).toBe(404);
    expect((await secadmin.post(`/api/v1/users/${id}/actions/reset-totp`)).status).toBe(204);
    expect((await victim.get("/api/v1/auth/me")).status).toBe(401);
    expect((await secadmin.post(`/api/v1/users/${id}/actions/reset-totp`)).body.error.code).toBe("TOTP_NOT_ENROLLED");
    const audit = (await (await s.as("auditor")).get(`/api/v1/audit-events?action=user.resetTotp&resourceId=${id}`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].actorName).toBe("secadmin");
    const c = s.client();
    expect((await rawLogin(c, "supervisor")).status).toBe(200);
    expect((await c.get("/api/v1/training-projects")).body.error.code).toBe("TOTP_ENROLMENT_REQUIRED");
  });

  it("keeps a required account's second factor on, and lets an optional one turn it off with a code", async () => {
    const auditor = await s.as("auditor");
    expect((await auditor.post("/api/v1/auth/totp/disable", { code: s.freshCode("auditor") })).body.error.code).toBe("TOTP_CANNOT_DISABLE");
    const expert = await s.as("expert2");
    const start = await expert.post("/api/v1/auth/totp/enrolment");
    await expert.post("/api/v1/auth/totp/enrolment/confirm", { code: s.freshCode("expert2", start.body.secret) });
    expect((await expert.post("/api/v1/auth/totp/disable", { code: s.freshCode("expert2", start.body.secret) })).status).toBe(204);
    expect((await rawLogin(s.client(), "expert2")).status).toBe(200);
  });
});
