// SQL of comprehensive reviews and spot checks (第十九条), and nothing else.
import type { BaseCandidate, DrawnInspector, InspectorCandidate, OutcomeView, SpotCheckKind, SpotCheckListItem, SpotCheckStatus } from "../../../shared/supervision/spot-checks.js";
import type { Tx } from "../../platform/db.js";

export interface NamedRef {
  id: string;
  name: string;
}

export interface SpotCheckRecord {
  id: string;
  status: string;
  version: number;
  year: number;
  kind: SpotCheckKind;
  title: string;
  seed: string;
  algorithm: string;
  baseCount: number;
  inspectorCount: number;
  baseCandidates: BaseCandidate[];
  inspectorCandidates: InspectorCandidate[];
  drawnBases: NamedRef[];
  drawnInspectors: Array<DrawnInspector>;
  publishedAt: string | null;
  concludedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** 第十九条: the bases in force (active, or rectifying under an order) with their host organization. */
export async function baseCandidates(trx: Tx): Promise<BaseCandidate[]> {
  return trx
    .selectFrom("bases")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .select(["bases.id", "bases.name", "bases.hostOrgId", "host.name as hostOrgName"])
    .where("bases.status", "in", ["active", "rectifying"])
    .execute();
}

/** The expert pool: enabled accounts holding the expert role, with their organization (for 回避). */
export async function inspectorCandidates(trx: Tx): Promise<InspectorCandidate[]> {
  return trx
    .selectFrom("users")
    .innerJoin("userRoles", "userRoles.userId", "users.id")
    .innerJoin("organizations", "organizations.id", "users.orgId")
    .select(["users.id", "users.displayName as name", "users.orgId", "organizations.name as orgName"])
    .where("userRoles.role", "=", "expert")
    .where("users.disabledAt", "is", null)
    .execute();
}

export async function loadSpotCheck(trx: Tx, id: string): Promise<SpotCheckRecord | undefined> {
  const row = await trx.selectFrom("spotChecks").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    version: Number(row.version),
    year: Number(row.year),
    kind: row.kind as SpotCheckKind,
    title: row.title,
    seed: row.seed,
    algorithm: row.algorithm,
    baseCount: Number(row.baseCount),
    inspectorCount: Number(row.inspectorCount),
    baseCandidates: JSON.parse(row.baseCandidates),
    inspectorCandidates: JSON.parse(row.inspectorCandidates),
    drawnBases: JSON.parse(row.drawnBases),
    drawnInspectors: JSON.parse(row.drawnInspectors),
    publishedAt: row.publishedAt,
    concludedAt: row.concludedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export async function userName(trx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await trx.selectFrom("users").select("displayName").where("id", "=", id).executeTakeFirst())?.displayName ?? null;
}

export interface OutcomeRow {
  baseId: string;
  baseName: string;
  hostOrgId: string;
  supervisorOrgId: string;
  supervisorOrgName: string;
  baseStatus: string;
  inspectionId: string | null;
  inspectionScore: number | null;
  bureauScore: number | null;
  outcome: OutcomeView["outcome"];
  comment: string;
  goodPractice: string | null;
  details: { rectification?: { items: string[]; deadline: string }; revocation?: { reason: string; basis: string } };
  decidedByName: string | null;
  decidedAt: string | null;
}

export async function outcomeRows(trx: Tx, spotCheckId: string): Promise<OutcomeRow[]> {
  const rows = await trx
    .selectFrom("supervisionOutcomes as o")
    .innerJoin("bases", "bases.id", "o.baseId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .leftJoin("users as decider", "decider.id", "o.decidedBy")
    .select([
      "o.baseId",
      "bases.name as baseName",
      "bases.hostOrgId",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "bases.status as baseStatus",
      "o.inspectionId",
      "o.inspectionScore",
      "o.bureauScore",
      "o.outcome",
      "o.comment",
      "o.goodPractice",
      "o.details",
      "decider.displayName as decidedByName",
      "o.decidedAt",
    ])
    .where("o.spotCheckId", "=", spotCheckId)
    .orderBy("bases.name")
    .orderBy("o.baseId")
    .execute();
  return rows.map((r) => ({
    ...r,
    inspectionScore: r.inspectionScore === null ? null : Number(r.inspectionScore),
    bureauScore: r.bureauScore === null ? null : Number(r.bureauScore),
    outcome: r.outcome as OutcomeRow["outcome"],
    details: JSON.parse(r.details),
  }));
}

export interface FinalizedInspection {
  id: string;
  baseId: string;
  totalScore: number | null;
  grade: string | null;
  finalizedAt: string | null;
}

/** 第十八条: each base's finalized inspection of the year (one per base and year), beside the bureau's score. */
export async function finalizedInspections(trx: Tx, baseIds: string[], year: number): Promise<Map<string, FinalizedInspection>> {
  if (baseIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom("inspections")
    .select(["id", "baseId", "totalScore", "grade", "finalizedAt"])
    .where("baseId", "in", baseIds)
    .where("year", "=", year)
    .where("status", "=", "finalized")
    .orderBy("finalizedAt")
    .execute();
  return new Map(rows.map((r) => [r.baseId, { ...r, totalScore: r.totalScore === null ? null : Number(r.totalScore) }]));
}

export interface SpotCheckFilter {
  year?: number;
  kind?: SpotCheckKind;
  status?: SpotCheckStatus;
}

function filtered(trx: Tx, f: SpotCheckFilter) {
  let q = trx.selectFrom("spotChecks");
  if (f.year) q = q.where("spotChecks.year", "=", f.year);
  if (f.kind) q = q.where("spotChecks.kind", "=", f.kind);
  if (f.status) q = q.where("spotChecks.status", "=", f.status);
  return q;
}

export async function countSpotChecks(trx: Tx, f: SpotCheckFilter): Promise<number> {
  return Number((await filtered(trx, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

/** Newest first within a year (index spot_checks_year_idx). */
export async function listSpotCheckRows(trx: Tx, f: SpotCheckFilter, limit: number, offset: number): Promise<SpotCheckListItem[]> {
  const rows = await filtered(trx, f)
    .select((eb) => [
      "spotChecks.id",
      "spotChecks.year",
      "spotChecks.kind",
      "spotChecks.status",
      "spotChecks.title",
      "spotChecks.seed",
      "spotChecks.baseCount",
      "spotChecks.inspectorCount",
      "spotChecks.publishedAt",
      "spotChecks.concludedAt",
      "spotChecks.createdAt",
      eb.selectFrom("supervisionOutcomes as o").select((e) => e.fn.countAll<number>().as("n")).whereRef("o.spotCheckId", "=", "spotChecks.id").as("drawnBaseCount"),
      eb
        .selectFrom("supervisionOutcomes as o")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("o.spotCheckId", "=", "spotChecks.id")
        .where("o.outcome", "is not", null)
        .as("decidedCount"),
    ])
    .orderBy("spotChecks.year", "desc")
    .orderBy("spotChecks.createdAt", "desc")
    .orderBy("spotChecks.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    ...r,
    year: Number(r.year),
    kind: r.kind as SpotCheckKind,
    status: r.status as SpotCheckStatus,
    baseCount: Number(r.baseCount),
    inspectorCount: Number(r.inspectorCount),
    drawnBaseCount: Number(r.drawnBaseCount ?? 0),
    decidedCount: Number(r.decidedCount ?? 0),
  }));
}

const PUBLIC_STATUSES = ["published", "concluded"];

/** 一公开: published and concluded draws, newest publication first (index spot_checks_status_published_idx). */
export async function publicSpotCheckIds(trx: Tx, year: number | undefined, limit: number, offset: number): Promise<{ total: number; ids: string[] }> {
  let q = trx.selectFrom("spotChecks").where("status", "in", PUBLIC_STATUSES);
  if (year) q = q.where("year", "=", year);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select("id").orderBy("publishedAt", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute(),
  ]);
  return { total: Number(count.n), ids: rows.map((r) => r.id) };
}

export async function isPublic(trx: Tx, id: string): Promise<boolean> {
  return !!(await trx.selectFrom("spotChecks").select("id").where("id", "=", id).where("status", "in", PUBLIC_STATUSES).executeTakeFirst());
}
