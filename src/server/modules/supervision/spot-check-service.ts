// 第十九条: the bureau draws a spot check (双随机: bases from those in force, inspectors from the expert
// pool without conflicts) or opens a comprehensive review of every base in force, records each base's
// outcome beside its inspection result, publishes and concludes (spot-check-workflow.ts).
import { randomBytes } from "node:crypto";
import type { OutcomeInput, OutcomeView, SpotCheckCreate, SpotCheckListItem, SpotCheckView } from "../../../shared/supervision/spot-checks.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { baseScope } from "../filing/bases.js";
import { requireFutureDeadline } from "./rectification-workflow.js";
import { byId, DRAW_ALGORITHM, DRAW_ALGORITHM_DESCRIPTION, DrawRefusal, drawSpotCheck } from "./spot-check-draw.js";
import * as q from "./spot-check-queries.js";
import { spotCheckScope, spotCheckWorkflow } from "./spot-check-workflow.js";

const NOUN = { bases: { whatZh: "基地", whatEn: "bases" }, inspectors: { whatZh: "检查人员", whatEn: "inspectors" } } as const;

const defaultTitle = (year: number, kind: string) => (kind === "comprehensive" ? `${year}年度继续教育基地综合评估` : `${year}年度继续教育基地“双随机”抽查`);

async function present(trx: Tx, ctx: Ctx, r: q.SpotCheckRecord): Promise<SpotCheckView> {
  const [rows, history, actions, createdByName] = await Promise.all([
    q.outcomeRows(trx, r.id),
    historyOf(trx, "spotCheck", r.id),
    availableActions(trx, ctx, spotCheckWorkflow, r),
    q.userName(trx, r.createdBy),
  ]);
  // A supervising unit sees the outcomes of its own bases; the bureau sees every one.
  const visible = rows.filter((o) => can(ctx.actor, "spotCheckOutcome.read", baseScope(o)));
  const inspections = await q.finalizedInspections(
    trx,
    visible.map((o) => o.baseId),
    r.year,
  );
  const outcomes: OutcomeView[] = visible.map((o) => {
    const i = inspections.get(o.baseId);
    return {
      baseId: o.baseId,
      baseName: o.baseName,
      supervisorOrgName: o.supervisorOrgName,
      baseStatus: o.baseStatus,
      inspection: i ? { id: i.id, totalScore: i.totalScore, grade: i.grade, finalizedAt: i.finalizedAt } : null,
      bureauScore: o.bureauScore,
      outcome: o.outcome,
      comment: o.comment,
      goodPractice: o.goodPractice,
      rectification: o.details.rectification ?? null,
      revocation: o.details.revocation ?? null,
      decidedByName: o.decidedByName,
      decidedAt: o.decidedAt,
    };
  });
  const mayDecide = r.status !== "concluded" && can(ctx.actor, "spotCheck.decide", spotCheckScope(), ["bureau"]);
  return {
    id: r.id,
    year: r.year,
    kind: r.kind,
    status: r.status as SpotCheckView["status"],
    title: r.title,
    seed: r.seed,
    algorithm: r.algorithm,
    algorithmDescription: DRAW_ALGORITHM_DESCRIPTION,
    baseCount: r.baseCount,
    inspectorCount: r.inspectorCount,
    bases: r.drawnBases,
    inspectors: r.drawnInspectors,
    baseCandidates: r.baseCandidates,
    inspectorCandidates: r.inspectorCandidates,
    outcomes,
    publishedAt: r.publishedAt,
    concludedAt: r.concludedAt,
    createdAt: r.createdAt,
    createdByName,
    availableActions: [...actions, ...(mayDecide ? ["decide"] : [])],
    history,
    version: r.version,
  };
}

async function readable(trx: Tx, ctx: Ctx, id: string): Promise<q.SpotCheckRecord> {
  authorize(ctx.actor, "spotCheck.read");
  const r = await q.loadSpotCheck(trx, id);
  if (!r || !can(ctx.actor, "spotCheck.read", spotCheckScope())) throw new DomainError("NOT_FOUND");
  return r;
}

export async function getSpotCheck(ctx: Ctx, id: string): Promise<SpotCheckView> {
  return present(ctx.db, ctx, await readable(ctx.db, ctx, id));
}

