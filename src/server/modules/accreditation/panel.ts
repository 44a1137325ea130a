// The expert review panel (第五条（三）): forming it with conflict-of-interest checks, each expert's
// declaration and scores against the versioned criteria sheet, and the bureau's summary.
import type { ReviewView, ScoreSummaryView } from "../../../shared/accreditation.js";
import type { ReviewCriterion } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { policyAt } from "../policy/service.js";
import { notify } from "../notifications/service.js";
import { usersWithRole, type ApplicationRecord } from "./queries.js";

/** A panel needs at least this many experts; the demo city has two without a conflict per applicant. */
export const PANEL_MIN_SIZE = 2;
/**
 * A weighted score this many points from the mean of the other reviews is flagged for the bureau; with
 * fewer than OUTLIER_MIN_REVIEWS reviews there is no "other side" to stand out from, so nothing is flagged.
 */
export const OUTLIER_POINTS = 15;
export const OUTLIER_MIN_REVIEWS = 3;

interface ExpertRow {
  id: string;
  displayName: string;
  orgId: string;
}

async function expertsByIds(trx: Tx, ids: readonly string[]): Promise<ExpertRow[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .select(["users.id", "users.displayName", "users.orgId"])
    .where("users.id", "in", [...ids])
    .where("userRoles.role", "=", "expert")
    .where("users.disabledAt", "is", null)
    .execute();
}

/** Guard of open-review: enough experts, each a real expert, none from the applicant's organization. */
export async function checkPanel(trx: Tx, record: ApplicationRecord, expertUserIds: readonly string[] | undefined): Promise<ExpertRow[]> {
  const ids = [...new Set(expertUserIds ?? [])];
  if (ids.length < PANEL_MIN_SIZE) throw new DomainError("PANEL_TOO_SMALL", { min: PANEL_MIN_SIZE });
  const experts = await expertsByIds(trx, ids);
  const missing = ids.find((id) => !experts.some((e) => e.id === id));
  if (missing) throw new DomainError("NOT_AN_EXPERT", { name: missing, userId: missing });
  // 第五条（三）: an expert from the applicant's own organization cannot sit on its panel.
  const conflicted = experts.find((e) => e.orgId === record.applicantOrgId);
  if (conflicted) throw new DomainError("EXPERT_CONFLICT", { expertName: conflicted.displayName, userId: conflicted.id });
  return experts;
}

/** Effect of open-review: seats the panel (a new round replaces an earlier one). */
export async function seatPanel(trx: Tx, ctx: Ctx, record: ApplicationRecord, expertUserIds: readonly string[]) {
  const experts = await checkPanel(trx, record, expertUserIds);
  await trx.deleteFrom("reviews").where("applicationId", "=", record.id).execute();
  await trx.deleteFrom("panelMembers").where("applicationId", "=", record.id).execute();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("panelMembers")
    .values(experts.map((e) => ({ applicationId: record.id, userId: e.id, assignedAt: now, declaredAt: null })))
    .execute();
  await notify(trx, ctx, experts.map((e) => e.id), "accreditation.panelAssigned", { baseName: record.baseName }, `/applications/${record.id}`);
  return { panel: experts.map((e) => e.id) };
}

/** Guard of approve (and of any decision after review): every panel member has reviewed. */
export async function checkAllReviewed(trx: Tx, record: ApplicationRecord): Promise<void> {
  const reviewed = await trx.selectFrom("reviews").select("expertId").where("applicationId", "=", record.id).execute();
  const pending = record.panelUserIds.filter((id) => !reviewed.some((r) => r.expertId === id)).length;
  if (record.panelUserIds.length === 0 || pending > 0) throw new DomainError("REVIEWS_PENDING", { pending: pending || PANEL_MIN_SIZE });
}

function panelScope(record: ApplicationRecord) {
  return { panelUserIds: record.panelUserIds };
}

export async function declareNoConflict(trx: Tx, ctx: Ctx, record: ApplicationRecord): Promise<void> {
  authorize(ctx.actor, "baseApplication.review", panelScope(record), ["expert"]);
  const res = await trx
    .updateTable("panelMembers")
    .set({ declaredAt: ctx.clock.nowIso() })
    .where("applicationId", "=", record.id)
    .where("userId", "=", ctx.actor!.id)
    .where("declaredAt", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) {
    // 第五条（三）, 第二十三条: the declaration is on record before the file is shown.
    await appendAudit(trx, ctx, { action: "baseApplication.declareNoConflict", resourceType: "baseApplication", resourceId: record.id });
  }
}

/** A second review of the same expert racing the first hits the unique key: the same answer as a later one. */
async function insertOnce(insert: Promise<unknown>): Promise<void> {
  try {
    await insert;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("ALREADY_REVIEWED");
    throw e;
  }
}

