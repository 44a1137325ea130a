// HTTP surface of risk flags (风险提示, issue 12 item 4): the scoped list, one flag with its evidence,
// dismissal with a reason, conversion into a violation record (第二十条), and the bureau's scan on demand.
import { Type } from "typebox";
import { IdParams, Paged } from "../../../shared/api.js";
import { RiskFlagConvertBody, RiskFlagDismissBody, RiskFlagListItem, RiskFlagQuery, RiskFlagView, RiskScanResult } from "../../../shared/supervision/risk-flags.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./risk-flags-service.js";

export function riskFlagRoutes(r: Router, p: Platform): void {
  const tags = ["risk flags"];
  r.get(
    "/api/v1/risk-flags",
    {
      config: { grant: "riskFlag.read" },
      schema: { tags, summary: "Risk flags with their evidence: the bureau all, a supervising unit its bases'", querystring: RiskFlagQuery, response: { 200: Paged(RiskFlagListItem), ...errorResponses } },
    },
    async (req) => service.listRiskFlags(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/risk-flags/actions/scan",
    { config: { grant: "riskFlag.scan" }, schema: { tags, summary: "Scan the data for risks now (the bureau; the scheduled job does it hourly)", body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: RiskScanResult, ...errorResponses } } },
    async (req) => service.scanNow(actorCtx(p, req)),
  );
  r.get("/api/v1/risk-flags/:id", { config: { grant: "riskFlag.read" }, schema: { tags, params: IdParams, response: { 200: RiskFlagView, ...errorResponses } } }, async (req) =>
    service.getRiskFlag(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/risk-flags/:id/actions/dismiss",
    { config: { grant: "riskFlag.dismiss" }, schema: { tags, summary: "Dismiss a flag found explained (the bureau; reason required, audited)", params: IdParams, body: RiskFlagDismissBody, response: { 200: RiskFlagView, ...errorResponses } } },
    async (req) => service.dismissRiskFlag(actorCtx(p, req), req.params.id, req.body),
  );
  r.post(
    "/api/v1/risk-flags/:id/actions/convert",
    {
      config: { grant: "riskFlag.convert" },
      schema: { tags, summary: "Turn a flag into a violation report (第二十条) of the supervision module", params: IdParams, body: RiskFlagConvertBody, response: { 200: RiskFlagView, ...errorResponses } },
    },
    async (req) => service.convertRiskFlag(actorCtx(p, req), req.params.id, req.body),
  );
}
