// Static types of the API for the web app: the shared schemas are the one source.
import type { AnnualPlanInput, PlanSummary } from "../../shared/filing.js";

export type {
  AuditEventView,
  AuditVerifyView,
  CalendarDay,
  CalendarOverride,
  CalendarOverrideBody,
  CalendarYearView,
  OrganizationCreateBody,
  OrganizationUpdateBody,
  OrganizationView,
  KeysetPaged,
  Paged,
  PolicyCreateBody,
  PolicyParams,
  PolicyVersionView,
  ReviewCriterion,
  SessionView,
  UserCreateBody,
  UserUpdateBody,
  UserView,
  WorkItem,
} from "../../shared/api.js";
export type { OrgStatus, OrgType, Role } from "../../shared/roles.js";
export type {
  ApplicationForm,
  ApplicationListItem,
  ApplicationStatus,
  ApplicationView,
  BaseView,
  FormSection,
  HistoryEntryView,
  NoticeView,
  ObjectionView,
  PanelMemberView,
  ReviewView,
  ScoreSummaryView,
  SystemKey,
} from "../../shared/accreditation.js";
export type {
  AnnualPlanInput,
  AnnualPlanListItem,
  AnnualPlanView,
  FeeStandardInput,
  FeeStandardStatus,
  FeeStandardView,
  FilingDateView,
  ImportRowError,
  PlanFilingStateView,
  PlannedProject,
  PlanOutcome,
  PlanStatus,
  PlanSummary,
  ProjectInput,
  ProjectListItem,
  ProjectSession,
  ProjectStatus,
  ProjectTeacher,
  ProjectView,
  PublicProjectView,
  SubjectType,
  SummaryEntry,
  TrainingMode,
} from "../../shared/filing.js";

// Shapes of the accreditation API that have no shared schema (yet): kept to the contract.
export interface SupervisingUnit {
  id: string;
  name: string;
  type: string;
}

export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  mime: string;
}

export interface ApplicationActionBody {
  version: number;
  comment?: string;
  expertUserIds?: string[];
}

export interface ReviewBody {
  noConflictDeclared: true;
  scores: Record<string, number>;
  recommendation: "approve" | "reject";
  comment: string;
}

export interface ResolveObjectionBody {
  answer: string;
  upheld: boolean;
  outcome?: "return" | "reject";
}

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageSize: number;
  /** all unread notifications of the user (the server adds it to the page) */
  unread?: number;
}

export interface PublicObjectionStatus {
  receiptNo: string;
  status: "open" | "resolved";
  answer: string | null;
  upheld: boolean | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** Body of a filing workflow step (`POST …/:id/actions/<action>`). */
export interface FilingActionBody {
  version?: number;
  comment?: string;
}

/** What GET /annual-plans/prefill answers for a new plan: the planned projects (none) and year Y's summary. */
export interface PlanPrefill {
  items: AnnualPlanInput["items"];
  summary: PlanSummary;
}
