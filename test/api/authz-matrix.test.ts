// issue 10 "Tests that stay": the authorization matrix, generated from the route table of the running
// app. Every route × every role and anonymous: who holds none of a route's grants is refused (401
// anonymous, 403 signed in) and nothing changes; unknown ids answer 404 to whoever may reach the route;
// another organization's (or person's) record answers 404, one's own does not. A route that declares
// no access fails the start-up.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeclaredRoute } from "../../src/server/platform/access.js";
import { accessOf, refusalOf, registerRouteDeclarations } from "../../src/server/platform/access.js";
import {
  auditFingerprint,
  buildAuthzWorld,
  concreteUrl,
  MATRIX_ACTORS,
  matrixRoutes,
  mayReach,
  paramsOf,
  type MatrixActor,
  type ScopedPair,
} from "../support/authz-world.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";

const bodyFor = (method: string) => (method === "GET" || method === "DELETE" ? undefined : {});
const isRead = (r: DeclaredRoute) => r.method === "GET";
/** Parameters that only name records: a route whose parameters are all of these reads one record. */
const RECORD_PARAMS = new Set(["id", "fileId", "sessionId"]);

/**
 * Reads of an in-scope record that answer 404 or 403 by design, not by scope: the step or the state
 * they show has not happened for the demo record, or the reader is not the party the read is for.
 */
const IN_SCOPE_REFUSALS: Record<string, string> = {
  "base_staff GET /api/v1/training-projects/:id/completion": "404 until the project's completion is decided (第十七条)",
  "supervisor GET /api/v1/training-projects/:id/completion": "404 until the project's completion is decided (第十七条)",
};

/** State changes tried on another organization's record: 404 and nothing changes. */
const OUT_OF_SCOPE_WRITES: { actor: string; method: string; url: string; prefix: string; body: unknown }[] = [
  { actor: "base", method: "POST", url: "/api/v1/annual-plans/:id/actions/submit", prefix: "/api/v1/annual-plans/:id", body: {} },
  { actor: "supervisor", method: "POST", url: "/api/v1/annual-plans/:id/actions/approve", prefix: "/api/v1/annual-plans/:id", body: {} },
  { actor: "base", method: "POST", url: "/api/v1/training-projects/:id/actions/cancel", prefix: "/api/v1/training-projects/:id", body: { comment: "matrix" } },
  { actor: "supervisor", method: "POST", url: "/api/v1/training-projects/:id/actions/return", prefix: "/api/v1/training-projects/:id", body: { comment: "matrix" } },
  { actor: "supervisor", method: "POST", url: "/api/v1/base-applications/:id/actions/recommend", prefix: "/api/v1/base-applications/:id", body: {} },
  { actor: "base", method: "POST", url: "/api/v1/base-applications/:id/actions/submit", prefix: "/api/v1/base-applications/:id", body: {} },
  { actor: "expert1", method: "POST", url: "/api/v1/base-applications/:id/conflict-declaration", prefix: "/api/v1/base-applications/:id", body: { noConflict: true } },
  { actor: "base", method: "POST", url: "/api/v1/users/:id/actions/disable", prefix: "/api/v1/users/:id", body: { version: 1 } },
  { actor: "base", method: "POST", url: "/api/v1/users/:id/actions/reset-password", prefix: "/api/v1/users/:id", body: { password: "Matrix#Cell2026x" } },
];

/**
 * The cells of the refusal sweep: anonymous on every route; a signed-in actor on each route whose grants
 * it lacks, and on the reads of public and `authenticated` routes (their writes are the caller's own
 * session, sign-out, password, enrolment, which the shared clients must keep).
 */
function isRefusalCell(actor: MatrixActor, route: DeclaredRoute): boolean {
  if (actor.username === null) return true;
  if (route.access.kind === "grant") return !mayReach(actor, route);
  return isRead(route);
}

