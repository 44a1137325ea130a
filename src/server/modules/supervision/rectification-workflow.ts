// The rectification order (限期整改, 第十九条) as data: proposed by the supervising unit or opened by the
// bureau, reported on per item by the base, given an opinion by the supervising unit, then accepted
// (the base is active again) or returned by the bureau, who may also extend the deadline.
import type { RectificationItem } from "../../../shared/supervision/rectification.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { defineWorkflow, requireComment, type StepInput } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { baseScope } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { loadOrder, otherOrdersInForce, type OrderRecord } from "./rectification-queries.js";

const link = (r: OrderRecord) => `/rectification-orders/${r.id}`;
const staffOf = (trx: Tx, r: OrderRecord) => usersWithRole(trx, "base_staff", r.hostOrgId);
const supervisorsOf = (trx: Tx, r: OrderRecord) => usersWithRole(trx, "supervisor", r.supervisorOrgId);
const params = (r: OrderRecord, extra: Record<string, string | null> = {}) => ({ baseName: r.baseName, deadline: r.deadline, ...extra });

/** 第十九条: the deadline of an order lies after today. */
export function requireFutureDeadline(ctx: Ctx, deadline: unknown): string {
  const today = ctx.clock.today();
  if (typeof deadline !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(deadline) || Number.isNaN(Date.parse(deadline)) || deadline <= today) {
    throw new DomainError("DEADLINE_INVALID", { today });
  }
  return deadline;
}

