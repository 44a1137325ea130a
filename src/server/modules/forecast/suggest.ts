// Choosing the courses that would close a professional's gap (第二十四条; 人社部令第25号 第八条): pure
// functions over the gap, the candidate courses and the hours already taken on each day, so the rule
// is read and tested apart from the SQL that finds the candidates.
import type { SubjectType } from "../../../shared/filing.js";
import type { Hours } from "../../../shared/forecast.js";

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A gap to close: hours of each kind, and the total (which either kind fills). */
export type Gap = Hours;

export interface Candidate {
  projectId: string;
  subjectType: SubjectType;
  startDate: string;
  feeFen: number;
  /** the course's hours on each of its days (YYYY-MM-DD → hours) */
  days: Record<string, number>;
}

/**
 * The hours a course would add to the record: on each day at most what the daily cap leaves after the
 * hours already taken that day (DESIGN.md "Learning record", as creditHours counts them).
 */
export function countedHoursOf(days: Record<string, number>, taken: ReadonlyMap<string, number>, cap: number): number {
  let sum = 0;
  for (const [date, hours] of Object.entries(days)) sum += Math.min(hours, Math.max(0, cap - (taken.get(date) ?? 0)));
  return round1(sum);
}

/** Takes the course's days into `taken` (capped as they would be counted). */
export function takeDays(days: Record<string, number>, taken: Map<string, number>, cap: number): void {
  for (const [date, hours] of Object.entries(days)) {
    const before = taken.get(date) ?? 0;
    taken.set(date, before + Math.min(hours, Math.max(0, cap - before)));
  }
}

/** What is left of the gap after `hours` of a kind are counted. */
export function lessHours(gap: Gap, subjectType: SubjectType, hours: number): Gap {
  return {
    generalHours: subjectType === "general" ? Math.max(0, round1(gap.generalHours - hours)) : gap.generalHours,
    professionalHours: subjectType === "professional" ? Math.max(0, round1(gap.professionalHours - hours)) : gap.professionalHours,
    totalHours: Math.max(0, round1(gap.totalHours - hours)),
  };
}

export const isClosed = (gap: Gap) => gap.generalHours <= 0 && gap.professionalHours <= 0 && gap.totalHours <= 0;

/**
 * How much of the gap `hours` of a kind would close: the hours of its own kind still needed, plus the
 * hours the total needs beyond what both kinds need.
 */
export function usefulHours(gap: Gap, subjectType: SubjectType, hours: number): number {
  const own = subjectType === "general" ? gap.generalHours : gap.professionalHours;
  const either = Math.max(0, gap.totalHours - gap.generalHours - gap.professionalHours);
  return round1(Math.min(hours, own + either));
}

export interface Pick {
  projectId: string;
  countedHours: number;
}

/**
 * The suggestions, best first. "Best" is greedy: each step takes the course that closes the most of what
 * is left of the gap (so the fewest courses), and among those closing as much, the one that overshoots
 * least (hours beyond the gap are wasted), then the earliest, then the cheapest. Each pick fills its days
 * toward the daily cap, so two courses on one day never count past it. Stops when the gap is closed or no
 * course closes any more of it.
 */
export function suggestCourses(gap: Gap, candidates: readonly Candidate[], taken: ReadonlyMap<string, number>, cap: number): { picks: Pick[]; left: Gap } {
  const days = new Map(taken);
  const open = [...candidates];
  const picks: Pick[] = [];
  let left = gap;
  while (!isClosed(left) && open.length > 0) {
    let best: { i: number; counted: number; useful: number } | null = null;
    for (let i = 0; i < open.length; i++) {
      const c = open[i];
      const counted = countedHoursOf(c.days, days, cap);
      const useful = usefulHours(left, c.subjectType, counted);
      if (useful <= 0) continue;
      if (!best || isBetter({ c, counted, useful }, { c: open[best.i], counted: best.counted, useful: best.useful })) best = { i, counted, useful };
    }
    if (!best) break;
    const chosen = open.splice(best.i, 1)[0];
    takeDays(chosen.days, days, cap);
    picks.push({ projectId: chosen.projectId, countedHours: best.counted });
    left = lessHours(left, chosen.subjectType, best.counted);
  }
  return { picks, left };
}

interface Scored {
  c: Candidate;
  counted: number;
  useful: number;
}

function isBetter(a: Scored, b: Scored): boolean {
  if (a.useful !== b.useful) return a.useful > b.useful;
  const overA = a.counted - a.useful;
  const overB = b.counted - b.useful;
  if (overA !== overB) return overA < overB;
  if (a.c.startDate !== b.c.startDate) return a.c.startDate < b.c.startDate;
  if (a.c.feeFen !== b.c.feeFen) return a.c.feeFen < b.c.feeFen;
  return a.c.projectId < b.c.projectId;
}
