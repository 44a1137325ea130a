// 第二十五条: each base records its fee standard per kind of training with its basis. Lowering a
// standard takes effect at once; raising it (a first standard is a rise from nothing) waits for the
// bureau, so no base can lift its own ceiling. The ceiling filing checks is the approved standard.
import type { FeeStandardInput, FeeStandardStatus, FeeStandardView, SubjectType } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { lockNamed, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, defineWorkflow, requireComment, runStep, type StepInput } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { BASE_SCOPE_COLUMNS, baseScope, loadBaseFacts, requireActive, yuan } from "./bases.js";

export const KIND_NAMES: Record<SubjectType, string> = { general: "公需科目", professional: "专业科目" };

interface FeeRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  hostOrgId: string;
  supervisorOrgId: string;
  kind: SubjectType;
  amountFen: number;
  previousAmountFen: number | null;
  basis: string;
  raise: number;
  requestedBy: string | null;
  requestedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

function selectFees(trx: Tx) {
  return trx
    .selectFrom("feeStandards")
    .innerJoin("bases", "bases.id", "feeStandards.baseId")
    .leftJoin("users as decider", "decider.id", "feeStandards.decidedBy")
    .select([
      "feeStandards.id",
      "feeStandards.status",
      "feeStandards.version",
      "feeStandards.baseId",
      "bases.name as baseName",
      "bases.hostOrgId",
      "bases.supervisorOrgId",
      "feeStandards.kind",
      "feeStandards.amountFen",
      "feeStandards.previousAmountFen",
      "feeStandards.basis",
      "feeStandards.raise",
      "feeStandards.requestedBy",
      "feeStandards.requestedAt",
      "decider.displayName as decidedByName",
      "feeStandards.decidedAt",
      "feeStandards.decisionComment",
    ]);
}

const loadFee = async (trx: Tx, id: string) => (await selectFees(trx).where("feeStandards.id", "=", id).executeTakeFirst()) as FeeRecord | undefined;

/** The approved standard of a kind now in force for a base (none: only free training may be filed). */
export async function currentStandard(trx: Tx, baseId: string, kind: SubjectType): Promise<{ id: string; amountFen: number } | undefined> {
  return trx
    .selectFrom("feeStandards")
    .select(["id", "amountFen"])
    .where("baseId", "=", baseId)
    .where("kind", "=", kind)
    .where("status", "=", "approved")
    .orderBy("decidedAt", "desc")
    .executeTakeFirst();
}

async function supersedeCurrent(trx: Tx, ctx: Ctx, baseId: string, kind: string, exceptId: string) {
  await trx
    .updateTable("feeStandards")
    .set((eb) => ({ status: "superseded", updatedAt: ctx.clock.nowIso(), version: eb(eb.ref("version"), "+", 1) }))
    .where("baseId", "=", baseId)
    .where("kind", "=", kind)
    .where("status", "=", "approved")
    .where("id", "!=", exceptId)
    .execute();
}

/** The bureau's decision on a requested standard: who, when and why. */
async function recordDecision(trx: Tx, ctx: Ctx, r: FeeRecord, input: StepInput) {
  await trx
    .updateTable("feeStandards")
    .set({ decidedBy: ctx.actor!.id, decidedAt: ctx.clock.nowIso(), decisionComment: input.comment ?? null })
    .where("id", "=", r.id)
    .execute();
}

export const feeStandardWorkflow = defineWorkflow<FeeRecord>({
  resourceType: "feeStandard",
  table: "feeStandards",
  initial: "pending",
  scopeOf: baseScope,
  load: loadFee,
  transitions: [
    {
      from: "pending",
      action: "approve",
      to: "approved",
      roles: ["bureau"],
      article: "第二十五条",
      effect: async (trx, ctx, r, input) => {
        await recordDecision(trx, ctx, r, input);
        await supersedeCurrent(trx, ctx, r.baseId, r.kind, r.id);
        return { kind: r.kind, amountFen: r.amountFen, previousAmountFen: r.previousAmountFen };
      },
    },
    {
      from: "pending",
      action: "reject",
      to: "rejected",
      roles: ["bureau"],
      article: "第二十五条",
      guard: requireComment,
      effect: recordDecision,
    },
  ],
});

async function present(trx: Tx, ctx: Ctx, r: FeeRecord): Promise<FeeStandardView> {
  return {
    id: r.id,
    baseId: r.baseId,
    baseName: r.baseName,
    kind: r.kind,
    amountFen: Number(r.amountFen),
    basis: r.basis,
    status: r.status as FeeStandardStatus,
    previousAmountFen: r.previousAmountFen === null ? null : Number(r.previousAmountFen),
    raise: !!Number(r.raise),
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt,
    decisionComment: r.decisionComment,
    availableActions: await availableActions(trx, ctx, feeStandardWorkflow, r),
    version: Number(r.version),
  };
}

