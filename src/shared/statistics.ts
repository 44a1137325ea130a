// Issue 12 items 2 and 3 (第十九条, 第二十四条): the dashboard's figures and the yearly statistics report.
// Every figure is a SQL aggregate over the actor's scope (bureau: the city; a supervising unit: its
// bases; base staff: their own bases). Each row carries the keys the web needs to open the list behind it.
import { Type, type Static } from "typebox";
import { Nullable } from "./api.js";

export const StatisticsQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2019, maximum: 2100, description: "default: this year" })),
    district: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: "bases of this district (区市)" })),
    supervisorOrgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[0-9a-zA-Z_-]+$", description: "bases of this supervising unit" })),
    specialty: Type.Optional(
      Type.String({ minLength: 1, maxLength: 30, pattern: "^[^%_\\\\\"]+$", description: "bases listing this specialty field; projects and professionals of this specialty" }),
    ),
  },
  { additionalProperties: false },
);
export type StatisticsQuery = Static<typeof StatisticsQuery>;

const Count = Type.Object({ key: Type.String(), count: Type.Integer() });
export type KeyCount = Static<typeof Count>;

const MonthFigures = Type.Object({
  projects: Type.Integer({ description: "filed projects whose class starts in the month" }),
  participants: Type.Integer({ description: "enrolments in those projects" }),
  completions: Type.Integer({ description: "enrolments completed in those projects" }),
  creditHours: Type.Number({ description: "credit hours registered (counted learning entries of the scope's projects) earned in the month" }),
});
export type MonthFigures = Static<typeof MonthFigures>;

const ComplianceGroup = Type.Object({
  key: Type.String(),
  people: Type.Integer(),
  compliant: Type.Integer(),
  rate: Nullable(Type.Number({ description: "compliant / people, 0..1" })),
});
export type ComplianceGroup = Static<typeof ComplianceGroup>;

export const BaseFigures = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  district: Type.String(),
  supervisorOrgId: Type.String(),
  status: Type.String(),
  // 第十六条: plan execution
  plannedProjects: Type.Integer(),
  filedProjects: Type.Integer(),
  completedProjects: Type.Integer(),
  participants: Type.Integer(),
  creditHours: Type.Number(),
  // 第二十五条: fees charged × participants against the approved standard in force when filed
  feeIncomeFen: Type.Integer(),
  standardIncomeFen: Type.Integer({ description: "the same enrolments priced at the approved standard (a project without one counts 0)" }),
  overStandardProjects: Type.Integer(),
  // 第十八条 培训效果: no average below SURVEY_MIN_RESPONSES answers
  surveyResponses: Type.Integer(),
  surveyAverage: Nullable(Type.Number()),
  lowestAverage: Type.Boolean({ description: "the lowest average of the scope (of bases with one)" }),
  // 第十九条: rectification orders not yet accepted or withdrawn
  openOrders: Type.Integer(),
  // issue 12 item 4: open risk flags (null for those who may not read them: base staff)
  openRiskFlags: Nullable(Type.Integer()),
  // 第十七条: archives of the year's projects that have ended (only when the scope is one base's own)
  archivesEnded: Nullable(Type.Integer()),
  archivesComplete: Nullable(Type.Integer()),
});
export type BaseFigures = Static<typeof BaseFigures>;

export const StatisticsOverview = Type.Object({
  year: Type.Integer(),
  countedAt: Type.String({ description: "when these figures were counted: now, or up to a few minutes ago where counting them takes seconds (a province)" }),
  scope: Type.Union([Type.Literal("city"), Type.Literal("supervisor"), Type.Literal("base")]),
  filters: Type.Object({ district: Nullable(Type.String()), supervisorOrgId: Nullable(Type.String()), specialty: Nullable(Type.String()) }),
  totals: Type.Object({
    bases: Type.Integer(),
    activeBases: Type.Integer(),
    projects: Type.Integer(),
    participants: Type.Integer(),
    completions: Type.Integer(),
    creditHours: Type.Number(),
    feeIncomeFen: Type.Integer(),
    openOrders: Type.Integer(),
    openRiskFlags: Nullable(Type.Integer({ description: "open risk flags of the scope; null for base staff, who do not read them" })),
  }),
  bases: Type.Object({ byStatus: Type.Array(Count), byDistrict: Type.Array(Count), bySpecialty: Type.Array(Count) }),
  /** Twelve rows, January first, each with last year's same month. */
  monthly: Type.Array(Type.Object({ month: Type.Integer({ minimum: 1, maximum: 12 }), current: MonthFigures, lastYear: MonthFigures })),
  categories: Type.Array(Type.Object({ category: Type.String(), projects: Type.Integer(), participants: Type.Integer() })),
  /** 第二十四条, 部令25号 第八条: the year's requirement met; the bureau only (it keeps the city's learning records). */
  compliance: Nullable(
    Type.Object({
      requiredHours: Type.Number(),
      requiredProfessionalHours: Type.Number(),
      requiredGeneralHours: Type.Number(),
      countedAt: Type.String({ description: "when the figures were counted (an instance keeps them a few minutes)" }),
      total: ComplianceGroup,
      bySpecialty: Type.Array(ComplianceGroup),
      byEmployer: Type.Array(ComplianceGroup, { description: "the 20 employers with most professionals" }),
    }),
  ),
  perBase: Type.Array(BaseFigures),
  /** Issue 12 item 4: open risk flags per kind; null for base staff, who do not read them. */
  riskFlags: Nullable(Type.Array(Count)),
});
export type StatisticsOverview = Static<typeof StatisticsOverview>;

export const YearlyReportQuery = Type.Object(
  {
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    format: Type.Union([Type.Literal("pdf"), Type.Literal("xlsx")]),
  },
  { additionalProperties: false },
);
export type YearlyReportQuery = Static<typeof YearlyReportQuery>;

/** How many employers the compliance table lists. */
export const COMPLIANCE_TOP_EMPLOYERS = 20;
