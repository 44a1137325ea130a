// HTTP surface of base accreditation: parse → service → reply.
import { Type } from "typebox";
import { APPLICATION_STATUSES, ApplicationForm, ApplicationListItem, ApplicationView, ObjectionView } from "../../../shared/accreditation.js";
import { Id, IdParams, OrgTypeSchema, PageQuery, Paged } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { policyAt } from "../policy/service.js";
import { actorCtx, contentDisposition } from "../../platform/http.js";
import { DomainError } from "../../platform/errors.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { listObjections, resolveObjection } from "./notice.js";
import * as service from "./service.js";

const tags = ["accreditation"];
const STEP_ACTIONS = ["submit", "return", "recommend", "reject", "accept", "open-review", "approve", "publish"] as const;

const StepBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    expertUserIds: Type.Optional(Type.Array(Id, { maxItems: 30, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export function accreditationRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/supervising-units",
    {
      config: { grant: "supervisingUnit.list" },
      schema: {
        tags,
        summary: "Organizations an applicant may report to (第五条（一）)",
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: OrgTypeSchema })) }), ...errorResponses },
      },
    },
    async (req) => service.supervisingUnits(actorCtx(p, req)),
  );
  r.get(
    "/api/v1/base-applications",
    {
      config: { grant: "baseApplication.read" },
      schema: {
        tags,
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Enum(APPLICATION_STATUSES)), q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }),
        response: { 200: Paged(ApplicationListItem), ...errorResponses },
      },
    },
    async (req) => service.listApplications(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/base-applications",
    {
      config: { grant: "baseApplication.create" },
      schema: {
        tags,
        summary: "Start an application (第五条（一）); the form may be incomplete",
        body: Type.Object({ supervisorOrgId: Id, form: ApplicationForm }, { additionalProperties: false }),
        response: { 201: ApplicationView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createApplication(actorCtx(p, req), req.body)),
  );
  r.get(
    "/api/v1/base-applications/:id",
    { config: { grant: "baseApplication.read" }, schema: { tags, params: IdParams, response: { 200: ApplicationView, ...errorResponses } } },
    async (req) => service.getApplication(actorCtx(p, req), req.params.id),
  );
  r.patch(
    "/api/v1/base-applications/:id",
    {
      config: { grant: "baseApplication.update" },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ form: ApplicationForm, version: Type.Integer({ minimum: 1 }), supervisorOrgId: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: ApplicationView, ...errorResponses },
      },
    },
    async (req) => service.updateApplication(actorCtx(p, req), req.params.id, req.body),
  );
  r.post(
    "/api/v1/base-applications/:id/actions/:action",
    {
      config: { grant: STEP_ACTIONS.map((a) => `baseApplication.${a}` as const) },
      schema: {
        tags,
        summary: "A workflow step: submit, return, recommend, reject, accept, open-review, approve, publish",
        params: Type.Object({ id: Id, action: Type.Enum(STEP_ACTIONS) }, { additionalProperties: false }),
        body: StepBody,
        response: { 200: ApplicationView, ...errorResponses },
      },
    },
    async (req) => service.takeStep(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );
  r.post(
    "/api/v1/base-applications/:id/conflict-declaration",
    {
      config: { grant: "baseApplication.review" },
      schema: {
        tags,
        summary: "An expert declares no conflict of interest (第五条（三）)",
        params: IdParams,
        body: Type.Object({ noConflict: Type.Literal(true) }, { additionalProperties: false }),
        response: { 200: ApplicationView, ...errorResponses },
      },
    },
    async (req) => service.declare(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/base-applications/:id/reviews",
    {
      config: { grant: "baseApplication.review" },
      schema: {
        tags,
        summary: "An expert's scores and recommendation (第五条（三）)",
        params: IdParams,
        body: Type.Object(
          {
            noConflictDeclared: Type.Boolean(),
            scores: Type.Record(Type.String({ maxLength: 32 }), Type.Number({ minimum: 0, maximum: 1000 })),
            recommendation: Type.Enum(["approve", "reject"]),
            comment: Type.String({ maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ApplicationView, ...errorResponses },
      },
    },
    async (req) => service.review(actorCtx(p, req), req.params.id, req.body),
  );
  r.get(
    "/api/v1/base-applications/:id/form.pdf",
    { config: { grant: "baseApplication.read" }, schema: { tags, summary: "The filled 申报表 as PDF", params: IdParams } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const view = await service.getApplication(ctx, req.params.id);
      // 第五条（三）: an expert prints the file only after declaring no conflict of interest.
      if (!view.form) throw new DomainError("CONFLICT_NOT_DECLARED");
      const { params } = await policyAt(ctx.db, ctx.clock.today());
      const meta = { cityName: params.cityName, printedAt: ctx.clock.nowIso() };
      const pdf = await p.documents.forRequest(reply, ctx.actor.id, () => ctx.documents.build({ kind: "applicationPdf", application: view, meta }));
      return reply
        .type("application/pdf")
        .header("Content-Disposition", contentDisposition(`申报表-${view.form?.basics?.baseName ?? view.id}.pdf`, "inline"))
        .send(Buffer.from(pdf));
    },
  );
  r.get(
    "/api/v1/objections",
    {
      config: { grant: "objection.read" },
      schema: {
        tags,
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Enum(["open", "resolved"])) }, { additionalProperties: false }),
        response: { 200: Paged(ObjectionView), ...errorResponses },
      },
    },
    async (req) => listObjections(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/objections/:id/actions/resolve",
    {
      config: { grant: "objection.resolve" },
      schema: {
        tags,
        summary: "The bureau answers an objection; upheld returns or rejects the application",
        params: IdParams,
        body: Type.Object(
          { answer: Type.String({ minLength: 1, maxLength: 2000 }), upheld: Type.Boolean(), outcome: Type.Optional(Type.Enum(["return", "reject"])) },
          { additionalProperties: false },
        ),
        response: { 200: ObjectionView, ...errorResponses },
      },
    },
    async (req) => resolveObjection(actorCtx(p, req), req.params.id, req.body),
  );
}
