// HTTP surface of rectification orders (限期整改, 第十九条) and of revoking a base (撤销, 第十三、十九、二十条).
import { Type, type TProperties } from "typebox";
import { BaseView } from "../../../shared/accreditation.js";
import { Id, IdParams, PageQuery, Paged } from "../../../shared/api.js";
import {
  RECTIFICATION_STATUSES,
  RectificationCreateBody,
  RectificationListItem,
  RectificationOrderView,
  RectificationStepBody,
  RevocationPreview,
  RevocationResult,
  RevokeBody,
  type RectificationItem,
  type RectificationListItem as ListRow,
} from "../../../shared/supervision/rectification.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook, type SheetColumn } from "../../platform/excel.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { getBase } from "../bases/service.js";
import { evidenceFileRoute } from "./evidence-file-route.js";
import * as service from "./rectification-service.js";
import { previewRevocation, revokeBaseByBureau } from "./revocation.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });

const STATUS_NAMES: Record<string, string> = {
  proposed: "待确认（管理单位建议）",
  open: "整改中",
  reported: "已报告",
  opined: "管理单位已出具意见",
  accepted: "已验收",
  withdrawn: "已撤回",
};

const sheet: SheetColumn<ListRow & { items: RectificationItem[] }>[] = [
  { header: "基地", width: 30, value: (r) => r.baseName },
  { header: "管理单位", width: 24, value: (r) => r.supervisorOrgName },
  { header: "状态", width: 16, value: (r) => STATUS_NAMES[r.status] ?? r.status },
  { header: "整改期限", kind: "date", value: (r) => r.deadline },
  { header: "已逾期", width: 8, value: (r) => (r.overdue ? "是" : "否") },
  { header: "整改事项数", width: 10, value: (r) => r.itemCount },
  { header: "整改事项", width: 60, value: (r) => r.items.map((i) => `${i.key}. ${i.text}`).join("\n") },
  { header: "下达时间", kind: "datetime", value: (r) => r.createdAt },
];

const ListQuery = {
  status: Type.Optional(Type.Enum([...RECTIFICATION_STATUSES])),
  baseId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
};

const ACTIONS = ["confirm", "withdraw", "report", "opine", "accept", "return", "extend"] as const;

export function rectificationRoutes(r: Router, p: Platform): void {
  let tags = ["rectification orders"];
  r.get(
    "/api/v1/rectification-orders",
    { config: { grant: "rectificationOrder.read" }, schema: { tags, summary: "Rectification orders in the actor's scope", querystring: obj({ ...PageQuery, ...ListQuery }), response: { 200: Paged(RectificationListItem), ...errorResponses } } },
    async (req) => service.listRectificationOrders(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/rectification-orders/export.xlsx", { config: { grant: "rectificationOrder.read" }, schema: { tags, querystring: obj(ListQuery) } }, async (req, reply) =>
    sendWorkbook(reply, "限期整改.xlsx", "限期整改", sheet, await service.allRectificationOrders(actorCtx(p, req), req.query)),
  );
  r.post(
    "/api/v1/rectification-orders",
    {
      config: { grant: ["rectificationOrder.create", "rectificationOrder.propose"] },
      schema: {
        tags,
        summary: "Order a base to rectify by a deadline (bureau), or propose it (its supervising unit)",
        body: RectificationCreateBody,
        response: { 201: RectificationOrderView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createOrder(actorCtx(p, req), req.body)),
  );
  r.get("/api/v1/rectification-orders/:id", { config: { grant: "rectificationOrder.read" }, schema: { tags, params: IdParams, response: { 200: RectificationOrderView, ...errorResponses } } }, async (req) =>
    service.getOrder(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/rectification-orders/:id/actions/:action",
    {
      config: { grant: ACTIONS.map((a) => `rectificationOrder.${a}` as const) },
      schema: {
        tags,
        summary: "A step: confirm/withdraw a proposal, report (payload.items), opine, accept, return, extend (payload.deadline)",
        params: obj({ id: Id, action: Type.Enum([...ACTIONS]) }),
        body: RectificationStepBody,
        response: { 200: RectificationOrderView, ...errorResponses },
      },
    },
    async (req) => service.stepOrder(actorCtx(p, req), req.params.id, req.params.action, req.body ?? {}),
  );
  evidenceFileRoute(r, p, { url: "/api/v1/rectification-orders/:id/files/:fileId", tags, grant: "rectificationOrder.read", summary: "An evidence file of the base's report", evidenceFile: service.evidenceFile });

  // ---- 第十三、十九、二十条: revocation ----
  tags = ["bases"];
  r.get(
    "/api/v1/bases/:id/revocation-preview",
    { config: { grant: "base.revoke" }, schema: { tags, summary: "What revoking the base would withdraw (bureau)", params: IdParams, response: { 200: RevocationPreview, ...errorResponses } } },
    async (req) => previewRevocation(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/bases/:id/actions/revoke",
    {
      config: { grant: "base.revoke" },
      schema: {
        tags,
        summary: "Revoke a base (bureau): the BaseView (revocationDecisionNo, …) plus the projects withdrawn and stopped",
        params: IdParams,
        body: RevokeBody,
        response: { 200: Type.Object({ ...BaseView.properties, ...RevocationResult.properties }), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = actorCtx(p, req);
      const { withdrawnProjectIds, stoppedProjectIds, notifiedCount } = await revokeBaseByBureau(ctx, req.params.id, req.body);
      return { ...(await getBase(ctx, req.params.id)), withdrawnProjectIds, stoppedProjectIds, notifiedCount };
    },
  );
}
