// Versioned rule parameters (DESIGN.md "Policy"): a rule change is a new row with an effective
// date, so history is never rewritten. The policy in force on a date is the latest one on or before it.
// 第二十九条: a version carries its term (validUntil); once the version in force has passed it, the
// platform keeps applying it but tells the bureau until a successor version is recorded.
import { isDeepStrictEqual } from "node:util";
import type { PolicyParams, PolicyVersionView, WorkItem } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { BASELINE_EFFECTIVE_FROM, WEIHAI_POLICY, withLaterDefaults } from "./defaults.js";

type Row = { id: string; effectiveFrom: string; params: string; note: string; createdAt: string; createdBy: string | null };

const toView = (r: Row & { createdByName: string | null }): PolicyVersionView => ({ ...r, params: withLaterDefaults(JSON.parse(r.params) as PolicyParams) });

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

/** 第二十九条: has the version's term passed on this date? (No validUntil: open-ended.) */
const isExpiredOn = (v: PolicyVersionView, date: string) => !!v.params.validUntil && v.params.validUntil < date;

async function successorFrom(trx: Tx, effectiveFrom: string): Promise<string | null> {
  const next = await trx
    .selectFrom("policyVersions")
    .select("effectiveFrom")
    .where("effectiveFrom", ">", effectiveFrom)
    .orderBy("effectiveFrom")
    .limit(1)
    .executeTakeFirst();
  return next?.effectiveFrom ?? null;
}

/** The version in force on the date, with whether its term has passed and when its successor starts. */
export async function policyStanding(trx: Tx, date: string): Promise<PolicyVersionView & { expired: boolean; successorFrom: string | null }> {
  const v = await policyAt(trx, date);
  return { ...v, expired: isExpiredOn(v, date), successorFrom: await successorFrom(trx, v.effectiveFrom) };
}

export async function currentPolicy(ctx: Ctx, date?: string): Promise<PolicyVersionView> {
  authorize(ctx.actor, "policy.read");
  return policyStanding(ctx.db, date ?? ctx.clock.today());
}

export async function listPolicyVersions(ctx: Ctx): Promise<PolicyVersionView[]> {
  authorize(ctx.actor, "policy.read");
  const rows = await versions(ctx.db).orderBy("policyVersions.effectiveFrom", "desc").limit(200).execute();
  const today = ctx.clock.today();
  // newest first: each version's successor is the one listed before it
  return rows.map(toView).map((v, i, all) => ({ ...v, expired: isExpiredOn(v, today), successorFrom: i > 0 ? all[i - 1].effectiveFrom : null }));
}

/**
 * 第二十九条: the bureau's work item while the measures in force have passed their term and no successor
 * version is recorded (the platform keeps applying them meanwhile).
 */
export async function policyWorkItems(ctx: Ctx): Promise<WorkItem[]> {
  if (!can(ctx.actor, "policy.create")) return [];
  const today = ctx.clock.today();
  const v = await policyStanding(ctx.db, today).catch(() => null);
  if (!v?.expired || v.successorFrom) return [];
  return [{ kind: "policy.expired", params: { validUntil: v.params.validUntil ?? "", effectiveFrom: v.effectiveFrom }, link: "/policy" }];
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
  if (any) return ensureBaselineTerm(p);
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

/**
 * 第二十九条: installations made before versions carried a term hold the baseline without its end date.
 * The platform's own baseline (recorded by nobody, still exactly the default numbers) gains the measures'
 * printed term 2024-12-17, once, audited; any version the bureau recorded, or a baseline someone edited,
 * is never rewritten — without validUntil a version stays open-ended.
 */
async function ensureBaselineTerm(p: Platform): Promise<void> {
  const { validUntil, ...untermed } = WEIHAI_POLICY;
  if (!validUntil) return;
  const baseline = await p.db
    .selectFrom("policyVersions")
    .select(["id", "params"])
    .where("effectiveFrom", "=", BASELINE_EFFECTIVE_FROM)
    .where("createdBy", "is", null)
    .executeTakeFirst();
  if (!baseline || !isDeepStrictEqual(withLaterDefaults(JSON.parse(baseline.params) as PolicyParams), untermed)) return;
  const ctx: Ctx = { ...p, actor: null, ip: null };
  await inTransaction(p, async (trx) => {
    await trx.updateTable("policyVersions").set({ params: JSON.stringify(WEIHAI_POLICY) }).where("id", "=", baseline.id).where("params", "=", baseline.params).execute();
    await appendAudit(trx, ctx, {
      action: "policy.baselineTerm",
      resourceType: "policyVersion",
      resourceId: baseline.id,
      actorName: "system",
      detail: { validUntil, article: "第二十九条" },
    });
  });
}
