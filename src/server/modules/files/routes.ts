// Upload and download of attachments: the raw file is the request body.
import { Type } from "typebox";
import type { Platform } from "../../platform/context.js";
import { actorCtx, contentDisposition } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { ALLOWED_MIME, downloadFile, MAX_FILE_BYTES, uploadFile } from "./service.js";

const tags = ["files"];

export function fileRoutes(r: Router, p: Platform): void {
  // Any content type reaches the service, which sniffs the bytes and refuses what is not allowed.
  r.addContentTypeParser([...ALLOWED_MIME, "application/octet-stream"], { parseAs: "buffer", bodyLimit: MAX_FILE_BYTES + 1 }, (_req, body, done) => done(null, body));
  r.post(
    "/api/v1/files",
    {
      config: { grant: "file.upload" },
      bodyLimit: MAX_FILE_BYTES + 1,
      schema: {
        tags,
        summary: "Upload an attachment (raw body; X-File-Name: URL-encoded name)",
        response: { 201: Type.Object({ fileId: Type.String(), name: Type.String(), size: Type.Integer(), mime: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let name = "";
      try {
        name = decodeURIComponent(String(req.headers["x-file-name"] ?? ""));
      } catch {
        name = "";
      }
      const stored = await uploadFile(actorCtx(p, req), bytes, String(req.headers["content-type"] ?? ""), name);
      return reply.code(201).send(stored);
    },
  );
  r.get(
    "/api/v1/files/:fileId",
    { config: { grant: "file.read" }, schema: { tags, params: Type.Object({ fileId: Type.String({ pattern: "^[0-9a-f]{64}$" }) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const { bytes, mime, name } = await downloadFile(actorCtx(p, req), req.params.fileId);
      return reply.type(mime).header("Content-Disposition", contentDisposition(name)).send(bytes);
    },
  );
}
