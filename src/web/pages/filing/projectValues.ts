// The filing form's values ↔ what POST/PATCH /training-projects take (ProjectInput): dates and times as
// Dayjs in the form and YYYY-MM-DD / HH:mm on the wire, the fee in 元 in the form and integer fen on
// the wire, the completion attendance in percent in the form and as a share on the wire. Sessions keep
// their id, so check-ins stay attached across edits.
import dayjs, { type Dayjs } from "dayjs";
import type { ProjectInput, ProjectView, SubjectType, TrainingMode } from "../../api/types";
import type { ProjectCategory } from "../../../shared/filing.js";
import { fenToYuan, yuanToFen } from "../../format";

export type FilingKind = "plan" | "adHoc";

export interface TeacherRow {
  name?: string;
  title?: string;
  org?: string;
}

export interface SessionRow {
  id?: string;
  date?: Dayjs | null;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  title?: string;
  teacher?: string;
  hours?: number | null;
}

export interface ProjectValues {
  baseId?: string;
  filingKind: FilingKind;
  annualPlanId?: string | null;
  planItemKey?: string | null;
  adHocReason?: string;
  title?: string;
  subjectType?: SubjectType;
  category?: ProjectCategory;
  specialty?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  hours?: number | null;
  mode?: TrainingMode;
  venue?: string;
  capacity?: number | null;
  feeYuan?: number | null;
  teachers: TeacherRow[];
  sessions: SessionRow[];
  description?: string;
  /** 结业出勤要求 in percent (empty: the policy's). */
  completionPercent?: number | null;
}

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const time = (s: string | null | undefined) => (s ? dayjs(`2000-01-01T${s}`) : null);
export const ymd = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : "");
const hm = (d: Dayjs | null | undefined) => (d ? d.format("HH:mm") : "");

export function emptyProject(baseId?: string): ProjectValues {
  return { baseId, filingKind: "adHoc", subjectType: "professional", category: "professional_subject", mode: "offline", feeYuan: 0, teachers: [], sessions: [] };
}

export function toProjectValues(v: ProjectView): ProjectValues {
  return {
    baseId: v.baseId,
    filingKind: v.adHoc ? "adHoc" : "plan",
    annualPlanId: v.annualPlanId,
    planItemKey: v.planItemKey,
    adHocReason: v.adHocReason ?? "",
    title: v.title,
    subjectType: v.subjectType,
    category: v.category,
    specialty: v.specialty,
    startDate: day(v.startDate),
    endDate: day(v.endDate),
    hours: v.hours,
    mode: v.mode,
    venue: v.venue,
    capacity: v.capacity,
    feeYuan: fenToYuan(v.feeFen),
    teachers: v.teachers.map((x) => ({ ...x })),
    sessions: v.sessions.map((s) => ({ id: s.id, date: day(s.date), startTime: time(s.startTime), endTime: time(s.endTime), title: s.title, teacher: s.teacher, hours: s.hours })),
    description: v.description ?? "",
    completionPercent: v.completionAttendance == null ? null : Number((v.completionAttendance * 100).toFixed(2)),
  };
}

export function fromProjectValues(v: ProjectValues): ProjectInput {
  const adHoc = v.filingKind === "adHoc";
  const description = v.description?.trim();
  return {
    baseId: v.baseId ?? "",
    annualPlanId: adHoc ? null : (v.annualPlanId ?? null),
    planItemKey: adHoc ? null : (v.planItemKey ?? null),
    adHoc,
    adHocReason: adHoc ? (v.adHocReason?.trim() ?? "") : null,
    title: (v.title ?? "").trim(),
    subjectType: v.subjectType ?? "professional",
    category: v.category,
    specialty: (v.specialty ?? "").trim(),
    startDate: ymd(v.startDate),
    endDate: ymd(v.endDate),
    hours: v.hours ?? 0,
    mode: v.mode ?? "offline",
    venue: (v.venue ?? "").trim(),
    capacity: v.capacity ?? 0,
    feeFen: yuanToFen(v.feeYuan) ?? 0,
    teachers: (v.teachers ?? []).map((x) => ({ name: (x.name ?? "").trim(), title: (x.title ?? "").trim(), org: (x.org ?? "").trim() })),
    sessions: (v.sessions ?? []).map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      date: ymd(s.date),
      startTime: hm(s.startTime),
      endTime: hm(s.endTime),
      title: (s.title ?? "").trim(),
      teacher: (s.teacher ?? "").trim(),
      hours: s.hours ?? 0,
    })),
    ...(description ? { description } : {}),
    completionAttendance: v.completionPercent == null ? null : v.completionPercent / 100,
  };
}
