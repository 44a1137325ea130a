// The public portal (no sign-in): notices under way, objections to them with a receipt to look the
// answer up, rate-limited per address (第五条（三）).
import { Type } from "typebox";
import { NoticeView } from "../../../shared/accreditation.js";
import { IdParams } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { ctxOf } from "../../platform/http.js";
import { routeLimit } from "../../platform/limits.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { currentNotices, fileObjection, objectionByReceipt, publicNotice } from "../accreditation/notice.js";

const tags = ["public"];

export function publicRoutes(r: Router, p: Platform): void {
  // Issue 10 item 11: filing and looking up objections are limited per address, across instances.
  const objectionLimit = routeLimit(p, "objection", p.config.objectionRateLimit);
  const lookupLimit = routeLimit(p, "objectionLookup", p.config.publicLookupRateLimit);
  r.get(
    "/api/v1/public/notices",
    { config: { public: true }, schema: { tags, summary: "Current public notices", response: { 200: Type.Object({ items: Type.Array(NoticeView) }) } } },
    async (req) => ({ items: await currentNotices(ctxOf(p, req)) }),
  );
  r.get(
    "/api/v1/public/notices/:id",
    { config: { public: true }, schema: { tags, params: IdParams, response: { 200: NoticeView, ...errorResponses } } },
    async (req) => publicNotice(ctxOf(p, req), req.params.id),
  );
  r.post(
    "/api/v1/public/notices/:id/objections",
    {
      config: { public: true, csrfExempt: true },
      schema: {
        tags,
        summary: "Object to a notice; answers a receipt number",
        params: IdParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 30 }),
            contact: Type.String({ minLength: 5, maxLength: 50 }),
            content: Type.String({ minLength: 10, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ receiptNo: Type.String() }), ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      await objectionLimit.enforce(req.ip, reply);
      return reply.code(201).send(await fileObjection(ctxOf(p, req), req.params.id, req.body));
    },
  );
  r.get(
    "/api/v1/public/objections/:receiptNo",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Look up the answer to an objection by its receipt number",
        params: Type.Object({ receiptNo: Type.String({ pattern: "^YY\\d{8}[0-9A-Z]{10}$" }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            receiptNo: Type.String(),
            status: Type.String(),
            answer: Type.Union([Type.String(), Type.Null()]),
            upheld: Type.Union([Type.Boolean(), Type.Null()]),
            createdAt: Type.String(),
            resolvedAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
          429: errorResponses[400],
        },
      },
    },
    async (req, reply) => {
      await lookupLimit.enforce(req.ip, reply);
      return objectionByReceipt(ctxOf(p, req), req.params.receiptNo);
    },
  );
}
