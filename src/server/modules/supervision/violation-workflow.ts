// The violation (第二十条) as data: reported by the bureau or the base's supervising unit, then confirmed
// or dismissed by the bureau. Confirming revokes the base (unless it already is) and records the host
// organization's dishonesty (失信信息), in the same transaction as the step.
import { VIOLATION_KIND_NAMES, type ViolationConfirmPayload } from "../../../shared/supervision/violations.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { defineWorkflow, requireComment, type StepInput } from "../../platform/workflow.js";
import { nextNumber } from "../accreditation/queries.js";
import { policyAt } from "../policy/service.js";
import { createDishonestyRecord, defaultBasis } from "./dishonesty-records.js";
import { revokeBase } from "./revocation.js";
import { loadViolation, violationScopeOf, type ViolationRecord } from "./violation-queries.js";

/** The reason a revocation for this violation gives: its kind in 第二十条's words and the facts. */
function revocationReason(r: ViolationRecord): string {
  const text = `${VIOLATION_KIND_NAMES[r.kind]}：${r.facts}`;
  return [...text].length > 1000 ? `${[...text].slice(0, 999).join("")}…` : text;
}

/** A decision of its own, for a base revoked before decisions were numbered here (第十三条: the city's sequence). */
async function newDecisionNo(trx: Tx, ctx: Ctx, docPrefix: string): Promise<string> {
  const year = ctx.clock.today().slice(0, 4);
  return `${docPrefix}〔${year}〕${await nextNumber(trx, `decision:${docPrefix}:${year}`)}号`;
}

async function recordDecision(trx: Tx, ctx: Ctx, r: ViolationRecord, input: StepInput, decided: { basis?: string; decisionNo?: string } = {}) {
  await trx
    .updateTable("violations")
    .set({ decidedBy: ctx.actor?.id ?? null, decidedAt: ctx.clock.nowIso(), decisionComment: input.comment?.trim() || null, basis: decided.basis ?? null, decisionNo: decided.decisionNo ?? null })
    .where("id", "=", r.id)
    .execute();
}

/**
 * 第二十条: "撤销市级继续教育基地资格，相关违规行为将作为失信信息予以记录". The base is revoked under a new
 * decision number, or, already revoked, its decision is the one the record cites.
 */
async function confirmEffect(trx: Tx, ctx: Ctx, r: ViolationRecord, input: StepInput) {
  const payload = (input.payload ?? {}) as ViolationConfirmPayload;
  authorize(ctx.actor, "base.revoke");
  const { params } = await policyAt(trx, ctx.clock.today());
  const basis = payload.basis?.trim() || defaultBasis(params.cityName);
  const alreadyRevoked = r.baseStatus === "revoked";
  const decisionNo = alreadyRevoked
    ? (r.baseRevocationDecisionNo ?? (await newDecisionNo(trx, ctx, params.docPrefix)))
    : (await revokeBase(trx, ctx, r.baseId, { reason: revocationReason(r), basis, source: { type: "violation", id: r.id } })).decisionNo;
  await recordDecision(trx, ctx, r, input, { basis, decisionNo });
  const record = await createDishonestyRecord(trx, ctx, {
    violationId: r.id,
    baseId: r.baseId,
    baseName: r.baseName,
    orgId: r.hostOrgId,
    decisionNo,
    violationType: VIOLATION_KIND_NAMES[r.kind],
    facts: r.facts,
    basis,
    legalRepresentative: payload.legalRepresentative,
    penaltyContent: payload.penaltyContent,
    publicityDays: payload.publicityDays,
    remark: payload.remark,
  });
  return { decisionNo, baseRevoked: !alreadyRevoked, dishonestyRecordId: record.id, publicityUntil: record.publicityUntil };
}

export const violationWorkflow = defineWorkflow<ViolationRecord>({
  resourceType: "violation",
  table: "violations",
  initial: "reported",
  scopeOf: violationScopeOf,
  load: loadViolation,
  transitions: [
    { from: "reported", action: "confirm", to: "confirmed", roles: ["bureau"], article: "第二十条", effect: confirmEffect },
    {
      from: "reported",
      action: "dismiss",
      to: "dismissed",
      roles: ["bureau"],
      article: "第二十条",
      guard: requireComment,
      effect: async (trx, ctx, r, input) => recordDecision(trx, ctx, r, input),
    },
  ],
});
