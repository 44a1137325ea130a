// Request plumbing shared by every module: who is signed in, CSRF, forced password change, and the
// service context a route hands to its service. Routes are private unless their config says public.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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
    /** Reachable while an account that needs a second factor has not enrolled one (issue 10 item 8). */
    duringTotpEnrolment?: boolean;
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
  // Over TLS the browser is told to come back only over TLS (HSTS); over plain HTTP the header would be ignored.
  app.addHook("onSend", async (req, reply, payload) => {
    if (isServedOverTls(p, req)) reply.header("strict-transport-security", `max-age=${HSTS_MAX_AGE_SECONDS}`);
    return payload;
  });
  // onRequest, before the body is parsed: an anonymous caller learns nothing from validation errors.
  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/api/") || req.url.startsWith("/api/docs") || !req.routeOptions.url) return; // unknown routes answer 404
    const found = await lookupSession(p, sessionToken(p, req), { touch: !req.routeOptions.config?.passive });
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
    // issue 10 item 8: a password alone opens nothing but enrolment on an account that needs a second factor
    if (req.session.mustEnrolTotp && !cfg.duringTotpEnrolment && !cfg.public) {
      return sendError(req, reply, "TOTP_ENROLMENT_REQUIRED");
    }
  });
}

const HSTS_MAX_AGE_SECONDS = 31_536_000; // one year; no includeSubDomains: other services of the city share the domain

/** The request reached us over TLS: directly, through a trusted proxy's X-Forwarded-Proto, or by configuration. */
export function isServedOverTls(p: Platform, req: FastifyRequest): boolean {
  return p.config.servedOverTls || req.protocol === "https";
}

/**
 * The session cookie is `__Host-cebase_session` over TLS (Secure, host-only, path /: no sibling
 * subdomain can set or shadow it) and `cebase_session` over plain HTTP on a developer's machine.
 */
function sessionCookieName(p: Platform, req: FastifyRequest): string {
  return isServedOverTls(p, req) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

function sessionToken(p: Platform, req: FastifyRequest): string | undefined {
  // issue 10 item 10: over TLS only the `__Host-` name counts; a plain-named cookie could have been
  // planted by a sibling subdomain or over plain HTTP, so it signs nothing in.
  return req.cookies[sessionCookieName(p, req)];
}

export function setSessionCookie(p: Platform, req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(p, req), token, { httpOnly: true, sameSite: "lax", path: "/", secure: isServedOverTls(p, req) });
}

export function clearSessionCookie(p: Platform, req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(p, req), { path: "/", secure: isServedOverTls(p, req) });
  if (isServedOverTls(p, req) && req.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: "/", secure: true });
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

/**
 * The Content-Disposition of a download (RFC 6266): `filename*` carries the Chinese name for every current
 * browser, and a plain ASCII `filename` comes first for clients that read no `filename*` (old mail
 * gateways, some download managers): the name's ASCII part, or "download" with the extension.
 */
export function contentDisposition(filename: string, disposition: "attachment" | "inline" = "attachment"): string {
  const dot = filename.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
  const ascii = (s: string) => s.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\%;]/g, "_");
  const asciiStem = ascii(stem).replace(/^[\s_.-]+|[\s_.-]+$/g, "");
  const asciiExt = /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext : "";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiStem || "download"}${asciiExt}"; filename*=UTF-8''${encoded}`;
}
