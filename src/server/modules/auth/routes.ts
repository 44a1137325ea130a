// Sign-in endpoints (DESIGN.md "API conventions"): the session cookie is HttpOnly and SameSite=Lax;
// the answer carries the CSRF token every state-changing request must send back.
import { Type } from "typebox";
import { ChangePasswordBody, LoginBody, SessionView } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { actorCtx, ctxOf } from "../../platform/http.js";
import { createRateLimiter } from "../../platform/ratelimit.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { SESSION_COOKIE } from "../../platform/sessions.js";
import * as service from "./service.js";
import { createLoginThrottle } from "./throttle.js";

const tags = ["auth"];

export function authRoutes(r: Router, p: Platform): void {
  const limiter = createRateLimiter(p.config.loginRateLimit.max, p.config.loginRateLimit.windowMs);
  const throttle = createLoginThrottle(p.config.loginThrottle);

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
      const wait = limiter.hit(req.ip, p.clock.systemNow());
      if (wait > 0) {
        reply.header("Retry-After", String(wait));
        throw new DomainError("LOGIN_RATE_LIMITED", { retryAfterSeconds: wait });
      }
      const { token, view } = await service.login(ctxOf(p, req), throttle, req.body.username, req.body.password).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === "LOGIN_THROTTLED") reply.header("Retry-After", String(err.details.retryAfterSeconds));
        throw err;
      });
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", secure: req.protocol === "https" });
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
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
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
}
