// The lists of inspections (第十八条), scoped in SQL: the bureau sees all, a supervising unit the
// inspections it holds, a base's staff their base's once submitted (never a draft).
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database } from "../../db/schema.js";
import {
  DIMENSION_KEYS,
  type Grade,
  type InspectableBase,
  type InspectionListItem,
  type InspectionStatus,
} from "../../../shared/supervision/inspections.js";
import { authorize, scopesFor } from "../../platform/authz.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import type { SchemeCriterion } from "../../../shared/supervision/inspections.js";
import type { StoredScore } from "./inspection-workflow.js";
import { containsText } from "../../platform/search.js";

type Eb = ExpressionBuilder<Database, "inspections" | "bases">;

/** The inspections the actor may list, as a `where` (null: none at all). */
export function visibleInspections(actor: Actor | null): ((eb: Eb) => Expression<SqlBool>) | null {
  const scopes = scopesFor(actor, "inspection.read");
  if (!actor || scopes.length === 0) return null;
  if (scopes.includes("all")) return () => sql<SqlBool>`1 = 1`;
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (scopes.includes("supervisedOrg")) parts.push(eb("inspections.supervisorOrgId", "=", actor.orgId));
    if (scopes.includes("ownOrg")) parts.push(eb.and([eb("bases.hostOrgId", "=", actor.orgId), eb("inspections.status", "!=", "draft")]));
    return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
  };
}

export interface InspectionFilter {
  year?: number;
  status?: InspectionStatus;
  baseId?: string;
  grade?: Grade;
  q?: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function dimensionScores(schemeJson: string, scoresJson: string): Record<string, number | null> {
  const criteria = (JSON.parse(schemeJson) as { criteria: SchemeCriterion[] }).criteria;
  const scores = JSON.parse(scoresJson) as Record<string, StoredScore>;
  return Object.fromEntries(
    DIMENSION_KEYS.map((d) => {
      const given = criteria.filter((c) => c.dimension === d).map((c) => scores[c.key]?.score).filter((s): s is number => typeof s === "number");
      return [d, given.length ? round2(given.reduce((a, b) => a + b, 0)) : null];
    }),
  );
}

export async function listInspections(ctx: Ctx, f: PageRequest & InspectionFilter): Promise<Page<InspectionListItem>> {
  authorize(ctx.actor, "inspection.read");
  const where = visibleInspections(ctx.actor);
  if (!where) throw new DomainError("FORBIDDEN");
  const { page, pageSize, offset } = pageWindow(f);
  let q = ctx.db
    .selectFrom("inspections")
    .innerJoin("bases", "bases.id", "inspections.baseId")
    .innerJoin("organizations as unit", "unit.id", "inspections.supervisorOrgId")
    .where(where);
  if (f.year) q = q.where("inspections.year", "=", f.year);
  if (f.status) q = q.where("inspections.status", "=", f.status);
  if (f.baseId) q = q.where("inspections.baseId", "=", f.baseId);
  if (f.grade) q = q.where("inspections.grade", "=", f.grade);
  if (f.q) q = q.where(containsText("bases.name", f.q));
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .select([
        "inspections.id",
        "inspections.status",
        "inspections.baseId",
        "bases.name as baseName",
        "unit.name as supervisorOrgName",
        "inspections.year",
        "inspections.scheme",
        "inspections.scores",
        "inspections.totalScore",
        "inspections.grade",
        "inspections.answerDue",
        "inspections.answeredAt",
        "inspections.submittedAt",
        "inspections.finalizedAt",
        "inspections.updatedAt",
      ])
      // inspections_year_status_idx / inspections_supervisor_year_idx lead with the year
      .orderBy("inspections.year", "desc")
      .orderBy("inspections.id", "desc")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  const items = rows.map(({ scheme, scores, answeredAt, ...r }) => ({
    ...r,
    status: r.status as InspectionStatus,
    year: Number(r.year),
    grade: (r.grade as Grade | null) ?? null,
    totalScore: r.totalScore === null ? null : Number(r.totalScore),
    dimensionScores: dimensionScores(scheme, scores),
    answered: !!answeredAt,
  }));
  return { items, total: Number(count.n), page, pageSize };
}

/** The bases a supervising unit may inspect, each with its inspection of the year if it has one. */
export async function inspectableBases(ctx: Ctx, year: number): Promise<{ items: InspectableBase[] }> {
  authorize(ctx.actor, "inspection.create");
  const rows = await ctx.db
    .selectFrom("bases")
    .leftJoin("inspections", (j) => j.onRef("inspections.baseId", "=", "bases.id").on("inspections.year", "=", year))
    .select(["bases.id", "bases.name", "bases.status", "inspections.id as inspectionId"])
    .where("bases.supervisorOrgId", "=", ctx.actor!.orgId)
    .where("bases.status", "!=", "revoked")
    .orderBy("bases.name")
    .limit(500)
    .execute();
  return { items: rows.map((r) => ({ ...r, inspectionId: r.inspectionId ?? null })) };
}
