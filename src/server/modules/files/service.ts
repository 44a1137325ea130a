// Attachments of application forms (第四条 evidence): uploaded once, stored by content hash, readable
// by the uploader and by whoever may read an application that lists the file.
import { cleanFileName, readStoredFile, storedFileName, storeFile, type StoredFile } from "../../platform/files.js";
import { ALLOWED_MIME, checkUpload, MAX_FILE_BYTES } from "../../platform/upload-check.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { containsExactly } from "../../platform/search.js";

export { ALLOWED_MIME, MAX_FILE_BYTES };

export async function uploadFile(ctx: Ctx, bytes: Buffer, declaredMime: string, rawName: string): Promise<StoredFile> {
  authorize(ctx.actor, "file.upload");
  const check = await checkUpload(bytes, declaredMime);
  if (!check.ok) {
    if (check.reason === "empty") throw new DomainError("FILE_EMPTY");
    if (check.reason === "size") throw new DomainError("FILE_TOO_LARGE", { maxMb: MAX_FILE_BYTES / 1024 / 1024 });
    if (check.reason === "damaged") throw new DomainError("FILE_CONTENT_INVALID", { kind: check.kind });
    throw new DomainError("FILE_TYPE_REFUSED");
  }
  const name = cleanFileName(rawName || "附件");
  const stored = await storeFile(ctx.config.dataDir, bytes, { name, mime: check.mime });
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.nowIso();
    await trx.insertInto("files").values({ id: stored.fileId, size: stored.size, mime: stored.mime, createdAt: now }).onConflict((oc) => oc.column("id").doNothing()).execute();
    await trx
      .insertInto("fileUploads")
      .values({ fileId: stored.fileId, userId: ctx.actor!.id, name, createdAt: now })
      .onConflict((oc) => oc.columns(["fileId", "userId"]).doUpdateSet({ name }))
      .execute();
    await appendAudit(trx, ctx, { action: "file.upload", resourceType: "file", resourceId: stored.fileId, detail: { size: stored.size, mime: stored.mime } });
  });
  return stored;
}

/** A file is readable by its uploader and by anyone who may read an application that attaches it. */
export async function downloadFile(ctx: Ctx, fileId: string): Promise<{ bytes: Buffer; mime: string; name: string }> {
  authorize(ctx.actor, "file.read");
  const file = await ctx.db.selectFrom("files").select(["id", "mime"]).where("id", "=", fileId).executeTakeFirst();
  if (!file) throw new DomainError("NOT_FOUND");
  const mine = await ctx.db.selectFrom("fileUploads").select(["fileId", "name"]).where("fileId", "=", fileId).where("userId", "=", ctx.actor!.id).executeTakeFirst();
  if (!mine) {
    const scope = scopeWhere<any, "baseApplications">(ctx.actor, "baseApplication.read", {
      orgId: "baseApplications.applicantOrgId",
      supervisorOrgId: "baseApplications.supervisorOrgId",
      panelApplicationId: "baseApplications.id",
    });
    const attached =
      scope &&
      (await ctx.db.selectFrom("baseApplications").select("id").where(scope).where(containsExactly("form", `"fileId":"${fileId}"`)).limit(1).executeTakeFirst());
    if (!attached) throw new DomainError("NOT_FOUND");
  }
  // The name another person uploaded it under is theirs: a reader who is not an uploader gets a neutral one.
  const name = mine?.name || storedFileName(`附件-${fileId.slice(0, 8)}`, file.mime);
  return { bytes: await readStoredFile(ctx.config.dataDir, fileId), mime: file.mime, name };
}
