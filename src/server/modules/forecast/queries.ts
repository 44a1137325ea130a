// The SQL of the compliance forecast: a person's year so far, their enrolled courses still to come, the
// filed courses open to them, and the city-wide set of people likely to miss the year (aggregates in SQL,
// one grouped pass over the year's learning entries and the upcoming enrolments).
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Tx } from "../../platform/db.js";
import type { SubjectType } from "../../../shared/filing.js";
import type { Hours } from "../../../shared/forecast.js";
import { containsText } from "../../platform/search.js";

const round1 = (n: number) => Math.round(n * 10) / 10;
const num = (v: unknown) => round1(Number(v ?? 0));

/** Projects whose hours are still to be credited: filed or under way, not concluded. */
export const UPCOMING_STATUSES = ["filed", "running"] as const;

export function hoursOf(general: number, professional: number): Hours {
  return { generalHours: round1(general), professionalHours: round1(professional), totalHours: round1(general + professional) };
}

/** Counted hours of the person's year by kind. */
export async function earnedOf(trx: Tx, professionalId: string, year: number): Promise<Hours> {
  const rows = await trx
    .selectFrom("learningEntries")
    .select(["subjectType", (eb) => eb.fn.sum<number>("hours").as("hours")])
    .where("professionalId", "=", professionalId)
    .where("year", "=", year)
    .where("status", "=", "counted")
    .groupBy("subjectType")
    .execute();
  const of = (k: SubjectType) => num(rows.find((r) => r.subjectType === k)?.hours);
  return hoursOf(of("general"), of("professional"));
}

/** Hours already counted on each day of the year from `from` on (a declaration may sit on a future day). */
export async function takenDaysFrom(trx: Tx, professionalId: string, year: number, from: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom("learningEntries")
    .select("days")
    .where("professionalId", "=", professionalId)
    .where("year", "=", year)
    .where("status", "=", "counted")
    .where("earnedOn", ">=", from)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    for (const [d, h] of Object.entries(JSON.parse(r.days) as Record<string, number>)) if (d >= from) out.set(d, (out.get(d) ?? 0) + h);
  }
  return out;
}

export interface CourseRow {
  projectId: string;
  title: string;
  subjectType: SubjectType;
  hours: number;
  startDate: string;
  endDate: string;
  baseName: string;
  category: string;
  capacity: number;
  feeFen: number;
  enrolledCount: number;
}

const courseColumns = [
  "tp.id as projectId",
  "tp.title",
  "tp.subjectType",
  "tp.hours",
  "tp.startDate",
  "tp.endDate",
  "bases.name as baseName",
  "tp.category",
  "tp.capacity",
  "tp.feeFen",
] as const;

const enrolledCount = (eb: ExpressionBuilder<Database & { tp: Database["trainingProjects"] }, "tp">) =>
  eb
    .selectFrom("enrollments as ec")
    .select((e) => e.fn.countAll<number>().as("n"))
    .whereRef("ec.projectId", "=", "tp.id")
    .where("ec.status", "=", "enrolled")
    .as("enrolledCount");

const present = (r: Record<string, unknown>): CourseRow => ({ ...(r as unknown as CourseRow), hours: Number(r.hours), capacity: Number(r.capacity), feeFen: Number(r.feeFen), enrolledCount: Number(r.enrolledCount ?? 0) });

/** The person's enrolled courses of the year whose hours are not credited yet (today or later). */
export async function enrolledUpcoming(trx: Tx, professionalId: string, year: number, today: string): Promise<CourseRow[]> {
  const rows = await trx
    .selectFrom("enrollments as e")
    .innerJoin("trainingProjects as tp", "tp.id", "e.projectId")
    .innerJoin("bases", "bases.id", "tp.baseId")
    .select([...courseColumns])
    .where("e.professionalId", "=", professionalId)
    .where("e.status", "=", "enrolled")
    .where("tp.status", "in", UPCOMING_STATUSES)
    .where("tp.concludedAt", "is", null)
    .where("tp.endDate", ">=", today)
    .where("tp.startDate", "<=", `${year}-12-31`)
    .where("tp.endDate", ">=", `${year}-01-01`)
    .orderBy("tp.startDate")
    .execute();
  return rows.map((r) => present({ ...r, enrolledCount: 0 }));
}

/** The most candidates read for one forecast: the earliest ones, plenty for a person's gap. */
export const CANDIDATE_LIMIT = 300;

/**
 * Filed courses open to the person (第十七条): not started (class starts after today), held within the
 * year, places left, not already enrolled, under a base that is not revoked; general subjects, or
 * professional subjects of the person's specialty.
 */
export async function openCandidates(trx: Tx, who: { professionalId: string; specialty: string }, year: number, today: string): Promise<CourseRow[]> {
  const rows = await trx
    .selectFrom("trainingProjects as tp")
    .innerJoin("bases", "bases.id", "tp.baseId")
    .select([...courseColumns, enrolledCount])
    .where("tp.status", "=", "filed")
    .where("tp.concludedAt", "is", null)
    .where("tp.startDate", ">", today)
    .where("tp.startDate", ">=", `${year}-01-01`)
    .where("tp.endDate", "<=", `${year}-12-31`)
    .where("bases.status", "!=", "revoked")
    .where((eb) =>
      eb.or([
        eb("tp.subjectType", "=", "general"),
        who.specialty.trim() ? eb.and([eb("tp.subjectType", "=", "professional"), eb("tp.specialty", "=", who.specialty.trim())]) : eb.lit(false),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("enrollments as mine")
            .select("mine.id")
            .whereRef("mine.projectId", "=", "tp.id")
            .where("mine.professionalId", "=", who.professionalId)
            .where("mine.status", "=", "enrolled"),
        ),
      ),
    )
    .orderBy("tp.startDate")
    .orderBy("tp.id")
    .limit(CANDIDATE_LIMIT)
    .execute();
  return rows.map(present).filter((r) => r.enrolledCount < r.capacity);
}

