// HTTP surface of the versioned policy: readable by every role, new versions by the bureau.
import { Type } from "typebox";
import { DateString, PolicyCreateBody, PolicyVersionView } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";

const tags = ["policy"];

export function policyRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/policy/current",
    {
      config: { grant: "policy.read" },
      schema: {
        tags,
        summary: "The policy in force on a date (default today)",
        querystring: Type.Object({ date: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: PolicyVersionView, ...errorResponses },
      },
    },
    async (req) => service.currentPolicy(actorCtx(p, req), req.query.date),
  );
  r.get(
    "/api/v1/policy/versions",
    { config: { grant: "policy.read" }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(PolicyVersionView) }), ...errorResponses } } },
    async (req) => ({ items: await service.listPolicyVersions(actorCtx(p, req)) }),
  );
  r.post(
    "/api/v1/policy/versions",
    { config: { grant: "policy.create" }, schema: { tags, summary: "Add a policy version (bureau)", body: PolicyCreateBody, response: { 201: PolicyVersionView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await service.createPolicyVersion(actorCtx(p, req), req.body)),
  );
}
