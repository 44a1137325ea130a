// Reading the learning record (学习档案, 第二十四条): per year, the hours by general and professional
// subject against the requirement of 人社部令第25号 第八条 (yearlyHours 90, professional at least 2/3)
// and the Shandong practice of at least `generalMinHours` general hours. Hours count in the year they
// were earned and never carry over.
import type { LearningEntryView, LearningRecordView, LearningYearSummary } from "../../../shared/delivery.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { policyAt } from "../policy/service.js";
import { requireProfessional } from "./profiles.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

export const currentYear = (ctx: Ctx) => Number(ctx.clock.today().slice(0, 4));

export interface Requirement {
  requiredHours: number;
  requiredProfessionalHours: number;
  requiredGeneralHours: number;
}

/** The requirement of a year: the policy in force on its last day (null before the measures). */
export async function requirementOf(trx: Tx, year: number): Promise<Requirement | null> {
  try {
    const { params } = await policyAt(trx, `${year}-12-31`);
    return {
      requiredHours: params.yearlyHours,
      requiredProfessionalHours: round1(params.yearlyHours * params.professionalShare),
      requiredGeneralHours: params.generalMinHours,
    };
  } catch (e) {
    if (e instanceof DomainError && e.code === "POLICY_NOT_IN_FORCE") return null;
    throw e;
  }
}

export interface Totals {
  generalHours: number;
  professionalHours: number;
  totalHours: number;
}

/** Compliance: enough hours in total, enough professional ones and enough general ones. */
export function assess(t: Totals, r: Requirement): Pick<LearningRecordView, "compliant" | "shortfalls"> {
  const shortfalls: LearningRecordView["shortfalls"] = [];
  const short = (kind: "total" | "general" | "professional", have: number, need: number) => {
    if (have < need) shortfalls.push({ kind, hours: round1(need - have) });
  };
  short("total", t.totalHours, r.requiredHours);
  short("general", t.generalHours, r.requiredGeneralHours);
  short("professional", t.professionalHours, r.requiredProfessionalHours);
  return { compliant: shortfalls.length === 0, shortfalls };
}

async function requireRequirement(trx: Tx, year: number): Promise<Requirement> {
  const r = await requirementOf(trx, year);
  if (!r) throw new DomainError("POLICY_NOT_IN_FORCE", { date: `${year}-12-31` });
  return r;
}

async function entriesOf(trx: Tx, professionalId: string, year: number): Promise<LearningEntryView[]> {
  const rows = await trx
    .selectFrom("learningEntries")
    .leftJoin("certificates", "certificates.id", "learningEntries.certificateId")
    .leftJoin("trainingProjects", "trainingProjects.id", "learningEntries.projectId")
    .leftJoin("bases", "bases.id", "trainingProjects.baseId")
    .select([
      "learningEntries.id",
      "learningEntries.source",
      "learningEntries.subjectType",
      "learningEntries.title",
      "learningEntries.hours",
      "learningEntries.earnedOn",
      "learningEntries.status",
      "learningEntries.revokedReason",
      "learningEntries.projectId",
      "bases.name as baseName",
      "learningEntries.certificateId",
      "certificates.serial as certificateSerial",
      "learningEntries.declarationId",
    ])
    .where("learningEntries.professionalId", "=", professionalId)
    .where("learningEntries.year", "=", year)
    .orderBy("learningEntries.earnedOn", "desc")
    .orderBy("learningEntries.createdAt", "desc")
    .execute();
  const views = rows.map((r) => ({ ...r, hours: Number(r.hours) }) as LearningEntryView);
  // counted first (what makes the totals), then the revoked ones kept for the history
  return [...views.filter((e) => e.status === "counted"), ...views.filter((e) => e.status !== "counted")];
}

