// HTTP surface of the compliance forecast (第二十四条): a professional's own forecast, the bureau's view
// of anyone's, and the bureau's list of people likely to miss the year with its Excel export.
import { IdParams, Paged } from "../../../shared/api.js";
import { AtRiskExportQuery, AtRiskProfessionalView, AtRiskQuery, ForecastQuery, ForecastView } from "../../../shared/forecast.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { sendAtRiskXlsx } from "./export.js";
import { forecastOf, listAtRisk } from "./service.js";

export function forecastRoutes(r: Router, p: Platform): void {
  const tags = ["forecast"];
  r.get(
    "/api/v1/me/forecast",
    {
      config: { grant: "learningRecord.read" },
      schema: { tags, summary: "My compliance forecast of a year (default: this year): what is still needed and the open courses that would close it", querystring: ForecastQuery, response: { 200: ForecastView, ...errorResponses } },
    },
    async (req) => forecastOf(actorCtx(p, req), "me", req.query.year),
  );
  r.get(
    "/api/v1/professionals/:id/forecast",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "A person's compliance forecast (the bureau; a person only their own)", params: IdParams, querystring: ForecastQuery, response: { 200: ForecastView, ...errorResponses } } },
    async (req) => forecastOf(actorCtx(p, req), req.params.id, req.query.year),
  );
  r.get(
    "/api/v1/statistics/at-risk-professionals",
    {
      config: { grant: "atRiskProfessional.read" },
      schema: {
        tags,
        summary: "People likely to miss the year: short even once their enrolled courses are credited; the largest gap first, ID numbers masked",
        querystring: AtRiskQuery,
        response: { 200: Paged(AtRiskProfessionalView), ...errorResponses },
      },
    },
    async (req) => listAtRisk(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/statistics/at-risk-professionals/export.xlsx",
    { config: { grant: "atRiskProfessional.read" }, schema: { tags, summary: "The whole list as Excel (streamed; never truncated)", querystring: AtRiskExportQuery } },
    async (req, reply) => sendAtRiskXlsx(actorCtx(p, req), reply, req.query),
  );
}