/** Each project's hours per day, from its sessions. */
export async function sessionDaysOf(trx: Tx, projectIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await trx.selectFrom("projectSessions").select(["projectId", "date", "hours"]).where("projectId", "in", projectIds.slice(i, i + 500)).execute();
    for (const r of rows) {
      const days = out.get(r.projectId) ?? {};
      days[r.date] = round1((days[r.date] ?? 0) + Number(r.hours));
      out.set(r.projectId, days);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People likely to miss the year: short even once their enrolled courses are credited.

export interface Requirement3 {
  general: number;
  professional: number;
  total: number;
}

export interface AtRiskScope {
  year: number;
  today: string;
  required: Requirement3;
  district?: string;
  employer?: string;
  specialty?: string;
  /** only these people (a batch of the reminder job) */
  ids?: string[];
}

const sumOfKind = (kind: SubjectType, column: "le.hours" | "tp.hours") =>
  sql<number>`sum(case when ${sql.ref(column.startsWith("le") ? "le.subjectType" : "tp.subjectType")} = ${kind} then ${sql.ref(column)} else 0 end)`;

/** The grouped pass: counted hours of the year and hours of enrolled courses still to come, per person. */
export function atRiskQuery(trx: Tx, s: AtRiskScope) {
  const earned = trx
    .selectFrom("learningEntries as le")
    .select(["le.professionalId", sumOfKind("general", "le.hours").as("g"), sumOfKind("professional", "le.hours").as("p")])
    .where("le.year", "=", s.year)
    .where("le.status", "=", "counted")
    .$if(!!s.ids, (q) => q.where("le.professionalId", "in", s.ids!))
    .groupBy("le.professionalId");
  const planned = trx
    .selectFrom("enrollments as e")
    .innerJoin("trainingProjects as tp", "tp.id", "e.projectId")
    .select(["e.professionalId", sumOfKind("general", "tp.hours").as("g"), sumOfKind("professional", "tp.hours").as("p")])
    .where("e.status", "=", "enrolled")
    .where("tp.status", "in", UPCOMING_STATUSES)
    .where("tp.concludedAt", "is", null)
    .where("tp.endDate", ">=", s.today)
    .where("tp.startDate", "<=", `${s.year}-12-31`)
    .where("tp.endDate", ">=", `${s.year}-01-01`)
    .$if(!!s.ids, (q) => q.where("e.professionalId", "in", s.ids!))
    .groupBy("e.professionalId");
  const g = sql<number>`coalesce(l.g, 0) + coalesce(f.g, 0)`;
  const p = sql<number>`coalesce(l.p, 0) + coalesce(f.p, 0)`;
  const { general, professional, total } = s.required;
  const gapGeneral = sql<number>`case when ${g} < ${general} then ${general} - (${g}) else 0 end`;
  const gapProfessional = sql<number>`case when ${p} < ${professional} then ${professional} - (${p}) else 0 end`;
  const gapTotal = sql<number>`case when ${g} + ${p} < ${total} then ${total} - (${g}) - (${p}) else 0 end`;
  return trx
    .selectFrom("professionals as pr")
    .innerJoin("users as u", "u.id", "pr.id")
    .innerJoin("organizations as uo", "uo.id", "u.orgId")
    // an employer named like an organization of the platform lends its region (names are not unique: one row per name)
    .leftJoin(
      trx.selectFrom("organizations").select(["name", (eb) => eb.fn.min("region").as("region")]).where("status", "=", "active").groupBy("name").as("eo"),
      "eo.name",
      "pr.employer",
    )
    .leftJoin(earned.as("l"), "l.professionalId", "pr.id")
    .leftJoin(planned.as("f"), "f.professionalId", "pr.id")
    .where("u.disabledAt", "is", null)
    .where((eb) => eb.or([eb(g, "<", general), eb(p, "<", professional), eb(sql`${g} + ${p}`, "<", total)]))
    .$if(!!s.ids, (q) => q.where("pr.id", "in", s.ids!))
    .$if(!!s.district, (q) => q.where(sql<string>`coalesce(eo.region, uo.region)`, "=", s.district!))
    .$if(!!s.employer, (q) => q.where(containsText("pr.employer", s.employer!) as never))
    .$if(!!s.specialty, (q) => q.where("pr.specialty", "=", s.specialty!))
    .select([
      "pr.id as professionalId",
      "u.displayName as name",
      "u.idNumberMasked",
      "pr.employer",
      "pr.specialty",
      sql<string>`coalesce(eo.region, uo.region)`.as("district"),
      sql<number>`coalesce(l.g, 0)`.as("earnedGeneral"),
      sql<number>`coalesce(l.p, 0)`.as("earnedProfessional"),
      sql<number>`coalesce(f.g, 0) + coalesce(f.p, 0)`.as("enrolledHours"),
      gapGeneral.as("gapGeneral"),
      gapProfessional.as("gapProfessional"),
      gapTotal.as("gapTotal"),
    ]);
}

export type AtRiskRow = Awaited<ReturnType<ReturnType<typeof atRiskQuery>["execute"]>>[number];

