// User accounts: roles, scopes, masked personal data, and the system administrator's management steps
// (issue 10 item 9: accounts are the system administrator's, unlocking the security administrator's).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoIdNumber } from "../../src/server/demo/seed.js";
import { dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, ok } from "../support/filing.js";

describe.each(dialects)("users on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client;
  let secadmin: Client;
  let schoolId: string;
  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, secadmin] = await Promise.all([s.as("sysadmin"), s.as("secadmin")]);
    schoolId = await idOf(bureau, "organizations", (o) => o.name === "威海市环翠区职业技术培训学校");
  });
  afterAll(() => s.close());

  it("lists users with id, username, displayName, orgId and roles, filtered by role", async () => {
    const res = await bureau.get("/api/v1/users?role=expert");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((u: any) => u.username)).toEqual(["expert1", "expert2", "expert3"]);
    for (const u of res.body.items) {
      expect(Object.keys(u)).toEqual(expect.arrayContaining(["id", "username", "displayName", "orgId", "roles"]));
      expect(u.roles).toEqual(["expert"]);
    }
    const expert3 = res.body.items.find((u: any) => u.username === "expert3");
    expect(expert3.orgId).toBe(schoolId);
    const page = await bureau.get("/api/v1/users?pageSize=4&page=3");
    expect(page.body).toMatchObject({ total: 13, page: 3, pageSize: 4 });
    expect(page.body.items).toHaveLength(4);
  });

  it("lists staff accounts and professionals apart, each kind paged, professionals with their employer", async () => {
    // (the demo has no account holding both a staff role and the professional role)
    const all = ok(await bureau.get("/api/v1/users?pageSize=100"));
    const staff = ok(await bureau.get("/api/v1/users?kind=staff&pageSize=100"));
    const pros = ok(await bureau.get("/api/v1/users?kind=professional&pageSize=100"));
    expect(pros.total).toBeGreaterThan(0);
    expect(staff.total + pros.total).toBe(all.total);
    expect(staff.items.every((u: any) => u.roles.some((r: string) => r !== "professional"))).toBe(true);
    expect(pros.items.every((u: any) => u.roles.includes("professional"))).toBe(true);
    const pro1 = pros.items.find((u: any) => u.username === "pro1");
    const profile = await s.app.platform.db.selectFrom("professionals").select("employer").where("id", "=", pro1.id).executeTakeFirstOrThrow();
    expect(pro1.employer).toBe(profile.employer);
    expect(staff.items.every((u: any) => u.employer === null)).toBe(true);
    const firstPage = ok(await bureau.get("/api/v1/users?kind=staff&pageSize=2&page=1"));
    expect(firstPage).toMatchObject({ total: staff.total, page: 1, pageSize: 2 });
    expect(firstPage.items.map((u: any) => u.username)).toEqual(staff.items.slice(0, 2).map((u: any) => u.username));
    expectError(await bureau.get("/api/v1/users?kind=everyone"), 400, "VALIDATION_FAILED");
  });

  it("masks ID numbers and phone numbers", async () => {
    const res = await bureau.get("/api/v1/users?role=professional");
    const pro1 = res.body.items.find((u: any) => u.username === "pro1");
    expect(pro1.idNumber).toBe("3710**********1234");
    expect(pro1.phone).toBe("139****0011");
    expect(JSON.stringify(res.body)).not.toContain(demoIdNumber("19880512", 123));
  });

  it("answers 403 to a user list asked for by anyone but the bureau and the administrators", async () => {
    const sup = await s.as("supervisor");
    expect((await sup.get("/api/v1/users")).status).toBe(403);
    const pro = await s.as("pro1");
    const id = await idOf(bureau, "users", (u) => u.username === "pro2");
    expect((await pro.get(`/api/v1/users/${id}`)).status).toBe(403);
  });

  it("creates a user holding two roles", async () => {
    const res = await bureau.post("/api/v1/users", {
      username: "dual",
      displayName: "双重角色",
      orgId: schoolId,
      roles: ["expert", "professional"],
      password: "Start#2026a",
      idNumber: demoIdNumber("19800101", 555),
    });
    expect(res.status).toBe(201);
    expect(res.body.roles).toEqual(["expert", "professional"]);
    const login = await s.client().login("dual", "Start#2026a");
    expect(login.body.roles).toEqual(["expert", "professional"]);
  });

  it("refuses a weak initial password, a taken username and a bad ID number, changing nothing", async () => {
    const base = { displayName: "某人", orgId: schoolId, roles: ["professional"] };
    const weak = await bureau.post("/api/v1/users", { ...base, username: "weak1", password: "password", idNumber: demoIdNumber("19800101", 556) });
    expect(weak.body.error.code).toBe("WEAK_PASSWORD");
    const taken = await bureau.post("/api/v1/users", { ...base, username: "pro1", password: "Start#2026a", idNumber: demoIdNumber("19800101", 557) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("USERNAME_TAKEN");
    const badId = await bureau.post("/api/v1/users", { ...base, username: "badid", password: "Start#2026a", idNumber: "371002198001015550" });
    expect(badId.status).toBe(422);
    expect(badId.body.error.code).toBe("INVALID_ID_NUMBER");
    const noId = await bureau.post("/api/v1/users", { ...base, username: "noid", password: "Start#2026a" });
    expect(noId.body.error.code).toBe("ID_NUMBER_REQUIRED");
    const bureauRole = await bureau.post("/api/v1/users", { ...base, roles: ["bureau"], username: "fakebureau", password: "Start#2026a" });
    expect(bureauRole.body.error.code).toBe("ROLE_ORG_MISMATCH");
    const list = await bureau.get("/api/v1/users?q=weak1");
    expect(list.body.total).toBe(0);
  });

  it("registers an ID number once: a second account with it is refused on create and on edit", async () => {
    const taken = demoIdNumber("19880512", 123); // pro1's
    const created = await bureau.post("/api/v1/users", { displayName: "重复", orgId: schoolId, roles: ["professional"], username: "dupid", password: "Start#2026a", idNumber: taken });
    expect(created.status).toBe(409);
    expect(created.body.error.code).toBe("ID_NUMBER_TAKEN");
    const id = await idOf(bureau, "users", (u) => u.username === "pro2");
    const pro2 = (await bureau.get(`/api/v1/users/${id}`)).body;
    const edited = await bureau.patch(`/api/v1/users/${id}`, { version: pro2.version, idNumber: taken });
    expect(edited.status).toBe(409);
    expect(edited.body.error.code).toBe("ID_NUMBER_TAKEN");
  });

  it("refuses unknown fields instead of silently dropping them", async () => {
    const res = await bureau.post("/api/v1/users", {
      username: "extra",
      displayName: "x",
      orgId: schoolId,
      roles: ["expert"],
      password: "Start#2026a",
      isAdmin: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(res.body.error.details)).toContain("isAdmin");
  });

  it("edits roles with the version seen", async () => {
    const id = await idOf(bureau, "users", (u) => u.username === "expert2");
    const u = (await bureau.get(`/api/v1/users/${id}`)).body;
    const res = await bureau.patch(`/api/v1/users/${id}`, { version: u.version, roles: ["expert", "supervisor"], displayName: "孙丽（兼）" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ["expert", "supervisor"], displayName: "孙丽（兼）" });
    const stale = await bureau.patch(`/api/v1/users/${id}`, { version: u.version, roles: ["expert"] });
    expect(stale.status).toBe(409);
  });

  it("resets a password: the user must change it, old sessions end", async () => {
    const victim = await s.as("base2");
    const id = await idOf(bureau, "users", (u) => u.username === "base2");
    const res = await bureau.post(`/api/v1/users/${id}/actions/reset-password`, { password: "Reset#2026b" });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await victim.get("/api/v1/auth/me")).status).toBe(401);
    expect((await s.client().login("base2")).status).toBe(401);
    const fresh = await s.client().login("base2", "Reset#2026b");
    expect(fresh.body.user.mustChangePassword).toBe(true);
  });

  it("unlocks a locked account", async () => {
    // Failed sign-ins only slow an account down (security-throttle.test.ts); a lock is set by hand here,
    // as one kept from an earlier version would be.
    const id = await idOf(bureau, "users", (u) => u.username === "expert1");
    await s.app.platform.db.updateTable("users").set({ lockedUntil: new Date(s.clock.systemNow() + 15 * 60_000).toISOString() }).where("id", "=", id).execute();
    expect((await s.client().login("expert1")).body.error.code).toBe("ACCOUNT_LOCKED");
    const locked = (await secadmin.get(`/api/v1/users/${id}`)).body;
    expect(locked.lockedUntil).not.toBeNull();
    const res = await secadmin.post(`/api/v1/users/${id}/actions/unlock`, { version: locked.version });
    expect(res.body.lockedUntil).toBeNull();
    expect((await s.client().login("expert1")).status).toBe(200);
  });

  it("refuses to disable the administrator's own account", async () => {
    const id = await idOf(bureau, "users", (u) => u.username === "sysadmin");
    const u = (await bureau.get(`/api/v1/users/${id}`)).body;
    const res = await bureau.post(`/api/v1/users/${id}/actions/disable`, { version: u.version });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("CANNOT_DISABLE_SELF");
  });

  it("exports users to Excel without unmasked personal data", async () => {
    const res = await bureau.get("/api/v1/users/export.xlsx?role=professional");
    expect(res.status).toBe(200);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as any);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain("周晓东");
    expect(text).not.toContain("13906310011");
  });
});

