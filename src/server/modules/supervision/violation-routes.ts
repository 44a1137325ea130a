// HTTP surface of supervision: violations (第二十条) and the dishonesty records (失信信息) they create,
// with their exports (CSV, Excel, JSON) and the public list.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import {
  DishonestyRecordView,
  PublicDishonestyRecordView,
  VIOLATION_KINDS,
  VIOLATION_STATUSES,
  ViolationCreateBody,
  ViolationListItem,
  ViolationStepBody,
  ViolationView,
} from "../../../shared/supervision/violations.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx, ctxOf } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { sendFile } from "../delivery/workbooks.js";
import { sendDishonestyCsv, sendDishonestyJson, sendDishonestyXlsx } from "./dishonesty-export.js";
import { listDishonestyRecords, listPublicDishonestyRecords } from "./dishonesty-records.js";
import * as service from "./violation-service.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const Search = Type.Optional(Type.String({ maxLength: 50 }));
const ViolationQuery = obj({
  ...PageQuery,
  status: Type.Optional(Type.Enum([...VIOLATION_STATUSES])),
  kind: Type.Optional(Type.Enum([...VIOLATION_KINDS])),
  baseId: Type.Optional(Id),
  q: Search,
});
const RecordFilter = { live: Type.Optional(Type.Boolean({ description: "only records whose 公示截止期 has not passed" })), q: Search };
const ActionParams = obj({ id: Id, action: Type.String({ pattern: "^[a-z][a-zA-Z-]{0,39}$" }) });

export function violationRoutes(r: Router, p: Platform): void {
  let tags = ["violations"];
  r.get("/api/v1/violations", { config: { grant: "violation.read" }, schema: { tags, querystring: ViolationQuery, response: { 200: Paged(ViolationListItem), ...errorResponses } } }, async (req) =>
    service.listViolations(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/violations",
    {
      config: { grant: "violation.create" },
      schema: {
        tags,
        summary: "Record a violation against a base (第二十条): the bureau, or the base's supervising unit",
        body: ViolationCreateBody,
        response: { 201: ViolationView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createViolation(actorCtx(p, req), req.body)),
  );
  r.get("/api/v1/violations/:id", { config: { grant: "violation.read" }, schema: { tags, params: IdParams, response: { 200: ViolationView, ...errorResponses } } }, async (req) =>
    service.getViolation(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/violations/:id/actions/:action",
    {
      config: { grant: ["violation.confirm", "violation.dismiss"] },
      schema: {
        tags,
        summary: "confirm (revokes the base and publishes a dishonesty record; payload {basis, penaltyContent?, publicityDays?}) or dismiss (comment required)",
        params: ActionParams,
        body: ViolationStepBody,
        response: { 200: ViolationView, ...errorResponses },
      },
    },
    async (req) => service.decideViolation(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );
  r.get(
    "/api/v1/violations/:id/evidence/:fileId",
    { config: { grant: "violation.read" }, schema: { tags, summary: "An evidence file of the violation", params: obj({ id: Id, fileId: Type.String({ minLength: 1, maxLength: 64, pattern: "^[0-9a-f]+$" }) }) } },
    async (req, reply) => {
      const f = await service.violationEvidence(actorCtx(p, req), req.params.id, req.params.fileId);
      return sendFile(reply, f.mime, f.name, f.bytes, "inline");
    },
  );

  // ---- 失信信息 (第二十条), in the double-publicity sanction standard's columns ----
  tags = ["dishonesty records"];
  r.get(
    "/api/v1/dishonesty-records",
    { config: { grant: "dishonestyRecord.read" }, schema: { tags, querystring: obj({ ...PageQuery, ...RecordFilter }), response: { 200: Paged(DishonestyRecordView), ...errorResponses } } },
    async (req) => listDishonestyRecords(actorCtx(p, req), req.query),
  );
  const exportQuery = obj(RecordFilter);
  r.get("/api/v1/dishonesty-records.csv", { config: { grant: "dishonestyRecord.read" }, schema: { tags, summary: "CSV, UTF-8 with BOM, the standard's columns (docs/dishonesty-export.md)", querystring: exportQuery } }, async (req, reply) =>
    sendDishonestyCsv(actorCtx(p, req), reply, req.query),
  );
  r.get("/api/v1/dishonesty-records.xlsx", { config: { grant: "dishonestyRecord.read" }, schema: { tags, summary: "Excel, the standard's columns, dates as date cells", querystring: exportQuery } }, async (req, reply) =>
    sendDishonestyXlsx(actorCtx(p, req), reply, req.query),
  );
  r.get("/api/v1/dishonesty-records.json", { config: { grant: "dishonestyRecord.read" }, schema: { tags, summary: "JSON array keyed by the standard's column names", querystring: exportQuery } }, async (req, reply) =>
    sendDishonestyJson(actorCtx(p, req), reply, req.query),
  );
  r.get(
    "/api/v1/public/dishonesty-records",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Dishonesty records still published (公示截止期 not passed): the standard's columns, no personal data beyond them",
        querystring: obj({ ...PageQuery, q: Search }),
        response: { 200: Paged(PublicDishonestyRecordView), ...errorResponses },
      },
    },
    async (req) => listPublicDishonestyRecords(ctxOf(p, req), req.query),
  );
}
