// HTTP surface of statistics (issue 12 items 2 and 3): the dashboard's figures and their Excel export,
// and the yearly statistics report as PDF or Excel.
import { StatisticsOverview, StatisticsQuery, YearlyReportQuery } from "../../../shared/statistics.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { sendStreamedExport } from "../../platform/streamed-export.js";
import { Type } from "typebox";
import { COMPLIANCE_COLUMNS, COMPLIANCE_EXPORT, complianceExport } from "./compliance-export.js";
import { sendFile } from "../delivery/workbooks.js";
import { overviewWorkbook, yearlyReport, YEARLY_REPORT_READ } from "./report.js";
import { overview, STATISTICS_READ } from "./service.js";

export function statisticsRoutes(r: Router, p: Platform): void {
  const tags = ["statistics"];
  r.get(
    "/api/v1/statistics/overview",
    {
      config: { grant: STATISTICS_READ },
      schema: {
        tags,
        summary: "The dashboard's figures of a year, scoped (bureau: the city; supervising unit: its bases; base staff: its own)",
        querystring: StatisticsQuery,
        response: { 200: StatisticsOverview, ...errorResponses },
      },
    },
    async (req) => overview(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/statistics/overview.xlsx",
    { config: { grant: STATISTICS_READ }, schema: { tags, summary: "The dashboard's figures as Excel, one sheet per table", querystring: StatisticsQuery } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const file = await p.documents.forRequest(reply, ctx.actor.id, () => overviewWorkbook(ctx, req.query, (job) => p.documents.build(job)));
      return sendFile(reply, file.mime, file.filename, file.bytes);
    },
  );
  r.get(
    "/api/v1/statistics/compliance-export",
    {
      config: { grant: COMPLIANCE_EXPORT },
      schema: {
        tags,
        summary: "Every professional's counted hours of a year against the policy in force, as Excel (streamed, never truncated; ID numbers masked)",
        querystring: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2099 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const { query, audit } = await complianceExport(actorCtx(p, req), req.query.year);
      const filename = `继续教育学时达标情况-${req.query.year}.xlsx`;
      return sendStreamedExport(p, reply, { filename, sheetName: `${req.query.year}年学时达标情况`, query, keys: ["id"], columns: COMPLIANCE_COLUMNS, onDone: audit });
    },
  );
  r.get(
    "/api/v1/reports/yearly",
    {
      config: { grant: YEARLY_REPORT_READ },
      schema: {
        tags,
        summary: "《<city>专业技术人员继续教育基地年度统计报告》 of a year (第十九条): PDF with tables and charts, or Excel with one sheet per table",
        querystring: YearlyReportQuery,
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const file = await p.documents.forRequest(reply, ctx.actor.id, () => yearlyReport(ctx, req.query, (job) => p.documents.build(job)));
      return sendFile(reply, file.mime, file.filename, file.bytes, file.mime === "application/pdf" ? "inline" : "attachment");
    },
  );
}
