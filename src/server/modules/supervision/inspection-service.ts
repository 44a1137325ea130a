// 第十八条: the supervising unit opens a base's annual inspection (prefilled with the platform's facts),
// scores it, and takes it through submit → answer → finalize. A unit inspects only the bases it
// supervises (others answer 404); a base never sees a draft.
import {
  DIMENSION_KEYS,
  DIMENSION_NAMES,
  type AttachedFile,
  type Grade,
  type InspectionCreateBody,
  type InspectionPatchBody,
  type InspectionStatus,
  type InspectionStepBody,
  type InspectionView,
} from "../../../shared/supervision/inspections.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Actor, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, lockNamed, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { readStoredFile } from "../../platform/files.js";
import { newId } from "../../platform/ids.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { loadBaseFacts } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { computeFacts } from "./inspection-facts.js";
import { ownUpload, schemeFor } from "./inspection-schemes.js";
import { inspectionScope, inspectionWorkflow, loadInspection, totalOf, type InspectionRecord, type StoredScore } from "./inspection-workflow.js";

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A base's staff do not see the drafts their supervising unit is still scoring. */
export function maySee(actor: Actor | null, r: InspectionRecord): boolean {
  if (!can(actor, "inspection.read", inspectionScope(r))) return false;
  return r.status !== "draft" || can(actor, "inspection.read", { supervisorOrgId: r.supervisorOrgId });
}

export async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<InspectionRecord> {
  authorize(ctx.actor, "inspection.read");
  const r = await loadInspection(trx, id);
  if (!r || !maySee(ctx.actor, r)) throw new DomainError("NOT_FOUND");
  return r;
}

async function fileNames(trx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await trx.selectFrom("fileUploads").select(["fileId", "name"]).where("fileId", "in", [...ids]).orderBy("createdAt").execute();
  return new Map(rows.map((r) => [r.fileId, r.name]));
}