export function totalsOf(entries: Pick<LearningEntryView, "status" | "subjectType" | "hours">[]): Totals {
  let general = 0;
  let professional = 0;
  for (const e of entries) {
    if (e.status !== "counted") continue;
    if (e.subjectType === "general") general += e.hours;
    else professional += e.hours;
  }
  return { generalHours: round1(general), professionalHours: round1(professional), totalHours: round1(general + professional) };
}

/** The record of one professional and year; the caller has checked access. */
export async function buildLearningRecord(trx: Tx, professionalId: string, year: number, knownName?: string): Promise<LearningRecordView> {
  const [person, requirement, entries, pending] = await Promise.all([
    knownName === undefined ? trx.selectFrom("users").select("displayName").where("id", "=", professionalId).executeTakeFirstOrThrow() : { displayName: knownName },
    requireRequirement(trx, year),
    entriesOf(trx, professionalId, year),
    trx
      .selectFrom("hourDeclarations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("professionalId", "=", professionalId)
      .where("year", "=", year)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow(),
  ]);
  const totals = totalsOf(entries);
  return {
    professionalId,
    name: person.displayName,
    year,
    ...totals,
    ...requirement,
    ...assess(totals, requirement),
    entries,
    pendingDeclarations: Number(pending.n),
  };
}

/** The learning record is the person's and the bureau's (learningRecord.read: self, all). */
export async function readableRecordOf(ctx: Ctx, professionalId: string): Promise<void> {
  authorize(ctx.actor, "learningRecord.read");
  const exists = await ctx.db.selectFrom("professionals").select("id").where("id", "=", professionalId).executeTakeFirst();
  if (!exists) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "learningRecord.read", { userId: professionalId });
}

export async function learningRecordOf(ctx: Ctx, professionalId: string | "me", year?: number): Promise<LearningRecordView> {
  const y = year ?? currentYear(ctx);
  // issue 13: the professional's own record, the most read page in December, in as few round trips as it
  // can: requireProfessional has found the person, and the name is the signed-in actor's
  if (professionalId === "me") {
    const id = await requireProfessional(ctx.db, ctx);
    authorize(ctx.actor, "learningRecord.read", { userId: id });
    return buildLearningRecord(ctx.db, id, y, ctx.actor!.displayName);
  }
  await readableRecordOf(ctx, professionalId);
  return buildLearningRecord(ctx.db, professionalId, y);
}

/**
 * One bar per year for the chart, years without hours included. Years before any policy was in force
 * have no requirement to measure against and are left out.
 */
export async function learningYearsOf(ctx: Ctx, professionalId: string | "me", range: { from?: number; to?: number }): Promise<LearningYearSummary[]> {
  const id = professionalId === "me" ? await requireProfessional(ctx.db, ctx) : professionalId;
  await readableRecordOf(ctx, id);
  const to = range.to ?? currentYear(ctx);
  const from = range.from ?? to - 4;
  if (from > to || to - from > 50) throw new DomainError("VALIDATION_FAILED", { from, to });
  const rows = await ctx.db
    .selectFrom("learningEntries")
    .select(["year", "subjectType", (eb) => eb.fn.sum<number>("hours").as("hours")])
    .where("professionalId", "=", id)
    .where("status", "=", "counted")
    .where("year", ">=", from)
    .where("year", "<=", to)
    .groupBy(["year", "subjectType"])
    .execute();
  const out: LearningYearSummary[] = [];
  for (let year = from; year <= to; year++) {
    const requirement = await requirementOf(ctx.db, year);
    if (!requirement) continue;
    const hoursOf = (kind: string) => Number(rows.find((r) => Number(r.year) === year && r.subjectType === kind)?.hours ?? 0);
    const general = round1(hoursOf("general"));
    const professional = round1(hoursOf("professional"));
    const totals = { generalHours: general, professionalHours: professional, totalHours: round1(general + professional) };
    out.push({ year, ...totals, requiredHours: requirement.requiredHours, compliant: assess(totals, requirement).compliant });
  }
  return out;
}
