// HTTP surface of supervision: inspection schemes and annual inspections (第十四条, 第十八条).
import { Type, type TProperties } from "typebox";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import {
  DIMENSION_KEYS,
  DIMENSION_NAMES,
  GRADE_NAMES,
  INSPECTION_ACTIONS,
  InspectableBase,
  InspectionCreateBody,
  InspectionListItem,
  InspectionListQuery,
  InspectionPatchBody,
  InspectionStepBody,
  InspectionView,
  SchemeInput,
  SchemeQuery,
  SchemeView,
  type InspectionListItem as Row,
} from "../../../shared/supervision/inspections.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook, type SheetColumn } from "../../platform/excel.js";
import { actorCtx, contentDisposition } from "../../platform/http.js";
import { EXPORT_LIMIT, withinExportLimit } from "../../platform/paging.js";

const inExport = <T>(page: { items: T[]; total: number }) => withinExportLimit(page.items, page.total);
import { errorResponses, type Router } from "../../platform/routing.js";
import { inspectableBases, listInspections } from "./inspection-queries.js";
import { getScheme, measuresFile, putScheme } from "./inspection-schemes.js";
import { createInspection, getInspection, inspectionFile, takeInspectionStep, updateInspection } from "./inspection-service.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 2019, maximum: 2100 });
const STATUS_NAMES: Record<string, string> = { draft: "草稿", submitted: "已报送", answered: "已申辩", finalized: "已确定" };

const sheet: SheetColumn<Row>[] = [
  { header: "基地", width: 30, value: (r) => r.baseName },
  { header: "检查单位", width: 24, value: (r) => r.supervisorOrgName },
  { header: "考核年度", width: 10, value: (r) => r.year },
  { header: "状态", width: 10, value: (r) => STATUS_NAMES[r.status] },
  ...DIMENSION_KEYS.map((d) => ({ header: DIMENSION_NAMES[d], width: 12, value: (r: Row) => r.dimensionScores[d] ?? null })),
  { header: "总分", width: 8, value: (r) => r.totalScore },
  { header: "等级", width: 10, value: (r) => (r.grade ? GRADE_NAMES[r.grade] : null) },
  { header: "报送日期", kind: "date", value: (r) => r.submittedAt },
  { header: "申辩期限", kind: "date", value: (r) => r.answerDue },
  { header: "基地申辩", width: 10, value: (r) => (r.answered ? "是" : "否") },
  { header: "确定日期", kind: "date", value: (r) => r.finalizedAt },
];

/** A stored file as a download under the name it was uploaded with. */
function sendFile(reply: import("fastify").FastifyReply, f: { bytes: Buffer | Uint8Array; name: string; mime: string }, inline = false) {
  return reply
    .type(f.mime)
    .header("Content-Disposition", contentDisposition(f.name, inline ? "inline" : "attachment"))
    .send(Buffer.from(f.bytes));
}

