// The dashboard's figures (issue 12 item 2; 第十三条, 第十四条, 第十九条): the year of the bases in the
// actor's scope — the city for the bureau, its own bases for a supervising unit, its own base(s) for
// base staff — assembled from the grouped queries of queries.ts.
import { SURVEY_MIN_RESPONSES } from "../../../shared/delivery.js";
import { COMPLIANCE_TOP_EMPLOYERS, type BaseFigures, type ComplianceGroup, type MonthFigures, type StatisticsOverview, type StatisticsQuery } from "../../../shared/statistics.js";
import { authorize, can, scopesFor, scopeWhere } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { longReads } from "../../platform/long-reads.js";
import { archiveComplete } from "../delivery/archive.js";
import { currentYear, requirementOf } from "../professionals/learning.js";
import * as q from "./queries.js";

export const STATISTICS_READ = "statistics.read";

/** The bases the actor's scope reaches, as a where on `bases`, and what the scope is called. */
export function selectionOf(ctx: Ctx, filters: StatisticsQuery, action = STATISTICS_READ): { selection: q.BaseSelection; scope: StatisticsOverview["scope"] } {
  authorize(ctx.actor, action);
  const where = scopeWhere<any, any>(ctx.actor, action, { orgId: "bases.hostOrgId", supervisorOrgId: "bases.supervisorOrgId" });
  if (!where) throw new DomainError("FORBIDDEN");
  const scopes = scopesFor(ctx.actor, action);
  const scope = scopes.includes("all") ? "city" : scopes.includes("supervisedOrg") ? "supervisor" : "base";
  return { selection: { scope: where, district: filters.district, supervisorOrgId: filters.supervisorOrgId, specialty: filters.specialty }, scope };
}

const emptyMonth = (): MonthFigures => ({ projects: 0, participants: 0, completions: 0, creditHours: 0 });
const rate = (compliant: number, people: number) => (people > 0 ? Math.round((compliant / people) * 1000) / 1000 : null);
const byCountDesc = (a: { key: string; count: number }, b: { key: string; count: number }) => b.count - a.count || a.key.localeCompare(b.key);

async function monthly(ctx: Ctx, s: q.BaseSelection, year: number): Promise<StatisticsOverview["monthly"]> {
  const [projects, hours] = await Promise.all([q.monthlyProjects(ctx.db, s, year - 1, year), q.monthlyCreditHours(ctx.db, s, year - 1, year)]);
  const rows = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, current: emptyMonth(), lastYear: emptyMonth() }));
  const slot = (ym: string) => {
    const [y, m] = ym.split("-").map(Number);
    const row = rows[m - 1];
    return row ? (y === year ? row.current : y === year - 1 ? row.lastYear : null) : null;
  };
  for (const p of projects) {
    const f = slot(p.ym);
    if (f) Object.assign(f, { projects: p.projects, participants: p.participants, completions: p.completions });
  }
  for (const h of hours) {
    const f = slot(h.ym);
    if (f) f.creditHours = h.hours;
  }
  return rows;
}

type Fold = Map<string, { people: number; compliant: number }>;
function fold(rows: q.ComplianceRow[], keyOf: (r: q.ComplianceRow) => string): ComplianceGroup[] {
  const out: Fold = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    const cur = out.get(k) ?? { people: 0, compliant: 0 };
    out.set(k, { people: cur.people + r.people, compliant: cur.compliant + r.compliant });
  }
  return [...out.entries()].map(([key, v]) => ({ key, people: v.people, compliant: v.compliant, rate: rate(v.compliant, v.people) })).sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * At a million professionals one compliance pass takes seconds, and the figure moves slowly (hours are
 * credited as courses complete): each instance keeps a pass for COMPLIANCE_TTL_MS, per database, year
 * and specialty, and the answer says when it was counted.
 */
const COMPLIANCE_TTL_MS = 5 * 60_000;
const complianceCache = new WeakMap<object, Map<string, { at: number; value: Promise<NonNullable<StatisticsOverview["compliance"]> | null> }>>();

function cachedCompliance(ctx: Ctx, year: number, specialty: string | undefined): Promise<StatisticsOverview["compliance"]> {
  let byKey = complianceCache.get(ctx.db);
  if (!byKey) complianceCache.set(ctx.db, (byKey = new Map()));
  const key = `${year}|${specialty ?? ""}`;
  const now = ctx.clock.systemNow();
  const hit = byKey.get(key);
  if (hit && now - hit.at < COMPLIANCE_TTL_MS) return hit.value;
  const value = compliance(ctx, year, specialty);
  byKey.set(key, { at: now, value });
  value.catch(() => byKey.delete(key));
  return value;
}

