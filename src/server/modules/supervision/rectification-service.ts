// Rectification orders (限期整改, 第十九条): the bureau orders a base to rectify by a deadline (or confirms
// its supervising unit's proposal); the base is `rectifying` meanwhile (no new filings) and reports per
// item; the supervising unit gives its opinion; the bureau accepts or returns, or extends the deadline.
import type { RectificationCreateBody, RectificationItem, RectificationListItem, RectificationOrderView, RectificationStepBody } from "../../../shared/supervision/rectification.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageOf, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { BASE_SCOPE_COLUMNS, baseScope } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { countOrders, isOverdue, listOrders, liveOrderOf, loadOrder, type OrderFilter, type OrderRecord, type OrderScope } from "./rectification-queries.js";
import { rectificationWorkflow, requireFutureDeadline, setBaseStatus } from "./rectification-workflow.js";

export interface OpenOrderInput {
  baseId: string;
  items: string[];
  deadline: string;
  sourceType?: string;
  sourceId?: string;
  comment?: string;
}

interface BaseOfOrder {
  id: string;
  name: string;
  status: string;
  hostOrgId: string;
  supervisorOrgId: string;
}

async function loadBase(trx: Tx, baseId: string): Promise<BaseOfOrder | undefined> {
  return trx.selectFrom("bases").select(["id", "name", "status", "hostOrgId", "supervisorOrgId"]).where("id", "=", baseId).executeTakeFirst();
}

/** The items of an order, numbered from 1 (the key the base reports against). */
function itemsOf(texts: string[]): RectificationItem[] {
  const items = texts.map((t) => t.trim()).filter(Boolean);
  if (!items.length) throw new DomainError("ITEMS_REQUIRED");
  return items.map((text, i) => ({ key: String(i + 1), text, report: null, evidenceFileIds: [] }));
}

/** The checks every new order passes: items, a future deadline, a base in force without a running order. */
async function checkNewOrder(trx: Tx, ctx: Ctx, base: BaseOfOrder, input: OpenOrderInput): Promise<RectificationItem[]> {
  const items = itemsOf(input.items);
  requireFutureDeadline(ctx, input.deadline);
  if (base.status === "revoked") throw new DomainError("BASE_REVOKED");
  // 第十九条: one order at a time; a further shortcoming goes into the running one or after it.
  if (await liveOrderOf(trx, base.id)) throw new DomainError("RECTIFICATION_OPEN");
  return items;
}

