// The filing rules a training project must meet before it is filed (第十六条, 第十七条, 第二十五条).
// Each broken rule is one DomainError; submitting refuses with the first and lists them all.
import { sessionHoursTotal, type ProjectSession, type SubjectType } from "../../../shared/filing.js";
import { calendarAround, isValidDate } from "../../platform/calendar.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { policyAt } from "../policy/service.js";
import { requireActive, yuan, type BaseFacts } from "./bases.js";
import { currentStandard, KIND_NAMES } from "./fees.js";

export interface FilingFacts {
  base: BaseFacts;
  annualPlanId: string | null;
  planItemKey: string | null;
  adHoc: boolean;
  adHocReason: string | null;
  subjectType: SubjectType;
  startDate: string;
  endDate: string;
  hours: number;
  feeFen: number;
  sessions: readonly Omit<ProjectSession, "id">[];
  /** The project's own completion rule (null: the policy's). */
  completionAttendance?: number | null;
}

/**
 * 第十六条: the last day to file is the `filingLeadWorkdays`-th working day before class start, counted
 * on the official calendar with statutory holidays and make-up working days (调休). A year the calendar
 * does not cover is an explicit error (CALENDAR_YEAR_NOT_COVERED), never a guess.
 */
export async function latestFilingDate(trx: Tx, today: string, startDate: string): Promise<{ latest: string; leadWorkdays: number }> {
  const { params } = await policyAt(trx, today);
  const calendar = await calendarAround(trx, startDate);
  return { latest: calendar.workdaysBefore(startDate, params.filingLeadWorkdays), leadWorkdays: params.filingLeadWorkdays };
}

/** Runs a check and keeps its refusal instead of throwing, so every broken rule is named. */
async function collect(out: DomainError[], check: () => void | Promise<void>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (e) {
    if (e instanceof DomainError) {
      out.push(e);
      return false;
    }
    throw e;
  }
}

async function checkPlan(trx: Tx, f: FilingFacts): Promise<void> {
  if (f.adHoc) {
    // 一事一报: outside the plan, with the reason.
    if (f.annualPlanId) throw new DomainError("PLAN_OR_AD_HOC_REQUIRED");
    if (!f.adHocReason?.trim()) throw new DomainError("AD_HOC_REASON_REQUIRED");
    return;
  }
  if (!f.annualPlanId) throw new DomainError("PLAN_OR_AD_HOC_REQUIRED");
  const year = Number(f.startDate.slice(0, 4));
  const plan = await trx.selectFrom("annualPlans").select(["baseId", "year", "status", "items"]).where("id", "=", f.annualPlanId).executeTakeFirst();
  if (!plan || plan.baseId !== f.base.id || Number(plan.year) !== year) throw new DomainError("PLAN_MISMATCH", { year });
  // A planned project carries out one project of the plan; anything else is filed ad hoc, with its reason.
  if (!f.planItemKey) throw new DomainError("PLAN_ITEM_REQUIRED");
  if (!(JSON.parse(plan.items) as { key: string }[]).some((it) => it.key === f.planItemKey)) throw new DomainError("PLAN_MISMATCH", { year });
  // 第十六条: a planned project rests on a plan the bureau has filed.
  if (plan.status !== "filed") throw new DomainError("PLAN_NOT_FILED", { year });
}

function checkDates(f: FilingFacts): void {
  if (!isValidDate(f.startDate) || !isValidDate(f.endDate)) throw new DomainError("INVALID_DATES", { reason: "日期不存在" });
  if (f.endDate < f.startDate) throw new DomainError("INVALID_DATES", { reason: `结束日期 ${f.endDate} 早于开班日期 ${f.startDate}` });
  if (f.sessions.length === 0) throw new DomainError("SESSIONS_REQUIRED");
  for (const s of f.sessions) {
    if (!isValidDate(s.date) || s.date < f.startDate || s.date > f.endDate) {
      throw new DomainError("INVALID_DATES", { reason: `课程“${s.title}”的日期 ${s.date} 不在培训期 ${f.startDate} 至 ${f.endDate} 内` });
    }
    if (s.endTime <= s.startTime) throw new DomainError("INVALID_DATES", { reason: `课程“${s.title}”的结束时间 ${s.endTime} 不晚于开始时间 ${s.startTime}` });
    // A credit hour is a class hour of at least 45 minutes: the hours claimed must fit the session's time.
    if (s.hours * MINUTES_PER_CREDIT_HOUR > minutes(s.endTime) - minutes(s.startTime)) {
      throw new DomainError("INVALID_DATES", { reason: `课程“${s.title}”${s.startTime}—${s.endTime} 不足以安排 ${s.hours} 学时（每学时不少于 ${MINUTES_PER_CREDIT_HOUR} 分钟）` });
    }
  }
  const byStart = [...f.sessions].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
  for (let i = 1; i < byStart.length; i++) {
    const [a, b] = [byStart[i - 1], byStart[i]];
    if (a.date === b.date && b.startTime < a.endTime) {
      throw new DomainError("INVALID_DATES", { reason: `${a.date} 的课程“${a.title}”与“${b.title}”时间重叠` });
    }
  }
}

