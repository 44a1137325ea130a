// HTTP surface of the audit log.
import { AuditCheckpointList, AuditCheckpointQuery, AuditEventView, AuditListQuery, AuditVerifyView, Paged } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";

const tags = ["audit"];

export function auditRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/audit-events",
    { config: { grant: "audit.read" }, schema: { tags, summary: "Audit events, newest first (bureau)", querystring: AuditListQuery, response: { 200: Paged(AuditEventView), ...errorResponses } } },
    async (req) => service.listAuditEvents(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/audit-events/verify",
    { config: { grant: "audit.read" }, schema: { tags, summary: "Check the hash chain (bureau)", response: { 200: AuditVerifyView, ...errorResponses } } },
    async (req) => service.verifyAudit(actorCtx(p, req)),
  );
  r.get(
    "/api/v1/audit-events/checkpoints",
    {
      config: { grant: "audit.read" },
      schema: {
        tags,
        summary: "Signed checkpoints of the audit chain, newest first, with the public key that checks them offline (audit.read)",
        querystring: AuditCheckpointQuery,
        response: { 200: AuditCheckpointList, ...errorResponses },
      },
    },
    async (req) => service.listCheckpoints(actorCtx(p, req), req.query),
  );
}
