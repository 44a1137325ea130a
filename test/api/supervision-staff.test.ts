// The base's own staff (第十五条 "配备专门人员"): a base's staff manage their own organization's base staff
// accounts — list, create, disable, enable, reset the password — and never anyone else's: not another
// organization's, not an account of another role in their own organization, and never another role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";
import { auditActions, expectError, filingCast, ok, type FilingCast } from "../support/filing.js";

let counter = 0;
const newStaff = (orgId: string, o: Record<string, unknown> = {}) => {
  counter++;
  return { username: `staff_${counter}`, displayName: `基地专管员${counter}`, orgId, roles: ["base_staff"], password: "Staff#2026pass", phone: "13806310011", ...o };
};

describe.each(dialects)("a base's own staff accounts on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let baseOrgId: string;
  let base2OrgId: string;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    baseOrgId = ok(await c.base.get("/api/v1/auth/me")).user.orgId;
    base2OrgId = ok(await c.base2.get("/api/v1/auth/me")).user.orgId;
  });
  afterAll(() => s.close());

  const signIn = async (username: string, password: string) => s.client().login(username, password);

  it("creates a base staff account in its own organization, who must change the password at first sign-in", async () => {
    const body = newStaff(baseOrgId);
    const created = ok(await c.base.post("/api/v1/users", body), 201);
    expect(created).toMatchObject({ username: body.username, orgId: baseOrgId, roles: ["base_staff"], status: "active", mustChangePassword: true, phone: expect.stringContaining("*") });
    expect(await auditActions(c, created.id)).toEqual(["user.create"]);
    const session = ok(await signIn(body.username, body.password));
    expect(session.user.mustChangePassword).toBe(true);
  });

  it("refuses any other role, any other organization, and more than one role", async () => {
    for (const roles of [["expert"], ["bureau"], ["supervisor"], ["professional"], ["base_staff", "expert"]]) {
      expectError(await c.base.post("/api/v1/users", newStaff(baseOrgId, { roles, idNumber: null })), 422, "STAFF_ROLE_ONLY");
    }
    expectError(await c.base.post("/api/v1/users", newStaff(base2OrgId)), 422, "STAFF_ROLE_ONLY");
  });

  it("lists only its own organization's base staff accounts, not its organization's expert", async () => {
    const list = ok(await c.base.get("/api/v1/users?pageSize=200"));
    expect(list.items.length).toBeGreaterThan(0);
    for (const u of list.items) {
      expect(u.orgId).toBe(baseOrgId);
      expect(u.roles).toEqual(["base_staff"]);
    }
    const usernames = list.items.map((u: any) => u.username);
    expect(usernames).toContain("base");
    expect(usernames).not.toContain("expert3"); // same organization, another role
    expect(usernames).not.toContain("base2");
    expect(list.total).toBe(list.items.length);
  });

  it("cannot see, disable or reset another organization's accounts, nor an expert of its own", async () => {
    const base2Id = await idOf(c.bureau, "users", (u) => u.username === "base2");
    const expert3Id = await idOf(c.bureau, "users", (u) => u.username === "expert3");
    for (const id of [base2Id, expert3Id]) {
      expectError(await c.base.get(`/api/v1/users/${id}`), 404, "NOT_FOUND");
      expectError(await c.base.post(`/api/v1/users/${id}/actions/disable`, { version: 1 }), 404, "NOT_FOUND");
      expectError(await c.base.post(`/api/v1/users/${id}/actions/reset-password`, { password: "Takeover#2026x" }), 404, "NOT_FOUND");
      expectError(await c.base.patch(`/api/v1/users/${id}`, { version: 1, displayName: "改名" }), 404, "NOT_FOUND");
    }
    expect(ok(await signIn("base2", "Demo#2026")).user.username).toBe("base2");
  });

  it("disables and enables its own staff, and resets their password", async () => {
    const body = newStaff(baseOrgId);
    let staff = ok(await c.base.post("/api/v1/users", body), 201);
    staff = ok(await c.base.post(`/api/v1/users/${staff.id}/actions/disable`, { version: staff.version }));
    expect(staff.status).toBe("disabled");
    expect((await signIn(body.username, body.password)).status).not.toBe(200);
    staff = ok(await c.base.post(`/api/v1/users/${staff.id}/actions/enable`, { version: staff.version }));
    expect(staff.status).toBe("active");
    staff = ok(await c.base.post(`/api/v1/users/${staff.id}/actions/reset-password`, { password: "Reset#2026pass" }));
    expect(staff.mustChangePassword).toBe(true);
    expect(ok(await signIn(body.username, "Reset#2026pass")).user.username).toBe(body.username);
    expect(await auditActions(c, staff.id)).toEqual(["user.create", "user.disable", "user.enable", "user.resetPassword"]);
    const renamed = ok(await c.base.patch(`/api/v1/users/${staff.id}`, { version: staff.version, displayName: "培训部 王芳" }));
    expect(renamed.displayName).toBe("培训部 王芳");
  });

  it("cannot give its staff another role or move them to another organization, nor unlock or disable itself", async () => {
    const staff = ok(await c.base.post("/api/v1/users", newStaff(baseOrgId)), 201);
    expectError(await c.base.patch(`/api/v1/users/${staff.id}`, { version: staff.version, roles: ["bureau"] }), 422, "STAFF_ROLE_ONLY");
    expectError(await c.base.patch(`/api/v1/users/${staff.id}`, { version: staff.version, roles: ["base_staff", "expert"] }), 422, "STAFF_ROLE_ONLY");
    expectError(await c.base.patch(`/api/v1/users/${staff.id}`, { version: staff.version, orgId: base2OrgId }), 422, "STAFF_ROLE_ONLY");
    expect(ok(await c.bureau.get(`/api/v1/users/${staff.id}`))).toMatchObject({ roles: ["base_staff"], orgId: baseOrgId });
    expectError(await c.base.post(`/api/v1/users/${staff.id}/actions/unlock`, { version: staff.version }), 403, "FORBIDDEN");
    const me = ok(await c.base.get("/api/v1/auth/me")).user;
    expectError(await c.base.post(`/api/v1/users/${me.id}/actions/disable`, { version: me.version }), 422, "CANNOT_DISABLE_SELF");
  });

  it("leaves account management to the system administrator, and gives supervising units none", async () => {
    const bureauView = ok(await c.bureau.get("/api/v1/users?pageSize=200"));
    expect(bureauView.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(["expert3", "base2", "bureau"]));
    const expertBody = newStaff(baseOrgId, { roles: ["expert"] });
    // issue 10 item 9: the bureau reads accounts; the system administrator creates them
    expectError(await c.bureau.post("/api/v1/users", expertBody), 403, "FORBIDDEN");
    ok(await (await signedIn(c.s, "sysadmin")).post("/api/v1/users", expertBody), 201);
    const sup: Client = c.supervisor;
    expectError(await sup.get("/api/v1/users"), 403, "FORBIDDEN");
    expectError(await sup.post("/api/v1/users", newStaff(baseOrgId)), 403, "FORBIDDEN");
  });
});
