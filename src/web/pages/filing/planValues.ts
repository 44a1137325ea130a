// The plan editor's form values ↔ what POST/PATCH /annual-plans take (AnnualPlanInput): dates as Dayjs
// in the form and YYYY-MM-DD on the wire, fees in 元 in the form and integer fen on the wire.
import dayjs, { type Dayjs } from "dayjs";
import type { AnnualPlanInput, PlannedProject, PlanOutcome, PlanSummary, SubjectType } from "../../api/types";
import { fenToYuan, yuanToFen } from "../../format";
import type { ProjectCategory } from "../../../shared/filing.js";

export interface ItemRow {
  key?: string;
  title?: string;
  subjectType?: SubjectType;
  category?: ProjectCategory;
  specialty?: string;
  plannedStart?: Dayjs | null;
  plannedEnd?: Dayjs | null;
  hours?: number | null;
  places?: number | null;
  feeYuan?: number | null;
}

export interface EntryRow {
  plannedKey?: string | null;
  title?: string;
  outcome?: PlanOutcome;
  participants?: number | null;
  completed?: number | null;
  hoursDelivered?: number | null;
  note?: string;
}

export interface PlanValues {
  note?: string;
  items: ItemRow[];
  summary: { entries: EntryRow[]; adHocProjects?: number | null; narrative?: string };
}

const day = (s: string | undefined | null) => (s ? dayjs(s) : null);
const ymd = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : "");

export function itemsToRows(items: readonly PlannedProject[]): ItemRow[] {
  return items.map((i) => ({
    key: i.key,
    title: i.title,
    subjectType: i.subjectType,
    category: i.category,
    specialty: i.specialty,
    plannedStart: day(i.plannedStart),
    plannedEnd: day(i.plannedEnd),
    hours: i.hours,
    places: i.places,
    feeYuan: fenToYuan(i.feeFen),
  }));
}

export function toPlanValues(items: readonly PlannedProject[], summary: PlanSummary, note?: string): PlanValues {
  return {
    note: note ?? "",
    items: itemsToRows(items),
    summary: {
      entries: summary.entries.map((e) => ({ ...e, note: e.note ?? "" })),
      adHocProjects: summary.adHocProjects,
      narrative: summary.narrative,
    },
  };
}

export function fromPlanValues(v: PlanValues, base: { baseId: string; year: number; summaryYear: number }): AnnualPlanInput {
  const items: PlannedProject[] = (v.items ?? []).map((r) => ({
    ...(r.key ? { key: r.key } : {}),
    title: (r.title ?? "").trim(),
    subjectType: r.subjectType ?? "professional",
    category: r.category ?? "other",
    specialty: (r.specialty ?? "").trim(),
    plannedStart: ymd(r.plannedStart),
    plannedEnd: ymd(r.plannedEnd),
    hours: r.hours ?? 0,
    places: r.places ?? 0,
    feeFen: yuanToFen(r.feeYuan) ?? 0,
  }));
  const summary: PlanSummary = {
    year: base.summaryYear,
    entries: (v.summary?.entries ?? []).map((e) => ({
      plannedKey: e.plannedKey ?? null,
      title: (e.title ?? "").trim(),
      outcome: e.outcome ?? "run",
      participants: e.participants ?? 0,
      completed: e.completed ?? 0,
      hoursDelivered: e.hoursDelivered ?? 0,
      ...(e.note?.trim() ? { note: e.note.trim() } : {}),
    })),
    adHocProjects: v.summary?.adHocProjects ?? 0,
    narrative: (v.summary?.narrative ?? "").trim(),
  };
  const note = v.note?.trim();
  return { baseId: base.baseId, year: base.year, items, summary, ...(note ? { note } : {}) };
}

/** Sum of a column over the rows, for the table footers. */
export function sumOf<T>(rows: readonly T[] | undefined, pick: (r: T) => number | null | undefined): number {
  return (rows ?? []).reduce((s, r) => s + (Number(pick(r)) || 0), 0);
}