export async function listFeeStandards(ctx: Ctx, query: PageRequest & { baseId?: string; status?: FeeStandardStatus }): Promise<Page<FeeStandardView>> {
  const where = scopeWhere<any, "bases">(ctx.actor, "feeStandard.read", BASE_SCOPE_COLUMNS);
  if (!where) throw new DomainError("FORBIDDEN");
  const { page, pageSize, offset } = pageWindow(query);
  let q = ctx.db.selectFrom("feeStandards").innerJoin("bases", "bases.id", "feeStandards.baseId").where(where);
  if (query.baseId) q = q.where("feeStandards.baseId", "=", query.baseId);
  if (query.status) q = q.where("feeStandards.status", "=", query.status);
  const [count, ids] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select("feeStandards.id").orderBy("feeStandards.requestedAt", "desc").orderBy("feeStandards.id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  const items: FeeStandardView[] = [];
  for (const { id } of ids) items.push(await present(ctx.db, ctx, (await loadFee(ctx.db, id))!));
  return { items, total: Number(count.n), page, pageSize };
}

export async function recordFeeStandard(ctx: Ctx, baseId: string, input: FeeStandardInput): Promise<FeeStandardView> {
  return inTransaction(ctx, async (trx) => {
    const base = await loadBaseFacts(trx, baseId);
    if (!base || !can(ctx.actor, "feeStandard.read", baseScope(base))) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "feeStandard.create", baseScope(base));
    requireActive(base);
    // Two requests at once must not both become pending, nor leave two standards in force.
    await lockNamed(trx, ctx.dialect, `feeStandard:${baseId}`);
    const pending = await trx
      .selectFrom("feeStandards")
      .select("id")
      .where("baseId", "=", baseId)
      .where("kind", "=", input.kind)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (pending) throw new DomainError("FEE_STANDARD_PENDING");
    const current = await currentStandard(trx, baseId, input.kind);
    if (current && current.amountFen === input.amountFen) throw new DomainError("FEE_STANDARD_UNCHANGED");
    // 第二十五条: a rise (and a first standard, a rise from nothing) waits for the bureau.
    const raise = !current || input.amountFen > current.amountFen;
    const now = ctx.clock.nowIso();
    const id = newId();
    await trx
      .insertInto("feeStandards")
      .values({
        id,
        baseId,
        kind: input.kind,
        amountFen: input.amountFen,
        previousAmountFen: current?.amountFen ?? null,
        basis: input.basis.trim(),
        status: raise ? "pending" : "approved",
        raise: raise ? 1 : 0,
        requestedBy: ctx.actor!.id,
        requestedAt: now,
        decidedBy: null,
        decidedAt: raise ? null : now,
        decisionComment: null,
        updatedAt: now,
        version: 1,
      })
      .execute();
    if (!raise) await supersedeCurrent(trx, ctx, baseId, input.kind, id);
    await appendAudit(trx, ctx, {
      action: "feeStandard.create",
      resourceType: "feeStandard",
      resourceId: id,
      detail: { baseId, kind: input.kind, amountFen: input.amountFen, previousAmountFen: current?.amountFen ?? null, status: raise ? "pending" : "approved", article: "第二十五条" },
    });
    if (raise) {
      await notify(trx, ctx, await usersWithRole(trx, "bureau"), "feeStandard.pending", { baseName: base.name, kind: KIND_NAMES[input.kind], amount: yuan(input.amountFen) }, "/fee-standards?status=pending");
    }
    return present(trx, ctx, (await loadFee(trx, id))!);
  });
}

export async function decideFeeStandard(ctx: Ctx, id: string, action: "approve" | "reject", body: { version?: number; comment?: string }): Promise<FeeStandardView> {
  return inTransaction(ctx, async (trx) => {
    const comment = body.comment?.trim() || null;
    const row = await trx.selectFrom("feeStandards").select("baseId").where("id", "=", id).executeTakeFirst();
    if (row) await lockNamed(trx, ctx.dialect, `feeStandard:${row.baseId}`);
    const { record } = await runStep(trx, ctx, feeStandardWorkflow, { id, action, version: body.version, comment });
    const staff = await usersWithRole(trx, "base_staff", record.hostOrgId);
    await notify(trx, ctx, staff, `feeStandard.${action === "approve" ? "approved" : "rejected"}`, { baseName: record.baseName, kind: KIND_NAMES[record.kind], amount: yuan(Number(record.amountFen)), comment }, "/fee-standards");
    return present(trx, ctx, record);
  });
}
