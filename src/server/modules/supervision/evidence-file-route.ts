// The download of an evidence file a record names (a rectification order's report, a change report):
// `GET <record>/:id/files/:fileId`, answered to whoever may read the record, which the module's service
// checks before the bytes are read.
import { Type } from "typebox";
import { Id } from "../../../shared/api.js";
import type { Ctx, Platform } from "../../platform/context.js";
import type { Action } from "../../platform/grants.js";
import { readStoredFile, storedFileName } from "../../platform/files.js";
import { actorCtx, contentDisposition } from "../../platform/http.js";
import type { Router } from "../../platform/routing.js";

interface EvidenceFileRoute {
  /** e.g. /api/v1/change-reports/:id/files/:fileId */
  url: `${string}/:id/files/:fileId`;
  tags: string[];
  summary: string;
  /** the read action of the record (issue 10: every route declares its access) */
  grant: Action;
  /** the file id when the record names it and the actor may read the record; NOT_FOUND otherwise */
  evidenceFile(ctx: Ctx, id: string, fileId: string): Promise<string>;
}

export function evidenceFileRoute(r: Router, p: Platform, route: EvidenceFileRoute): void {
  r.get(
    route.url,
    {
      config: { grant: route.grant },
      schema: {
        tags: route.tags,
        summary: route.summary,
        params: Type.Object({ id: Id, fileId: Type.String({ pattern: "^[0-9a-f]{64}$" }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const fileId = await route.evidenceFile(ctx, req.params.id, req.params.fileId);
      const file = await ctx.db.selectFrom("files").select("mime").where("id", "=", fileId).executeTakeFirst();
      const mime = file?.mime ?? "application/octet-stream";
      return reply
        .type(mime)
        .header("Content-Disposition", contentDisposition(storedFileName(`证据-${fileId.slice(0, 8)}`, mime)))
        .send(await readStoredFile(ctx.config.dataDir, fileId));
    },
  );
}
