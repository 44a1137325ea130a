// The world of the authorization matrix (issue 10 "Tests that stay"): the actors (one per role and
// anonymous), the declared routes read from the running app, concrete URLs for their patterns, a
// fingerprint of the audit trail, and records of two organizations for the in/out-of-scope cells.
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DeclaredRoute } from "../../src/server/platform/access.js";
import { holdsAny } from "../../src/server/platform/access.js";
import type { Role } from "../../src/shared/roles.js";
import type { Client, TestServer } from "./harness.js";

export interface MatrixActor {
  name: string;
  /** null: anonymous */
  username: string | null;
  roles: Role[];
}

/** Every role once (the demo accounts), and nobody signed in. */
export const MATRIX_ACTORS: MatrixActor[] = [
  { name: "anonymous", username: null, roles: [] },
  { name: "bureau", username: "bureau", roles: ["bureau"] },
  { name: "supervisor", username: "supervisor", roles: ["supervisor"] },
  { name: "base_staff", username: "base", roles: ["base_staff"] },
  { name: "expert", username: "expert1", roles: ["expert"] },
  { name: "professional", username: "pro1", roles: ["professional"] },
  { name: "sysadmin", username: "sysadmin", roles: ["sysadmin"] },
  { name: "secadmin", username: "secadmin", roles: ["secadmin"] },
  { name: "auditor", username: "auditor", roles: ["auditor"] },
];

/** The routes the matrix covers: every declared /api route but HEAD twins and the test-only ones. */
export function matrixRoutes(s: TestServer): DeclaredRoute[] {
  return s.app.app.routeAccess.filter((r) => r.method !== "HEAD" && !r.url.startsWith("/api/v1/test/"));
}

export function mayReach(actor: MatrixActor, route: DeclaredRoute): boolean {
  return route.access.kind !== "grant" || holdsAny(actor.roles, route.access.actions);
}

/** A value for a path parameter that names nothing (the route's own pattern still matches it). */
function unknownParam(name: string): string {
  switch (name) {
    case "sessionId":
      return randomBytes(16).toString("hex");
    case "fileId":
      return randomBytes(32).toString("hex");
    case "year":
      return "2026";
    case "date":
      return "2026-12-01";
    case "serial":
      return "ZZ20269999";
    case "receiptNo":
      return "YY20260101ABCDEFGHIJ";
    case "action":
      return "submit";
    default:
      return randomUUID();
  }
}

/** The route's URL with its parameters filled: `given` first, else values that name nothing. */
export function concreteUrl(url: string, given: Record<string, string> = {}): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => given[name] ?? unknownParam(name));
}

export const paramsOf = (url: string): string[] => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

