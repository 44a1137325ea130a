// HTTP surface of comprehensive reviews and 双随机 spot checks (第十九条): the bureau's draws, outcomes
// and steps, and the public's view of published draws (一公开) with their verification.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import {
  OutcomeInput,
  PublicSpotCheckItem,
  PublicSpotCheckView,
  SPOT_CHECK_KINDS,
  SPOT_CHECK_STATUSES,
  SpotCheckCreate,
  SpotCheckListItem,
  SpotCheckVerifyView,
  SpotCheckView,
} from "../../../shared/supervision/spot-checks.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx, ctxOf } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { listPublicSpotChecks, publicSpotCheck, verifyPublicSpotCheck, verifySpotCheck } from "./spot-check-public.js";
import { createSpotCheck, getSpotCheck, listSpotChecks, recordOutcome, stepSpotCheck } from "./spot-check-service.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const Year = Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 }));
const StepBody = obj({ version: Type.Optional(Type.Integer({ minimum: 1 })), comment: Type.Optional(Type.String({ maxLength: 2000 })) });

export function spotCheckRoutes(r: Router, p: Platform): void {
  const tags = ["spot checks"];
  r.get(
    "/api/v1/spot-checks",
    {
      config: { grant: "spotCheck.read" },
      schema: {
        tags,
        summary: "Comprehensive reviews and spot checks (第十九条), newest year first",
        querystring: obj({ ...PageQuery, year: Year, kind: Type.Optional(Type.Enum(SPOT_CHECK_KINDS)), status: Type.Optional(Type.Enum(SPOT_CHECK_STATUSES)) }),
        response: { 200: Paged(SpotCheckListItem), ...errorResponses },
      },
    },
    async (req) => listSpotChecks(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/spot-checks",
    {
      config: { grant: "spotCheck.create" },
      schema: {
        tags,
        summary: "Draw a spot check (双随机) or open a comprehensive review; the candidates, seed and algorithm are stored",
        body: SpotCheckCreate,
        response: { 201: SpotCheckView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createSpotCheck(actorCtx(p, req), req.body)),
  );
  r.get(
    "/api/v1/spot-checks/:id",
    { config: { grant: "spotCheck.read" }, schema: { tags, summary: "A review with one outcome row per base (the comprehensive review board)", params: IdParams, response: { 200: SpotCheckView, ...errorResponses } } },
    async (req) => getSpotCheck(actorCtx(p, req), req.params.id),
  );
  r.get(
    "/api/v1/spot-checks/:id/verify",
    { config: { grant: "spotCheck.read" }, schema: { tags, summary: "Recompute the draw from the stored candidates and seed", params: IdParams, response: { 200: SpotCheckVerifyView, ...errorResponses } } },
    async (req) => verifySpotCheck(actorCtx(p, req), req.params.id),
  );
  r.put(
    "/api/v1/spot-checks/:id/outcomes/:baseId",
    {
      config: { grant: "spotCheck.decide" },
      schema: {
        tags,
        summary: "Record a base's outcome (表彰, 合格, 限期整改, 撤销); it takes effect when the review concludes",
        params: obj({ id: Id, baseId: Id }),
        body: OutcomeInput,
        response: { 200: SpotCheckView, ...errorResponses },
      },
    },
    async (req) => recordOutcome(actorCtx(p, req), req.params.id, req.params.baseId, req.body),
  );
  r.post(
    "/api/v1/spot-checks/:id/actions/:action",
    {
      config: { grant: ["spotCheck.publish", "spotCheck.conclude"] },
      schema: {
        tags,
        summary: "publish (the draw goes public) or conclude (the outcomes take effect, the results go public)",
        params: obj({ id: Id, action: Type.Enum(["publish", "conclude"]) }),
        body: StepBody,
        response: { 200: SpotCheckView, ...errorResponses },
      },
    },
    async (req) => stepSpotCheck(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );

  // ---- 一公开 ----
  const pub = ["public"];
  r.get(
    "/api/v1/public/spot-checks",
    {
      config: { public: true },
      schema: { tags: pub, summary: "Published draws and, once concluded, their results", querystring: obj({ ...PageQuery, year: Year }), response: { 200: Paged(PublicSpotCheckItem), ...errorResponses } },
    },
    async (req) => listPublicSpotChecks(ctxOf(p, req), req.query),
  );
  r.get(
    "/api/v1/public/spot-checks/:id",
    {
      config: { public: true },
      schema: { tags: pub, summary: "A published draw with its candidate lists, so anyone can redo it", params: IdParams, response: { 200: PublicSpotCheckView, ...errorResponses } },
    },
    async (req) => publicSpotCheck(ctxOf(p, req), req.params.id),
  );
  r.get(
    "/api/v1/public/spot-checks/:id/verify",
    {
      config: { public: true },
      schema: { tags: pub, summary: "Recompute a published draw and compare it with the stored one", params: IdParams, response: { 200: SpotCheckVerifyView, ...errorResponses } },
    },
    async (req) => verifyPublicSpotCheck(ctxOf(p, req), req.params.id),
  );
}
