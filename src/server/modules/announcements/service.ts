// 通知公告 (issue 12 item 6; 第十三条 the bureau manages the bases, 第十四条 the supervising units supervise
// theirs): publishing with attachments, who sees what, reading confirmations and the sender's receipts.
import type { ExpressionBuilder, Expression, SqlBool } from "kysely";
import type {
  AnnouncementAttachmentView,
  AnnouncementAudience,
  AnnouncementInput,
  AnnouncementListItem,
  AnnouncementReceipts,
  AnnouncementStatus,
  AnnouncementView,
  PublicAnnouncementView,
} from "../../../shared/announcements.js";
import type { Database } from "../../db/schema.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Actor, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { readStoredFile } from "../../platform/files.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { containsText } from "../../platform/search.js";
import { notify } from "../notifications/service.js";

type Eb = ExpressionBuilder<Database, "announcements">;

/** Which audiences each publishing role may address: all bases are the bureau's (第十三条), a unit's own bases its own (第十四条). */
const AUDIENCES_OF: Record<string, readonly AnnouncementAudience[]> = { bureau: ["all_bases", "public"], supervisor: ["my_bases", "public"] };
const AUDIENCE_ZH: Record<AnnouncementAudience, string> = { all_bases: "全部基地", my_bases: "本单位管理的基地", public: "社会公众" };
const AUDIENCE_EN: Record<AnnouncementAudience, string> = { all_bases: "all bases", my_bases: "its own bases", public: "the public" };

function allowedAudiences(actor: Actor): AnnouncementAudience[] {
  return [...new Set(actor.roles.flatMap((r) => AUDIENCES_OF[r] ?? []))];
}

/**
 * What reaches the actor besides its own organization's announcements (the grants' scope): published ones
 * to the public and to all bases, and those of the supervising unit of a base its organization runs.
 * A base staff member whose organization runs no base (an applicant) gets only the public ones.
 */
function addressedTo(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> => {
    const runsBase = eb.exists(eb.selectFrom("bases").select("bases.id").where("bases.hostOrgId", "=", actor.orgId).where("bases.status", "!=", "revoked"));
    const allBases = actor.roles.includes("supervisor") ? eb("announcements.audience", "=", "all_bases") : eb.and([eb("announcements.audience", "=", "all_bases"), runsBase]);
    const myBases = eb.and([
      eb("announcements.audience", "=", "my_bases"),
      eb("announcements.senderOrgId", "in", eb.selectFrom("bases").select("bases.supervisorOrgId").where("bases.hostOrgId", "=", actor.orgId).where("bases.status", "!=", "revoked")),
    ]);
    return eb.and([eb("announcements.status", "=", "published"), eb.or([eb("announcements.audience", "=", "public"), allBases, myBases])]);
  };
}

/** The announcements the actor may read: the policy's scope over the sender, or addressed to it. */
function visibleWhere(ctx: Ctx) {
  const own = scopeWhere<Database, "announcements">(ctx.actor, "announcement.read", { orgId: "announcements.senderOrgId" });
  if (!ctx.actor || !own) throw new DomainError("FORBIDDEN");
  const addressed = addressedTo(ctx.actor);
  return (eb: Eb) => eb.or([own(eb), addressed(eb)]);
}

interface AnnouncementRow {
  id: string;
  senderOrgId: string;
  senderOrgName: string;
  audience: string;
  title: string;
  body: string;
  status: string;
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  version: number;
}

async function loadVisible(trx: Tx, ctx: Ctx, id: string): Promise<AnnouncementRow> {
  const row = await trx
    .selectFrom("announcements")
    .innerJoin("organizations", "organizations.id", "announcements.senderOrgId")
    .selectAll("announcements")
    .select("organizations.name as senderOrgName")
    .where("announcements.id", "=", id)
    .where(visibleWhere(ctx))
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return { ...row, version: Number(row.version) };
}

async function attachmentsOf(trx: Tx, ids: readonly string[]): Promise<Map<string, AnnouncementAttachmentView[]>> {
  const out = new Map<string, AnnouncementAttachmentView[]>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom("announcementAttachments")
    .innerJoin("files", "files.id", "announcementAttachments.fileId")
    .select(["announcementAttachments.announcementId", "announcementAttachments.fileId", "announcementAttachments.name", "files.size", "files.mime"])
    .where("announcementAttachments.announcementId", "in", ids)
    .orderBy("announcementAttachments.announcementId")
    .orderBy("announcementAttachments.seq")
    .execute();
  for (const r of rows) out.set(r.announcementId, [...(out.get(r.announcementId) ?? []), { fileId: r.fileId, name: r.name, size: Number(r.size), mime: r.mime }]);
  return out;
}

