// The bureau's view of the working-day calendar: a year at a glance, overrides, and confirming a
// year the official package does not cover yet (the State Council publishes next year's holidays
// each November).
import type { CalendarYearView } from "../../../shared/api.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { addDays, isValidDate, isYearInPackage, WorkCalendar, type CalendarDay } from "../../platform/calendar.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";

export async function yearView(ctx: Ctx, year: number): Promise<CalendarYearView> {
  authorize(ctx.actor, "calendar.read");
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const cal = await WorkCalendar.load(ctx.db, from, to);
  const [overrides, confirmed] = await Promise.all([
    ctx.db.selectFrom("calendarOverrides").select(["date", "isWorkday", "name", "createdAt"]).where("date", ">=", from).where("date", "<=", to).orderBy("date").execute(),
    ctx.db.selectFrom("calendarYears").select("confirmedAt").where("year", "=", year).executeTakeFirst(),
  ]);
  const coveredBy = cal.coveredBy(year);
  const days: CalendarDay[] = [];
  if (coveredBy) for (let d = from; d <= to; d = addDays(d, 1)) days.push(cal.day(d));
  return {
    year,
    coveredBy,
    confirmedAt: confirmed?.confirmedAt ?? null,
    overrides: overrides.map((o) => ({ ...o, isWorkday: o.isWorkday === 1 })),
    days,
  };
}

/** One date, or CALENDAR_YEAR_NOT_COVERED for a year neither the package nor the bureau covers. */
export async function checkDate(ctx: Ctx, date: string): Promise<CalendarDay> {
  authorize(ctx.actor, "calendar.read");
  if (!isValidDate(date)) throw new DomainError("VALIDATION_FAILED", { date });
  return (await WorkCalendar.load(ctx.db, date, date)).day(date);
}

export async function workdaysBefore(ctx: Ctx, date: string, days: number): Promise<{ date: string; days: number; result: string }> {
  authorize(ctx.actor, "calendar.read");
  if (!isValidDate(date)) throw new DomainError("VALIDATION_FAILED", { date });
  const cal = await WorkCalendar.load(ctx.db, addDays(date, -days * 3 - 30), date);
  return { date, days, result: cal.workdaysBefore(date, days) };
}

export async function putOverride(ctx: Ctx, input: { date: string; isWorkday: boolean; name: string }) {
  authorize(ctx.actor, "calendar.update");
  if (!isValidDate(input.date)) throw new DomainError("VALIDATION_FAILED", { date: input.date });
  await inTransaction(ctx, async (trx) => {
    const values = { isWorkday: input.isWorkday ? 1 : 0, name: input.name.trim(), createdAt: ctx.clock.nowIso(), createdBy: ctx.actor?.id ?? null };
    await trx
      .insertInto("calendarOverrides")
      .values({ date: input.date, ...values })
      .onConflict((oc) => oc.column("date").doUpdateSet(values))
      .execute();
    await appendAudit(trx, ctx, { action: "calendar.override", resourceType: "calendar", resourceId: input.date, detail: { isWorkday: input.isWorkday, name: input.name } });
  });
  return yearView(ctx, Number(input.date.slice(0, 4)));
}

export async function deleteOverride(ctx: Ctx, date: string) {
  authorize(ctx.actor, "calendar.update");
  const deleted = await inTransaction(ctx, async (trx) => {
    const res = await trx.deleteFrom("calendarOverrides").where("date", "=", date).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return false;
    await appendAudit(trx, ctx, { action: "calendar.overrideRemoved", resourceType: "calendar", resourceId: date });
    return true;
  });
  if (!deleted) throw new DomainError("NOT_FOUND");
  return yearView(ctx, Number(date.slice(0, 4)));
}

export async function confirmYear(ctx: Ctx, year: number) {
  authorize(ctx.actor, "calendar.update");
  if (isYearInPackage(year)) throw new DomainError("CALENDAR_YEAR_COVERED", { year });
  await inTransaction(ctx, async (trx) => {
    await trx
      .insertInto("calendarYears")
      .values({ year, confirmedAt: ctx.clock.nowIso(), confirmedBy: ctx.actor?.id ?? null })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
    await appendAudit(trx, ctx, { action: "calendar.confirmYear", resourceType: "calendar", resourceId: String(year) });
  });
  return yearView(ctx, year);
}

/** Years whose calendar the bureau must still confirm: next year from 1 November, and this year. */
export async function yearsAwaitingConfirmation(ctx: Ctx): Promise<number[]> {
  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  const wanted = today.slice(5) >= "11-01" ? [year, year + 1] : [year];
  const cal = await WorkCalendar.load(ctx.db, today, today);
  return wanted.filter((y) => !cal.coveredBy(y));
}