/** Changes nothing if this stays the same: every state change appends to the audit trail. */
export async function auditFingerprint(s: TestServer): Promise<string> {
  const row = await s.app.platform.db
    .selectFrom("auditEvents")
    .select([sql<number>`count(*)`.as("n"), sql<string>`max(seq)`.as("last")])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}/${String(row.last)}`;
}

/** One actor's record in its scope and another organization's (or person's) it must not see. */
export interface ScopedPair {
  /** the route pattern prefix the records belong to, e.g. /api/v1/annual-plans/:id */
  prefix: string;
  actor: string;
  inScope: string;
  outOfScope: string;
}

const listOf = async (c: Client, url: string): Promise<any[]> => {
  const res = await c.get(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
};

function pick<T>(rows: T[], match: (row: T) => boolean, what: string): T {
  const row = rows.find(match);
  if (!row) throw new Error(`authz world: no ${what}`);
  return row;
}

/**
 * Records of two organizations from the filing demo: the 环翠区 school's base (its staff `base`,
 * supervised by `supervisor`) and the city health centre's base (supervised by the health commission),
 * the two professionals pro1 and pro2, and an application on expert1's panel and one off it.
 */
export async function buildAuthzWorld(clients: Record<string, Client>): Promise<ScopedPair[]> {
  const { bureau, base, supervisor, expert1, pro1 } = clients;
  const baseMe = (await base.get("/api/v1/auth/me")).body.user;
  const supervisorMe = (await supervisor.get("/api/v1/auth/me")).body.user;
  const pro1Me = (await pro1.get("/api/v1/auth/me")).body.user;
  const expertMe = (await expert1.get("/api/v1/auth/me")).body.user;
  const bases = await listOf(bureau, "/api/v1/bases?pageSize=100");
  const ownBase = pick(bases, (b) => b.hostOrgId === baseMe.orgId && b.supervisorOrgId === supervisorMe.orgId, "base of the school");
  const otherBase = pick(bases, (b) => b.hostOrgId !== baseMe.orgId && b.supervisorOrgId !== supervisorMe.orgId && b.status !== "revoked", "base of another organization");
  const pairs: ScopedPair[] = [];
  const both = (prefix: string, inScope: string, outOfScope: string) => {
    pairs.push({ prefix, actor: "base", inScope, outOfScope }, { prefix, actor: "supervisor", inScope, outOfScope });
  };
  both("/api/v1/bases/:id", ownBase.id, otherBase.id);

  const plans = await listOf(bureau, "/api/v1/annual-plans?pageSize=100");
  both("/api/v1/annual-plans/:id", pick(plans, (p) => p.baseId === ownBase.id, "plan of the school").id, pick(plans, (p) => p.baseId === otherBase.id, "plan of the other base").id);
  const projects = await listOf(bureau, "/api/v1/training-projects?pageSize=100");
  both(
    "/api/v1/training-projects/:id",
    pick(projects, (p) => p.baseId === ownBase.id && p.status !== "draft", "submitted project of the school").id,
    pick(projects, (p) => p.baseId === otherBase.id, "project of the other base").id,
  );
  const apps = await listOf(bureau, "/api/v1/base-applications?pageSize=100");
  both(
    "/api/v1/base-applications/:id",
    pick(apps, (a) => a.applicantOrgId === baseMe.orgId && a.supervisorOrgId === supervisorMe.orgId, "application of the school").id,
    pick(apps, (a) => a.applicantOrgId !== baseMe.orgId && a.supervisorOrgId !== supervisorMe.orgId, "application of another organization").id,
  );
  // 第五条（三）: an expert sees the applications on their panel only
  const onPanel = new Set((await listOf(expert1, "/api/v1/base-applications?pageSize=100")).map((a) => a.id));
  pairs.push({
    prefix: "/api/v1/base-applications/:id",
    actor: "expert1",
    inScope: pick(apps, (a) => onPanel.has(a.id), "application on expert1's panel").id,
    outOfScope: pick(apps, (a) => !onPanel.has(a.id), "application off expert1's panel").id,
  });

  const orgs = await listOf(bureau, "/api/v1/organizations?pageSize=200");
  const otherOrg = pick(orgs, (o) => ![baseMe.orgId, supervisorMe.orgId, pro1Me.orgId, expertMe.orgId].includes(o.id), "organization of nobody in the matrix").id;
  for (const [actor, me] of [["base", baseMe], ["supervisor", supervisorMe], ["pro1", pro1Me], ["expert1", expertMe]] as const) {
    pairs.push({ prefix: "/api/v1/organizations/:id", actor, inScope: me.orgId, outOfScope: otherOrg });
  }
  const users = await listOf(bureau, "/api/v1/users?pageSize=200");
  pairs.push({ prefix: "/api/v1/users/:id", actor: "base", inScope: baseMe.id, outOfScope: pick(users, (u) => u.orgId !== baseMe.orgId, "user of another organization").id });

  // 第二十四条: a professional's own record, never another's
  const pro2 = pick(users, (u) => u.username === "pro2", "pro2").id;
  pairs.push({ prefix: "/api/v1/professionals/:id", actor: "pro1", inScope: pro1Me.id, outOfScope: pro2 });
  return pairs;
}