const isOwn = (ctx: Ctx, r: { senderOrgId: string }) => r.senderOrgId === ctx.actor?.orgId;

async function myReadAt(trx: Tx, ctx: Ctx, id: string): Promise<string | null> {
  const r = await trx.selectFrom("announcementReads").select("readAt").where("announcementId", "=", id).where("userId", "=", ctx.actor!.id).executeTakeFirst();
  return r?.readAt ?? null;
}

async function present(trx: Tx, ctx: Ctx, r: AnnouncementRow): Promise<AnnouncementView> {
  const [attachments, readAt] = await Promise.all([attachmentsOf(trx, [r.id]), myReadAt(trx, ctx, r.id)]);
  const scope = { orgId: r.senderOrgId };
  const actions: string[] = [];
  if (r.status === "published" && !isOwn(ctx, r) && !readAt && can(ctx.actor, "announcement.confirm", { orgId: ctx.actor!.orgId })) actions.push("read");
  if (r.status === "published" && can(ctx.actor, "announcement.withdraw", scope)) actions.push("withdraw");
  if (can(ctx.actor, "announcement.receipts", scope)) actions.push("receipts");
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    audience: r.audience as AnnouncementAudience,
    status: r.status as AnnouncementStatus,
    senderOrgId: r.senderOrgId,
    senderOrgName: r.senderOrgName,
    publishedAt: r.publishedAt,
    withdrawnAt: r.withdrawnAt,
    withdrawReason: r.withdrawReason,
    attachments: attachments.get(r.id) ?? [],
    readAt,
    isOwn: isOwn(ctx, r),
    availableActions: actions,
    version: r.version,
  };
}

export async function getAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementView> {
  return present(ctx.db, ctx, await loadVisible(ctx.db, ctx, id));
}

/** The host organizations' staff of the bases an announcement reaches, to be told of it. */
async function audienceStaff(trx: Tx, audience: AnnouncementAudience, senderOrgId: string): Promise<string[]> {
  let hosts = trx.selectFrom("bases").select("bases.hostOrgId").where("bases.status", "!=", "revoked");
  if (audience === "my_bases") hosts = hosts.where("bases.supervisorOrgId", "=", senderOrgId);
  const rows = await trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select("users.id")
    .where("userRoles.role", "=", "base_staff")
    .where("users.disabledAt", "is", null)
    .where("users.orgId", "in", hosts)
    .execute();
  return rows.map((r) => r.id);
}

export async function publishAnnouncement(ctx: Ctx, input: AnnouncementInput): Promise<AnnouncementView> {
  authorize(ctx.actor, "announcement.publish");
  const actor = ctx.actor!;
  const allowed = allowedAudiences(actor);
  if (!allowed.includes(input.audience)) {
    throw new DomainError("ANNOUNCEMENT_AUDIENCE_REFUSED", { allowed, allowedZh: allowed.map((a) => AUDIENCE_ZH[a]).join("或"), allowedEn: allowed.map((a) => AUDIENCE_EN[a]).join(" or ") });
  }
  const title = input.title.trim();
  const body = input.body.trim();
  if (title.length < 2) throw new DomainError("VALIDATION_FAILED", { field: "title", reason: "标题不能为空" });
  if (!body) throw new DomainError("VALIDATION_FAILED", { field: "body", reason: "正文不能为空" });
  const fileIds = input.attachments ?? [];
  return inTransaction(ctx, async (trx) => {
    // Only files the sender uploaded: an id seen elsewhere does not make another person's file public.
    const uploads = fileIds.length
      ? await trx.selectFrom("fileUploads").select(["fileId", "name"]).where("userId", "=", actor.id).where("fileId", "in", fileIds).execute()
      : [];
    const nameOf = new Map(uploads.map((u) => [u.fileId, u.name]));
    const missing = fileIds.filter((f) => !nameOf.has(f));
    if (missing.length) throw new DomainError("FILE_NOT_ATTACHABLE", { fileIds: missing });
    const id = newId();
    const now = ctx.clock.nowIso();
    await trx
      .insertInto("announcements")
      .values({ id, senderOrgId: actor.orgId, senderUserId: actor.id, audience: input.audience, title, body, status: "published", publishedAt: now, withdrawnAt: null, withdrawReason: null, version: 1 })
      .execute();
    if (fileIds.length) {
      await trx
        .insertInto("announcementAttachments")
        .values(fileIds.map((fileId, seq) => ({ announcementId: id, fileId, seq, name: nameOf.get(fileId)! })))
        .execute();
    }
    await appendAudit(trx, ctx, { action: "announcement.publish", resourceType: "announcement", resourceId: id, detail: { title, audience: input.audience, attachments: fileIds.length } });
    const row = await loadVisible(trx, ctx, id);
    await notify(trx, ctx, await audienceStaff(trx, input.audience, actor.orgId), "announcement.published", { title, senderOrgName: row.senderOrgName }, `/announcements/${id}`);
    return present(trx, ctx, row);
  });
}