export function weightedScore(criteria: readonly ReviewCriterion[], scores: Record<string, number>): number {
  const total = criteria.reduce((s, c) => s + (c.weight * scores[c.key]) / c.max, 0);
  return Math.round(total * 100) / 100;
}

export interface ReviewInput {
  noConflictDeclared: boolean;
  scores: Record<string, number>;
  recommendation: "approve" | "reject";
  comment: string;
}

export async function submitReview(trx: Tx, ctx: Ctx, record: ApplicationRecord, input: ReviewInput): Promise<void> {
  authorize(ctx.actor, "baseApplication.review", panelScope(record), ["expert"]);
  if (record.status !== "under_review") throw new DomainError("WORKFLOW_ACTION_UNAVAILABLE", { action: "review", status: record.status });
  const seat = await trx
    .selectFrom("panelMembers")
    .select("declaredAt")
    .where("applicationId", "=", record.id)
    .where("userId", "=", ctx.actor!.id)
    .executeTakeFirstOrThrow();
  if (!input.noConflictDeclared) throw new DomainError("CONFLICT_NOT_DECLARED");
  if (!seat.declaredAt) await declareNoConflict(trx, ctx, record);
  const policy = await policyAt(trx, ctx.clock.today());
  const criteria = policy.params.reviewCriteria;
  const keys = Object.keys(input.scores);
  const unknown = keys.filter((k) => !criteria.some((c) => c.key === k));
  const absent = criteria.filter((c) => input.scores[c.key] === undefined).map((c) => c.key);
  const outOfRange = criteria.filter((c) => input.scores[c.key] !== undefined && (input.scores[c.key] < 0 || input.scores[c.key] > c.max)).map((c) => c.key);
  if (unknown.length || absent.length || outOfRange.length) {
    const reason = [absent.length ? `缺少 ${absent.join("、")}` : "", unknown.length ? `未知指标 ${unknown.join("、")}` : "", outOfRange.length ? `超出分值范围 ${outOfRange.join("、")}` : ""]
      .filter(Boolean)
      .join("；");
    throw new DomainError("SCORES_INVALID", { reason, absent, unknown, outOfRange });
  }
  const existing = await trx.selectFrom("reviews").select("id").where("applicationId", "=", record.id).where("expertId", "=", ctx.actor!.id).executeTakeFirst();
  if (existing) throw new DomainError("ALREADY_REVIEWED");
  const score = weightedScore(criteria, input.scores);
  await insertOnce(trx
    .insertInto("reviews")
    .values({
      id: newId(),
      applicationId: record.id,
      expertId: ctx.actor!.id,
      policyVersionId: policy.id,
      scores: JSON.stringify(input.scores),
      weightedScore: score,
      recommendation: input.recommendation,
      comment: input.comment,
      createdAt: ctx.clock.nowIso(),
    })
    .execute());
  await appendAudit(trx, ctx, {
    action: "baseApplication.review",
    resourceType: "baseApplication",
    resourceId: record.id,
    detail: { weightedScore: score, recommendation: input.recommendation, article: "第五条（三）" },
  });
  await notify(trx, ctx, await usersWithRole(trx, "bureau"), "accreditation.reviewed", { baseName: record.baseName }, `/applications/${record.id}`);
}

type ReviewRow = { expertId: string; expertName: string; scores: string; weightedScore: number; recommendation: string; comment: string; createdAt: string };

export function presentReviews(rows: ReviewRow[]): { reviews: ReviewView[]; summary: Omit<ScoreSummaryView, "panelSize"> } {
  const scores = rows.map((r) => Number(r.weightedScore));
  const n = scores.length;
  const mean = n ? scores.reduce((a, b) => a + b, 0) / n : null;
  const stdDev = mean === null ? null : Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const reviews = rows.map((r, i) => {
    const others = scores.filter((_, j) => j !== i);
    const othersMean = others.length ? others.reduce((a, b) => a + b, 0) / others.length : null;
    return {
      expertId: r.expertId,
      expertName: r.expertName,
      scores: JSON.parse(r.scores) as Record<string, number>,
      weightedScore: Number(r.weightedScore),
      recommendation: r.recommendation as "approve" | "reject",
      comment: r.comment,
      isOutlier: n >= OUTLIER_MIN_REVIEWS && othersMean !== null && Math.abs(Number(r.weightedScore) - othersMean) > OUTLIER_POINTS,
      createdAt: r.createdAt,
    };
  });
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    reviews,
    summary: {
      reviewed: n,
      mean: round(mean),
      spread: n ? round(Math.max(...scores) - Math.min(...scores)) : null,
      stdDev: round(stdDev),
      approveCount: rows.filter((r) => r.recommendation === "approve").length,
      rejectCount: rows.filter((r) => r.recommendation === "reject").length,
    },
  };
}
