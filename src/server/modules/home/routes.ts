// The home page's list of pending work.
import { Type } from "typebox";
import { WorkItem } from "../../../shared/api.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { workItems } from "./service.js";

export function homeRoutes(r: Router, p: Platform): void {
  r.get(
    "/api/v1/work-items",
    { config: { grant: "workItem.read" }, schema: { tags: ["home"], summary: "The signed-in person's pending work", response: { 200: Type.Object({ items: Type.Array(WorkItem) }), ...errorResponses } } },
    async (req) => ({ items: await workItems(actorCtx(p, req)) }),
  );
}