/** Moves the base between `active` and `rectifying` (第十九条), keeping its version current. */
export async function setBaseStatus(trx: Tx, ctx: Ctx, baseId: string, from: string, to: string): Promise<boolean> {
  const res = await trx
    .updateTable("bases")
    .set((eb) => ({ status: to, updatedAt: ctx.clock.nowIso(), version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", baseId)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Refuses a step on an order of a revoked base (its order was withdrawn with it). */
async function requireBaseNotRevoked(_trx: Tx, _ctx: Ctx, r: OrderRecord): Promise<void> {
  if (r.baseStatus === "revoked") throw new DomainError("BASE_REVOKED");
}

/** The base's report per item (第十九条: it reports back on every item, with evidence). */
function mergedReport(r: OrderRecord, input: StepInput): RectificationItem[] {
  const given = (input.payload?.items as Array<{ key: string; report: string; evidenceFileIds?: string[] }> | undefined) ?? [];
  const unknown = given.filter((g) => !r.items.some((i) => i.key === g.key));
  if (unknown.length) throw new DomainError("RECTIFICATION_ITEM_UNKNOWN", { keys: unknown.map((u) => u.key).join(",") });
  return r.items.map((item) => {
    const g = given.find((x) => x.key === item.key);
    if (!g) return item;
    return { ...item, report: g.report.trim() || null, evidenceFileIds: [...new Set(g.evidenceFileIds ?? item.evidenceFileIds)] };
  });
}

/** Evidence may name only files uploaded by the base's own staff. */
async function checkEvidence(trx: Tx, r: OrderRecord, items: RectificationItem[]): Promise<void> {
  const ids = [...new Set(items.flatMap((i) => i.evidenceFileIds))];
  if (!ids.length) return;
  const owned = await trx
    .selectFrom("fileUploads")
    .innerJoin("users", "users.id", "fileUploads.userId")
    .select("fileUploads.fileId")
    .where("fileUploads.fileId", "in", ids)
    .where("users.orgId", "=", r.hostOrgId)
    .execute();
  const missing = ids.filter((id) => !owned.some((o) => o.fileId === id));
  if (missing.length) throw new DomainError("EVIDENCE_FILE_INVALID", { fileIds: missing.join(",") });
}

async function reportGuard(trx: Tx, _ctx: Ctx, r: OrderRecord, input: StepInput): Promise<void> {
  await requireBaseNotRevoked(trx, _ctx, r);
  if (input.probe) return;
  const items = mergedReport(r, input);
  const missing = items.filter((i) => !i.report);
  if (missing.length) throw new DomainError("REPORT_INCOMPLETE", { count: missing.length, keys: missing.map((m) => m.key).join(",") });
  await checkEvidence(trx, r, items);
}

async function extendGuard(trx: Tx, ctx: Ctx, r: OrderRecord, input: StepInput): Promise<void> {
  await requireBaseNotRevoked(trx, ctx, r);
  if (!input.probe) requireFutureDeadline(ctx, input.payload?.deadline);
}

async function extendEffect(trx: Tx, ctx: Ctx, r: OrderRecord, input: StepInput) {
  const deadline = input.payload!.deadline as string;
  await trx.updateTable("rectificationOrders").set({ deadline, overdueAt: null }).where("id", "=", r.id).execute();
  await notify(trx, ctx, [...(await staffOf(trx, r)), ...(await supervisorsOf(trx, r))], "supervision.rectification.extended", params(r, { deadline }), link(r));
  return { previousDeadline: r.deadline, deadline };
}

const extend = (status: string) => ({
  from: status,
  action: "extend",
  to: status,
  roles: ["bureau"] as const,
  article: "第十九条",
  guard: extendGuard,
  effect: extendEffect,
});

export const rectificationWorkflow = defineWorkflow<OrderRecord>({
  resourceType: "rectificationOrder",
  table: "rectificationOrders",
  initial: "open",
  scopeOf: baseScope,
  load: loadOrder,
  transitions: [
    {
      // 第十九条: the supervising unit proposes, the bureau (the comprehensive manager, 第十三条) decides.
      from: "proposed",
      action: "confirm",
      to: "open",
      roles: ["bureau"],
      article: "第十九条",
      guard: async (trx, ctx, r, input) => {
        await requireBaseNotRevoked(trx, ctx, r);
        if (!input.probe) requireFutureDeadline(ctx, input.payload?.deadline ?? r.deadline);
      },
      effect: async (trx, ctx, r, input) => {
        const deadline = (input.payload?.deadline as string | undefined) ?? r.deadline;
        if (deadline !== r.deadline) await trx.updateTable("rectificationOrders").set({ deadline }).where("id", "=", r.id).execute();
        await setBaseStatus(trx, ctx, r.baseId, "active", "rectifying");
        await notify(trx, ctx, [...(await staffOf(trx, r)), ...(await supervisorsOf(trx, r))], "supervision.rectification.opened", params(r, { deadline }), link(r));
        return { deadline };
      },
    },
    {
      from: "proposed",
      action: "withdraw",
      to: "withdrawn",
      roles: ["bureau"],
      article: "第十九条",
      effect: async (trx, ctx, r) => {
        await notify(trx, ctx, await supervisorsOf(trx, r), "supervision.rectification.proposalWithdrawn", params(r), link(r));
      },
    },
    {
      // 第十九条: the base reports back on every item, with evidence.
      from: "open",
      action: "report",
      to: "reported",
      roles: ["base_staff"],
      article: "第十九条",
      guard: reportGuard,
      effect: async (trx, ctx, r, input) => {
        const items = mergedReport(r, input);
        const note = typeof input.payload?.note === "string" ? input.payload.note.trim() || null : (input.comment?.trim() ?? null);
        await trx
          .updateTable("rectificationOrders")
          .set({ items: JSON.stringify(items), reportNote: note, reportedAt: ctx.clock.nowIso() })
          .where("id", "=", r.id)
          .execute();
        const people = [...(await supervisorsOf(trx, r)), ...(await usersWithRole(trx, "bureau"))];
        await notify(trx, ctx, people, "supervision.rectification.reported", params(r), link(r));
        return { items: items.length };
      },
    },
    {
      // 第十八条, 第十九条: the supervising unit gives its opinion on the report.
      from: "reported",
      action: "opine",
      to: "opined",
      roles: ["supervisor"],
      article: "第十九条",
      guard: requireComment,
      effect: async (trx, ctx, r, input) => {
        await trx.updateTable("rectificationOrders").set({ supervisorOpinion: input.comment!.trim() }).where("id", "=", r.id).execute();
        await notify(trx, ctx, await usersWithRole(trx, "bureau"), "supervision.rectification.opined", params(r), link(r));
      },
    },
    {
      // 第十九条: rectified; the base is active again once no other order holds it.
      from: ["reported", "opined"],
      action: "accept",
      to: "accepted",
      roles: ["bureau"],
      article: "第十九条",
      guard: requireBaseNotRevoked,
      effect: async (trx, ctx, r) => {
        await trx.updateTable("rectificationOrders").set({ acceptedAt: ctx.clock.nowIso(), overdueAt: null }).where("id", "=", r.id).execute();
        const restored = (await otherOrdersInForce(trx, r.baseId, r.id)) === 0 && (await setBaseStatus(trx, ctx, r.baseId, "rectifying", "active"));
        await notify(trx, ctx, [...(await staffOf(trx, r)), ...(await supervisorsOf(trx, r))], "supervision.rectification.accepted", params(r), link(r));
        return { baseActive: restored };
      },
    },
    {
      from: ["reported", "opined"],
      action: "return",
      to: "open",
      roles: ["bureau"],
      article: "第十九条",
      guard: async (trx, ctx, r, input) => {
        await requireBaseNotRevoked(trx, ctx, r);
        await requireComment(trx, ctx, r, input);
      },
      effect: async (trx, ctx, r, input) => {
        await notify(trx, ctx, await staffOf(trx, r), "supervision.rectification.returned", params(r, { comment: input.comment?.trim() ?? null }), link(r));
      },
    },
    extend("open"),
    extend("reported"),
    extend("opined"),
  ],
});
