// Reading the audit log (the audit.read grant), checking its keyed chain, and its signed checkpoints.
import type { AuditCheckpointList, AuditEventView } from "../../../shared/api.js";
import { verifyAuditChain, type ChainVerdict } from "../../platform/audit.js";
import { CHECKPOINT_SIGNED_TEXT } from "../../platform/audit-checkpoints.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";

export interface AuditFilter {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorId?: string;
  actorName?: string;
  from?: string;
  to?: string;
}

const dayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

function filtered(ctx: Ctx, f: AuditFilter) {
  let q = ctx.db.selectFrom("auditEvents");
  if (f.action) q = q.where("action", "=", f.action);
  if (f.resourceType) q = q.where("resourceType", "=", f.resourceType);
  if (f.resourceId) q = q.where("resourceId", "=", f.resourceId);
  if (f.actorId) q = q.where("actorId", "=", f.actorId);
  if (f.actorName) q = q.where("actorName", "=", f.actorName.trim());
  // from/to are calendar dates in Asia/Shanghai, both inclusive
  if (f.from) q = q.where("at", ">=", dayStart(f.from));
  if (f.to) q = q.where("at", "<", new Date(Date.parse(dayStart(f.to)) + 86400_000).toISOString());
  return q;
}

export async function listAuditEvents(ctx: Ctx, query: PageRequest & AuditFilter): Promise<Page<AuditEventView>> {
  authorize(ctx.actor, "audit.read");
  const { page, pageSize, offset } = pageWindow(query);
  const [count, rows] = await Promise.all([
    filtered(ctx, query).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    filtered(ctx, query)
      .select(["seq", "at", "actorId", "actorName", "action", "resourceType", "resourceId", "detail", "ip", "hash"])
      .orderBy("seq", "desc")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({ ...r, seq: Number(r.seq), detail: JSON.parse(r.detail) as Record<string, unknown> })),
    total: Number(count.n),
    page,
    pageSize,
  };
}

export async function verifyAudit(ctx: Ctx): Promise<ChainVerdict> {
  authorize(ctx.actor, "audit.read");
  return verifyAuditChain(ctx);
}

/** issue 10 item 1: the checkpoints an auditor fetches and checks offline with the key given beside them. */
export async function listCheckpoints(ctx: Ctx, query: { cursor?: number; pageSize?: number }): Promise<AuditCheckpointList> {
  authorize(ctx.actor, "audit.read");
  const pageSize = query.pageSize ?? 100;
  let q = ctx.db.selectFrom("auditCheckpoints").selectAll().orderBy("seq", "desc").limit(pageSize + 1);
  if (query.cursor) q = q.where("seq", "<", query.cursor);
  const rows = (await q.execute()).map((r) => ({ ...r, seq: Number(r.seq), keyedFrom: Number(r.keyedFrom) }));
  const items = rows.slice(0, pageSize);
  const keys = ctx.secrets.audit;
  return {
    keyId: keys.checkpointKeyId,
    publicKeyPem: keys.checkpointPublicKeyPem,
    signedText: CHECKPOINT_SIGNED_TEXT,
    items,
    nextCursor: rows.length > pageSize ? items[items.length - 1].seq : null,
  };
}