/** Practice in continuing education: one 学时 is a class hour of 45 minutes or more. */
export const MINUTES_PER_CREDIT_HOUR = 45;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

async function checkHours(trx: Tx, today: string, f: FilingFacts): Promise<void> {
  const sessionHours = sessionHoursTotal(f.sessions);
  if (sessionHours !== sessionHoursTotal([{ hours: f.hours }])) throw new DomainError("HOURS_MISMATCH", { sessionHours, hours: f.hours });
  const { params } = await policyAt(trx, today);
  const perDay = new Map<string, number>();
  for (const s of f.sessions) perDay.set(s.date, (perDay.get(s.date) ?? 0) + Math.round(s.hours * 2));
  for (const [date, halves] of [...perDay].sort()) {
    if (halves / 2 > params.maxHoursPerDay) throw new DomainError("DAILY_HOURS_EXCEEDED", { date, hours: halves / 2, max: params.maxHoursPerDay });
  }
}

async function checkLeadTime(trx: Tx, today: string, f: FilingFacts): Promise<void> {
  const { latest, leadWorkdays } = await latestFilingDate(trx, today, f.startDate);
  if (today > latest) throw new DomainError("FILING_TOO_LATE", { startDate: f.startDate, latestFilingDate: latest, leadWorkdays, today });
}

/** 第二十五条: the fee per person may not exceed the base's approved standard for that kind of training. */
async function checkFee(trx: Tx, f: FilingFacts): Promise<void> {
  const standard = await currentStandard(trx, f.base.id, f.subjectType);
  const ceiling = standard ? Number(standard.amountFen) : 0;
  if (f.feeFen > ceiling) {
    throw new DomainError("FEE_ABOVE_STANDARD", {
      feeFen: f.feeFen,
      standardFen: standard ? ceiling : null,
      kind: f.subjectType,
      feeYuan: yuan(f.feeFen),
      kindName: KIND_NAMES[f.subjectType],
      standardText: standard ? `${yuan(ceiling)} 元/人` : "尚未备案收费标准，只能举办免费培训",
    });
  }
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * 第十七条 (DESIGN.md "Delivery and records"): completion takes attendance of `completionAttendance` of
 * the sessions, all of them by default, "unless the project sets lower": a project may ease the policy in
 * force at its end date, never make it stricter.
 */
export async function checkCompletionAttendance(trx: Tx, f: Pick<FilingFacts, "endDate" | "completionAttendance">): Promise<void> {
  if (f.completionAttendance == null) return;
  const { params } = await policyAt(trx, f.endDate);
  const max = params.completionAttendance;
  if (f.completionAttendance > max + 1e-9) {
    throw new DomainError("COMPLETION_ATTENDANCE_ABOVE_POLICY", { max, value: f.completionAttendance, maxPercent: percent(max), valuePercent: percent(f.completionAttendance) });
  }
}

/** Every broken filing rule, in the order a base fixes them. */
export async function filingViolations(trx: Tx, today: string, f: FilingFacts): Promise<DomainError[]> {
  const out: DomainError[] = [];
  await collect(out, () => requireActive(f.base));
  await collect(out, () => checkPlan(trx, f));
  if (await collect(out, () => checkDates(f))) {
    await collect(out, () => checkHours(trx, today, f));
    await collect(out, () => checkLeadTime(trx, today, f));
  }
  await collect(out, () => checkFee(trx, f));
  await collect(out, () => checkCompletionAttendance(trx, f));
  return out;
}

/** Refuses with the first broken rule; when several are broken, `details.violations` names each. */
export function refuse(violations: DomainError[]): void {
  if (violations.length === 0) return;
  const [first] = violations;
  if (violations.length === 1) throw first;
  throw new DomainError(first.code, { ...first.details, violations: violations.map((v) => ({ code: v.code, details: v.details })) });
}
