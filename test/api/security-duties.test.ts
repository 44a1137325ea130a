// Separation of duties (三员分立, issue 10 item 9): the system administrator manages accounts,
// organizations and the calendar; the security administrator unlocks, resets two-factor sign-in and
// ends other people's sessions; the audit administrator alone reads the audit trail. No account holds
// two of these duties, or one of them with a business role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, idOf, startServer, type Client, type TestServer } from "../support/harness.js";

const NEW_PASSWORD = "Duties#Check2026";

describe.each(dialects)("separation of duties on %s", (dialect) => {
  let s: TestServer;
  let bureau: Client, sysadmin: Client, secadmin: Client, auditor: Client;
  let bureauOrg: string;
  beforeAll(async () => {
    s = await startServer(dialect);
    [bureau, sysadmin, secadmin, auditor] = await Promise.all(["bureau", "sysadmin", "secadmin", "auditor"].map((u) => s.as(u)));
    bureauOrg = await idOf(sysadmin, "organizations", (o) => o.type === "bureau");
  });
  afterAll(() => s.close());

  const account = (username: string, roles: string[], orgId = bureauOrg) => ({ username, displayName: username, orgId, roles, password: NEW_PASSWORD });
  const usernameExists = async (username: string) => (await sysadmin.get(`/api/v1/users?q=${username}&pageSize=200`)).body.items.some((u: any) => u.username === username);

  it("lets only the audit administrator read the audit trail", async () => {
    expect((await bureau.get("/api/v1/audit-events")).status).toBe(403);
    expect((await sysadmin.get("/api/v1/audit-events")).status).toBe(403);
    expect((await secadmin.get("/api/v1/audit-events")).status).toBe(403);
    const res = await auditor.get("/api/v1/audit-events");
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect((await auditor.get("/api/v1/audit-events/verify")).status).toBe(200);
  });

  it("lets the audit administrator find an operator's entries by username, without reading any account", async () => {
    await sysadmin.get("/api/v1/users?pageSize=1"); // any read; sign-ins above are audited with the username
    const res = await auditor.get("/api/v1/audit-events?actorName=sysadmin&pageSize=100");
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: any) => e.actorName === "sysadmin")).toBe(true);
    expect((await auditor.get("/api/v1/audit-events?actorName=nobody-at-all")).body.items).toEqual([]);
  });

  it("shows the security administrator the working-day calendar, as every staff role, without changing it", async () => {
    expect((await secadmin.get("/api/v1/calendar/2026")).status).toBe(200);
    expect((await secadmin.post("/api/v1/calendar/overrides", { date: "2031-01-02", isWorkday: false, name: "测试" })).status).toBe(403);
  });

  it("keeps the audit administrator out of everything but the audit trail", async () => {
    for (const url of ["/api/v1/users", "/api/v1/organizations", "/api/v1/base-applications", "/api/v1/training-projects"]) {
      expect((await auditor.get(url)).status, url).toBe(403);
    }
  });

  it("lets the system administrator create accounts and organizations, and not the bureau", async () => {
    const refused = await bureau.post("/api/v1/users", account("by-bureau", ["bureau"]));
    expect(refused.status).toBe(403);
    expect(await usernameExists("by-bureau")).toBe(false);
    const created = await sysadmin.post("/api/v1/users", account("by-sysadmin", ["bureau"]));
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual(["bureau"]);
    const org = { name: "威海市测试单位", type: "enterprise", region: "环翠区", creditCode: "91110000802100433B", contactName: "测试", contactPhone: "0631-5000000" };
    expect((await bureau.post("/api/v1/organizations", org)).status).toBe(403);
    expect((await bureau.post("/api/v1/calendar/overrides", { date: "2031-01-02", isWorkday: false, name: "测试" })).status).toBe(403);
  });

  it("refuses an account holding two administrator duties, and creates nothing", async () => {
    const res = await sysadmin.post("/api/v1/users", account("two-duties", ["sysadmin", "secadmin"]));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "DUTIES_CONFLICT" });
    expect(await usernameExists("two-duties")).toBe(false);
  });

  it("refuses an administrator duty together with a business role", async () => {
    for (const roles of [["auditor", "bureau"], ["secadmin", "professional"], ["bureau", "sysadmin"]]) {
      const res = await sysadmin.post("/api/v1/users", { ...account(`mixed-${roles.join("-")}`, roles), idNumber: null });
      expect(res.status, roles.join("+")).toBe(422);
      expect(res.body.error.code).toBe("DUTIES_CONFLICT");
    }
  });

  it("refuses to add a second duty to an administrator's account, leaving its roles as they were", async () => {
    const auditorId = await idOf(sysadmin, "users", (u) => u.username === "auditor");
    const before = (await sysadmin.get(`/api/v1/users/${auditorId}`)).body;
    const res = await sysadmin.patch(`/api/v1/users/${auditorId}`, { roles: ["auditor", "secadmin"], version: before.version });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("DUTIES_CONFLICT");
    const after = (await sysadmin.get(`/api/v1/users/${auditorId}`)).body;
    expect(after).toMatchObject({ roles: ["auditor"], version: before.version });
    const bureauId = await idOf(sysadmin, "users", (u) => u.username === "bureau");
    const b = (await sysadmin.get(`/api/v1/users/${bureauId}`)).body;
    const mixed = await sysadmin.patch(`/api/v1/users/${bureauId}`, { roles: ["bureau", "auditor"], version: b.version });
    expect(mixed.body.error.code).toBe("DUTIES_CONFLICT");
  });

  it("puts the administrators in the bureau's organization only", async () => {
    const school = await idOf(sysadmin, "organizations", (o) => o.name === "威海市环翠区职业技术培训学校");
    const res = await sysadmin.post("/api/v1/users", account("far-auditor", ["auditor"], school));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "ROLE_ORG_MISMATCH" });
  });

  it("lets the security administrator list and end another account's sessions, and no one else", async () => {
    const pro = s.client();
    expect((await pro.login("pro2")).status).toBe(200);
    const proId = await idOf(sysadmin, "users", (u) => u.username === "pro2");
    expect((await bureau.get(`/api/v1/users/${proId}/sessions`)).status).toBe(403);
    expect((await sysadmin.get(`/api/v1/users/${proId}/sessions`)).status).toBe(403);
    const list = await secadmin.get(`/api/v1/users/${proId}/sessions`);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((x: any) => x.isCurrent === false)).toBe(true);
    for (const x of list.body.items) expect((await secadmin.delete(`/api/v1/users/${proId}/sessions/${x.id}`)).status).toBe(204);
    expect((await pro.get("/api/v1/auth/me")).status).toBe(401);
    expect((await secadmin.get(`/api/v1/users/${proId}/sessions`)).body.items).toEqual([]);
    expect((await secadmin.get("/api/v1/users/0190a0b0-0000-7000-8000-000000000000/sessions")).status).toBe(404);
  });

  it("lets the security administrator unlock, and not the system administrator or the bureau", async () => {
    const proId = await idOf(sysadmin, "users", (u) => u.username === "pro1");
    const v = (await secadmin.get(`/api/v1/users/${proId}`)).body.version;
    expect((await sysadmin.post(`/api/v1/users/${proId}/actions/unlock`, { version: v })).status).toBe(403);
    expect((await bureau.post(`/api/v1/users/${proId}/actions/unlock`, { version: v })).status).toBe(403);
    expect((await secadmin.post(`/api/v1/users/${proId}/actions/unlock`, { version: v })).status).toBe(200);
  });
});