describe.each(dialects)("authorization matrix on %s", (dialect) => {
  let s: TestServer;
  let routes: DeclaredRoute[];
  const clients: Record<string, Client> = {};
  let cells = 0;

  beforeAll(async () => {
    s = await startServer(dialect, {}, { filingDemo: true });
    routes = matrixRoutes(s);
    for (const a of MATRIX_ACTORS) clients[a.username ?? "anonymous"] = a.username ? await s.as(a.username) : s.client();
  }, 120_000);
  afterAll(async () => {
    console.log(`authz matrix: ${cells.toLocaleString("en-US")} cells asserted on ${dialect} (${routes.length} routes × ${MATRIX_ACTORS.length} actors)`);
    await s.close();
  });

  const clientOf = (a: MatrixActor) => clients[a.username ?? "anonymous"];

  /** Sends the request; for a state-changing one, also whether the audit trail moved. */
  async function send(c: Client, method: string, url: string, body: unknown = bodyFor(method)) {
    const before = method === "GET" ? "" : await auditFingerprint(s);
    const res = await c.request(method, url, body);
    const changed = method === "GET" ? false : (await auditFingerprint(s)) !== before;
    return { status: res.status, code: res.body?.error?.code as string | undefined, changed };
  }

  it("covers every declared route, and declares the test-only routes too", () => {
    expect(routes.length).toBeGreaterThan(150);
    const testRoutes = s.app.app.routeAccess.filter((r) => r.url.startsWith("/api/v1/test/"));
    expect(testRoutes.map((r) => r.access.kind)).toEqual(expect.arrayContaining(["grant"]));
  });

  it("refuses whoever holds none of a route's grants (401 anonymous, 403 signed in) and changes nothing", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const actor of MATRIX_ACTORS) {
        if (!isRefusalCell(actor, route)) continue;
        const signedIn = actor.username !== null;
        const url = concreteUrl(route.url);
        const got = await send(clientOf(actor), route.method, url);
        const cell = `${actor.name} ${route.method} ${route.url}`;
        cells++;
        if (route.access.kind === "public") {
          if (got.status === 401) wrong.push(`${cell}: public route answered 401`);
        } else if (!signedIn) {
          if (got.status !== 401 || got.changed) wrong.push(`${cell}: ${got.status} ${got.code ?? ""}${got.changed ? ", audit trail moved" : ""} (expected 401)`);
        } else if (route.access.kind === "authenticated") {
          if (got.status === 401) wrong.push(`${cell}: a signed-in caller answered 401`);
        } else if (got.status !== 403 || got.code !== refusalOf(route.access.actions) || got.changed) {
          wrong.push(`${cell}: ${got.status} ${got.code ?? ""}${got.changed ? ", audit trail moved" : ""} (expected 403 ${refusalOf(route.access.actions)})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("answers 404 for an id that names nothing, to every actor who may reach the read", async () => {
    const wrong: string[] = [];
    const reads = routes.filter((r) => isRead(r) && paramsOf(r.url).length > 0 && paramsOf(r.url).every((p) => RECORD_PARAMS.has(p)));
    for (const route of reads) {
      for (const actor of MATRIX_ACTORS) {
        if (route.access.kind === "public" ? actor.username !== null : actor.username === null || !mayReach(actor, route)) continue;
        const got = await send(clientOf(actor), "GET", concreteUrl(route.url));
        cells++;
        if (got.status !== 404 || got.code !== "NOT_FOUND") wrong.push(`${actor.name} GET ${route.url}: ${got.status} ${got.code ?? ""} (expected 404 NOT_FOUND)`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  describe("records of two organizations", () => {
    let pairs: ScopedPair[];
    beforeAll(async () => {
      pairs = await buildAuthzWorld(clients);
    }, 60_000);

    it("answers 404 for another organization's record and reads one's own, on every read of it", async () => {
      const wrong: string[] = [];
      for (const pair of pairs) {
        const actor = MATRIX_ACTORS.find((a) => a.username === pair.actor)!;
        const reads = routes.filter((r) => isRead(r) && r.url.startsWith(pair.prefix) && paramsOf(r.url).join() === "id" && mayReach(actor, r));
        for (const route of reads) {
          const other = await send(clientOf(actor), "GET", concreteUrl(route.url, { id: pair.outOfScope }));
          cells++;
          if (other.code !== "NOT_FOUND") wrong.push(`${actor.name} GET ${route.url} (another organization's): ${other.status} ${other.code ?? ""} (expected 404)`);
          const refusal = IN_SCOPE_REFUSALS[`${actor.name} GET ${route.url}`];
          const own = await send(clientOf(actor), "GET", concreteUrl(route.url, { id: pair.inScope }));
          cells++;
          if (refusal === undefined && (own.status === 403 || own.status === 404)) wrong.push(`${actor.name} GET ${route.url} (own): ${own.status} ${own.code ?? ""}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 300_000);

    it("answers 404 to a step on another organization's record, and changes nothing", async () => {
      const wrong: string[] = [];
      for (const w of OUT_OF_SCOPE_WRITES) {
        const pair = pairs.find((p) => p.actor === w.actor && p.prefix === w.prefix)!;
        const got = await send(clients[w.actor], w.method, concreteUrl(w.url, { id: pair.outOfScope }), w.body);
        cells++;
        if (got.code !== "NOT_FOUND" || got.changed) wrong.push(`${w.actor} ${w.method} ${w.url}: ${got.status} ${got.code ?? ""}${got.changed ? ", audit trail moved" : ""}`);
      }
      expect(wrong).toEqual([]);
    });
  });
});

describe("route declarations", () => {
  it("stops the start-up at a route that declares no access, naming it", async () => {
    const app = Fastify();
    registerRouteDeclarations(app);
    await expect(async () => {
      app.get("/api/v1/forgotten", async () => ({}));
      await app.ready();
    }).rejects.toThrow(/GET \/api\/v1\/forgotten/);
    await app.close().catch(() => undefined);
  });

  it("refuses a grant no role holds, two kinds at once, and an unknown access", () => {
    expect(() => accessOf({ method: "POST", url: "/api/v1/x", config: { grant: "baseApplication.teleport" } })).toThrow(/POST \/api\/v1\/x.*baseApplication\.teleport/);
    expect(() => accessOf({ method: "GET", url: "/api/v1/x", config: { public: true, grant: "policy.read" } })).toThrow(/exactly one/);
    expect(() => accessOf({ method: "GET", url: "/api/v1/x", config: { access: "anyone" } })).toThrow(/authenticated/);
    expect(accessOf({ method: "GET", url: "/api/v1/x", config: { grant: ["policy.read", "calendar.read"] } })).toEqual({ kind: "grant", actions: ["policy.read", "calendar.read"] });
  });

  it("leaves routes outside /api alone", async () => {
    const app = Fastify();
    registerRouteDeclarations(app);
    app.get("/health-of-the-proxy", async () => ({}));
    await app.ready();
    expect(app.routeAccess).toEqual([]);
    await app.close();
  });
});
