// Sign-in endpoints (DESIGN.md "API conventions"): the session cookie is HttpOnly and SameSite=Lax;
// the answer carries the CSRF token every state-changing request must send back. Over TLS the cookie
// is `__Host-`-prefixed and Secure (platform/http.ts). The owner lists and ends their own sessions.
import { Type } from "typebox";
import { ChangePasswordBody, LoginBody, Nullable, SessionView } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { actorCtx, clearSessionCookie, ctxOf, setSessionCookie } from "../../platform/http.js";
import { limitStoreOf, routeLimit } from "../../platform/limits.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { listSessions, revokeSession } from "./account-sessions.js";
import * as service from "./service.js";
import { createLoginThrottle } from "./throttle.js";

const tags = ["auth"];

const AccountSession = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  address: Nullable(Type.String({ description: "masked: 10.0.*.*" })),
  userAgent: Nullable(Type.String()),
  isCurrent: Type.Boolean(),
});
const AccountSessionList = Type.Object({ items: Type.Array(AccountSession) });

export function authRoutes(r: Router, p: Platform): void {
  // Issue 10 item 11: the counters are shared by every instance on PostgreSQL.
  const limit = routeLimit(p, "login", p.config.loginRateLimit);
  const throttle = createLoginThrottle(p.config.loginThrottle, limitStoreOf(p));

  r.post(
    "/api/v1/auth/login",
    {
      config: { public: true, csrfExempt: true },
      schema: {
        tags,
        summary: "Sign in",
        description: "Failed sign-ins slow down the username tried (existing or not) and the client address with growing waits: while either must wait the answer is 429 LOGIN_THROTTLED with Retry-After. No account is ever locked by failures.",
        body: LoginBody,
        response: { 200: SessionView, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      await limit.enforce(req.ip, reply, "LOGIN_RATE_LIMITED");
      const userAgent = req.headers["user-agent"] ?? null;
      const { token, view } = await service.login(ctxOf(p, req), throttle, req.body.username, req.body.password, userAgent).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === "LOGIN_THROTTLED") reply.header("Retry-After", String(err.details.retryAfterSeconds));
        throw err;
      });
      setSessionCookie(p, req, reply, token);
      return view;
    },
  );
  r.get(
    "/api/v1/auth/me",
    { config: { duringPasswordChange: true }, schema: { tags, summary: "The signed-in session", response: { 200: SessionView, ...errorResponses } } },
    async (req) => service.sessionView(actorCtx(p, req), req.session!.actor.id, req.session!.csrfToken),
  );
  r.post(
    "/api/v1/auth/logout",
    { config: { duringPasswordChange: true }, schema: { tags, summary: "Sign out", response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await service.logout(actorCtx(p, req), req.session!);
      clearSessionCookie(p, req, reply);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/api/v1/auth/password",
    {
      config: { duringPasswordChange: true },
      schema: { tags, summary: "Change own password", body: ChangePasswordBody, response: { 200: SessionView, ...errorResponses } },
    },
    async (req) => service.changePassword(actorCtx(p, req), req.session!, req.body.currentPassword, req.body.newPassword),
  );
  r.get(
    "/api/v1/auth/sessions",
    { schema: { tags, summary: "Own open sessions", description: "Newest first; the address is masked, `isCurrent` marks this one.", response: { 200: AccountSessionList, ...errorResponses } } },
    async (req) => {
      const ctx = actorCtx(p, req);
      return listSessions(ctx, ctx.actor.id, req.session!.id);
    },
  );
  r.delete(
    "/api/v1/auth/sessions/:id",
    {
      schema: {
        tags,
        summary: "End one of own sessions",
        description: "An id that is not one of the caller's sessions answers 404.",
        params: Type.Object({ id: Type.String({ pattern: "^[0-9a-f]{32}$" }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      await revokeSession(ctx, ctx.actor.id, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