/** 第二十四条: compliance of the city's professionals, for the city scope (the bureau keeps the learning records). */
async function compliance(ctx: Ctx, year: number, specialty: string | undefined): Promise<StatisticsOverview["compliance"]> {
  const r = await requirementOf(ctx.db, year);
  if (!r) return null;
  const need = { total: r.requiredHours, general: r.requiredGeneralHours, professional: r.requiredProfessionalHours };
  const rows = await q.complianceGroups(ctx.db, year, need, specialty);
  const [total] = fold(rows, () => "");
  return {
    ...r,
    countedAt: ctx.clock.nowIso(),
    total: total ?? { key: "", people: 0, compliant: 0, rate: null },
    bySpecialty: fold(rows, (x) => x.specialty),
    byEmployer: fold(rows, (x) => x.employer).slice(0, COMPLIANCE_TOP_EMPLOYERS),
  };
}

async function perBase(ctx: Ctx, s: q.BaseSelection, year: number, withArchives: boolean, flags: Map<string, number> | null): Promise<BaseFigures[]> {
  const today = ctx.clock.today();
  const [bases, years, hours, planned, surveys, orders, archives] = await Promise.all([
    q.selectedBases(ctx.db, s),
    q.baseYear(ctx.db, s, year),
    q.baseCreditHours(ctx.db, s, year),
    q.plannedProjects(ctx.db, s, year),
    q.surveyAverages(ctx.db, ctx.dialect, s, year),
    q.openOrders(ctx.db, s),
    withArchives ? q.archiveFacts(ctx.db, s, year, today) : Promise.resolve(null),
  ]);
  const byBase = new Map(years.map((y) => [y.baseId, y]));
  const rows = bases.map((b): BaseFigures => {
    const y = byBase.get(b.id);
    const survey = surveys.get(b.id);
    const responses = survey?.responses ?? 0;
    const ended = archives?.filter((a) => a.baseId === b.id) ?? null;
    return {
      baseId: b.id,
      baseName: b.name,
      district: b.district,
      supervisorOrgId: b.supervisorOrgId,
      status: b.status,
      plannedProjects: planned.get(b.id) ?? 0,
      filedProjects: y?.filed ?? 0,
      completedProjects: y?.completed ?? 0,
      participants: y?.participants ?? 0,
      creditHours: hours.get(b.id) ?? 0,
      feeIncomeFen: y?.feeIncomeFen ?? 0,
      standardIncomeFen: y?.standardIncomeFen ?? 0,
      overStandardProjects: y?.overStandard ?? 0,
      surveyResponses: responses,
      // issue 11: below the minimum no average leaves the server
      surveyAverage: responses >= SURVEY_MIN_RESPONSES ? (survey?.average ?? null) : null,
      lowestAverage: false,
      openOrders: orders.get(b.id) ?? 0,
      openRiskFlags: flags ? (flags.get(b.id) ?? 0) : null,
      archivesEnded: ended ? ended.length : null,
      archivesComplete: ended
        ? ended.filter((a) =>
            archiveComplete({
              filingNo: a.filingNo,
              description: a.description,
              sessions: Number(a.sessions ?? 0),
              sessionsWithCheckIns: Number(a.sessionsWithCheckIns ?? 0),
              concluded: !!a.concludedAt,
              responses: Number(a.responses ?? 0),
            }),
          ).length
        : null,
    };
  });
  const rated = rows.filter((r) => r.surveyAverage !== null);
  if (rated.length > 1) {
    const lowest = Math.min(...rated.map((r) => r.surveyAverage!));
    for (const r of rated) r.lowestAverage = r.surveyAverage === lowest;
  }
  return rows;
}

/** How long figures that were slow to count are answered from what was counted (issue 13). */
export const STATISTICS_KEEP_MS = 5 * 60_000;
/** Kept overviews per database, at most this many (scopes × years × filters). */
const KEPT_MAX = 200;

interface Counting {
  /** The figures being counted, when a count is under way. */
  running: Promise<StatisticsOverview> | null;
  /** The last figures counted slowly enough to keep, and when they were asked for. */
  kept: { value: StatisticsOverview; at: number } | null;
}
const countings = new WeakMap<object, Map<string, Counting>>();

/**
 * issue 13: at province scale one overview reads a year of entries, enrolments and check-ins, seconds of
 * work (off the request thread: long-reads.ts).
 * - The bureau's staff opening the dashboard together (or one of them reloading) wait for the same count
 *   rather than each starting another.
 * - A count that took longer than `statisticsKeepAfterMs` is kept: for STATISTICS_KEEP_MS it answers at
 *   once, then it still answers while a fresh count runs behind it. The answer's `countedAt` says when the
 *   figures were counted, and the page shows it. A small city's count is quick and is never kept.
 * Requests alike in selection, scope, year, filters and risk-flag access get the same figures, so sharing
 * them crosses no scope.
 */
