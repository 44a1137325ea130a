// Filing (第十六条, 第十七条, 第二十五条): fee standards, annual plans with the execution summary of the
// year before, and training projects filed online before class start. Shared so the web forms send
// exactly what the server accepts: what GET answers, less the server's own fields, is what POST and
// PATCH take.
import { Type, type Static } from "typebox";
import { HistoryEntryView as HistoryEntry } from "./accreditation.js";
import { DateString, Id, Nullable } from "./api.js";

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Opt = Type.Optional;
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000, description: "fen (1/100 yuan) per person" });
/** Credit hours in half-hour steps (a 45-minute class counts as one hour in practice; halves are common). */
const Hours = Type.Number({ minimum: 0.5, maximum: 1000, multipleOf: 0.5 });
const Time = Type.String({ pattern: "^([01]\\d|2[0-3]):[0-5]\\d$", description: "HH:mm, Asia/Shanghai" });

export const SUBJECT_TYPES = ["general", "professional"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const SubjectTypeSchema = Type.Enum(SUBJECT_TYPES, { description: "公需科目 general | 专业科目 professional" });

// 第十条: the kinds of project a base may run. The words live in the i18n files (filing.category.<code>).
export const PROJECT_CATEGORIES = [
  "national_program",
  "provincial_program",
  "municipal_program",
  "advanced_seminar",
  "commissioned",
  "professional_subject",
  "academic_exchange",
  "hrss_commissioned",
  "other",
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const ProjectCategorySchema = Type.Enum(PROJECT_CATEGORIES, {
  description: "第十条 项目类别: 国家/省/市级继续教育工程项目 national_program/provincial_program/municipal_program · 高级研修 advanced_seminar · 政府部门或行业委托 commissioned · 专业科目培训 professional_subject · 学术交流 academic_exchange · 人社部门委托 hrss_commissioned · 其他 other",
});

export const TRAINING_MODES = ["offline", "online", "blended"] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

// ---------------------------------------------------------------------------------------------
// 第二十五条: fee standards. One per base and kind of training; a rise waits for the bureau.

export const FEE_KINDS = SUBJECT_TYPES;
export const FEE_STANDARD_STATUSES = ["pending", "approved", "rejected", "superseded"] as const;
export type FeeStandardStatus = (typeof FEE_STANDARD_STATUSES)[number];

export const FeeStandardInput = Type.Object(
  {
    kind: SubjectTypeSchema,
    amountFen: Fen,
    basis: Type.String({ minLength: 2, maxLength: 500, description: "依据: the price bureau's approval, the board's decision, the cost calculation" }),
  },
  { additionalProperties: false },
);
export type FeeStandardInput = Static<typeof FeeStandardInput>;

export const FeeStandardView = Type.Object({
  id: Type.String(),
  baseId: Type.String(),
  baseName: Type.String(),
  kind: SubjectTypeSchema,
  amountFen: Type.Integer(),
  basis: Type.String(),
  status: Type.Enum(FEE_STANDARD_STATUSES),
  /** The amount it replaces (null: the first standard of this kind). */
  previousAmountFen: Nullable(Type.Integer()),
  /** True when it raises the ceiling and so needed the bureau's approval. */
  raise: Type.Boolean(),
  requestedBy: Nullable(Type.String()),
  requestedAt: Type.String(),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type FeeStandardView = Static<typeof FeeStandardView>;

// ---------------------------------------------------------------------------------------------
// 第十六条: the annual plan of year Y+1, with the execution summary of year Y.

export const PLAN_STATUSES = ["draft", "submitted", "returned", "approved", "filed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PlannedProject = Type.Object(
  {
    /** Stable within the plan: the projects filed later point at it. Assigned by the server when absent. */
    key: Opt(Type.String({ pattern: "^[0-9a-zA-Z_-]{1,40}$" })),
    title: Text(100, 2),
    subjectType: SubjectTypeSchema,
    /** 第十条: the kind of project. Items saved before categories read as `other`. */
    category: ProjectCategorySchema,
    specialty: Text(50),
    plannedStart: DateString,
    plannedEnd: DateString,
    hours: Hours,
    places: Type.Integer({ minimum: 1, maximum: 100_000 }),
    feeFen: Fen,
  },
  { additionalProperties: false },
);
export type PlannedProject = Static<typeof PlannedProject>;

/** `pending`: filed (or still planned) but its dates are still to come, so neither run nor cancelled. */
export const PLAN_OUTCOMES = ["run", "pending", "cancelled", "moved"] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

/** How one planned project of year Y went (执行情况总结). */
export const SummaryEntry = Type.Object(
  {
    plannedKey: Nullable(Type.String({ maxLength: 40 })),
    title: Text(100, 1),
    outcome: Type.Enum(PLAN_OUTCOMES),
    /** People enrolled in the projects run under this planned project. */
    participants: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /** Of them, those who completed (结业). Absent in summaries written before it was counted. */
    completed: Opt(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    hoursDelivered: Type.Number({ minimum: 0, maximum: 100_000 }),
    note: Opt(Text(500)),
  },
  { additionalProperties: false },
);
export type SummaryEntry = Static<typeof SummaryEntry>;

export const PlanSummary = Type.Object(
  {
    /** Year Y, whose execution is summarised. */
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    entries: Type.Array(SummaryEntry, { maxItems: 500 }),
    /** Projects run in Y outside the plan (一事一报). */
    adHocProjects: Type.Integer({ minimum: 0, maximum: 100_000 }),
    narrative: Text(5000),
  },
  { additionalProperties: false },
);
export type PlanSummary = Static<typeof PlanSummary>;

export const AnnualPlanInput = Type.Object(
  {
    baseId: Id,
    /** The plan year (Y+1). */
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    items: Type.Array(PlannedProject, { maxItems: 500 }),
    summary: PlanSummary,
    note: Opt(Text(2000)),
  },
  { additionalProperties: false },
);
export type AnnualPlanInput = Static<typeof AnnualPlanInput>;

/** The server's own fields on a plan: GET carries them, POST/PATCH ignore them. */
export const PLAN_SERVER_FIELDS = [
  "id",
  "status",
  "version",
  "history",
  "availableActions",
  "late",
  "dueDate",
  "baseName",
  "submittedAt",
  "filedAt",
  "createdAt",
  "updatedAt",
] as const;


export const AnnualPlanView = Type.Object({
  id: Type.String(),
  status: Type.Enum(PLAN_STATUSES),
  version: Type.Integer(),
  baseId: Type.String(),
  baseName: Type.String(),
  year: Type.Integer(),
  items: Type.Array(Type.Object({ ...PlannedProject.properties, key: Type.String() }, { additionalProperties: false })),
  summary: PlanSummary,
  note: Opt(Type.String()),
  /** 31 December of the year before (annualPlanDue). */
  dueDate: DateString,
  /** Submitted after the due date. */
  late: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  filedAt: Nullable(Type.String()),
  history: Type.Array(HistoryEntry),
  availableActions: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type AnnualPlanView = Static<typeof AnnualPlanView>;

export const AnnualPlanListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum(PLAN_STATUSES),
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  year: Type.Integer(),
  itemCount: Type.Integer(),
  late: Type.Boolean(),
  dueDate: DateString,
  submittedAt: Nullable(Type.String()),
  filedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type AnnualPlanListItem = Static<typeof AnnualPlanListItem>;

/** "Who has not filed": one row per active base and plan year. */
export const PlanFilingStateView = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  district: Type.String(),
  year: Type.Integer(),
  dueDate: DateString,
  /** null: no plan started. */
  planId: Nullable(Type.String()),
  planStatus: Nullable(Type.Enum(PLAN_STATUSES)),
  overdue: Type.Boolean(),
});
export type PlanFilingStateView = Static<typeof PlanFilingStateView>;

export const ImportRowError = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
export type ImportRowError = Static<typeof ImportRowError>;

// ---------------------------------------------------------------------------------------------
// 第十六条, 第十七条: a training project, filed online before class start.

export const PROJECT_STATUSES = ["draft", "filed", "returned", "cancelled", "running", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** Statuses the public calendar shows: only a filed project may run in a base's name (第十七条). */
export const PUBLIC_PROJECT_STATUSES = ["filed", "running", "completed"] as const satisfies readonly ProjectStatus[];

export const ProjectTeacher = Type.Object(
  { name: Text(30, 1), title: Text(30), org: Text(100) },
  { additionalProperties: false },
);
export type ProjectTeacher = Static<typeof ProjectTeacher>;

export const ProjectSession = Type.Object(
  {
    /** Present on sessions the server knows: kept across edits, so check-ins stay attached. */
    id: Opt(Id),
    date: DateString,
    startTime: Time,
    endTime: Time,
    title: Text(100, 1),
    teacher: Text(30),
    hours: Hours,
  },
  { additionalProperties: false },
);
export type ProjectSession = Static<typeof ProjectSession>;

/** A share of sessions attended, 50% to 100%. */
export const CompletionAttendance = Type.Number({ minimum: 0.5, maximum: 1, description: "share of sessions, 0.5–1" });

export const ProjectInput = Type.Object(
  {
    baseId: Id,
    /** A project of a filed annual plan … */
    annualPlanId: Opt(Nullable(Id)),
    /** … and the planned project it carries out. */
    planItemKey: Opt(Nullable(Type.String({ maxLength: 40 }))),
    /** … or an ad-hoc filing (一事一报) with its reason. */
    adHoc: Opt(Type.Boolean()),
    adHocReason: Opt(Nullable(Text(500))),
    title: Text(100, 2),
    subjectType: SubjectTypeSchema,
    /**
     * 第十条: the kind of project. Required when a project is created, except that one carrying out a
     * planned project takes the plan item's category when none is sent; absent on PATCH keeps it.
     */
    category: Opt(ProjectCategorySchema),
    specialty: Text(50),
    startDate: DateString,
    endDate: DateString,
    hours: Hours,
    mode: Type.Enum(TRAINING_MODES),
    venue: Text(200),
    capacity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    feeFen: Fen,
    teachers: Type.Array(ProjectTeacher, { maxItems: 100 }),
    sessions: Type.Array(ProjectSession, { maxItems: 500 }),
    description: Opt(Text(2000)),
    /**
     * 第十七条: the share of sessions a person must attend to complete (结业出勤要求), filed with the project.
     * Null or absent: the policy's `completionAttendance`; a project may set it lower, never higher.
     */
    completionAttendance: Opt(Nullable(CompletionAttendance)),
  },
  { additionalProperties: false },
);
export type ProjectInput = Static<typeof ProjectInput>;

export const PROJECT_SERVER_FIELDS = [
  "id",
  "status",
  "version",
  "history",
  "availableActions",
  "filingNo",
  "filedAt",
  "concludedAt",
  "latestFilingDate",
  "baseName",
  "district",
  "createdAt",
  "updatedAt",
] as const;

export const ProjectView = Type.Object({
  id: Type.String(),
  status: Type.Enum(PROJECT_STATUSES),
  version: Type.Integer(),
  baseId: Type.String(),
  baseName: Type.String(),
  district: Type.String(),
  annualPlanId: Nullable(Type.String()),
  planItemKey: Nullable(Type.String()),
  adHoc: Type.Boolean(),
  adHocReason: Nullable(Type.String()),
  title: Type.String(),
  subjectType: SubjectTypeSchema,
  category: ProjectCategorySchema,
  specialty: Type.String(),
  startDate: DateString,
  endDate: DateString,
  hours: Type.Number(),
  mode: Type.Enum(TRAINING_MODES),
  venue: Type.String(),
  capacity: Type.Integer(),
  feeFen: Type.Integer(),
  teachers: Type.Array(ProjectTeacher),
  sessions: Type.Array(Type.Object({ ...ProjectSession.properties, id: Type.String() }, { additionalProperties: false })),
  description: Opt(Type.String()),
  /** 第十七条: the share of sessions a person must attend to complete; null: the policy's. */
  completionAttendance: Nullable(Type.Number()),
  /** The last day to file: `filingLeadWorkdays` working days before class start (null: calendar not covered). */
  latestFilingDate: Nullable(DateString),
  filingNo: Nullable(Type.String()),
  filedAt: Nullable(Type.String()),
  /** 第十七条: when the base decided who completed (actions/complete); null before */
  concludedAt: Nullable(Type.String()),
  history: Type.Array(HistoryEntry),
  availableActions: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ProjectView = Static<typeof ProjectView>;

/** What a list row and the public calendar both show of a project. */
const ProjectSummaryFields = {
  baseId: Type.String(),
  baseName: Type.String(),
  district: Type.String(),
  title: Type.String(),
  subjectType: SubjectTypeSchema,
  category: ProjectCategorySchema,
  specialty: Type.String(),
  startDate: DateString,
  endDate: DateString,
  hours: Type.Number(),
  mode: Type.Enum(TRAINING_MODES),
  capacity: Type.Integer(),
  feeFen: Type.Integer(),
};

export const ProjectListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum(PROJECT_STATUSES),
  ...ProjectSummaryFields,
  supervisorOrgName: Type.String(),
  adHoc: Type.Boolean(),
  filingNo: Nullable(Type.String()),
  filedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type ProjectListItem = Static<typeof ProjectListItem>;

/** What the public calendar shows of a filed project (no internal history). */
export const PublicProjectView = Type.Object({
  id: Type.String(),
  status: Type.Enum(PUBLIC_PROJECT_STATUSES),
  ...ProjectSummaryFields,
  venue: Type.String(),
  filingNo: Type.String(),
  sessions: Type.Array(Type.Object({ date: DateString, startTime: Type.String(), endTime: Type.String(), title: Type.String(), teacher: Type.String(), hours: Type.Number() })),
  /** 第十七条: people enrolled and places left of the filed capacity (the course finder shows 名额已满) */
  enrolled: Type.Optional(Type.Integer()),
  seatsLeft: Type.Optional(Type.Integer()),
});
export type PublicProjectView = Static<typeof PublicProjectView>;

/** The answer of the filing-date helper the form calls as soon as a start date is chosen. */
export const FilingDateView = Type.Object({
  startDate: DateString,
  latestFilingDate: DateString,
  leadWorkdays: Type.Integer(),
  /** Whether filing today is still in time. */
  inTime: Type.Boolean(),
  today: DateString,
});
export type FilingDateView = Static<typeof FilingDateView>;

/** Session hours add up to the project's (compared in half hours, so float sums never drift). */
export function sessionHoursTotal(sessions: readonly { hours: number }[]): number {
  return sessions.reduce((sum, s) => sum + Math.round(s.hours * 2), 0) / 2;
}
