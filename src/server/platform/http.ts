// Request plumbing shared by every module: who is signed in, CSRF, forced password change, and the
// service context a route hands to its service. Routes are private unless their config says public.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Ctx, Platform } from "./context.js";
import { DomainError, sendError } from "./errors.js";
import { lookupSession, SESSION_COOKIE, type SessionInfo } from "./sessions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** State-changing but exempt from the CSRF header (sign-in itself). */
    csrfExempt?: boolean;
    /** Reachable while the user must still change an administrator-set password. */
    duringPasswordChange?: boolean;
    /** Polled by the page on its own (the notification bell): not activity that keeps a session alive. */
    passive?: boolean;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    sessionExpired: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerSessionHandling(app: FastifyInstance, p: Platform): void {
  app.decorateRequest("session", null);
  app.decorateRequest("sessionExpired", false);
  // onRequest, before the body is parsed: an anonymous caller learns nothing from validation errors.
  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/api/") || req.url.startsWith("/api/docs") || !req.routeOptions.url) return; // unknown routes answer 404
    const found = await lookupSession(p, req.cookies[SESSION_COOKIE], { touch: !req.routeOptions.config?.passive });
    req.session = found.kind === "ok" ? found.session : null;
    req.sessionExpired = found.kind === "expired";
    const cfg = req.routeOptions.config ?? {};
    if (!req.session) {
      if (cfg.public) return;
      return sendError(req, reply, req.sessionExpired ? "SESSION_EXPIRED" : "UNAUTHENTICATED");
    }
    // DESIGN.md "API conventions": every state-changing request carries the session's CSRF token.
    if (!SAFE_METHODS.has(req.method) && !cfg.csrfExempt && req.headers["x-csrf-token"] !== req.session.csrfToken) {
      return sendError(req, reply, "CSRF_TOKEN_INVALID");
    }
    if (req.session.mustChangePassword && !cfg.duringPasswordChange && !cfg.public) {
      return sendError(req, reply, "PASSWORD_CHANGE_REQUIRED");
    }
  });
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip ?? null;
}

/** The service context of a request, signed in or not. */
export function ctxOf(p: Platform, req: FastifyRequest): Ctx {
  return { ...p, actor: req.session?.actor ?? null, ip: clientIp(req) };
}

/** The service context of a request that must be signed in (the preHandler already answered 401). */
export function actorCtx(p: Platform, req: FastifyRequest): Ctx & { actor: NonNullable<Ctx["actor"]> } {
  const ctx = ctxOf(p, req);
  if (!ctx.actor) throw new DomainError(req.sessionExpired ? "SESSION_EXPIRED" : "UNAUTHENTICATED");
  return ctx as Ctx & { actor: NonNullable<Ctx["actor"]> };
}
