// The policy engine: can/authorize on single records and scopeWhere on lists, which must agree.
// Actors are the demo users as stored (users + userRoles); a few grants are added by the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type TestServer } from "../../../test/support/harness.js";
import type { Role } from "../../shared/roles.js";
import { authorize, can, scopeWhere, scopesFor, type ScopeColumns } from "./authz.js";
import type { Actor } from "./context.js";
import { DomainError } from "./errors.js";
import { GRANTS, type Action, type Scope } from "./grants.js";

const TEST_GRANTS: Partial<Record<Role, Record<string, Scope>>> = {
  // an organization-level record: supervisors see the units they supervise, base staff their own
  supervisor: { "demoOrg.read": "supervisedOrg" },
  base_staff: { "demoOrg.read": "ownOrg" },
  // a personal record: experts see their organization's, professionals their own
  expert: { "demoRecord.read": "ownOrg", "demoRecord.score": "ownOrg" },
  professional: { "demoRecord.read": "self", "demoRecord.enrol": "self" },
};

function thrownCode(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return "no error";
}

describe.each(dialects)("authorization on %s", (dialect) => {
  let server: TestServer;
  const db = () => server.app.platform.db;
  const org: Record<string, string> = {};
  const ORG_NAMES = {
    bureau: "威海市人力资源和社会保障局",
    district: "威海市环翠区人力资源和社会保障局",
    health: "威海市卫生健康委员会",
    school: "威海市环翠区职业技术培训学校",
    healthCenter: "威海市卫生健康继续教育培训中心",
    sdu: "山东大学（威海）",
    weigao: "威高集团有限公司",
  };

  async function actor(username: string): Promise<Actor> {
    const u = await db().selectFrom("users").select(["id", "username", "displayName", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
    const roles = await db().selectFrom("userRoles").select("role").where("userId", "=", u.id).execute();
    return { ...u, roles: roles.map((r) => r.role as Role).sort() };
  }
  async function allActors(): Promise<Actor[]> {
    const users = await db().selectFrom("users").select("username").orderBy("username").execute();
    return Promise.all(users.map((u) => actor(u.username)));
  }

  /** The ids of the organizations a list query with scopeWhere returns, sorted. */
  async function listedOrgs(a: Actor | null, action: Action, columns: ScopeColumns): Promise<string[]> {
    const where = scopeWhere<any, "organizations">(a, action, columns);
    if (!where) return [];
    const rows = await db().selectFrom("organizations").select("id").where(where as never).execute();
    return rows.map((r) => r.id).sort();
  }

  beforeAll(async () => {
    for (const [role, grants] of Object.entries(TEST_GRANTS)) Object.assign(GRANTS[role as Role], grants);
    server = await startServer(dialect);
    const orgs = await db().selectFrom("organizations").select(["id", "name"]).execute();
    for (const [key, name] of Object.entries(ORG_NAMES)) org[key] = orgs.find((o) => o.name === name)!.id;
  });
  afterAll(async () => {
    for (const [role, grants] of Object.entries(TEST_GRANTS)) for (const action of Object.keys(grants)) delete GRANTS[role as Role][action as Action];
    await server?.close();
  });

  describe("single records", () => {
    it("lets the bureau read every organization in the city and the system administrator change them (issue 10 item 9)", async () => {
      const bureau = await actor("bureau");
      const sysadmin = await actor("sysadmin");
      for (const id of Object.values(org)) {
        expect(can(bureau, "organization.read", { orgId: id })).toBe(true);
        expect(can(bureau, "organization.update", { orgId: id })).toBe(false);
        expect(can(sysadmin, "organization.update", { orgId: id })).toBe(true);
      }
      expect(can(bureau, "organization.create")).toBe(false);
      expect(can(sysadmin, "organization.create")).toBe(true);
      expect(() => authorize(sysadmin, "organization.update", { orgId: org.weigao })).not.toThrow();
    });

    it("gives the audit trail to the audit administrator alone (issue 10 item 9)", async () => {
      for (const who of ["bureau", "sysadmin", "secadmin"]) expect(can(await actor(who), "audit.read"), who).toBe(false);
      const auditor = await actor("auditor");
      expect(can(auditor, "audit.read")).toBe(true);
      for (const action of ["organization.read", "user.read", "policy.read", "calendar.read", "baseApplication.read"]) expect(can(auditor, action), action).toBe(false);
    });

    it("lets a supervisor read only its own organization", async () => {
      const supervisor = await actor("supervisor");
      expect(supervisor.orgId).toBe(org.district);
      expect(can(supervisor, "organization.read", { orgId: org.district })).toBe(true);
      expect(can(supervisor, "organization.read", { orgId: org.health })).toBe(false);
      expect(can(supervisor, "organization.read", { orgId: org.school })).toBe(false);
      expect(can(supervisor, "organization.update", { orgId: org.district })).toBe(false);
    });

    it("lets a professional see only their own work items", async () => {
      const pro1 = await actor("pro1");
      const pro2 = await actor("pro2");
      expect(can(pro1, "workItem.read", { userId: pro1.id })).toBe(true);
      expect(can(pro1, "workItem.read", { userId: pro2.id })).toBe(false);
    });

    it("puts a record with no organization in nobody's own-organization scope", async () => {
      const base = await actor("base");
      expect(can(base, "organization.read", {})).toBe(false);
      expect(can(base, "organization.read", { orgId: null })).toBe(false);
      expect(can({ ...base, orgId: "" }, "organization.read", { orgId: "" })).toBe(false);
    });

    it("gives nobody anything when nobody is signed in", () => {
      expect(can(null, "organization.read")).toBe(false);
      expect(can(null, "calendar.read", {})).toBe(false);
      expect(thrownCode(() => authorize(null, "organization.read"))).toBe("UNAUTHENTICATED");
    });

    it("forbids an action no role of the actor is granted", async () => {
      const supervisor = await actor("supervisor");
      const pro1 = await actor("pro1");
      expect(can(supervisor, "organization.create")).toBe(false);
      expect(thrownCode(() => authorize(supervisor, "organization.create"))).toBe("FORBIDDEN");
      expect(thrownCode(() => authorize(pro1, "user.read", { orgId: pro1.orgId }))).toBe("FORBIDDEN");
      expect(thrownCode(() => authorize(pro1, "audit.read"))).toBe("FORBIDDEN");
    });

    it("answers not found, not forbidden, for a record out of the actor's scope", async () => {
      const supervisor = await actor("supervisor");
      expect(thrownCode(() => authorize(supervisor, "organization.read", { orgId: org.health }))).toBe("NOT_FOUND");
      expect(thrownCode(() => authorize(supervisor, "organization.read", { orgId: org.district }))).toBe("no error");
    });

    it("checks only the role when no record is named (creating, listing)", async () => {
      const base = await actor("base");
      expect(can(base, "organization.read")).toBe(true);
      expect(thrownCode(() => authorize(base, "organization.read"))).toBe("no error");
    });

    it("limits a grant to the roles a workflow step names", async () => {
      const bureau = await actor("bureau");
      expect(can(bureau, "organization.read", { orgId: org.sdu }, ["supervisor"])).toBe(false);
      expect(thrownCode(() => authorize(bureau, "organization.read", { orgId: org.sdu }, ["supervisor"]))).toBe("FORBIDDEN");
      expect(can(bureau, "organization.read", { orgId: org.sdu }, ["supervisor", "bureau"])).toBe(true);
    });
  });

  describe("a user with two roles", () => {
    let dual: Actor;
    beforeAll(async () => {
      // DESIGN.md: one user may hold several roles (an expert who is also a professional)
      const expert1 = await actor("expert1");
      await db().insertInto("userRoles").values({ userId: expert1.id, role: "professional" }).execute();
      dual = await actor("expert1");
    });
    afterAll(async () => {
      await db().deleteFrom("userRoles").where("userId", "=", dual.id).where("role", "=", "professional").execute();
    });

    it("holds both roles as stored", () => {
      expect(dual.roles).toEqual(["expert", "professional"]);
      expect(dual.orgId).toBe(org.sdu);
    });

    it("gets the union of what each role may do", async () => {
      const pro1 = await actor("pro1");
      // as an expert: records of their own organization
      expect(can(dual, "demoRecord.read", { orgId: org.sdu, userId: pro1.id })).toBe(true);
      expect(can(dual, "demoRecord.score", { orgId: org.sdu, userId: pro1.id })).toBe(true);
      // as a professional: their own records wherever they are held
      expect(can(dual, "demoRecord.read", { orgId: org.weigao, userId: dual.id })).toBe(true);
      expect(can(dual, "demoRecord.enrol", { orgId: org.weigao, userId: dual.id })).toBe(true);
      // neither role covers someone else's record in another organization
      expect(can(dual, "demoRecord.read", { orgId: org.weigao, userId: pro1.id })).toBe(false);
      // each action keeps the scope of the role that grants it
      expect(can(dual, "demoRecord.score", { orgId: org.weigao, userId: dual.id })).toBe(false);
      expect(can(dual, "demoRecord.enrol", { orgId: org.sdu, userId: pro1.id })).toBe(false);
      expect(scopesFor(dual, "demoRecord.read")).toEqual(["ownOrg", "self"]);
    });

    it("gets only one role's share when a step names only that role", () => {
      expect(can(dual, "demoRecord.read", { orgId: org.weigao, userId: dual.id }, ["expert"])).toBe(false);
      expect(can(dual, "demoRecord.read", { orgId: org.sdu, userId: "someone" }, ["professional"])).toBe(false);
    });

    it("loses a role's share as soon as that role is taken away", async () => {
      const expertOnly = { ...dual, roles: ["expert"] as Role[] };
      expect(can(expertOnly, "demoRecord.enrol", { orgId: org.weigao, userId: dual.id })).toBe(false);
      expect(thrownCode(() => authorize(expertOnly, "demoRecord.enrol"))).toBe("FORBIDDEN");
    });
  });

  describe("lists (scopeWhere) agree with single reads (can)", () => {
    it("returns, for every demo user, exactly the organizations that user may read", async () => {
      const all = (await db().selectFrom("organizations").select("id").execute()).map((r) => r.id).sort();
      expect(all).toHaveLength(9);
      for (const a of await allActors()) {
        const allowed = all.filter((id) => can(a, "organization.read", { orgId: id }));
        expect(await listedOrgs(a, "organization.read", { orgId: "id" }), a.username).toEqual(allowed);
      }
    });

    it("lists every organization for the bureau and only its own for a supervisor", async () => {
      expect(await listedOrgs(await actor("bureau"), "organization.read", { orgId: "id" })).toHaveLength(9);
      expect(await listedOrgs(await actor("supervisor"), "organization.read", { orgId: "id" })).toEqual([org.district]);
      expect(await listedOrgs(await actor("base2"), "organization.read", { orgId: "id" })).toEqual([org.healthCenter]);
    });

    it("lists what a supervisor supervises through the supervising-unit column", async () => {
      const columns: ScopeColumns = { orgId: "id", supervisorOrgId: "parentId" };
      expect(await listedOrgs(await actor("supervisor"), "demoOrg.read", columns)).toEqual([org.school]);
      expect(await listedOrgs(await actor("supervisor2"), "demoOrg.read", columns)).toEqual([org.healthCenter]);
      const rows = (await db().selectFrom("organizations").select(["id", "parentId"]).execute()).sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const a of await allActors()) {
        const allowed = rows.filter((r) => can(a, "demoOrg.read", { orgId: r.id, supervisorOrgId: r.parentId })).map((r) => r.id);
        expect(await listedOrgs(a, "demoOrg.read", columns), a.username).toEqual(allowed);
      }
    });

    it("lists the union of both roles' rows for a user with two roles", async () => {
      const supervisor = await actor("supervisor");
      await db().insertInto("userRoles").values({ userId: supervisor.id, role: "base_staff" }).execute();
      try {
        const dual = await actor("supervisor");
        expect(dual.roles).toEqual(["base_staff", "supervisor"]);
        const listed = await listedOrgs(dual, "demoOrg.read", { orgId: "id", supervisorOrgId: "parentId" });
        expect(listed).toEqual([org.district, org.school].sort());
        const rows = (await db().selectFrom("organizations").select(["id", "parentId"]).execute()).sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(listed).toEqual(rows.filter((r) => can(dual, "demoOrg.read", { orgId: r.id, supervisorOrgId: r.parentId })).map((r) => r.id));
      } finally {
        await db().deleteFrom("userRoles").where("userId", "=", supervisor.id).where("role", "=", "base_staff").execute();
      }
    });

    it("lists nothing for an actor without a grant, or for the public", async () => {
      expect(scopeWhere(await actor("pro1"), "user.read", { orgId: "orgId" })).toBeNull();
      expect(scopeWhere(null, "organization.read", { orgId: "id" })).toBeNull();
      expect(await listedOrgs(await actor("pro1"), "user.read", { orgId: "id" })).toEqual([]);
    });

    it("lists nothing when the table lacks the column the actor's scope needs", async () => {
      // a supervisor's organization.read scope is ownOrg; a table without an organization column grants nothing
      expect(scopeWhere(await actor("supervisor"), "organization.read", { userId: "id" })).toBeNull();
      // the bureau's "all" needs no column
      expect(await listedOrgs(await actor("bureau"), "organization.read", {})).toHaveLength(9);
    });
  });
});
