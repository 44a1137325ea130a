// 第十四条, 第十八条: the supervising unit's yearly inspection scheme (criteria under the six dimensions,
// grade bands) and the annual inspection of a base (检查考核), as the server validates and answers them.
import { Type, type Static } from "typebox";
import { DateString, Id, Nullable } from "../api.js";
import { HistoryEntryView } from "../accreditation.js";

const Opt = Type.Optional;
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const FileId = Type.String({ pattern: "^[0-9a-f]{64}$" });
const Year = Type.Integer({ minimum: 2019, maximum: 2100 });

/**
 * 第十八条, 第十九条: the year under review — the last complete one. The annual inspection and the bureau's
 * comprehensive review or spot check look back at it, so their forms and the work list agree by default.
 */
export const reviewYearOf = (today: string): number => Number(today.slice(0, 4)) - 1;

/** 第十八条: 师资队伍建设, 经费使用, 设施配套, 制度执行, 继续教育任务完成, 培训效果. */
export const DIMENSION_KEYS = ["teachers", "funding", "facilities", "systems", "tasks", "effect"] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];
export const DIMENSION_NAMES: Record<DimensionKey, string> = {
  teachers: "师资队伍建设",
  funding: "经费使用",
  facilities: "设施配套",
  systems: "制度执行",
  tasks: "继续教育任务完成",
  effect: "培训效果",
};

export const GRADES = ["excellent", "qualified", "basic", "unqualified"] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = { excellent: "优秀", qualified: "合格", basic: "基本合格", unqualified: "不合格" };

export const INSPECTION_STATUSES = ["draft", "submitted", "answered", "finalized"] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

// ---- schemes ----

export const SchemeCriterion = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 40, pattern: "^[a-zA-Z][a-zA-Z0-9_.-]*$" }),
    dimension: Type.Enum(DIMENSION_KEYS),
    name: Text(200, 1),
    maxScore: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type SchemeCriterion = Static<typeof SchemeCriterion>;

/** A grade and the lowest total that earns it; the bands run from 优秀 down to 不合格 (from 0). */
export const GradeBand = Type.Object({ grade: Type.Enum(GRADES), minScore: Type.Number({ minimum: 0, maximum: 100 }) }, { additionalProperties: false });
export type GradeBand = Static<typeof GradeBand>;

export const SchemeInput = Type.Object(
  {
    /** Absent when the unit first copies the default; the version it saw when it edits its own. */
    version: Opt(Type.Integer({ minimum: 1 })),
    criteria: Type.Array(SchemeCriterion, { minItems: 6, maxItems: 60 }),
    gradeBands: Type.Array(GradeBand, { minItems: 4, maxItems: 4 }),
    /** 第十八条 "制定具体办法": the unit's own management measures (a file from POST /api/v1/files). */
    measuresFileId: Opt(Nullable(FileId)),
    note: Opt(Text(2000)),
  },
  { additionalProperties: false },
);
export type SchemeInput = Static<typeof SchemeInput>;

export const AttachedFile = Type.Object({ fileId: Type.String(), name: Type.String() });
export type AttachedFile = Static<typeof AttachedFile>;

export const SchemeView = Type.Object({
  /** null for the default scheme (not yet copied by the unit). */
  id: Nullable(Type.String()),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  year: Type.Integer(),
  isDefault: Type.Boolean(),
  criteria: Type.Array(SchemeCriterion),
  gradeBands: Type.Array(GradeBand),
  measuresFile: Nullable(AttachedFile),
  note: Type.String(),
  /** The signed-in unit may copy or edit it. */
  canEdit: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Nullable(Type.String()),
});
export type SchemeView = Static<typeof SchemeView>;

export const SchemeQuery = Type.Object(
  { year: Opt(Year), supervisorOrgId: Opt(Id) },
  { additionalProperties: false },
);

// ---- the platform's facts per dimension (第十八条), computed from what bases filed and delivered ----

export const TeacherFact = Type.Object({
  name: Type.String(),
  title: Type.String(),
  org: Type.String(),
  projects: Type.Integer(),
  /** Mean of the survey's 授课教师 answers in the projects this teacher taught (1–5); null without answers. */
  rating: Nullable(Type.Number()),
  responses: Type.Integer(),
});
export type TeacherFact = Static<typeof TeacherFact>;

export const OverchargeFact = Type.Object({ projectId: Type.String(), title: Type.String(), feeFen: Type.Integer(), standardFen: Nullable(Type.Integer()) });

