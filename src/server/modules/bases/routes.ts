// HTTP surface of the registry of bases, signed-in and public, and the plaque certificate.
import { Type } from "typebox";
import { BaseView } from "../../../shared/accreditation.js";
import { IdParams, PageQuery, Paged } from "../../../shared/api.js";
import { PlaqueVerification } from "../../../shared/supervision/change-reports.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx, contentDisposition, ctxOf } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { policyAt } from "../policy/service.js";
import * as service from "./service.js";

const BaseQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 50 })),
    district: Type.Optional(Type.String({ maxLength: 30 })),
    specialty: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);
const PublicBaseQuery = Type.Object(
  { ...BaseQuery.properties, status: Type.Optional(Type.Enum(["active", "revoked"], { description: "active (in force, default) or revoked" })) },
  { additionalProperties: false },
);

export function baseRoutes(r: Router, p: Platform): void {
  r.get("/api/v1/bases", { config: { grant: "base.read" }, schema: { tags: ["bases"], querystring: BaseQuery, response: { 200: Paged(BaseView), ...errorResponses } } }, async (req) =>
    service.listBases(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/bases/:id", { config: { grant: "base.read" }, schema: { tags: ["bases"], params: IdParams, response: { 200: BaseView, ...errorResponses } } }, async (req) =>
    service.getBase(actorCtx(p, req), req.params.id),
  );
  r.get(
    "/api/v1/bases/:id/plaque.pdf",
    { config: { grant: "base.read" }, schema: { tags: ["bases"], summary: "The plaque certificate (第五条（四）) with a verification QR code", params: IdParams } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const { base, pdf } = await p.documents.forRequest(reply, ctx.actor.id, async () => {
        const base = await service.getBase(ctx, req.params.id);
        const { params } = await policyAt(ctx.db, base.decisionDate);
        const issuer = `${params.cityName}人力资源和社会保障局`;
        return { base, pdf: await ctx.documents.build({ kind: "plaquePdf", base, meta: { cityName: params.cityName, issuer } }) };
      });
      return reply
        .type("application/pdf")
        .header("Content-Disposition", contentDisposition(`匾牌-${base.name}.pdf`, "inline"))
        .send(Buffer.from(pdf));
    },
  );
  r.get(
    "/api/v1/public/bases",
    { config: { public: true }, schema: { tags: ["public"], summary: "The public registry of bases (status=revoked: the revoked ones)", querystring: PublicBaseQuery, response: { 200: Paged(BaseView) } } },
    async (req) => service.listPublicBases(ctxOf(p, req), req.query),
  );
  r.get(
    "/api/v1/public/plaques/:serial",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Verify a plaque by its serial (第二十七条: a plaque reissued under a new name verifies as superseded)",
        params: Type.Object({ serial: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: PlaqueVerification, ...errorResponses },
      },
    },
    async (req) => service.verifyPlaque(ctxOf(p, req), req.params.serial),
  );
  r.get(
    "/api/v1/public/bases/:id",
    { config: { public: true }, schema: { tags: ["public"], summary: "Verify a base (the plaque's QR code)", params: IdParams, response: { 200: BaseView, ...errorResponses } } },
    async (req) => service.verifyBase(ctxOf(p, req), req.params.id),
  );
}
