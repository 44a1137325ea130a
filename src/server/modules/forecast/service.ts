// The compliance forecast (第二十四条; 人社部令第25号 第八条): a professional's year so far against the
// requirement, what their enrolled courses will add, and the filed courses open for enrolment that would
// close the rest (suggest.ts says what "best" means). Read by the person and the bureau (learningRecord.read).
import type { AtRiskProfessionalView, AtRiskQuery, ForecastCourse, ForecastView } from "../../../shared/forecast.js";
import type { ProjectCategory } from "../../../shared/filing.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page } from "../../platform/paging.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { policyAt } from "../policy/service.js";
import { currentYear, readableRecordOf, requirementOf } from "../professionals/learning.js";
import { requireProfessional } from "../professionals/profiles.js";
import { atRiskQuery, earnedOf, enrolledUpcoming, hoursOf, openCandidates, sessionDaysOf, takenDaysFrom, type AtRiskRow, type AtRiskScope, type Requirement3 } from "./queries.js";
import { countedHoursOf, lessHours, suggestCourses, takeDays, type Gap } from "./suggest.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The year's requirement as three numbers (the policy in force on its last day). */
export async function requiredOf(trx: Tx, year: number): Promise<Requirement3> {
  const r = await requirementOf(trx, year);
  if (!r) throw new DomainError("POLICY_NOT_IN_FORCE", { date: `${year}-12-31` });
  return { general: r.requiredGeneralHours, professional: r.requiredProfessionalHours, total: r.requiredHours };
}

const gapOf = (req: Requirement3, g: number, p: number): Gap => ({
  generalHours: Math.max(0, round1(req.general - g)),
  professionalHours: Math.max(0, round1(req.professional - p)),
  totalHours: Math.max(0, round1(req.total - g - p)),
});

/** The forecast of one person and year; the caller has checked access. */
export async function buildForecast(trx: Tx, today: string, professionalId: string, year: number): Promise<ForecastView> {
  const req = await requiredOf(trx, year);
  const thisYear = Number(today.slice(0, 4));
  // the first day a course may still be held on: tomorrow this year, the whole of a later year, none of a past one
  const from = year > thisYear ? `${year}-01-01` : today;
  const remainingDays = year < thisYear ? 0 : year > thisYear ? daysBetween(`${year}-01-01`, `${year}-12-31`) + 1 : daysBetween(today, `${year}-12-31`);
  // 人社部令第25号 / DESIGN.md "Learning record": one person counts at most maxHoursPerDay hours on one day
  const cap = (await policyAt(trx, year < thisYear ? `${year}-12-31` : from)).params.maxHoursPerDay;
  const profile = await trx.selectFrom("professionals").select("specialty").where("id", "=", professionalId).executeTakeFirstOrThrow();
  const [earned, taken, enrolledRows] = await Promise.all([
    earnedOf(trx, professionalId, year),
    // the whole year: an enrolled course under way has past days that completion will still credit
    takenDaysFrom(trx, professionalId, year, `${year}-01-01`),
    year < thisYear ? Promise.resolve([]) : enrolledUpcoming(trx, professionalId, year, today),
  ]);
  const shortfall = gapOf(req, earned.generalHours, earned.professionalHours);
  const met = shortfall.totalHours === 0 && shortfall.generalHours === 0 && shortfall.professionalHours === 0;

  // The enrolled courses take their days first (only days inside the year count toward it; a course under
  // way counts its past days too, which its completion will credit to those who attended).
  const enrolledDays = await sessionDaysOf(trx, enrolledRows.map((r) => r.projectId));
  const inYear = (days: Record<string, number> | undefined, since = `${year}-01-01`) =>
    Object.fromEntries(Object.entries(days ?? {}).filter(([d]) => d.startsWith(`${year}-`) && d >= since));
  let remaining = shortfall;
  let enrolledG = 0;
  let enrolledP = 0;
  const enrolledCourses = enrolledRows.map((r) => {
    const days = inYear(enrolledDays.get(r.projectId));
    const countedHours = countedHoursOf(days, taken, cap);
    takeDays(days, taken, cap);
    if (r.subjectType === "general") enrolledG += countedHours;
    else enrolledP += countedHours;
    remaining = lessHours(remaining, r.subjectType, countedHours);
    return { projectId: r.projectId, title: r.title, subjectType: r.subjectType, hours: r.hours, countedHours, startDate: r.startDate, endDate: r.endDate };
  });
  const coveredByEnrolled = !met && remaining.totalHours === 0 && remaining.generalHours === 0 && remaining.professionalHours === 0;

  let suggestions: ForecastCourse[] = [];
  let closesGap = met || coveredByEnrolled;
  if (!closesGap && year >= thisYear) {
    const rows = await openCandidates(trx, { professionalId, specialty: profile.specialty }, year, today);
    const days = await sessionDaysOf(trx, rows.map((r) => r.projectId));
    const byId = new Map(rows.map((r) => [r.projectId, r]));
    const { picks, left } = suggestCourses(
      remaining,
      rows.map((r) => ({ projectId: r.projectId, subjectType: r.subjectType, startDate: r.startDate, feeFen: r.feeFen, days: inYear(days.get(r.projectId), from) })),
      taken,
      cap,
    );
    closesGap = left.totalHours === 0 && left.generalHours === 0 && left.professionalHours === 0;
    suggestions = picks.map(({ projectId, countedHours }) => {
      const r = byId.get(projectId)!;
      return {
        projectId,
        title: r.title,
        subjectType: r.subjectType,
        hours: r.hours,
        countedHours,
        startDate: r.startDate,
        endDate: r.endDate,
        baseName: r.baseName,
        category: r.category as ProjectCategory,
        placesLeft: r.capacity - r.enrolledCount,
        feeFen: r.feeFen,
      };
    });
  }
  return {
    year,
    professionalId,
    asOf: today,
    required: { generalHours: req.general, professionalHours: req.professional, totalHours: req.total },
    earned,
    shortfall,
    enrolled: { ...hoursOf(enrolledG, enrolledP), courses: enrolledCourses },
    remaining,
    remainingDays,
    maxHoursPerDay: cap,
    met,
    coveredByEnrolled,
    closesGap,
    suggestions,
  };
}