export async function withdrawAnnouncement(ctx: Ctx, id: string, body: { version?: number; reason: string }): Promise<AnnouncementView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadVisible(trx, ctx, id);
    authorize(ctx.actor, "announcement.withdraw", { orgId: r.senderOrgId });
    if (r.status !== "published") throw new DomainError("ANNOUNCEMENT_WITHDRAWN");
    const reason = body.reason.trim();
    if (reason.length < 2) throw new DomainError("COMMENT_REQUIRED");
    const version = body.version ?? r.version;
    const res = await trx
      .updateTable("announcements")
      .set({ status: "withdrawn", withdrawnAt: ctx.clock.nowIso(), withdrawReason: reason, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
    await appendAudit(trx, ctx, { action: "announcement.withdraw", resourceType: "announcement", resourceId: id, detail: { title: r.title, reason } });
    return present(trx, ctx, await loadVisible(trx, ctx, id));
  });
}

/** A base's staff confirm reading; the first confirmation is audited, a second answers the same. */
export async function confirmReading(ctx: Ctx, id: string): Promise<AnnouncementView> {
  authorize(ctx.actor, "announcement.confirm");
  return inTransaction(ctx, async (trx) => {
    const r = await loadVisible(trx, ctx, id);
    if (r.status !== "published") throw new DomainError("ANNOUNCEMENT_WITHDRAWN");
    if (isOwn(ctx, r)) throw new DomainError("ANNOUNCEMENT_NOT_ADDRESSED");
    const res = await trx
      .insertInto("announcementReads")
      .values({ announcementId: id, userId: ctx.actor!.id, orgId: ctx.actor!.orgId, readAt: ctx.clock.nowIso() })
      .onConflict((oc) => oc.columns(["announcementId", "userId"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) {
      await appendAudit(trx, ctx, { action: "announcement.read", resourceType: "announcement", resourceId: id, detail: { title: r.title } });
    }
    return present(trx, ctx, r);
  });
}

export interface AnnouncementFilter {
  status?: AnnouncementStatus;
  audience?: AnnouncementAudience;
  /** Only those the reader has not confirmed (a base's home page). */
  unread?: boolean;
  /** Only those the reader's organization sent. */
  own?: boolean;
  q?: string;
}

export async function listAnnouncements(ctx: Ctx, f: PageRequest & AnnouncementFilter): Promise<Page<AnnouncementListItem>> {
  const { page, pageSize, offset } = pageWindow(f);
  const actor = ctx.actor!;
  let q = ctx.db
    .selectFrom("announcements")
    .innerJoin("organizations", "organizations.id", "announcements.senderOrgId")
    .leftJoin("announcementReads as mine", (j) => j.onRef("mine.announcementId", "=", "announcements.id").on("mine.userId", "=", actor.id))
    .where(visibleWhere(ctx));
  if (f.status) q = q.where("announcements.status", "=", f.status);
  if (f.audience) q = q.where("announcements.audience", "=", f.audience);
  if (f.own) q = q.where("announcements.senderOrgId", "=", actor.orgId);
  if (f.unread) q = q.where("mine.readAt", "is", null).where("announcements.status", "=", "published").where("announcements.senderOrgId", "!=", actor.orgId);
  if (f.q) q = q.where(containsText("announcements.title", f.q));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .select([
        "announcements.id",
        "announcements.title",
        "announcements.audience",
        "announcements.status",
        "announcements.senderOrgId",
        "organizations.name as senderOrgName",
        "announcements.publishedAt",
        "mine.readAt",
        (eb) => eb.selectFrom("announcementAttachments").select((e) => e.fn.countAll<number>().as("n")).whereRef("announcementAttachments.announcementId", "=", "announcements.id").as("attachmentCount"),
      ])
      .orderBy("announcements.publishedAt", "desc")
      .orderBy("announcements.id", "desc")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  const items = rows.map(({ senderOrgId, ...r }) => ({
    ...r,
    audience: r.audience as AnnouncementAudience,
    status: r.status as AnnouncementStatus,
    readAt: r.readAt ?? null,
    isOwn: senderOrgId === actor.orgId,
    attachmentCount: Number(r.attachmentCount ?? 0),
  }));
  return { items, total: Number(count.n), page, pageSize };
}

/** The sender's receipts: each base of the audience and whether its staff have confirmed reading. */
export async function readReceipts(ctx: Ctx, id: string, f: PageRequest & { read?: boolean }): Promise<AnnouncementReceipts> {
  const r = await loadVisible(ctx.db, ctx, id);
  authorize(ctx.actor, "announcement.receipts", { orgId: r.senderOrgId });
  const { page, pageSize, offset } = pageWindow(f);
  const firstReads = ctx.db
    .selectFrom("announcementReads")
    .select(["announcementReads.orgId", (eb) => eb.fn.min("announcementReads.readAt").as("readAt")])
    .where("announcementReads.announcementId", "=", id)
    .groupBy("announcementReads.orgId")
    .as("firstReads");
  let bases = ctx.db
    .selectFrom("bases")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .leftJoin(firstReads, "firstReads.orgId", "bases.hostOrgId")
    .where("bases.status", "!=", "revoked");
  if (r.audience === "my_bases") bases = bases.where("bases.supervisorOrgId", "=", r.senderOrgId);
  const all = bases;
  if (f.read === true) bases = bases.where("firstReads.readAt", "is not", null);
  if (f.read === false) bases = bases.where("firstReads.readAt", "is", null);
  const [total, audience, read, rows] = await Promise.all([
    bases.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    all.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    all.where("firstReads.readAt", "is not", null).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    bases
      .select(["bases.id as baseId", "bases.name as baseName", "bases.hostOrgId", "supervisor.name as supervisorOrgName", "bases.district", "firstReads.readAt"])
      .orderBy("bases.name")
      .orderBy("bases.id")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  const readers = await firstReaders(ctx, id, rows.filter((x) => x.readAt).map((x) => x.hostOrgId));
  const items = rows.map(({ hostOrgId, ...x }) => ({ ...x, readAt: (x.readAt as string | null) ?? null, readerName: readers.get(hostOrgId) ?? null }));
  return { items, total: Number(total.n), page, pageSize, bases: Number(audience.n), read: Number(read.n) };
}

async function firstReaders(ctx: Ctx, id: string, orgIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (orgIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom("announcementReads")
    .innerJoin("users", "users.id", "announcementReads.userId")
    .select(["announcementReads.orgId", "users.displayName"])
    .where("announcementReads.announcementId", "=", id)
    .where("announcementReads.orgId", "in", orgIds)
    .orderBy("announcementReads.readAt", "desc")
    .execute();
  for (const r of rows) out.set(r.orgId, r.displayName);
  return out;
}

/** An attachment for whoever may read its announcement. */
export async function announcementFile(ctx: Ctx, id: string, fileId: string) {
  await loadVisible(ctx.db, ctx, id);
  return attachmentBytes(ctx, id, fileId);
}

async function attachmentBytes(ctx: Ctx, id: string, fileId: string): Promise<{ bytes: Buffer; mime: string; name: string }> {
  const row = await ctx.db
    .selectFrom("announcementAttachments")
    .innerJoin("files", "files.id", "announcementAttachments.fileId")
    .select(["announcementAttachments.name", "files.mime"])
    .where("announcementAttachments.announcementId", "=", id)
    .where("announcementAttachments.fileId", "=", fileId)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return { bytes: await readStoredFile(ctx.config.dataDir, fileId), mime: row.mime, name: row.name };
}

// ---- the public site: published announcements to the public, no login ----

function publicQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom("announcements")
    .innerJoin("organizations", "organizations.id", "announcements.senderOrgId")
    .where("announcements.status", "=", "published")
    .where("announcements.audience", "=", "public");
}

const PUBLIC_COLUMNS = ["announcements.id", "announcements.title", "announcements.body", "organizations.name as senderOrgName", "announcements.publishedAt"] as const;

export async function listPublicAnnouncements(ctx: Ctx, f: PageRequest & { q?: string }): Promise<Page<PublicAnnouncementView>> {
  const { page, pageSize, offset } = pageWindow(f);
  let q = publicQuery(ctx);
  if (f.q) q = q.where(containsText("announcements.title", f.q));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select(PUBLIC_COLUMNS).orderBy("announcements.publishedAt", "desc").orderBy("announcements.id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  const files = await attachmentsOf(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => ({ ...r, attachments: files.get(r.id) ?? [] })), total: Number(count.n), page, pageSize };
}

export async function publicAnnouncement(ctx: Ctx, id: string): Promise<PublicAnnouncementView> {
  const row = await publicQuery(ctx).select(PUBLIC_COLUMNS).where("announcements.id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return { ...row, attachments: (await attachmentsOf(ctx.db, [id])).get(id) ?? [] };
}

export async function publicAnnouncementFile(ctx: Ctx, id: string, fileId: string) {
  await publicAnnouncement(ctx, id);
  return attachmentBytes(ctx, id, fileId);
}
