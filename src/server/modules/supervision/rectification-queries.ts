// The SQL of rectification orders (限期整改, 第十九条): loading one order with its base's scope, and the
// scoped, paged list.
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import type { RectificationItem, RectificationListItem, RectificationStatus } from "../../../shared/supervision/rectification.js";
import { LIVE_RECTIFICATION_STATUSES } from "../../../shared/supervision/rectification.js";
import type { Tx } from "../../platform/db.js";
import { countOf } from "../../platform/paging.js";

export interface OrderRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  baseStatus: string;
  hostOrgId: string;
  hostOrgName: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  items: RectificationItem[];
  deadline: string;
  overdueAt: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reportNote: string | null;
  supervisorOpinion: string | null;
  reportedAt: string | null;
  acceptedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Statuses in which the deadline runs (a proposal has no force yet; accepted and withdrawn are over). */
export const DEADLINE_STATUSES = ["open", "reported", "opined"] as const;

export const isOverdue = (o: { status: string; deadline: string }, today: string): boolean =>
  (DEADLINE_STATUSES as readonly string[]).includes(o.status) && o.deadline < today;

function orders(trx: Tx) {
  return trx
    .selectFrom("rectificationOrders as o")
    .innerJoin("bases", "bases.id", "o.baseId")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId");
}

export async function loadOrder(trx: Tx, id: string): Promise<OrderRecord | undefined> {
  const r = await orders(trx)
    .select([
      "o.id",
      "o.status",
      "o.version",
      "o.baseId",
      "bases.name as baseName",
      "bases.status as baseStatus",
      "bases.hostOrgId",
      "host.name as hostOrgName",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "o.items",
      "o.deadline",
      "o.overdueAt",
      "o.sourceType",
      "o.sourceId",
      "o.reportNote",
      "o.supervisorOpinion",
      "o.reportedAt",
      "o.acceptedAt",
      "o.createdBy",
      "o.createdAt",
      "o.updatedAt",
    ])
    .where("o.id", "=", id)
    .executeTakeFirst();
  return r ? { ...r, version: Number(r.version), items: JSON.parse(r.items) as RectificationItem[] } : undefined;
}

/** The order of a base that is still running (at most one), if any. */
export async function liveOrderOf(trx: Tx, baseId: string, exceptId?: string): Promise<{ id: string; status: string } | undefined> {
  let q = trx.selectFrom("rectificationOrders").select(["id", "status"]).where("baseId", "=", baseId).where("status", "in", [...LIVE_RECTIFICATION_STATUSES]);
  if (exceptId) q = q.where("id", "!=", exceptId);
  return q.executeTakeFirst();
}

/** Orders still waiting on the base or the bureau (not a proposal), besides this one. */
export async function otherOrdersInForce(trx: Tx, baseId: string, exceptId: string): Promise<number> {
  const { n } = await trx
    .selectFrom("rectificationOrders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("baseId", "=", baseId)
    .where("id", "!=", exceptId)
    .where("status", "in", [...DEADLINE_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface OrderFilter {
  status?: RectificationStatus;
  baseId?: string;
  overdue?: boolean;
}

export type OrderScope = (eb: ExpressionBuilder<Database & { o: Database["rectificationOrders"] }, any>) => any;

export function filteredOrders(trx: Tx, scope: OrderScope, f: OrderFilter, today: string) {
  let q = orders(trx).where(scope as never);
  if (f.status) q = q.where("o.status", "=", f.status);
  if (f.baseId) q = q.where("o.baseId", "=", f.baseId);
  if (f.overdue === true) q = q.where("o.status", "in", [...DEADLINE_STATUSES]).where("o.deadline", "<", today);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb("o.status", "not in", [...DEADLINE_STATUSES]), eb("o.deadline", ">=", today)]));
  return q;
}

export const countOrders = (trx: Tx, scope: OrderScope, f: OrderFilter, today: string): Promise<number> => countOf(filteredOrders(trx, scope, f, today));

export async function listOrders(trx: Tx, scope: OrderScope, f: OrderFilter, today: string, limit: number, offset: number): Promise<RectificationListItem[]> {
  const rows = await filteredOrders(trx, scope, f, today)
    .select(["o.id", "o.status", "o.baseId", "bases.name as baseName", "supervisor.name as supervisorOrgName", "o.deadline", "o.items", "o.createdAt", "o.updatedAt"])
    .orderBy("o.deadline", "desc")
    .orderBy("o.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status as RectificationStatus,
    baseId: r.baseId,
    baseName: r.baseName,
    supervisorOrgName: r.supervisorOrgName,
    deadline: r.deadline,
    overdue: isOverdue(r, today),
    itemCount: (JSON.parse(r.items) as unknown[]).length,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
