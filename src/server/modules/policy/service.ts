// Versioned rule parameters (DESIGN.md "Policy"): a rule change is a new row with an effective
// date, so history is never rewritten. The policy in force on a date is the latest one on or before it.
import type { PolicyParams, PolicyVersionView } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { BASELINE_EFFECTIVE_FROM, WEIHAI_POLICY } from "./defaults.js";

type Row = { id: string; effectiveFrom: string; params: string; note: string; createdAt: string; createdBy: string | null };

const toView = (r: Row & { createdByName: string | null }): PolicyVersionView => ({ ...r, params: JSON.parse(r.params) as PolicyParams });

function versions(trx: Tx) {
  return trx
    .selectFrom("policyVersions")
    .leftJoin("users", "users.id", "policyVersions.createdBy")
    .select([
      "policyVersions.id",
      "policyVersions.effectiveFrom",
      "policyVersions.params",
      "policyVersions.note",
      "policyVersions.createdAt",
      "policyVersions.createdBy",
      "users.displayName as createdByName",
    ]);
}

/** The policy in force on a date; other modules read rule numbers only through this. */
export async function policyAt(trx: Tx, date: string): Promise<PolicyVersionView> {
  const r = await versions(trx).where("policyVersions.effectiveFrom", "<=", date).orderBy("policyVersions.effectiveFrom", "desc").limit(1).executeTakeFirst();
  if (!r) throw new DomainError("POLICY_NOT_IN_FORCE", { date });
  return toView(r);
}

export async function currentPolicy(ctx: Ctx, date?: string): Promise<PolicyVersionView> {
  authorize(ctx.actor, "policy.read");
  return policyAt(ctx.db, date ?? ctx.clock.today());
}

export async function listPolicyVersions(ctx: Ctx): Promise<PolicyVersionView[]> {
  authorize(ctx.actor, "policy.read");
  const rows = await versions(ctx.db).orderBy("policyVersions.effectiveFrom", "desc").limit(200).execute();
  return rows.map(toView);
}

function checkParams(p: PolicyParams): void {
  const sum = p.reviewCriteria.reduce((s, c) => s + c.weight, 0);
  // DESIGN.md: the review criteria's weights sum to 100.
  if (sum !== 100) throw new DomainError("POLICY_INVALID", { reason: `评审指标权重合计 ${sum}，应为 100`, weightSum: sum });
  const keys = new Set(p.reviewCriteria.map((c) => c.key));
  if (keys.size !== p.reviewCriteria.length) throw new DomainError("POLICY_INVALID", { reason: "评审指标代码重复" });
  if (p.generalMinHours > p.yearlyHours) throw new DomainError("POLICY_INVALID", { reason: "公需科目最低学时超过年度学时要求" });
}

export async function createPolicyVersion(ctx: Ctx, input: { effectiveFrom: string; params: PolicyParams; note: string }): Promise<PolicyVersionView> {
  authorize(ctx.actor, "policy.create");
  if (input.effectiveFrom < ctx.clock.today()) throw new DomainError("POLICY_HISTORY_IMMUTABLE");
  checkParams(input.params);
  try {
    return await inTransaction(ctx, async (trx) => {
      const row: Row = {
        id: newId(),
        effectiveFrom: input.effectiveFrom,
        params: JSON.stringify(input.params),
        note: input.note,
        createdAt: ctx.clock.nowIso(),
        createdBy: ctx.actor?.id ?? null,
      };
      await trx.insertInto("policyVersions").values(row).execute();
      const createdByName = ctx.actor?.displayName ?? null;
      await appendAudit(trx, ctx, {
        action: "policy.create",
        resourceType: "policyVersion",
        resourceId: row.id,
        detail: { effectiveFrom: input.effectiveFrom, note: input.note, params: input.params },
      });
      return toView({ ...row, createdByName });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("POLICY_EFFECTIVE_DATE_TAKEN", { effectiveFrom: input.effectiveFrom });
    throw e;
  }
}

/** Every installation starts with the measures' own numbers, in force since 第二十九条's date. */
export async function ensureBaselinePolicy(p: Platform): Promise<void> {
  const any = await p.db.selectFrom("policyVersions").select("id").limit(1).executeTakeFirst();
  if (any) return;
  await p.db
    .insertInto("policyVersions")
    .values({
      id: newId(),
      effectiveFrom: BASELINE_EFFECTIVE_FROM,
      params: JSON.stringify(WEIHAI_POLICY),
      note: "威人社发〔2019〕44号《威海市专业技术人员继续教育基地管理办法》",
      createdAt: p.clock.nowIso(),
      createdBy: null,
    })
    .execute();
}
