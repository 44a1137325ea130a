// Reading the audit log (bureau only) and checking its hash chain.
import type { AuditEventView } from "../../../shared/api.js";
import { verifyAuditChain, type ChainVerdict } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";

export interface AuditFilter {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorId?: string;
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
  return verifyAuditChain(ctx.db);
}
