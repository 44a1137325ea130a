// issue 10 "Tests that stay": every /api route declares who may call it, in its route options: public,
// any signed-in account, or the grants.ts actions its handler authorizes with. A route without a
// declaration, or naming an action no role holds, stops the start-up; a signed-in caller holding none
// of a route's actions is refused 403 before the handler runs (the handler still authorizes by scope).
// Out of scope stays the handler's answer: 404.
import type { FastifyInstance, RouteOptions } from "fastify";
import { ROLES, type Role } from "../../shared/roles.js";
import { sendError } from "./errors.js";
import { GRANTS, type Action } from "./grants.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Any signed-in account may call the route; the handler checks the record is the caller's own. */
    access?: "authenticated";
    /** The grants.ts action(s) the handler authorizes with: holding any one of them reaches it. */
    grant?: Action | readonly Action[];
  }
  interface FastifyInstance {
    /** The access every /api route declared, in registration order (the authorization matrix reads it). */
    routeAccess: DeclaredRoute[];
  }
}

export type RouteAccess = { kind: "public" } | { kind: "authenticated" } | { kind: "grant"; actions: Action[] };

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/** Every action some role holds: a declaration naming any other is a typo that would lock everyone out. */
const GRANTED_ACTIONS = new Set<string>(Object.values(GRANTS).flatMap((actions) => Object.keys(actions)));

/** Routes outside the declaration rule: the OpenAPI viewer's own pages and assets. */
const isDeclaredPath = (url: string) => url.startsWith("/api/") && !url.startsWith("/api/docs");

interface RouteLike {
  method: RouteOptions["method"];
  url: string;
  config?: unknown;
}

/**
 * The access a route declares; throws, naming the route, when it declares none, more than one kind,
 * or an action no role in GRANTS holds.
 */
export function accessOf(route: RouteLike): RouteAccess {
  const name = `${[route.method].flat().join(",")} ${route.url}`;
  const cfg = (route.config ?? {}) as { public?: unknown; access?: unknown; grant?: unknown };
  const kinds = [cfg.public === true, cfg.access !== undefined, cfg.grant !== undefined].filter(Boolean).length;
  if (kinds !== 1) {
    throw new Error(`route ${name} must declare exactly one of config.public, config.access or config.grant (issue 10: every route declares its access)`);
  }
  if (cfg.public === true) return { kind: "public" };
  if (cfg.access !== undefined) {
    if (cfg.access !== "authenticated") throw new Error(`route ${name}: config.access must be "authenticated"`);
    return { kind: "authenticated" };
  }
  const actions = [cfg.grant].flat() as unknown[];
  if (actions.length === 0) throw new Error(`route ${name}: config.grant names no action`);
  for (const a of actions) {
    if (typeof a !== "string" || !GRANTED_ACTIONS.has(a)) throw new Error(`route ${name}: config.grant names ${String(a)}, which no role in GRANTS holds`);
  }
  return { kind: "grant", actions: actions as Action[] };
}

/** Does any of these roles hold any of these actions? (The scope is the handler's business.) */
export function holdsAny(roles: readonly Role[], actions: readonly Action[]): boolean {
  return roles.some((role) => actions.some((a) => GRANTS[role]?.[a] !== undefined));
}

/** The onRoute check: registered before any route, so an undeclared route fails the start-up. */
export function registerRouteDeclarations(app: FastifyInstance): void {
  const declared: DeclaredRoute[] = [];
  app.decorate("routeAccess", declared);
  app.addHook("onRoute", (route) => {
    if (!isDeclaredPath(route.url)) return;
    const access = accessOf(route);
    for (const method of [route.method].flat()) declared.push({ method: method.toUpperCase(), url: route.url, access });
  });
}

/**
 * The declarative gate: after the session is loaded (its onRequest hook registers first), a signed-in
 * caller none of whose roles holds any of the route's actions answers 403 FORBIDDEN, as the handler's
 * own `authorize` would ("no grant at all answers 403", authz.ts). Anonymous callers were answered 401.
 */
export function registerAccessGate(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    if (reply.sent || !req.session || !req.routeOptions.url || !isDeclaredPath(req.routeOptions.url)) return;
    const grant = req.routeOptions.config?.grant;
    if (grant === undefined) return;
    const actions = [grant].flat();
    if (!holdsAny(req.session.actor.roles, actions)) return sendError(req, reply, refusalOf(actions));
  });
}

/**
 * The code of a refusal: a route only professionals may call (check-in, survey, own declarations)
 * tells anyone else so, as its handler always has (第二十四条: the learner's own business); any other
 * route answers FORBIDDEN.
 */
export function refusalOf(actions: readonly Action[]): "NOT_A_PROFESSIONAL" | "FORBIDDEN" {
  const holders = ROLES.filter((role) => holdsAny([role], actions));
  return holders.length === 1 && holders[0] === "professional" ? "NOT_A_PROFESSIONAL" : "FORBIDDEN";
}
