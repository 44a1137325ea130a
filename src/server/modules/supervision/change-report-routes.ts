// HTTP surface of change reports (第二十七条): the base reports, the bureau acknowledges or asks for more.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import { CHANGE_REPORT_STATUSES, ChangeReportCreateBody, ChangeReportListItem, ChangeReportStepBody, ChangeReportView } from "../../../shared/supervision/change-reports.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./change-report-service.js";
import { evidenceFileRoute } from "./evidence-file-route.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });

const ACTIONS = ["accept", "return", "resubmit", "withdraw"] as const;

export function changeReportRoutes(r: Router, p: Platform): void {
  const tags = ["change reports"];
  r.post(
    "/api/v1/bases/:id/change-reports",
    {
      config: { grant: "changeReport.create" },
      schema: {
        tags,
        summary: "Report changes of the base (its own staff): name, host organization name, supervising unit, address, contacts, legal representative",
        params: IdParams,
        body: ChangeReportCreateBody,
        response: { 201: ChangeReportView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createChangeReport(actorCtx(p, req), req.params.id, req.body)),
  );
  r.get(
    "/api/v1/change-reports",
    {
      config: { grant: "changeReport.read" },
      schema: {
        tags,
        summary: "Change reports in the actor's scope, newest first",
        querystring: obj({ ...PageQuery, status: Type.Optional(Type.Enum([...CHANGE_REPORT_STATUSES])), baseId: Type.Optional(Id) }),
        response: { 200: Paged(ChangeReportListItem), ...errorResponses },
      },
    },
    async (req) => service.listChangeReportsFor(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/change-reports/:id", { config: { grant: "changeReport.read" }, schema: { tags, params: IdParams, response: { 200: ChangeReportView, ...errorResponses } } }, async (req) =>
    service.getChangeReport(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/change-reports/:id/actions/:action",
    {
      config: { grant: ACTIONS.map((a) => `changeReport.${a}` as const) },
      schema: {
        tags,
        summary: "A step: accept (bureau; the changes apply at once), return (bureau, comment required), resubmit (base, payload), withdraw (base)",
        params: obj({ id: Id, action: Type.Enum([...ACTIONS]) }),
        body: ChangeReportStepBody,
        response: { 200: ChangeReportView, ...errorResponses },
      },
    },
    async (req) => service.stepChangeReport(actorCtx(p, req), req.params.id, req.params.action, req.body ?? {}),
  );
  evidenceFileRoute(r, p, { url: "/api/v1/change-reports/:id/files/:fileId", tags, grant: "changeReport.read", summary: "An evidence file of the report", evidenceFile: service.evidenceFile });
}
