// Health, the platform clock, and the test clock (DESIGN.md "Architecture": only with
// CEBASE_TEST_CLOCK=1, only the bureau, never in production).
import { ALL_JOBS } from "../../jobs.js";
import { runJobs } from "../../platform/scheduler.js";
import { Type } from "typebox";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Platform } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";

const ClockView = Type.Object({ now: Type.String(), today: Type.String(), isTestClock: Type.Boolean() });

export function systemRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        response: { 200: Type.Object({ status: Type.Literal("ok"), db: Type.Union([Type.Literal("sqlite"), Type.Literal("postgres")]), version: Type.String() }) },
      },
    },
    async () => {
      await p.db.selectFrom("policyVersions").select("id").limit(1).execute();
      return { status: "ok" as const, db: p.dialect, version: p.config.version };
    },
  );
  const clockView = () => ({ now: p.clock.nowIso(), today: p.clock.today(), isTestClock: p.clock.isTestClock });
  r.get("/api/v1/clock", { config: { public: true }, schema: { tags: ["system"], response: { 200: ClockView } } }, async () => clockView());
  r.put(
    "/api/v1/test/clock",
    {
      config: { grant: "testClock.set" },
      schema: {
        tags: ["system"],
        summary: "Move business time (CEBASE_TEST_CLOCK=1 only; bureau)",
        body: Type.Object({ now: Type.Union([Type.String({ format: "date-time" }), Type.Null()]) }, { additionalProperties: false }),
        response: { 200: ClockView, ...errorResponses },
      },
    },
    async (req) => {
      if (!p.clock.isTestClock) throw new DomainError("TEST_CLOCK_DISABLED");
      const ctx = actorCtx(p, req);
      authorize(ctx.actor, "testClock.set");
      p.clock.set(req.body.now);
      await inTransaction(ctx, (trx) => appendAudit(trx, ctx, { action: "testClock.set", resourceType: "clock", detail: { now: req.body.now } }));
      return clockView();
    },
  );
  r.post(
    "/api/v1/test/jobs/run",
    {
      config: { grant: "jobs.run" },
      schema: {
        tags: ["system"],
        summary: "Run the scheduled jobs now (CEBASE_TEST_CLOCK=1 only; bureau)",
        response: { 200: Type.Object({ ran: Type.Record(Type.String(), Type.Record(Type.String(), Type.Number())) }), ...errorResponses },
      },
    },
    async (req) => {
      if (!p.clock.isTestClock) throw new DomainError("TEST_CLOCK_DISABLED");
      authorize(actorCtx(p, req).actor, "jobs.run");
      return { ran: await runJobs(p, ALL_JOBS, 60_000) };
    },
  );
}