describe.each(dialects)("the last bureau and system administrator accounts on %s", (dialect) => {
  it("refuses to take the bureau role from the only active bureau account, or the last system administrator's duty", async () => {
    const s = await startServer(dialect);
    try {
      const sysadmin = await s.as("sysadmin");
      const bureauId = await idOf(sysadmin, "users", (u) => u.username === "bureau");
      const b = (await sysadmin.get(`/api/v1/users/${bureauId}`)).body;
      const res = await sysadmin.patch(`/api/v1/users/${bureauId}`, { version: b.version, roles: ["expert"] });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("LAST_BUREAU_ACCOUNT");
      expect((await sysadmin.post(`/api/v1/users/${bureauId}/actions/disable`, { version: b.version })).body.error.code).toBe("LAST_BUREAU_ACCOUNT");
      expect((await sysadmin.get(`/api/v1/users/${bureauId}`)).body).toMatchObject({ roles: ["bureau"], status: "active" });
      const selfId = await idOf(sysadmin, "users", (u) => u.username === "sysadmin");
      const me = (await sysadmin.get(`/api/v1/users/${selfId}`)).body;
      const drop = await sysadmin.patch(`/api/v1/users/${selfId}`, { version: me.version, roles: ["secadmin"] });
      expect(drop.body.error.code).toBe("LAST_SYSADMIN_ACCOUNT");
      expect((await sysadmin.get(`/api/v1/users/${selfId}`)).body.roles).toEqual(["sysadmin"]);
    } finally {
      await s.close();
    }
  });
});
