// HTTP surface of notifications.
import { Type } from "typebox";
import { IdParams, PageQuery } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { NOTIFICATION_GROUPS } from "../../../shared/notifications.js";
import { listNotifications, markRead, NotificationView } from "./service.js";

const tags = ["notifications"];

export function notificationRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/notifications",
    {
      // 等保: the bell polls on its own; only what the person does keeps the session alive.
      config: { grant: "notification.read", passive: true },
      schema: {
        tags,
        querystring: Type.Object(
          {
            ...PageQuery,
            unread: Type.Optional(Type.Boolean()),
            state: Type.Optional(Type.Enum(["unread", "read"])),
            group: Type.Optional(Type.Enum(NOTIFICATION_GROUPS)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(NotificationView), total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => listNotifications(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/notifications/:id/actions/read",
    { config: { grant: "notification.read" }, schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await markRead(actorCtx(p, req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/api/v1/notifications/actions/read-all",
    { config: { grant: "notification.read" }, schema: { tags, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await markRead(actorCtx(p, req));
      return reply.code(204).send(null);
    },
  );
}