export async function listSpotChecks(ctx: Ctx, query: PageRequest & q.SpotCheckFilter): Promise<Page<SpotCheckListItem>> {
  authorize(ctx.actor, "spotCheck.read");
  const { page, pageSize, offset } = pageWindow(query);
  const [total, items] = await Promise.all([q.countSpotChecks(ctx.db, query), q.listSpotCheckRows(ctx.db, query, pageSize, offset)]);
  return { items, total, page, pageSize };
}

/** 双随机: draws and stores the candidates, the seed and the result, so the same inputs redraw it. */
export async function createSpotCheck(ctx: Ctx, body: SpotCheckCreate): Promise<SpotCheckView> {
  authorize(ctx.actor, "spotCheck.create");
  const kind = body.kind ?? "spot_check";
  // 第十九条: a spot check draws bases and inspectors (双随机); a comprehensive review takes every base.
  if (kind === "spot_check" && (body.baseCount < 1 || body.inspectorCount < 1)) throw new DomainError("SPOT_CHECK_COUNT_REQUIRED");
  return inTransaction(ctx, async (trx) => {
    const bases = byId(await q.baseCandidates(trx));
    const inspectors = byId(await q.inspectorCandidates(trx));
    if (bases.length === 0) throw new DomainError("SPOT_CHECK_NO_CANDIDATES", { what: "bases", ...NOUN.bases });
    if (body.inspectorCount > 0 && inspectors.length === 0) throw new DomainError("SPOT_CHECK_NO_CANDIDATES", { what: "inspectors", ...NOUN.inspectors });
    const seed = body.seed ?? randomBytes(16).toString("hex");
    const baseCount = kind === "comprehensive" ? null : body.baseCount;
    let result;
    try {
      result = drawSpotCheck({ seed, baseCandidates: bases, inspectorCandidates: inspectors, baseCount, inspectorCount: body.inspectorCount });
    } catch (e) {
      if (!(e instanceof DrawRefusal)) throw e;
      const baseName = e.baseId ? bases.find((b) => b.id === e.baseId)?.name : undefined;
      throw new DomainError("SPOT_CHECK_TOO_MANY", { what: e.what, ...NOUN[e.what], count: e.count, candidates: e.candidates, ...(baseName ? { baseName } : {}) });
    }
    const nameOf = new Map([...bases, ...inspectors].map((x) => [x.id, x.name]));
    const drawnBases = result.baseIds.map((id) => ({ id, name: nameOf.get(id)! }));
    const drawnInspectors = result.inspectors.map((i) => ({ id: i.inspectorId, name: nameOf.get(i.inspectorId)!, baseId: i.baseId }));
    const id = newId();
    const now = ctx.clock.nowIso();
    await trx
      .insertInto("spotChecks")
      .values({
        id,
        year: body.year,
        kind,
        status: spotCheckWorkflow.initial,
        title: body.title?.trim() || defaultTitle(body.year, kind),
        seed,
        algorithm: DRAW_ALGORITHM,
        baseCount: baseCount ?? bases.length,
        inspectorCount: body.inspectorCount,
        baseCandidates: JSON.stringify(bases),
        inspectorCandidates: JSON.stringify(inspectors),
        drawnBases: JSON.stringify(drawnBases),
        drawnInspectors: JSON.stringify(drawnInspectors),
        publishedAt: null,
        concludedAt: null,
        createdBy: ctx.actor!.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto("supervisionOutcomes")
      .values(drawnBases.map((b) => ({ id: newId(), spotCheckId: id, baseId: b.id, inspectionId: null, inspectionScore: null, bureauScore: null, outcome: null, comment: "", goodPractice: null, details: "{}", decidedBy: null, decidedAt: null })))
      .execute();
    await trx
      .insertInto("workflowHistory")
      .values({ id: newId(), resourceType: "spotCheck", resourceId: id, action: "draw", fromStatus: "", toStatus: "drawn", actorId: ctx.actor!.id, actorName: ctx.actor!.displayName, comment: null, at: now })
      .execute();
    await appendAudit(trx, ctx, {
      action: "spotCheck.create",
      resourceType: "spotCheck",
      resourceId: id,
      detail: { article: "第十九条", year: body.year, kind, seed, algorithm: DRAW_ALGORITHM, baseIds: result.baseIds, inspectors: drawnInspectors.length, candidates: { bases: bases.length, inspectors: inspectors.length } },
    });
    return present(trx, ctx, (await q.loadSpotCheck(trx, id))!);
  });
}

const need = (fieldZh: string, fieldEn: string, field: string, outcome: string) => new DomainError("OUTCOME_DETAILS_REQUIRED", { outcome, field, fieldZh, fieldEn });

/** What an outcome will do at conclusion, checked now so the conclusion does not fail on it later. */
function outcomeDetails(ctx: Ctx, body: OutcomeInput): { goodPractice: string | null; details: q.OutcomeRow["details"] } {
  switch (body.outcome) {
    case "commend": {
      const goodPractice = body.goodPractice?.trim();
      if (!goodPractice) throw need("表彰的典型经验做法（将向社会公开，宣传推广）", "good practice to publish", "goodPractice", body.outcome);
      return { goodPractice, details: {} };
    }
    case "rectify": {
      const items = (body.rectification?.items ?? []).map((i) => i.trim()).filter(Boolean);
      if (items.length === 0) throw need("整改内容", "items to rectify", "rectification.items", body.outcome);
      const deadline = requireFutureDeadline(ctx, body.rectification!.deadline);
      return { goodPractice: null, details: { rectification: { items, deadline } } };
    }
    case "revoke": {
      const reason = body.revocation?.reason.trim();
      const basis = body.revocation?.basis.trim();
      if (!reason) throw need("撤销理由", "reason for revocation", "revocation.reason", body.outcome);
      if (!basis) throw need("撤销依据", "basis of revocation", "revocation.basis", body.outcome);
      return { goodPractice: null, details: { revocation: { reason, basis } } };
    }
    default:
      return { goodPractice: null, details: {} };
  }
}

/** The bureau records (or changes) one base's outcome while the review is drawn or published. */
export async function recordOutcome(ctx: Ctx, id: string, baseId: string, body: OutcomeInput): Promise<SpotCheckView> {
  return inTransaction(ctx, async (trx) => {
    const r = await readable(trx, ctx, id);
    authorize(ctx.actor, "spotCheck.decide", spotCheckScope(), ["bureau"]);
    if (body.version !== undefined && body.version !== r.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
    if (r.status === "concluded") throw new DomainError("SPOT_CHECK_CONCLUDED");
    const row = (await q.outcomeRows(trx, id)).find((o) => o.baseId === baseId);
    if (!row) throw new DomainError("NOT_FOUND");
    if (row.baseStatus === "revoked" && body.outcome !== "pass") throw new DomainError("BASE_REVOKED");
    const { goodPractice, details } = outcomeDetails(ctx, body);
    // The version moves with every outcome: a conclusion prepared on an older board answers 409.
    const bumped = await trx
      .updateTable("spotChecks")
      .set({ version: r.version + 1, updatedAt: ctx.clock.nowIso() })
      .where("id", "=", id)
      .where("version", "=", r.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    const inspection = (await q.finalizedInspections(trx, [baseId], r.year)).get(baseId);
    await trx
      .updateTable("supervisionOutcomes")
      .set({
        outcome: body.outcome,
        bureauScore: body.bureauScore ?? null,
        comment: body.comment.trim(),
        goodPractice,
        details: JSON.stringify(details),
        inspectionId: inspection?.id ?? null,
        inspectionScore: inspection?.totalScore ?? null,
        decidedBy: ctx.actor!.id,
        decidedAt: ctx.clock.nowIso(),
      })
      .where("spotCheckId", "=", id)
      .where("baseId", "=", baseId)
      .execute();
    await appendAudit(trx, ctx, {
      action: "spotCheck.decide",
      resourceType: "spotCheck",
      resourceId: id,
      detail: { article: "第十九条", baseId, outcome: body.outcome, previous: row.outcome, bureauScore: body.bureauScore ?? null },
    });
    return present(trx, ctx, (await q.loadSpotCheck(trx, id))!);
  });
}

export async function stepSpotCheck(ctx: Ctx, id: string, action: string, body: { version?: number; comment?: string }): Promise<SpotCheckView> {
  return inTransaction(ctx, async (trx) => {
    const { record } = await runStep(trx, ctx, spotCheckWorkflow, { id, action, version: body.version, comment: body.comment?.trim() || null });
    return present(trx, ctx, record);
  });
}
