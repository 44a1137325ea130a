// Sign-in endpoints (DESIGN.md "API conventions"): the session cookie is HttpOnly and SameSite=Lax;
// the answer carries the CSRF token every state-changing request must send back. Over TLS the cookie
// is `__Host-`-prefixed and Secure (platform/http.ts). The owner lists and ends their own sessions.
import { Type } from "typebox";
import { ChangePasswordBody, IdParams, LoginBody, Nullable, SessionView } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { actorCtx, clearSessionCookie, ctxOf, setSessionCookie } from "../../platform/http.js";
import { limitStoreOf, routeLimit } from "../../platform/limits.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { listSessions, revokeSession } from "./account-sessions.js";
import * as service from "./service.js";
import { createLoginThrottle } from "./throttle.js";
import { confirmEnrolment, disableOwn, resetSecondFactor, startEnrolment } from "./two-factor.js";

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
const TotpEnrolment = Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrDataUrl: Type.String() });
const TotpCodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false });
const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

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
        description: "Bureau, supervisor and administrator accounts, and any account that enrolled, also send `totp` (six digits, or a recovery code): none answers 401 TOTP_REQUIRED, a wrong or reused one 401 TOTP_INVALID, and no session opens. A required account not enrolled yet gets a session that can only enrol (403 TOTP_ENROLMENT_REQUIRED elsewhere). Failed sign-ins slow down the username tried (existing or not) and the client address with growing waits: while either must wait the answer is 429 LOGIN_THROTTLED with Retry-After. After 5 wrong second-factor codes of one account (CEBASE_TOTP_MAX_FAILURES) its next codes answer 429 TOTP_THROTTLED with Retry-After, unchecked, for 15 minutes. No account is ever locked by failures.",
        body: LoginBody,
        response: { 200: SessionView, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      await limit.enforce(req.ip, reply, "LOGIN_RATE_LIMITED");
      const userAgent = req.headers["user-agent"] ?? null;
      const { token, view } = await service.login(ctxOf(p, req), throttle, req.body.username, req.body.password, userAgent, req.body.totp).catch((err: unknown) => {
        if (err instanceof DomainError && (err.code === "LOGIN_THROTTLED" || err.code === "TOTP_THROTTLED")) reply.header("Retry-After", String(err.details.retryAfterSeconds));
        throw err;
      });
      setSessionCookie(p, req, reply, token);
      return view;
    },
  );
  r.get(
    "/api/v1/auth/me",
    { config: { access: "authenticated", duringPasswordChange: true, duringTotpEnrolment: true }, schema: { tags, summary: "The signed-in session", response: { 200: SessionView, ...errorResponses } } },
    async (req) => service.sessionView(actorCtx(p, req), req.session!.actor.id, req.session!.csrfToken),
  );
  r.post(
    "/api/v1/auth/logout",
    { config: { access: "authenticated", duringPasswordChange: true, duringTotpEnrolment: true }, schema: { tags, summary: "Sign out", response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await service.logout(actorCtx(p, req), req.session!);
      clearSessionCookie(p, req, reply);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/api/v1/auth/password",
    {
      config: { access: "authenticated", duringPasswordChange: true, duringTotpEnrolment: true },
      schema: { tags, summary: "Change own password", body: ChangePasswordBody, response: { 200: SessionView, ...errorResponses } },
    },
    async (req) => service.changePassword(actorCtx(p, req), req.session!, req.body.currentPassword, req.body.newPassword),
  );
  r.get(
    "/api/v1/auth/sessions",
    { config: { access: "authenticated" }, schema: { tags, summary: "Own open sessions", description: "Newest first; the address is masked, `isCurrent` marks this one.", response: { 200: AccountSessionList, ...errorResponses } } },
    async (req) => {
      const ctx = actorCtx(p, req);
      return listSessions(ctx, ctx.actor.id, req.session!.id);
    },
  );
  r.delete(
    "/api/v1/auth/sessions/:id",
    {
      config: { access: "authenticated" },
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
  // issue 10 item 8: enrolment by QR code, confirmed with a first code; the recovery codes are shown once
  const enrolment = { access: "authenticated", duringPasswordChange: true, duringTotpEnrolment: true } as const;
  r.post(
    "/api/v1/auth/totp/enrolment",
    { config: enrolment, schema: { tags, summary: "Start two-factor enrolment", description: "A fresh secret, its otpauth URI and the QR code as a data URL.", response: { 200: TotpEnrolment, ...errorResponses } } },
    async (req) => startEnrolment(actorCtx(p, req)),
  );
  r.post(
    "/api/v1/auth/totp/enrolment/confirm",
    { config: enrolment, schema: { tags, summary: "Confirm two-factor enrolment with a first code", body: TotpCodeBody, response: { 200: RecoveryCodes, ...errorResponses } } },
    async (req) => confirmEnrolment(actorCtx(p, req), req.body.code),
  );
  r.post(
    "/api/v1/auth/totp/disable",
    { config: { access: "authenticated" }, schema: { tags, summary: "Turn off an optional second factor", description: "Refused (TOTP_CANNOT_DISABLE) for roles that need one. A wrong code counts toward the account's wrong-code limit: past it, 429 TOTP_THROTTLED with Retry-After.", body: TotpCodeBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await disableOwn(actorCtx(p, req), throttle, req.body.code).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === "TOTP_THROTTLED") reply.header("Retry-After", String(err.details.retryAfterSeconds));
        throw err;
      });
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/api/v1/users/:id/actions/reset-totp",
    { config: { grant: "user.resetTotp" }, schema: { tags, summary: "Reset an account's second factor (security administrator)", description: "The account's sessions end; it enrols again at its next sign-in.", params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await resetSecondFactor(actorCtx(p, req), throttle, req.params.id);
      return reply.code(204).send(null);
    },
  );
  // issue 10 items 9 and 10: the security administrator lists and ends another account's sessions
  r.get(
    "/api/v1/users/:id/sessions",
    { config: { grant: "session.read" }, schema: { tags, summary: "An account's open sessions (security administrator)", params: IdParams, response: { 200: AccountSessionList, ...errorResponses } } },
    async (req) => listSessions(actorCtx(p, req), req.params.id, req.session!.id),
  );
  r.delete(
    "/api/v1/users/:id/sessions/:sessionId",
    {
      config: { grant: "session.revoke" },
      schema: {
        tags,
        summary: "End one session of an account (security administrator)",
        params: Type.Object({ id: Type.String(), sessionId: Type.String({ pattern: "^[0-9a-f]{32}$" }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await revokeSession(actorCtx(p, req), req.params.id, req.params.sessionId);
      return reply.code(204).send(null);
    },
  );
}