export const InspectionFacts = Type.Object({
  teachers: Type.Object({ teacherCount: Type.Integer(), ratedTeachers: Type.Integer(), averageRating: Nullable(Type.Number()), teachers: Type.Array(TeacherFact) }),
  funding: Type.Object({
    standards: Type.Array(Type.Object({ kind: Type.String(), amountFen: Type.Integer() })),
    chargedProjects: Type.Integer(),
    freeProjects: Type.Integer(),
    maxFeeFen: Type.Integer(),
    /** 第二十五条: projects whose fee exceeds the approved standard of their kind. */
    overStandard: Type.Array(OverchargeFact),
    /** fee × people enrolled, over the year's delivered projects */
    feeIncomeFen: Type.Integer(),
  }),
  facilities: Type.Object({
    venues: Type.Array(Type.String()),
    modes: Type.Object({ offline: Type.Integer(), online: Type.Integer(), blended: Type.Integer() }),
    capacity: Type.Integer(),
    enrolled: Type.Integer(),
    /** enrolled ÷ capacity of the delivered projects; null without any */
    capacityUse: Nullable(Type.Number()),
  }),
  systems: Type.Object({
    planStatus: Nullable(Type.String()),
    planLate: Nullable(Type.Boolean()),
    latePlans: Type.Integer(),
    adHocProjects: Type.Integer(),
    returnedProjects: Type.Integer(),
    archivesComplete: Type.Integer(),
    archivesTotal: Type.Integer(),
    certificatesRevoked: Type.Integer(),
  }),
  tasks: Type.Object({
    plannedProjects: Type.Integer(),
    filedProjects: Type.Integer(),
    completedProjects: Type.Integer(),
    returnedProjects: Type.Integer(),
    cancelledProjects: Type.Integer(),
    hoursDelivered: Type.Number(),
    participants: Type.Integer(),
    certificatesIssued: Type.Integer(),
    creditHours: Type.Number(),
  }),
  effect: Type.Object({
    sessions: Type.Integer(),
    checkIns: Type.Integer(),
    /** check-ins ÷ (sessions × people enrolled), over delivered projects; null without any */
    attendanceRate: Nullable(Type.Number()),
    completed: Type.Integer(),
    completionRate: Nullable(Type.Number()),
    surveyResponses: Type.Integer(),
    surveyAverage: Nullable(Type.Number()),
    questionAverages: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), average: Nullable(Type.Number()) })),
  }),
});
export type InspectionFacts = Static<typeof InspectionFacts>;

// ---- inspections ----

export const CriterionView = Type.Object({
  key: Type.String(),
  name: Type.String(),
  maxScore: Type.Number(),
  score: Nullable(Type.Number()),
  comment: Type.String(),
  evidenceFileIds: Type.Array(Type.String()),
  evidenceFiles: Type.Array(AttachedFile),
});
export type CriterionView = Static<typeof CriterionView>;

export const DimensionView = Type.Object({
  key: Type.Enum(DIMENSION_KEYS),
  name: Type.String(),
  maxScore: Type.Number(),
  /** Sum of the scored criteria; null while none is scored. */
  score: Nullable(Type.Number()),
  criteria: Type.Array(CriterionView),
  facts: Type.Record(Type.String(), Type.Unknown()),
});
export type DimensionView = Static<typeof DimensionView>;

export const InspectionView = Type.Object({
  id: Type.String(),
  status: Type.Enum(INSPECTION_STATUSES),
  baseId: Type.String(),
  baseName: Type.String(),
  year: Type.Integer(),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  schemeIsDefault: Type.Boolean(),
  gradeBands: Type.Array(GradeBand),
  dimensions: Type.Array(DimensionView),
  factsAt: Type.String(),
  totalScore: Nullable(Type.Number()),
  grade: Nullable(Type.Enum(GRADES)),
  summary: Type.String(),
  /** 申辩: the base's answer within 5 working days of submission */
  answerDue: Nullable(DateString),
  answer: Nullable(Type.String()),
  answerFiles: Type.Array(AttachedFile),
  finalComment: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  finalizedAt: Nullable(Type.String()),
  history: Type.Array(HistoryEntryView),
  availableActions: Type.Array(Type.String()),
  /** The signed-in unit may change scores and summary (a draft of its own). */
  canEdit: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type InspectionView = Static<typeof InspectionView>;

export const InspectionListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum(INSPECTION_STATUSES),
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  year: Type.Integer(),
  dimensionScores: Type.Record(Type.String(), Nullable(Type.Number())),
  totalScore: Nullable(Type.Number()),
  grade: Nullable(Type.Enum(GRADES)),
  answerDue: Nullable(Type.String()),
  answered: Type.Boolean(),
  submittedAt: Nullable(Type.String()),
  finalizedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type InspectionListItem = Static<typeof InspectionListItem>;

export const InspectionCreateBody = Type.Object({ baseId: Id, year: Year }, { additionalProperties: false });
export type InspectionCreateBody = Static<typeof InspectionCreateBody>;

export const ScoreInput = Type.Object(
  {
    score: Nullable(Type.Number({ minimum: -1000, maximum: 1000 })),
    comment: Opt(Text(2000)),
    evidenceFileIds: Opt(Type.Array(FileId, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ScoreInput = Static<typeof ScoreInput>;

export const InspectionPatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    scores: Opt(Type.Record(Type.String({ maxLength: 40 }), ScoreInput, { maxProperties: 60 })),
    summary: Opt(Text(5000)),
  },
  { additionalProperties: false },
);
export type InspectionPatchBody = Static<typeof InspectionPatchBody>;

export const INSPECTION_ACTIONS = ["submit", "answer", "finalize", "refresh-facts"] as const;

export const InspectionStepBody = Type.Object(
  {
    version: Opt(Type.Integer({ minimum: 1 })),
    comment: Opt(Text(5000)),
    payload: Opt(Type.Object({ fileIds: Opt(Type.Array(FileId, { maxItems: 20 })) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type InspectionStepBody = Static<typeof InspectionStepBody>;

export const InspectionListQuery = {
  year: Opt(Year),
  status: Opt(Type.Enum(INSPECTION_STATUSES)),
  baseId: Opt(Id),
  grade: Opt(Type.Enum(GRADES)),
  q: Opt(Type.String({ maxLength: 50 })),
};

/** A base the signed-in unit supervises, and whether it has an inspection for the year asked. */
export const InspectableBase = Type.Object({ id: Type.String(), name: Type.String(), status: Type.String(), inspectionId: Nullable(Type.String()) });
export type InspectableBase = Static<typeof InspectableBase>;
