// 第十九条: the workflow of a comprehensive review or spot check, as data: drawn → publish → published
// (the draw goes on the public page, 一公开) → conclude → concluded (every base has its outcome; the
// outcomes take effect in the same transaction: 表彰, 限期整改, 撤销; the results go public).
import type { Outcome } from "../../../shared/supervision/spot-checks.js";
import { appendAudit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { defineWorkflow, type StepInput } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { openRectificationOrder } from "./rectification-service.js";
import { revokeBase } from "./revocation.js";
import { finalizedInspections, loadSpotCheck, outcomeRows, type OutcomeRow, type SpotCheckRecord } from "./spot-check-queries.js";

/** A review is city-wide: the bureau runs it (第十三条), the supervising units read it (第十九条 "会同"). */
export const spotCheckScope = () => ({});

const publicLink = (id: string) => `/public/spot-checks/${id}`;

async function peopleOfBase(trx: Tx, row: Pick<OutcomeRow, "hostOrgId" | "supervisorOrgId">): Promise<string[]> {
  return [...(await usersWithRole(trx, "base_staff", row.hostOrgId)), ...(await usersWithRole(trx, "supervisor", row.supervisorOrgId))];
}

/** 一公开: the draw is published; the drawn bases, their supervising units and the drawn inspectors are told. */
async function publish(trx: Tx, ctx: Ctx, r: SpotCheckRecord) {
  await trx.updateTable("spotChecks").set({ publishedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
  const rows = await outcomeRows(trx, r.id);
  for (const row of rows) {
    await notify(trx, ctx, await peopleOfBase(trx, row), "supervision.spotChecks.drawn", { title: r.title, baseName: row.baseName }, publicLink(r.id));
    const inspectorIds = r.drawnInspectors.filter((i) => i.baseId === row.baseId).map((i) => i.id);
    await notify(trx, ctx, inspectorIds, "supervision.spotChecks.inspectorDrawn", { title: r.title, baseName: row.baseName }, publicLink(r.id));
  }
  return { bases: rows.length, inspectors: r.drawnInspectors.length };
}

/** 第十九条: a review concludes only when every base has its outcome. */
async function requireAllOutcomes(trx: Tx, _ctx: Ctx, r: SpotCheckRecord, _input: StepInput) {
  const missing = (await outcomeRows(trx, r.id)).filter((o) => !o.outcome);
  if (missing.length > 0) throw new DomainError("OUTCOMES_INCOMPLETE", { count: missing.length, bases: missing.map((m) => m.baseName) });
}

/** 第十九条 "宣传推广": the badge in the public registry and the good practice published with it. */
async function commend(trx: Tx, ctx: Ctx, r: SpotCheckRecord, row: OutcomeRow) {
  await trx
    .updateTable("bases")
    .set((eb) => ({ commendedYear: r.year, goodPractice: row.goodPractice, updatedAt: ctx.clock.nowIso(), version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", row.baseId)
    .execute();
  await appendAudit(trx, ctx, {
    action: "base.commend",
    resourceType: "base",
    resourceId: row.baseId,
    detail: { article: "第十九条", year: r.year, sourceType: "spotCheck", sourceId: r.id },
  });
}

/** Each outcome takes effect, in the conclusion's transaction. */
async function conclude(trx: Tx, ctx: Ctx, r: SpotCheckRecord) {
  const rows = await outcomeRows(trx, r.id);
  const inspections = await finalizedInspections(
    trx,
    rows.map((o) => o.baseId),
    r.year,
  );
  const effects = { commended: [] as string[], rectificationOrders: [] as string[], revocations: [] as string[] };
  for (const row of rows) {
    const inspection = inspections.get(row.baseId);
    // The inspection result the bureau concluded on stays with the outcome.
    await trx
      .updateTable("supervisionOutcomes")
      .set({ inspectionId: inspection?.id ?? null, inspectionScore: inspection?.totalScore ?? null })
      .where("spotCheckId", "=", r.id)
      .where("baseId", "=", row.baseId)
      .execute();
    const outcome = row.outcome as Outcome;
    if (outcome === "commend") {
      await commend(trx, ctx, r, row);
      effects.commended.push(row.baseId);
    } else if (outcome === "rectify") {
      const { items, deadline } = row.details.rectification!;
      const order = await openRectificationOrder(trx, ctx, { baseId: row.baseId, items, deadline, sourceType: "spotCheck", sourceId: r.id, comment: row.comment || undefined });
      effects.rectificationOrders.push(order.id);
    } else if (outcome === "revoke") {
      const { reason, basis } = row.details.revocation!;
      const done = await revokeBase(trx, ctx, row.baseId, { reason, basis, source: { type: "spotCheck", id: r.id } });
      effects.revocations.push(done.decisionNo);
    }
    await notify(trx, ctx, await peopleOfBase(trx, row), `supervision.spotChecks.outcome.${outcome}`, { title: r.title, baseName: row.baseName }, publicLink(r.id));
  }
  await trx.updateTable("spotChecks").set({ concludedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
  return effects;
}

export const spotCheckWorkflow = defineWorkflow<SpotCheckRecord>({
  resourceType: "spotCheck",
  table: "spotChecks",
  initial: "drawn",
  scopeOf: spotCheckScope,
  load: loadSpotCheck,
  transitions: [
    { from: "drawn", action: "publish", to: "published", roles: ["bureau"], article: "第十九条（双随机一公开）", effect: publish },
    { from: "published", action: "conclude", to: "concluded", roles: ["bureau"], article: "第十九条", guard: requireAllOutcomes, effect: conclude },
  ],
});
