// HTTP surface of 通知公告 (issue 12 item 6): publish, list, read, confirm reading, withdraw, receipts,
// attachments; and the public site's list of announcements to the public.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import {
  ANNOUNCEMENT_STATUSES,
  AnnouncementAudienceSchema,
  AnnouncementInput,
  AnnouncementListItem,
  AnnouncementReceipts,
  AnnouncementView,
  FileId,
  PublicAnnouncementView,
} from "../../../shared/announcements.js";
import type { AnnouncementReceipt } from "../../../shared/announcements.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook, type SheetColumn } from "../../platform/excel.js";
import { EXPORT_LIMIT, withinExportLimit } from "../../platform/paging.js";
import { actorCtx, contentDisposition, ctxOf } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import * as service from "./service.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const FileParams = obj({ id: Id, fileId: FileId });
const tags = ["announcements"];

const receiptSheet: SheetColumn<AnnouncementReceipt>[] = [
  { header: "基地", width: 34, value: (r) => r.baseName },
  { header: "管理单位", width: 28, value: (r) => r.supervisorOrgName },
  { header: "区市", width: 10, value: (r) => r.district },
  { header: "是否已读", width: 10, value: (r) => (r.readAt ? "已读" : "未读") },
  { header: "确认阅读时间", kind: "datetime", value: (r) => r.readAt },
  { header: "确认人", width: 12, value: (r) => r.readerName },
];

export function announcementRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/announcements",
    {
      config: { grant: "announcement.read" },
      schema: {
        tags,
        summary: "Announcements the actor sent or that are addressed to it, newest first",
        querystring: obj({
          ...PageQuery,
          status: Type.Optional(Type.Enum(ANNOUNCEMENT_STATUSES)),
          audience: Type.Optional(AnnouncementAudienceSchema),
          unread: Type.Optional(Type.Boolean()),
          own: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 50 })),
        }),
        response: { 200: Paged(AnnouncementListItem), ...errorResponses },
      },
    },
    async (req) => service.listAnnouncements(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/announcements",
    { config: { grant: "announcement.publish" }, schema: { tags, summary: "Publish an announcement to all bases (bureau), to the unit's own bases, or to the public", body: AnnouncementInput, response: { 201: AnnouncementView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await service.publishAnnouncement(actorCtx(p, req), req.body)),
  );
  r.get("/api/v1/announcements/:id", { config: { grant: "announcement.read" }, schema: { tags, params: IdParams, response: { 200: AnnouncementView, ...errorResponses } } }, async (req) =>
    service.getAnnouncement(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/announcements/:id/actions/read",
    { config: { grant: "announcement.confirm" }, schema: { tags, summary: "A base's staff confirm reading", params: IdParams, response: { 200: AnnouncementView, ...errorResponses } } },
    async (req) => service.confirmReading(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/announcements/:id/actions/withdraw",
    {
      config: { grant: "announcement.withdraw" },
      schema: {
        tags,
        summary: "The sender withdraws a published announcement, with the reason",
        params: IdParams,
        body: obj({ version: Type.Optional(Type.Integer({ minimum: 1 })), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: AnnouncementView, ...errorResponses },
      },
    },
    async (req) => service.withdrawAnnouncement(actorCtx(p, req), req.params.id, req.body),
  );
  r.get(
    "/api/v1/announcements/:id/reads",
    {
      config: { grant: "announcement.receipts" },
      schema: { tags, summary: "Read receipts: each base of the audience and whether it has read", params: IdParams, querystring: obj({ ...PageQuery, read: Type.Optional(Type.Boolean()) }), response: { 200: AnnouncementReceipts, ...errorResponses } },
    },
    async (req) => service.readReceipts(actorCtx(p, req), req.params.id, req.query),
  );
  r.get(
    "/api/v1/announcements/:id/reads/export.xlsx",
    { config: { grant: "announcement.receipts" }, schema: { tags, summary: "Read receipts as an Excel workbook", params: IdParams, querystring: obj({ read: Type.Optional(Type.Boolean()) }) } },
    async (req, reply) => {
      const receipts = await service.readReceipts(actorCtx(p, req), req.params.id, { ...req.query, page: 1, pageSize: EXPORT_LIMIT });
      // Never cut short without saying so: a city has far fewer bases than one export holds.
      return sendWorkbook(reply, "通知公告阅读情况.xlsx", "阅读情况", receiptSheet, withinExportLimit(receipts.items, receipts.total));
    },
  );
  r.get("/api/v1/announcements/:id/attachments/:fileId", { config: { grant: "announcement.read" }, schema: { tags, params: FileParams } }, async (req, reply) => {
    const { bytes, mime, name } = await service.announcementFile(actorCtx(p, req), req.params.id, req.params.fileId);
    return reply.type(mime).header("Content-Disposition", contentDisposition(name)).send(bytes);
  });

  // ---- the public site ----
  r.get(
    "/api/v1/public/announcements",
    { config: { public: true }, schema: { tags: ["public"], summary: "Announcements published to the public", querystring: obj({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 50 })) }), response: { 200: Paged(PublicAnnouncementView), ...errorResponses } } },
    async (req) => service.listPublicAnnouncements(ctxOf(p, req), req.query),
  );
  r.get("/api/v1/public/announcements/:id", { config: { public: true }, schema: { tags: ["public"], params: IdParams, response: { 200: PublicAnnouncementView, ...errorResponses } } }, async (req) =>
    service.publicAnnouncement(ctxOf(p, req), req.params.id),
  );
  r.get("/api/v1/public/announcements/:id/attachments/:fileId", { config: { public: true }, schema: { tags: ["public"], params: FileParams } }, async (req, reply) => {
    const { bytes, mime, name } = await service.publicAnnouncementFile(ctxOf(p, req), req.params.id, req.params.fileId);
    return reply.type(mime).header("Content-Disposition", contentDisposition(name)).send(bytes);
  });
}
