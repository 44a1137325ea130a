// The SQL of the dashboard (issue 12 item 2): grouped aggregates over the bases a scope and its filters
// select, and the projects, enrolments, learning entries, answers and orders hanging from them. Nothing
// here loads rows per person or per enrolment into Node; each query is served by an index on year or base.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { PUBLIC_PROJECT_STATUSES } from "../../../shared/filing.js";
import { LIVE_RECTIFICATION_STATUSES } from "../../../shared/supervision/rectification.js";
import type { DialectName, Tx } from "../../platform/db.js";

/** Which bases the figures are about: the actor's scope and the dashboard's filters. */
export interface BaseSelection {
  scope: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
  district?: string;
  supervisorOrgId?: string;
  /** Filters bases by their specialty fields, projects by their specialty, professionals by theirs. */
  specialty?: string;
}

/** Projects that count as run: filed, running or completed (第十七条: unfiled projects run nothing). */
const RUN = [...PUBLIC_PROJECT_STATUSES];

const n = (v: unknown) => Number(v ?? 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

function basesWhere(qb: any, s: BaseSelection, prefix = "bases") {
  let q = qb.where(s.scope);
  if (s.district) q = q.where(`${prefix}.district`, "=", s.district);
  if (s.supervisorOrgId) q = q.where(`${prefix}.supervisorOrgId`, "=", s.supervisorOrgId);
  // specialty_fields is a JSON array of strings: the quoted value inside it (the schema refuses % and _)
  if (s.specialty) q = q.where(`${prefix}.specialtyFields`, "like", `%${JSON.stringify(s.specialty)}%`);
  return q;
}

/** The ids of the selected bases, as a subquery. */
export const selectedBaseIds = (trx: Tx, s: BaseSelection) => basesWhere(trx.selectFrom("bases").select("bases.id"), s);

/** The selected bases themselves (a city has hundreds, not millions). */
export async function selectedBases(trx: Tx, s: BaseSelection) {
  return (await basesWhere(trx.selectFrom("bases").select(["id", "name", "district", "supervisorOrgId", "status", "specialtyFields"]), s)
    .orderBy("name")
    .execute()) as Array<{ id: string; name: string; district: string; supervisorOrgId: string; status: string; specialtyFields: string }>;
}

/** The run projects of the selected bases whose class starts between the two dates. */
function runProjects(trx: Tx, s: BaseSelection, from: string, to: string, alias = "p") {
  let q = trx
    .selectFrom(`trainingProjects as ${alias}` as "trainingProjects as p")
    .where("p.baseId", "in", selectedBaseIds(trx, s))
    .where("p.status", "in", RUN)
    .where("p.startDate", ">=", from)
    .where("p.startDate", "<=", to);
  if (s.specialty) q = q.where("p.specialty", "=", s.specialty);
  return q;
}

const yearSpan = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export interface MonthRow {
  ym: string;
  projects: number;
  participants: number;
  completions: number;
}

/** Projects, enrolments and completions per month of class start, over `fromYear`..`toYear`. */
export async function monthlyProjects(trx: Tx, s: BaseSelection, fromYear: number, toYear: number): Promise<MonthRow[]> {
  const [from] = yearSpan(fromYear);
  const [, to] = yearSpan(toYear);
  const month = sql<string>`substr(p.start_date, 1, 7)`;
  const [projects, enrolments] = await Promise.all([
    runProjects(trx, s, from, to)
      .select([month.as("ym"), (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(month)
      .execute(),
    runProjects(trx, s, from, to)
      .innerJoin("enrollments as e", "e.projectId", "p.id")
      .where("e.status", "=", "enrolled")
      .select([month.as("ym"), (eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.sum<number>(eb.case().when("e.completed", "=", 1).then(1).else(0).end()).as("done")])
      .groupBy(month)
      .execute(),
  ]);
  const rows = new Map<string, MonthRow>();
  const row = (ym: string) => rows.get(ym) ?? rows.set(ym, { ym, projects: 0, participants: 0, completions: 0 }).get(ym)!;
  for (const r of projects) row(r.ym).projects = n(r.n);
  for (const r of enrolments) Object.assign(row(r.ym), { participants: n(r.n), completions: n(r.done) });
  return [...rows.values()];
}

/** Credit hours registered (counted learning entries) from the selected bases' projects, per year and month earned. */
export async function monthlyCreditHours(trx: Tx, s: BaseSelection, fromYear: number, toYear: number): Promise<Array<{ ym: string; hours: number }>> {
  let q = trx
    .selectFrom("learningEntries as le")
    .innerJoin("trainingProjects as p", "p.id", "le.projectId")
    .where("p.baseId", "in", selectedBaseIds(trx, s))
    .where("le.status", "=", "counted")
    .where("le.year", ">=", fromYear)
    .where("le.year", "<=", toYear);
  if (s.specialty) q = q.where("p.specialty", "=", s.specialty);
  const month = sql<string>`substr(le.earned_on, 1, 7)`;
  const rows = await q.select([month.as("ym"), (eb) => eb.fn.sum<number>("le.hours").as("h")]).groupBy(month).execute();
  return rows.map((r) => ({ ym: r.ym, hours: round1(n(r.h)) }));
}

/** Bases by status, by district (not revoked), and the distinct specialty-field lists with their counts. */
export async function baseCounts(trx: Tx, s: BaseSelection) {
  const grouped = (col: "status" | "district" | "specialtyFields", live: boolean) => {
    let q = basesWhere(trx.selectFrom("bases").select([`bases.${col} as key`, (eb: any) => eb.fn.countAll().as("n")]), s);
    if (live) q = q.where("bases.status", "<>", "revoked");
    return q.groupBy(`bases.${col}`).execute() as Promise<Array<{ key: string; n: unknown }>>;
  };
  const [byStatus, byDistrict, bySpecialtyList] = await Promise.all([grouped("status", false), grouped("district", true), grouped("specialtyFields", true)]);
  const count = (rows: Array<{ key: string; n: unknown }>) => rows.map((r) => ({ key: r.key, count: n(r.n) }));
  // each distinct list once: its fields each get its count
  const bySpecialty = new Map<string, number>();
  for (const r of bySpecialtyList) {
    let fields: unknown = [];
    try {
      fields = JSON.parse(r.key);
    } catch {
      fields = [];
    }
    for (const f of new Set(Array.isArray(fields) ? fields.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [])) {
      bySpecialty.set(f, (bySpecialty.get(f) ?? 0) + n(r.n));
    }
  }
  return { byStatus: count(byStatus), byDistrict: count(byDistrict), bySpecialty: [...bySpecialty.entries()].map(([key, c]) => ({ key, count: c })) };
}

/** Run projects and their enrolments of a year by 第十条 category. */
export async function categoryCounts(trx: Tx, s: BaseSelection, year: number) {
  const [from, to] = yearSpan(year);
  const [projects, enrolments] = await Promise.all([
    runProjects(trx, s, from, to)
      .select(["p.category", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.category")
      .execute(),
    runProjects(trx, s, from, to)
      .innerJoin("enrollments as e", "e.projectId", "p.id")
      .where("e.status", "=", "enrolled")
      .select(["p.category", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.category")
      .execute(),
  ]);
  const participants = new Map(enrolments.map((r) => [r.category, n(r.n)]));
  return projects.map((r) => ({ category: r.category, projects: n(r.n), participants: participants.get(r.category) ?? 0 }));
}

export interface BaseYearRow {
  baseId: string;
  filed: number;
  completed: number;
  participants: number;
  feeIncomeFen: number;
  standardIncomeFen: number;
  overStandard: number;
}

/**
 * Per base: run projects, completed ones, enrolments and fees (第二十五条: the fee charged × enrolled
 * against the approved standard of the project's subject type in force when it was filed).
 */
export async function baseYear(trx: Tx, s: BaseSelection, year: number): Promise<BaseYearRow[]> {
  const [from, to] = yearSpan(year);
  const perProject = runProjects(trx, s, from, to)
    .select((eb) => [
      "p.baseId",
      "p.feeFen",
      eb.case().when(eb.or([eb("p.status", "=", "completed"), eb("p.concludedAt", "is not", null)])).then(1).else(0).end().as("done"),
      eb
        .selectFrom("enrollments as e")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("e.projectId", "=", "p.id")
        .where("e.status", "=", "enrolled")
        .as("enrolled"),
      eb
        .selectFrom("feeStandards as fs")
        .select("fs.amountFen")
        .whereRef("fs.baseId", "=", "p.baseId")
        .whereRef("fs.kind", "=", "p.subjectType")
        .where("fs.status", "in", ["approved", "superseded"])
        .where("fs.decidedAt", "is not", null)
        .where((w) => w("fs.decidedAt", "<=", w.fn.coalesce("p.filedAt", "p.createdAt")))
        .orderBy("fs.decidedAt", "desc")
        .limit(1)
        .as("standard"),
    ])
    .as("t");
  const rows = await trx
    .selectFrom(perProject)
    .select((eb) => [
      "t.baseId",
      eb.fn.countAll<number>().as("filed"),
      eb.fn.sum<number>("t.done").as("completed"),
      eb.fn.sum<number>("t.enrolled").as("participants"),
      eb.fn.sum<number>(sql`t.fee_fen * t.enrolled`).as("income"),
      eb.fn.sum<number>(sql`coalesce(t.standard, 0) * t.enrolled`).as("atStandard"),
      eb.fn.sum<number>(sql`case when t.fee_fen > 0 and (t.standard is null or t.fee_fen > t.standard) then 1 else 0 end`).as("over"),
    ])
    .groupBy("t.baseId")
    .execute();
  return rows.map((r) => ({
    baseId: r.baseId,
    filed: n(r.filed),
    completed: n(r.completed),
    participants: n(r.participants),
    feeIncomeFen: n(r.income),
    standardIncomeFen: n(r.atStandard),
    overStandard: n(r.over),
  }));
}

/** Credit hours registered from each base's projects of the year (class start in the year). */
export async function baseCreditHours(trx: Tx, s: BaseSelection, year: number): Promise<Map<string, number>> {
  const [from, to] = yearSpan(year);
  const rows = await runProjects(trx, s, from, to)
    .innerJoin("learningEntries as le", "le.projectId", "p.id")
    .where("le.status", "=", "counted")
    .select(["p.baseId", (eb) => eb.fn.sum<number>("le.hours").as("h")])
    .groupBy("p.baseId")
    .execute();
  return new Map(rows.map((r) => [r.baseId, round1(n(r.h))]));
}

/** 第十六条: the number of projects in each selected base's filed plan of the year. */
export async function plannedProjects(trx: Tx, s: BaseSelection, year: number): Promise<Map<string, number>> {
  // one plan per base and year: a bounded read of the bases' JSON item lists
  const rows = await trx
    .selectFrom("annualPlans")
    .select(["baseId", "items"])
    .where("year", "=", year)
    .where("status", "=", "filed")
    .where("baseId", "in", selectedBaseIds(trx, s))
    .execute();
  return new Map(
    rows.map((r) => {
      let items: unknown = [];
      try {
        items = JSON.parse(r.items);
      } catch {
        items = [];
      }
      return [r.baseId, Array.isArray(items) ? items.length : 0];
    }),
  );
}

/**
 * 第十八条 培训效果: answers and the mean of every scale answer per base, over the year's projects. The
 * answers are JSON objects; each dialect opens them with its own JSON function, inside the database.
 */
export async function surveyAverages(trx: Tx, dialect: DialectName, s: BaseSelection, year: number): Promise<Map<string, { responses: number; average: number | null }>> {
  const [from, to] = yearSpan(year);
  const projectIds = runProjects(trx, s, from, to).select("p.id");
  const [counts, scores] = await Promise.all([
    trx
      .selectFrom("surveyResponses as r")
      .innerJoin("trainingProjects as p", "p.id", "r.projectId")
      .where("r.projectId", "in", projectIds)
      .select(["p.baseId", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.baseId")
      .execute(),
    dialect === "postgres"
      ? sql<{ baseId: string; average: unknown }>`select p.base_id as "baseId", avg((j.value #>> '{}')::numeric) as average
          from survey_responses r join training_projects p on p.id = r.project_id
          cross join lateral jsonb_each(r.answers::jsonb) j
          where r.project_id in (${projectIds}) and jsonb_typeof(j.value) = 'number'
          group by p.base_id`.execute(trx)
      : sql<{ baseId: string; average: unknown }>`select p.base_id as "baseId", avg(j.value) as average
          from survey_responses r join training_projects p on p.id = r.project_id, json_each(r.answers) j
          where r.project_id in (${projectIds}) and j.type in ('integer', 'real')
          group by p.base_id`.execute(trx),
  ]);
  const avg = new Map(scores.rows.map((r) => [r.baseId, Math.round(n(r.average) * 100) / 100]));
  return new Map(counts.map((r) => [r.baseId, { responses: n(r.n), average: avg.get(r.baseId) ?? null }]));
}

/** 第十九条: rectification orders not yet accepted or withdrawn, per base. */
export async function openOrders(trx: Tx, s: BaseSelection): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom("rectificationOrders")
    .select(["baseId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", [...LIVE_RECTIFICATION_STATUSES])
    .where("baseId", "in", selectedBaseIds(trx, s))
    .groupBy("baseId")
    .execute();
  return new Map(rows.map((r) => [r.baseId, n(r.n)]));
}

/** Issue 12 item 4: open risk flags of the selected bases, per base and kind (a few rows per base). */
export async function openRiskFlags(trx: Tx, s: BaseSelection): Promise<Array<{ baseId: string; kind: string; count: number }>> {
  const rows = await trx
    .selectFrom("riskFlags")
    .select(["baseId", "kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "open")
    .where("baseId", "in", selectedBaseIds(trx, s))
    .groupBy(["baseId", "kind"])
    .execute();
  return rows.map((r) => ({ baseId: r.baseId, kind: r.kind, count: n(r.n) }));
}

/** The facts 第十七条's archive rule judges, per run project of the year that has ended (one base's own view). */
export async function archiveFacts(trx: Tx, s: BaseSelection, year: number, today: string) {
  const [from, to] = yearSpan(year);
  return runProjects(trx, s, from, to)
    .where("p.endDate", "<", today)
    .select((eb) => [
      "p.baseId",
      "p.filingNo",
      "p.description",
      "p.concludedAt",
      eb.selectFrom("projectSessions as ps").select(eb.fn.countAll<number>().as("c")).whereRef("ps.projectId", "=", "p.id").as("sessions"),
      eb
        .selectFrom("checkIns as ci")
        .select((c) => c.fn.count<number>("ci.sessionId").distinct().as("c"))
        .whereRef("ci.projectId", "=", "p.id")
        .as("sessionsWithCheckIns"),
      eb.selectFrom("surveyResponses as sr").select(eb.fn.countAll<number>().as("c")).whereRef("sr.projectId", "=", "p.id").as("responses"),
    ])
    .execute();
}

export interface ComplianceRow {
  specialty: string;
  employer: string;
  people: number;
  compliant: number;
}

/**
 * 第二十四条, 部令25号 第八条: professionals who met the year's requirement, per specialty and employer, in
 * one pass: the year's counted entries summed per person inside the database (from the covering index
 * learning_entries_year_idx), joined to the professionals and grouped.
 */
export async function complianceGroups(trx: Tx, year: number, need: { total: number; general: number; professional: number }, specialty: string | undefined): Promise<ComplianceRow[]> {
  const perPerson = trx
    .selectFrom("learningEntries")
    .select((eb) => [
      "professionalId",
      eb.fn.sum<number>(eb.case().when("subjectType", "=", "general").then(eb.ref("hours")).else(0).end()).as("gen"),
      eb.fn.sum<number>(eb.case().when("subjectType", "=", "general").then(0).else(eb.ref("hours")).end()).as("pro"),
    ])
    .where("year", "=", year)
    .where("status", "=", "counted")
    .groupBy("professionalId")
    .as("t");
  // hours are decimals: a sum of 89.99999… meets 90
  const eps = 0.001;
  const met = sql<number>`case when coalesce(t.gen, 0) + coalesce(t.pro, 0) >= ${need.total - eps} and coalesce(t.gen, 0) >= ${need.general - eps} and coalesce(t.pro, 0) >= ${need.professional - eps} then 1 else 0 end`;
  let q = trx
    .selectFrom("professionals as pf")
    .leftJoin(perPerson, "t.professionalId", "pf.id")
    .select((eb) => ["pf.specialty", "pf.employer", eb.fn.countAll<number>().as("people"), eb.fn.sum<number>(met).as("compliant")])
    .groupBy(["pf.specialty", "pf.employer"]);
  if (specialty) q = q.where("pf.specialty", "=", specialty);
  const rows = await q.execute();
  return rows.map((r) => ({ specialty: r.specialty, employer: r.employer, people: n(r.people), compliant: n(r.compliant) }));
}