/** The person's own forecast, or (the bureau) anyone's: the learning record's access (第二十四条). */
export async function forecastOf(ctx: Ctx, professionalId: string | "me", year?: number): Promise<ForecastView> {
  const id = professionalId === "me" ? await requireProfessional(ctx.db, ctx) : professionalId;
  await readableRecordOf(ctx, id);
  return buildForecast(ctx.db, ctx.clock.today(), id, year ?? currentYear(ctx));
}

// ---------------------------------------------------------------------------------------------
// The bureau's list of people likely to miss the year.

function presentAtRisk(r: AtRiskRow): AtRiskProfessionalView {
  return {
    professionalId: r.professionalId,
    name: r.name,
    idNumber: r.idNumberMasked,
    employer: r.employer,
    specialty: r.specialty,
    district: r.district ?? "",
    earned: hoursOf(Number(r.earnedGeneral), Number(r.earnedProfessional)),
    enrolledHours: round1(Number(r.enrolledHours)),
    shortfall: { generalHours: round1(Number(r.gapGeneral)), professionalHours: round1(Number(r.gapProfessional)), totalHours: round1(Number(r.gapTotal)) },
  };
}

type AtRiskFilter = Omit<AtRiskQuery, "page" | "pageSize">;

async function scopeOf(ctx: Ctx, f: AtRiskFilter): Promise<AtRiskScope> {
  authorize(ctx.actor, "atRiskProfessional.read");
  const year = f.year ?? currentYear(ctx);
  return { year, today: ctx.clock.today(), required: await requiredOf(ctx.db, year), district: f.district, employer: f.employer, specialty: f.specialty };
}

/** Paged, the largest gap first (people whose enrolled courses leave the most to find). */
export async function listAtRisk(ctx: Ctx, q: AtRiskQuery): Promise<Page<AtRiskProfessionalView>> {
  const scope = await scopeOf(ctx, q);
  const { page, pageSize, offset } = pageWindow(q);
  const base = atRiskQuery(ctx.db, scope);
  const [rows, count] = await Promise.all([
    base.orderBy("gapTotal", "desc").orderBy("pr.id").limit(pageSize).offset(offset).execute(),
    ctx.db.selectFrom(base.as("x")).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentAtRisk), total: Number(count.n), page, pageSize };
}

/** Rows read per query of the export. */
const EXPORT_BATCH = 2000;

/**
 * Every person of the list, in keyset batches of the professional id: the export never truncates. Each
 * batch takes the next EXPORT_BATCH people from the primary key and groups only their entries and
 * enrolments (an `id >` bound would not reach into the grouped subqueries: each batch would re-read the year).
 */
export async function* allAtRisk(ctx: Ctx, f: AtRiskFilter): AsyncGenerator<AtRiskProfessionalView> {
  const scope = await scopeOf(ctx, f);
  let afterId: string | undefined;
  let count = 0;
  try {
    for (;;) {
      const ids = (
        await ctx.db
          .selectFrom("professionals")
          .select("id")
          .$if(!!afterId, (q) => q.where("id", ">", afterId!))
          .orderBy("id")
          .limit(EXPORT_BATCH)
          .execute()
      ).map((r) => r.id);
      if (ids.length === 0) return;
      const rows = await atRiskQuery(ctx.db, { ...scope, ids }).orderBy("pr.id").execute();
      for (const r of rows) {
        count++;
        yield presentAtRisk(r);
      }
      if (ids.length < EXPORT_BATCH) return;
      afterId = ids.at(-1)!;
    }
  } finally {
    // 个人信息保护法: the file lists people; the audit says how many were handed over (even if cut short)
    await auditPersonalDataRead(ctx, { action: "atRiskProfessional.exported", resourceType: "professional", resourceId: null, count, format: "xlsx" });
  }
}