export async function overview(ctx: Ctx, filters: StatisticsQuery): Promise<StatisticsOverview> {
  const { selection, scope } = selectionOf(ctx, filters);
  const year = filters.year ?? currentYear(ctx);
  const riskFlags = can(ctx.actor, "riskFlag.read");
  let byKey = countings.get(ctx.db);
  if (!byKey) countings.set(ctx.db, (byKey = new Map()));
  // the scope is a condition, not data: its compiled SQL and values name it exactly
  const scopeSql = q.selectedBaseIds(ctx.db, selection).compile();
  const key = JSON.stringify([scopeSql.sql, scopeSql.parameters, scope, year, filters, riskFlags]);
  let c = byKey.get(key);
  if (!c) {
    if (byKey.size >= KEPT_MAX) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, (c = { running: null, kept: null }));
  }
  const counting = c;
  const now = ctx.clock.systemNow();
  if (!counting.running && (!counting.kept || now - counting.kept.at >= STATISTICS_KEEP_MS)) {
    // its reads run off the request thread: at a million professionals they take seconds on SQLite
    const reading: Ctx = { ...ctx, db: longReads(ctx) };
    const started = performance.now();
    const run = overviewOf(reading, selection, scope, year, filters, { riskFlags });
    counting.running = run;
    run.then(
      (value) => {
        counting.running = null;
        counting.kept = performance.now() - started > ctx.config.statisticsKeepAfterMs ? { value, at: ctx.clock.systemNow() } : null;
        if (!counting.kept && byKey.get(key) === counting) byKey.delete(key);
      },
      () => {
        counting.running = null;
        if (!counting.kept && byKey.get(key) === counting) byKey.delete(key);
      },
    );
  }
  return counting.kept?.value ?? counting.running!;
}

/**
 * The figures of a selection of bases (the caller has checked access); compliance for the city scope only.
 * `riskFlags`: the open risk flags of today, for those who may read them (bases do not: risk-flags-service.ts);
 * the yearly report leaves them out, since they are not a figure of the year it keeps.
 */
export async function overviewOf(
  ctx: Ctx,
  selection: q.BaseSelection,
  scope: StatisticsOverview["scope"],
  year: number,
  filters: StatisticsQuery,
  opts: { riskFlags: boolean },
): Promise<StatisticsOverview> {
  const flags = opts.riskFlags ? await q.openRiskFlags(ctx.db, selection) : null;
  const flagsPerBase = flags && new Map<string, number>();
  const flagsPerKind = flags && new Map<string, number>();
  for (const f of flags ?? []) {
    flagsPerBase!.set(f.baseId, (flagsPerBase!.get(f.baseId) ?? 0) + f.count);
    flagsPerKind!.set(f.kind, (flagsPerKind!.get(f.kind) ?? 0) + f.count);
  }
  const [bases, months, categories, compliant, rows] = await Promise.all([
    q.baseCounts(ctx.db, selection),
    monthly(ctx, selection, year),
    q.categoryCounts(ctx.db, selection, year),
    scope === "city" ? cachedCompliance(ctx, year, filters.specialty) : Promise.resolve(null),
    perBase(ctx, selection, year, scope === "base", flagsPerBase),
  ]);
  const sum = (f: (m: MonthFigures) => number) => Math.round(months.reduce((a, m) => a + f(m.current), 0) * 10) / 10;
  return {
    year,
    countedAt: ctx.clock.nowIso(),
    scope,
    filters: { district: filters.district ?? null, supervisorOrgId: filters.supervisorOrgId ?? null, specialty: filters.specialty ?? null },
    totals: {
      bases: bases.byStatus.reduce((a, b) => a + b.count, 0),
      activeBases: bases.byStatus.find((b) => b.key === "active")?.count ?? 0,
      projects: sum((m) => m.projects),
      participants: sum((m) => m.participants),
      completions: sum((m) => m.completions),
      creditHours: sum((m) => m.creditHours),
      feeIncomeFen: rows.reduce((a, r) => a + r.feeIncomeFen, 0),
      openOrders: rows.reduce((a, r) => a + r.openOrders, 0),
      openRiskFlags: flags ? flags.reduce((a, f) => a + f.count, 0) : null,
    },
    bases: { byStatus: bases.byStatus.sort(byCountDesc), byDistrict: bases.byDistrict.sort(byCountDesc), bySpecialty: bases.bySpecialty.sort(byCountDesc) },
    monthly: months,
    categories,
    compliance: compliant,
    perBase: rows,
    riskFlags: flagsPerKind ? [...flagsPerKind.entries()].map(([key, count]) => ({ key, count })).sort(byCountDesc) : null,
  };
}