async function insertOrder(trx: Tx, ctx: Ctx, base: BaseOfOrder, input: OpenOrderInput, status: "open" | "proposed", items: RectificationItem[]): Promise<string> {
  const id = newId();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("rectificationOrders")
    .values({
      id,
      baseId: base.id,
      status,
      items: JSON.stringify(items),
      deadline: input.deadline,
      overdueAt: null,
      sourceType: input.sourceType ?? null,
      sourceId: input.sourceId ?? null,
      reportNote: null,
      supervisorOpinion: null,
      reportedAt: null,
      acceptedAt: null,
      createdBy: ctx.actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  const action = status === "open" ? "create" : "propose";
  await trx
    .insertInto("workflowHistory")
    .values({
      id: newId(),
      resourceType: "rectificationOrder",
      resourceId: id,
      action,
      fromStatus: "",
      toStatus: status,
      actorId: ctx.actor?.id ?? null,
      actorName: ctx.actor?.displayName ?? null,
      comment: input.comment?.trim() || null,
      at: now,
    })
    .execute();
  await appendAudit(trx, ctx, {
    action: `rectificationOrder.${action}`,
    resourceType: "rectificationOrder",
    resourceId: id,
    detail: { article: "第十九条", baseId: base.id, status, deadline: input.deadline, items: items.length, sourceType: input.sourceType ?? null, sourceId: input.sourceId ?? null },
  });
  return id;
}

/**
 * Opens an order in force (status `open`) in the caller's transaction; the caller has authorized
 * (the bureau, 第十三条, 第十九条). The base turns `rectifying`: it files nothing new until accepted.
 */
export async function openRectificationOrder(trx: Tx, ctx: Ctx, input: OpenOrderInput): Promise<{ id: string }> {
  const base = await loadBase(trx, input.baseId);
  if (!base) throw new DomainError("NOT_FOUND");
  const items = await checkNewOrder(trx, ctx, base, input);
  const id = await insertOrder(trx, ctx, base, input, "open", items);
  await setBaseStatus(trx, ctx, base.id, "active", "rectifying");
  const people = [...(await usersWithRole(trx, "base_staff", base.hostOrgId)), ...(await usersWithRole(trx, "supervisor", base.supervisorOrgId))];
  await notify(trx, ctx, people, "supervision.rectification.opened", { baseName: base.name, deadline: input.deadline }, `/rectification-orders/${id}`);
  return { id };
}

/** `POST /rectification-orders`: the bureau orders; the base's supervising unit proposes (第十九条). */
export async function createOrder(ctx: Ctx, body: RectificationCreateBody & { sourceType?: string; sourceId?: string }): Promise<RectificationOrderView> {
  return inTransaction(ctx, async (trx) => {
    const base = await loadBase(trx, body.baseId);
    const scope = base ? baseScope(base) : undefined;
    if (can(ctx.actor, "rectificationOrder.create", scope, ["bureau"])) {
      const { id } = await openRectificationOrder(trx, ctx, body);
      return present(trx, ctx, (await loadOrder(trx, id))!);
    }
    authorize(ctx.actor, "rectificationOrder.propose", scope, ["supervisor"]);
    if (!base) throw new DomainError("NOT_FOUND");
    const items = await checkNewOrder(trx, ctx, base, body);
    const id = await insertOrder(trx, ctx, base, body, "proposed", items);
    await notify(trx, ctx, await usersWithRole(trx, "bureau"), "supervision.rectification.proposed", { baseName: base.name, deadline: body.deadline }, `/rectification-orders/${id}`);
    return present(trx, ctx, (await loadOrder(trx, id))!);
  });
}

async function evidenceNames(trx: Tx, r: OrderRecord): Promise<Array<{ id: string; name: string }>> {
  const ids = [...new Set(r.items.flatMap((i) => i.evidenceFileIds))];
  if (!ids.length) return [];
  const rows = await trx.selectFrom("fileUploads").select(["fileId", "name"]).where("fileId", "in", ids).orderBy("createdAt").execute();
  return ids.map((id) => ({ id, name: rows.find((r) => r.fileId === id)?.name ?? id.slice(0, 12) }));
}

export async function present(trx: Tx, ctx: Ctx, r: OrderRecord): Promise<RectificationOrderView> {
  const [history, actions, evidence] = await Promise.all([historyOf(trx, "rectificationOrder", r.id), availableActions(trx, ctx, rectificationWorkflow, r), evidenceNames(trx, r)]);
  return {
    id: r.id,
    status: r.status as RectificationOrderView["status"],
    baseId: r.baseId,
    baseName: r.baseName,
    baseStatus: r.baseStatus,
    hostOrgName: r.hostOrgName,
    supervisorOrgName: r.supervisorOrgName,
    deadline: r.deadline,
    overdue: isOverdue(r, ctx.clock.today()),
    overdueAt: r.overdueAt,
    items: r.items,
    evidence,
    reportNote: r.reportNote,
    supervisorOpinion: r.supervisorOpinion,
    reportedAt: r.reportedAt,
    acceptedAt: r.acceptedAt,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    availableActions: actions,
    history,
  };
}

async function readable(trx: Tx, ctx: Ctx, id: string): Promise<OrderRecord> {
  const r = await loadOrder(trx, id);
  if (!r || !can(ctx.actor, "rectificationOrder.read", baseScope(r))) {
    authorize(ctx.actor, "rectificationOrder.read");
    throw new DomainError("NOT_FOUND");
  }
  return r;
}

export async function getOrder(ctx: Ctx, id: string): Promise<RectificationOrderView> {
  return present(ctx.db, ctx, await readable(ctx.db, ctx, id));
}

export async function stepOrder(ctx: Ctx, id: string, action: string, body: RectificationStepBody): Promise<RectificationOrderView> {
  return inTransaction(ctx, async (trx) => {
    const { record } = await runStep(trx, ctx, rectificationWorkflow, { id, action, version: body.version, comment: body.comment ?? null, payload: body.payload });
    return present(trx, ctx, record);
  });
}

function scopeOf(ctx: Ctx): OrderScope {
  const where = scopeWhere<any, "bases">(ctx.actor, "rectificationOrder.read", BASE_SCOPE_COLUMNS);
  if (!where) {
    authorize(ctx.actor, "rectificationOrder.read");
    throw new DomainError("FORBIDDEN");
  }
  return where as OrderScope;
}

export async function listRectificationOrders(ctx: Ctx, query: PageRequest & OrderFilter): Promise<Page<RectificationListItem>> {
  const scope = scopeOf(ctx);
  const today = ctx.clock.today();
  return pageOf(
    query,
    (limit, offset) => listOrders(ctx.db, scope, query, today, limit, offset),
    () => countOrders(ctx.db, scope, query, today),
  );
}

/** Every order the actor may read under the filter, for the Excel export (never truncated). */
export async function allRectificationOrders(ctx: Ctx, filter: OrderFilter): Promise<Array<RectificationListItem & { items: RectificationItem[] }>> {
  const scope = scopeOf(ctx);
  const today = ctx.clock.today();
  const out: Array<RectificationListItem & { items: RectificationItem[] }> = [];
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const rows = await listOrders(ctx.db, scope, filter, today, pageSize, offset);
    for (const r of rows) out.push({ ...r, items: (await loadOrder(ctx.db, r.id))!.items });
    if (rows.length < pageSize) break;
  }
  return out;
}

/** An evidence file of an order, to whoever may read the order (the bureau did not upload it). */
export async function evidenceFile(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const r = await readable(ctx.db, ctx, id);
  if (!r.items.some((i) => i.evidenceFileIds.includes(fileId))) throw new DomainError("NOT_FOUND");
  return fileId;
}
