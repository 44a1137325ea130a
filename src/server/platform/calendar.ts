// The official working-day calendar (第十六条 counts filing lead time in 工作日): statutory holidays
// and make-up working days (调休) from the chinese-days package, with bureau overrides on top. A year
// the package does not cover counts only once the bureau has confirmed it (entering that year's
// holidays as overrides); until then, asking about it is an explicit error, never a silent guess.
import { createRequire } from "node:module";
import type { Tx } from "./db.js";
import { DomainError } from "./errors.js";

const require = createRequire(import.meta.url);
const official = require("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const packageYears = new Set(
  [...Object.keys(official.holidays), ...Object.keys(official.workdays)].map((d) => Number(d.slice(0, 4))),
);

export function isYearInPackage(year: number): boolean {
  return packageYears.has(year);
}

export type DaySource = "official" | "override" | "weekday";

export interface CalendarDay {
  date: string;
  isWorkday: boolean;
  name: string | null;
  source: DaySource;
}

function holidayName(raw: string): string {
  // entries look like "National Day,国庆节,3"
  const parts = raw.split(",");
  return parts[1] ?? parts[0];
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

interface Override {
  date: string;
  isWorkday: number;
  name: string;
}

/** One calendar read: overrides and confirmed years loaded once for a range of dates. */
export class WorkCalendar {
  private constructor(
    private readonly overrides: Map<string, Override>,
    private readonly confirmedYears: Set<number>,
    private readonly from: string,
    private readonly to: string,
  ) {}

  static async load(trx: Tx, from: string, to: string): Promise<WorkCalendar> {
    const [rows, years] = await Promise.all([
      trx.selectFrom("calendarOverrides").select(["date", "isWorkday", "name"]).where("date", ">=", from).where("date", "<=", to).execute(),
      trx.selectFrom("calendarYears").select("year").execute(),
    ]);
    return new WorkCalendar(new Map(rows.map((r) => [r.date, r])), new Set(years.map((y) => Number(y.year))), from, to);
  }

  coveredBy(year: number): "package" | "bureau" | null {
    if (isYearInPackage(year)) return "package";
    return this.confirmedYears.has(year) ? "bureau" : null;
  }

  day(date: string): CalendarDay {
    // Overrides were loaded for [from, to] only: a date outside would silently miss them.
    if (date < this.from || date > this.to) throw new Error(`calendar loaded for ${this.from}..${this.to}, asked about ${date}`);
    const year = Number(date.slice(0, 4));
    const covered = this.coveredBy(year);
    // A year nobody covers is an error even where the bureau has entered a few overrides already.
    if (!covered) throw new DomainError("CALENDAR_YEAR_NOT_COVERED", { year });
    const o = this.overrides.get(date);
    if (o) return { date, isWorkday: o.isWorkday === 1, name: o.name, source: "override" };
    if (covered === "package") {
      if (official.holidays[date]) return { date, isWorkday: false, name: holidayName(official.holidays[date]), source: "official" };
      if (official.workdays[date]) return { date, isWorkday: true, name: `${holidayName(official.workdays[date])}调休`, source: "official" };
    }
    const wd = weekdayOf(date);
    return { date, isWorkday: wd !== 0 && wd !== 6, name: null, source: "weekday" };
  }

  isWorkday(date: string): boolean {
    return this.day(date).isWorkday;
  }

  /** The date `n` working days before `date` (n ≥ 1), e.g. the last day to file before class start. */
  workdaysBefore(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, -1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to`. */
  workdaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}

/** A calendar loaded wide enough for lead-time questions around a date (±120 days). */
export function calendarAround(trx: Tx, date: string): Promise<WorkCalendar> {
  return WorkCalendar.load(trx, addDays(date, -120), addDays(date, 120));
}
