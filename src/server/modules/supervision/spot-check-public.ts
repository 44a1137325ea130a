// 第十九条 一公开: anyone sees a published draw (seed, algorithm, candidates, drawn bases and inspectors'
// names) and, once concluded, its results; and anyone can have the draw recomputed from what is stored.
import type { PublicResult, PublicSpotCheckItem, PublicSpotCheckView, SpotCheckVerifyView } from "../../../shared/supervision/spot-checks.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { authorize, can } from "../../platform/authz.js";
import { DRAW_ALGORITHM, DRAW_ALGORITHM_DESCRIPTION, DrawRefusal, drawSpotCheck, isConflict } from "./spot-check-draw.js";
import * as q from "./spot-check-queries.js";
import { spotCheckScope } from "./spot-check-workflow.js";

async function resultsOf(trx: Tx, r: q.SpotCheckRecord): Promise<PublicResult[] | null> {
  if (r.status !== "concluded") return null;
  const rows = await q.outcomeRows(trx, r.id);
  const inspections = await q.finalizedInspections(
    trx,
    rows.map((o) => o.baseId),
    r.year,
  );
  return rows.map((o) => ({
    baseId: o.baseId,
    baseName: o.baseName,
    outcome: o.outcome!,
    inspectionScore: o.inspectionScore,
    inspectionGrade: inspections.get(o.baseId)?.grade ?? null,
    bureauScore: o.bureauScore,
    goodPractice: o.goodPractice,
  }));
}

async function publicItem(trx: Tx, r: q.SpotCheckRecord): Promise<PublicSpotCheckItem> {
  return {
    id: r.id,
    year: r.year,
    kind: r.kind,
    status: r.status as PublicSpotCheckItem["status"],
    title: r.title,
    seed: r.seed,
    algorithm: r.algorithm,
    baseCount: r.baseCount,
    inspectorCount: r.inspectorCount,
    bases: r.drawnBases,
    inspectors: r.drawnInspectors.map((i) => ({ name: i.name, baseId: i.baseId })),
    publishedAt: r.publishedAt ?? r.createdAt,
    concludedAt: r.concludedAt,
    results: await resultsOf(trx, r),
  };
}

export async function listPublicSpotChecks(ctx: Ctx, query: PageRequest & { year?: number }): Promise<Page<PublicSpotCheckItem>> {
  const { page, pageSize, offset } = pageWindow(query);
  const { total, ids } = await q.publicSpotCheckIds(ctx.db, query.year, pageSize, offset);
  const items: PublicSpotCheckItem[] = [];
  for (const id of ids) items.push(await publicItem(ctx.db, (await q.loadSpotCheck(ctx.db, id))!));
  return { items, total, page, pageSize };
}

async function loadPublic(ctx: Ctx, id: string): Promise<q.SpotCheckRecord> {
  const r = await q.loadSpotCheck(ctx.db, id);
  // Before publication a draw does not exist for the public.
  if (!r || (r.status !== "published" && r.status !== "concluded")) throw new DomainError("NOT_FOUND");
  return r;
}

export async function publicSpotCheck(ctx: Ctx, id: string): Promise<PublicSpotCheckView> {
  const r = await loadPublic(ctx, id);
  return {
    ...(await publicItem(ctx.db, r)),
    algorithmDescription: DRAW_ALGORITHM_DESCRIPTION,
    baseCandidates: r.baseCandidates.map((b) => ({ id: b.id, name: b.name })),
    inspectorCandidates: r.inspectorCandidates.map((i) => ({ name: i.name })),
    // The conflicts as positions, so the draw can be redone without anyone's account or organization.
    exclusions: r.drawnBases.map((b) => {
      const base = r.baseCandidates.find((c) => c.id === b.id)!;
      return { baseId: b.id, inspectorIndexes: r.inspectorCandidates.flatMap((i, n) => (isConflict(base, i) ? [n] : [])) };
    }),
  };
}

/** Redraws from the stored candidates and seed and compares with the stored result. */
function verify(r: q.SpotCheckRecord): SpotCheckVerifyView {
  const nameOf = new Map([...r.baseCandidates, ...r.inspectorCandidates].map((x) => [x.id, x.name]));
  let recomputed: { baseIds: string[]; inspectors: Array<{ baseId: string; inspectorId: string }> } = { baseIds: [], inspectors: [] };
  if (r.algorithm === DRAW_ALGORITHM) {
    try {
      recomputed = drawSpotCheck({
        seed: r.seed,
        baseCandidates: r.baseCandidates,
        inspectorCandidates: r.inspectorCandidates,
        baseCount: r.kind === "comprehensive" ? null : r.baseCount,
        inspectorCount: r.inspectorCount,
      });
    } catch (e) {
      if (!(e instanceof DrawRefusal)) throw e;
    }
  }
  const stored = { baseIds: r.drawnBases.map((b) => b.id), inspectors: r.drawnInspectors.map((i) => ({ baseId: i.baseId, inspectorId: i.id })) };
  const matches = JSON.stringify(stored) === JSON.stringify(recomputed);
  return {
    id: r.id,
    seed: r.seed,
    algorithm: r.algorithm,
    matches,
    storedBases: r.drawnBases,
    recomputedBases: recomputed.baseIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
    storedInspectors: r.drawnInspectors.map((i) => ({ name: i.name, baseId: i.baseId })),
    recomputedInspectors: recomputed.inspectors.map((i) => ({ name: nameOf.get(i.inspectorId) ?? "", baseId: i.baseId })),
  };
}

export async function verifySpotCheck(ctx: Ctx, id: string): Promise<SpotCheckVerifyView> {
  authorize(ctx.actor, "spotCheck.read");
  const r = await q.loadSpotCheck(ctx.db, id);
  if (!r || !can(ctx.actor, "spotCheck.read", spotCheckScope())) throw new DomainError("NOT_FOUND");
  return verify(r);
}

export async function verifyPublicSpotCheck(ctx: Ctx, id: string): Promise<SpotCheckVerifyView> {
  return verify(await loadPublic(ctx, id));
}