export function inspectionRoutes(r: Router, p: Platform): void {
  // ---- 第十八条 "制定具体办法": schemes ----
  let tags = ["inspection schemes"];
  r.get(
    "/api/v1/inspection-schemes",
    { config: { grant: "inspectionScheme.read" }, schema: { tags, summary: "The year's scheme of a supervising unit (its own, or the default)", querystring: SchemeQuery, response: { 200: SchemeView, ...errorResponses } } },
    async (req) => getScheme(actorCtx(p, req), req.query),
  );
  r.put(
    "/api/v1/inspection-schemes/:year",
    { config: { grant: "inspectionScheme.update" }, schema: { tags, summary: "Create (copy of the default) or update the unit's own scheme", params: obj({ year: Year }), body: SchemeInput, response: { 200: SchemeView, ...errorResponses } } },
    async (req) => putScheme(actorCtx(p, req), req.params.year, req.body),
  );
  r.get(
    "/api/v1/inspection-schemes/:year/measures",
    { config: { grant: "inspectionScheme.read" }, schema: { tags, summary: "The unit's management measures document", params: obj({ year: Year }), querystring: obj({ supervisorOrgId: Type.Optional(Id) }) } },
    async (req, reply) => sendFile(reply, await measuresFile(actorCtx(p, req), req.params.year, req.query.supervisorOrgId)),
  );

  // ---- 第十八条: inspections ----
  tags = ["inspections"];
  r.get(
    "/api/v1/inspections",
    { config: { grant: "inspection.read" }, schema: { tags, querystring: obj({ ...PageQuery, ...InspectionListQuery }), response: { 200: Paged(InspectionListItem), ...errorResponses } } },
    async (req) => listInspections(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/inspections.xlsx", { config: { grant: "inspection.read" }, schema: { tags, summary: "Export inspections to Excel", querystring: obj(InspectionListQuery) } }, async (req, reply) =>
    sendWorkbook(reply, "检查考核.xlsx", "检查考核", sheet, inExport(await listInspections(actorCtx(p, req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT }))),
  );
  r.get(
    "/api/v1/inspections/candidates",
    {
      config: { grant: "inspection.create" },
      schema: {
        tags,
        summary: "The bases the signed-in unit may inspect, with their inspection of the year",
        querystring: obj({ year: Year }),
        response: { 200: Type.Object({ items: Type.Array(InspectableBase) }), ...errorResponses },
      },
    },
    async (req) => inspectableBases(actorCtx(p, req), req.query.year),
  );
  r.post(
    "/api/v1/inspections",
    { config: { grant: "inspection.create" }, schema: { tags, summary: "Open a base's inspection for a year, prefilled with the platform's facts", body: InspectionCreateBody, response: { 201: InspectionView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createInspection(actorCtx(p, req), req.body)),
  );
  r.get("/api/v1/inspections/:id", { config: { grant: "inspection.read" }, schema: { tags, params: IdParams, response: { 200: InspectionView, ...errorResponses } } }, async (req) =>
    getInspection(actorCtx(p, req), req.params.id),
  );
  r.patch(
    "/api/v1/inspections/:id",
    { config: { grant: "inspection.update" }, schema: { tags, summary: "Scores, comments, evidence and summary of a draft", params: IdParams, body: InspectionPatchBody, response: { 200: InspectionView, ...errorResponses } } },
    async (req) => updateInspection(actorCtx(p, req), req.params.id, req.body),
  );
  r.post(
    "/api/v1/inspections/:id/actions/:action",
    {
      config: { grant: INSPECTION_ACTIONS.map((a) => `inspection.${a}` as const) },
      schema: {
        tags,
        summary: "A workflow step: refresh-facts, submit, answer (申辩, comment + payload.fileIds), finalize",
        params: obj({ id: Id, action: Type.Enum(INSPECTION_ACTIONS) }),
        body: InspectionStepBody,
        response: { 200: InspectionView, ...errorResponses },
      },
    },
    async (req) => takeInspectionStep(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );
  r.get("/api/v1/inspections/:id/report.pdf", { config: { grant: "inspection.read" }, schema: { tags, summary: "The printable inspection report", params: IdParams } }, async (req, reply) => {
    const ctx = actorCtx(p, req);
    const view = await getInspection(ctx, req.params.id);
    const bytes = await p.documents.forRequest(reply, ctx.actor.id, () => ctx.documents.build({ kind: "inspectionPdf", inspection: view }));
    return sendFile(reply, { bytes, name: `检查考核报告-${view.baseName}-${view.year}.pdf`, mime: "application/pdf" }, true);
  });
  r.get(
    "/api/v1/inspections/:id/files/:fileId",
    { config: { grant: "inspection.read" }, schema: { tags, summary: "An evidence or answer file of the inspection", params: obj({ id: Id, fileId: Type.String({ pattern: "^[0-9a-f]{64}$" }) }) } },
    async (req, reply) => sendFile(reply, await inspectionFile(actorCtx(p, req), req.params.id, req.params.fileId)),
  );
}