export async function present(trx: Tx, ctx: Ctx, r: InspectionRecord): Promise<InspectionView> {
  const evidence = Object.values(r.scores).flatMap((s) => s.evidenceFileIds);
  const [history, actions, names] = await Promise.all([
    historyOf(trx, "inspection", r.id),
    availableActions(trx, ctx, inspectionWorkflow, r),
    fileNames(trx, [...evidence, ...r.answerFileIds]),
  ]);
  const attached = (ids: readonly string[]): AttachedFile[] => ids.map((fileId) => ({ fileId, name: names.get(fileId) ?? "附件" }));
  const facts = r.facts.values as unknown as Record<string, Record<string, unknown>>;
  const dimensions = DIMENSION_KEYS.map((key) => {
    const criteria = r.scheme.criteria
      .filter((c) => c.dimension === key)
      .map((c) => {
        const s = r.scores[c.key];
        return { key: c.key, name: c.name, maxScore: c.maxScore, score: s?.score ?? null, comment: s?.comment ?? "", evidenceFileIds: s?.evidenceFileIds ?? [], evidenceFiles: attached(s?.evidenceFileIds ?? []) };
      });
    const given = criteria.map((c) => c.score).filter((s): s is number => s !== null);
    return {
      key,
      name: DIMENSION_NAMES[key],
      maxScore: round2(criteria.reduce((s, c) => s + c.maxScore, 0)),
      score: given.length ? round2(given.reduce((a, b) => a + b, 0)) : null,
      criteria,
      facts: facts[key] ?? {},
    };
  });
  return {
    id: r.id,
    status: r.status as InspectionStatus,
    baseId: r.baseId,
    baseName: r.baseName,
    year: r.year,
    supervisorOrgId: r.supervisorOrgId,
    supervisorOrgName: r.supervisorOrgName,
    schemeIsDefault: r.scheme.isDefault,
    gradeBands: r.scheme.gradeBands,
    dimensions,
    factsAt: r.facts.computedAt,
    totalScore: r.totalScore ?? totalOf(r),
    grade: (r.grade as Grade | null) ?? null,
    summary: r.summary,
    answerDue: r.answerDue,
    answer: r.answer,
    answerFiles: attached(r.answerFileIds),
    finalComment: r.finalComment,
    submittedAt: r.submittedAt,
    answeredAt: r.answeredAt,
    finalizedAt: r.finalizedAt,
    history,
    availableActions: actions,
    canEdit: r.status === "draft" && can(ctx.actor, "inspection.update", inspectionScope(r)),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export async function getInspection(ctx: Ctx, id: string): Promise<InspectionView> {
  return present(ctx.db, ctx, await loadInScope(ctx.db, ctx, id));
}

/** 第十八条: the base's supervising unit opens the year's inspection, prefilled with the platform's facts. */
export async function createInspection(ctx: Ctx, input: InspectionCreateBody): Promise<InspectionView> {
  authorize(ctx.actor, "inspection.create");
  try {
    return await inTransaction(ctx, async (trx) => {
      const base = await loadBaseFacts(trx, input.baseId);
      if (!base || !can(ctx.actor, "inspection.create", { supervisorOrgId: base.supervisorOrgId })) throw new DomainError("NOT_FOUND");
      if (base.status === "revoked") throw new DomainError("BASE_REVOKED");
      const decided = await trx.selectFrom("bases").select("decisionDate").where("id", "=", base.id).executeTakeFirstOrThrow();
      const minYear = Number(decided.decisionDate.slice(0, 4));
      const maxYear = Number(ctx.clock.today().slice(0, 4));
      if (input.year < minYear || input.year > maxYear) throw new DomainError("INSPECTION_YEAR_INVALID", { minYear, maxYear });
      await lockNamed(trx, ctx.dialect, `inspection:${base.id}:${input.year}`);
      const existing = await trx.selectFrom("inspections").select("id").where("baseId", "=", base.id).where("year", "=", input.year).executeTakeFirst();
      if (existing) throw new DomainError("INSPECTION_EXISTS", { year: input.year, inspectionId: existing.id });
      const scheme = await schemeFor(trx, base.supervisorOrgId, input.year);
      const now = ctx.clock.nowIso();
      const facts = { computedAt: now, values: await computeFacts(trx, base.id, input.year, ctx.clock.today()) };
      const id = newId();
      await trx
        .insertInto("inspections")
        .values({
          id,
          baseId: base.id,
          supervisorOrgId: base.supervisorOrgId,
          year: input.year,
          status: "draft",
          scheme: JSON.stringify(scheme),
          facts: JSON.stringify(facts),
          scores: "{}",
          summary: "",
          answerFileIds: "[]",
          createdBy: ctx.actor!.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await appendAudit(trx, ctx, {
        action: "inspection.create",
        resourceType: "inspection",
        resourceId: id,
        detail: { baseId: base.id, year: input.year, schemeIsDefault: scheme.isDefault, article: "第十八条" },
      });
      return present(trx, ctx, (await loadInspection(trx, id))!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("INSPECTION_EXISTS", { year: input.year });
    throw e;
  }
}

/** The inspector's scores, comments and evidence per criterion, and the summary, while a draft. */
export async function updateInspection(ctx: Ctx, id: string, input: InspectionPatchBody): Promise<InspectionView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    authorize(ctx.actor, "inspection.update", inspectionScope(r));
    if (input.version !== r.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
    if (r.status !== "draft") throw new DomainError("INSPECTION_NOT_EDITABLE");
    const scores: Record<string, StoredScore> = { ...r.scores };
    for (const [key, given] of Object.entries(input.scores ?? {})) {
      const criterion = r.scheme.criteria.find((c) => c.key === key);
      if (!criterion) throw new DomainError("CRITERION_UNKNOWN", { criterion: key });
      if (given.score !== null && (given.score < 0 || given.score > criterion.maxScore)) {
        throw new DomainError("SCORE_OUT_OF_RANGE", { criterion: criterion.name, key, max: criterion.maxScore });
      }
      const before = r.scores[key];
      const evidence = given.evidenceFileIds ? [...new Set(given.evidenceFileIds)] : (before?.evidenceFileIds ?? []);
      for (const fileId of evidence) if (!before?.evidenceFileIds.includes(fileId)) await ownUpload(trx, ctx, fileId);
      scores[key] = {
        score: given.score === null ? null : round2(given.score),
        comment: given.comment !== undefined ? given.comment.trim() : (before?.comment ?? ""),
        evidenceFileIds: evidence,
      };
    }
    const res = await trx
      .updateTable("inspections")
      .set({ scores: JSON.stringify(scores), summary: input.summary?.trim() ?? r.summary, updatedAt: ctx.clock.nowIso(), version: r.version + 1 })
      .where("id", "=", r.id)
      .where("version", "=", r.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    await appendAudit(trx, ctx, {
      action: "inspection.update",
      resourceType: "inspection",
      resourceId: r.id,
      detail: { criteria: Object.keys(input.scores ?? {}), summary: input.summary !== undefined, total: totalOf({ scheme: r.scheme, scores }) },
    });
    return present(trx, ctx, (await loadInspection(trx, r.id))!);
  });
}

/** A workflow step (refresh-facts, submit, answer, finalize) and who hears of it. */
export async function takeInspectionStep(ctx: Ctx, id: string, action: string, body: InspectionStepBody): Promise<InspectionView> {
  return inTransaction(ctx, async (trx) => {
    await loadInScope(trx, ctx, id);
    const comment = body.comment?.trim() || null;
    const { record: r } = await runStep(trx, ctx, inspectionWorkflow, { id, action, version: body.version, comment, payload: body.payload });
    const link = `/inspections/${r.id}`;
    const params = {
      baseName: r.baseName,
      year: r.year,
      totalScore: r.totalScore,
      grade: r.grade,
      answerDue: r.answerDue,
      unitName: r.supervisorOrgName,
    };
    const staff = () => usersWithRole(trx, "base_staff", r.hostOrgId);
    if (action === "submit") await notify(trx, ctx, await staff(), "supervision.inspections.submitted", params, link);
    if (action === "answer") await notify(trx, ctx, await usersWithRole(trx, "supervisor", r.supervisorOrgId), "supervision.inspections.answered", params, link);
    if (action === "finalize") await notify(trx, ctx, [...(await staff()), ...(await usersWithRole(trx, "bureau"))], "supervision.inspections.finalized", params, link);
    return present(trx, ctx, r);
  });
}

/** An evidence or answer file of an inspection, for whoever may read the inspection. */
export async function inspectionFile(ctx: Ctx, id: string, fileId: string): Promise<{ bytes: Buffer; name: string; mime: string }> {
  const r = await loadInScope(ctx.db, ctx, id);
  const attached = [...Object.values(r.scores).flatMap((s) => s.evidenceFileIds), ...r.answerFileIds];
  if (!attached.includes(fileId)) throw new DomainError("NOT_FOUND");
  const file = await ctx.db.selectFrom("files").select("mime").where("id", "=", fileId).executeTakeFirst();
  if (!file) throw new DomainError("NOT_FOUND");
  const names = await fileNames(ctx.db, [fileId]);
  return { bytes: await readStoredFile(ctx.config.dataDir, fileId), name: names.get(fileId) ?? "附件", mime: file.mime };
}

/**
 * 第十九条: the result a comprehensive review or spot check starts from — the base's finalized
 * inspection of the year, if there is one.
 */
export async function latestFinalizedInspection(trx: Tx, baseId: string, year: number): Promise<{ id: string; totalScore: number; grade: Grade } | undefined> {
  const r = await trx
    .selectFrom("inspections")
    .select(["id", "totalScore", "grade"])
    .where("baseId", "=", baseId)
    .where("year", "=", year)
    .where("status", "=", "finalized")
    .orderBy("finalizedAt", "desc")
    .executeTakeFirst();
  return r ? { id: r.id, totalScore: Number(r.totalScore), grade: r.grade as Grade } : undefined;
}
