// The Database interface Kysely types every query with. Column names are snake_case in SQL and
// mapped to camelCase by the CamelCasePlugin, so code reads `orgId` while the table has `org_id`.
import type { ColumnType } from "kysely";
import type { LimitsAndKeysTables } from "./schema-keys.js";
import type { SupervisionTables } from "./schema-supervision.js";

export interface OrganizationsTable {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  region: string;
  creditCode: string;
  creditCodeOverride: number;
  contactName: string;
  /** Legacy plaintext (001, NOT NULL): start-up seals it into the two columns below and leaves "". */
  contactPhone: string;
  /** 011: sealed contact phone (issue 10 item 7), as users' phones. */
  contactPhoneEnc: string | null;
  /** 011: 0631***8888, for public pages without decrypting. */
  contactPhoneMasked: string | null;
  address: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  passwordHash: string;
  mustChangePassword: number;
  failedLogins: number;
  lockedUntil: string | null;
  disabledAt: string | null;
  /** Legacy plaintext (001); start-up seals it into phoneEnc/phoneMasked (009) and empties it. */
  phone: string | null;
  /** 009: AES-256-GCM sealed phone number (platform/secrets.ts), as the ID number. */
  phoneEnc: string | null;
  /** 009: 139****8888, for lists without decrypting. */
  phoneMasked: string | null;
  /** Legacy plaintext (001); start-up seals it into the three columns below and empties it. */
  idNumber: string | null;
  /** AES-256-GCM sealed ID number (platform/secrets.ts). */
  idNumberEnc: string | null;
  /** Keyed hash for lookup and uniqueness. */
  idNumberHash: string | null;
  /** 3710**********1234, for lists without decrypting. */
  idNumberMasked: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** 009 (issue 10 item 2): the one-time code that lets a person claim the account a base registered. */
export interface ClaimCodesTable {
  userId: string;
  /** secrets.mac("claim-code", userId + code): the code itself is never stored */
  codeHash: string;
  expiresAt: string;
  issuedBy: string | null;
  issuedAt: string;
}

export interface UserRolesTable {
  userId: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** The browser that signed in (006), for the owner's list of sessions. */
  userAgent: string | null;
}

/** 006: an account's earlier password hashes; a new password must differ from the latest few. */
/** issue 10 item 8 (008): an account's TOTP secret, sealed; unconfirmed while enrolling. */
export interface UserTotpTable {
  userId: string;
  secretSealed: string;
  confirmedAt: string | null;
  /** The latest RFC 6238 time step accepted: a code of that step or an earlier one is refused. */
  lastUsedStep: number | null;
  createdAt: string;
}

/** issue 10 item 8 (008): single-use recovery codes, stored as keyed hashes only. */
export interface UserRecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
  createdAt: string;
}

export interface PasswordHistoryTable {
  id: string;
  userId: string;
  passwordHash: string;
  replacedAt: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  detail: string;
  ip: string | null;
  prevHash: string;
  hash: string;
}

/** A signed checkpoint of the audit chain's head (platform/audit-checkpoints.ts). */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  keyedFrom: number;
  reason: "scheduled" | "shutdown";
  signature: string;
}

/** One row: the first sequence of the keyed (HMAC) audit chain; earlier entries are SHA-256 linked. */
export interface AuditChainTable {
  id: number;
  keyedFrom: number;
  recordedAt: string;
}

export interface PolicyVersionsTable {
  id: string;
  effectiveFrom: string;
  params: string;
  note: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarOverridesTable {
  date: string;
  isWorkday: number;
  name: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarYearsTable {
  year: number;
  confirmedAt: string;
  confirmedBy: string | null;
}

export interface WorkflowHistoryTable {
  id: string;
  resourceType: string;
  resourceId: string;
  action: string;
  fromStatus: string;
  toStatus: string;
  actorId: string | null;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export interface FilesTable {
  id: string;
  size: number;
  mime: string;
  createdAt: string;
}

export interface FileUploadsTable {
  fileId: string;
  userId: string;
  name: string;
  createdAt: string;
}

export interface BaseApplicationsTable {
  id: string;
  applicantOrgId: string;
  supervisorOrgId: string;
  status: string;
  baseName: string;
  /** JSON; its `basics.contactPhone` holds the masked phone, the whole one is in contactPhoneEnc (011). */
  form: string;
  /** 011: the sealed contact phone of the form (issue 10 item 7). */
  contactPhoneEnc: string | null;
  submittedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PanelMembersTable {
  applicationId: string;
  userId: string;
  assignedAt: string;
  declaredAt: string | null;
}

export interface ReviewsTable {
  id: string;
  applicationId: string;
  expertId: string;
  policyVersionId: string;
  scores: string;
  weightedScore: number;
  recommendation: string;
  comment: string;
  createdAt: string;
}

export interface NoticesTable {
  id: string;
  applicationId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  closedAt: string | null;
  createdAt: string;
}

export interface ObjectionsTable {
  id: string;
  noticeId: string;
  applicationId: string;
  receiptNo: string;
  name: string;
  /** issue 10 item 7: masked; the whole contact is sealed in `contactEnc` (012). */
  contact: string;
  contactEnc: string | null;
  content: string;
  status: string;
  answer: string | null;
  upheld: number | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
}

export interface BasesTable {
  id: string;
  applicationId: string | null;
  hostOrgId: string;
  supervisorOrgId: string;
  name: string;
  decisionNo: string;
  decisionDate: string;
  plaqueSerial: string;
  specialtyFields: string;
  district: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  // 第二十七条: facts a change report may change (null until first reported)
  address: string | null;
  contactName: string | null;
  /** Legacy plaintext (005): start-up seals it into the two columns below and empties it. */
  contactPhone: string | null;
  /** 011: sealed contact phone (issue 10 item 7). */
  contactPhoneEnc: string | null;
  /** 011: masked, what the public registry shows. */
  contactPhoneMasked: string | null;
  legalRepresentative: string | null;
  // 第十九条: commended in a review of this year, with its good practice published
  commendedYear: number | null;
  goodPractice: string | null;
  // 第十三、十九、二十条: revocation
  revokedAt: string | null;
  revocationDecisionNo: string | null;
  revocationReason: string | null;
  revocationBasis: string | null;
}

export interface NumberSequencesTable {
  name: string;
  lastValue: number;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  params: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface FeeStandardsTable {
  id: string;
  baseId: string;
  kind: string;
  amountFen: number;
  previousAmountFen: number | null;
  basis: string;
  status: string;
  raise: number;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  updatedAt: string;
  version: number;
}

export interface AnnualPlansTable {
  id: string;
  baseId: string;
  year: number;
  status: string;
  /** JSON: PlannedProject[] */
  items: string;
  /** JSON: PlanSummary */
  summary: string;
  note: string;
  dueDate: string;
  late: number;
  submittedAt: string | null;
  filedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TrainingProjectsTable {
  id: string;
  baseId: string;
  annualPlanId: string | null;
  planItemKey: string | null;
  adHoc: number;
  adHocReason: string | null;
  status: string;
  title: string;
  subjectType: string;
  /** 第十条: PROJECT_CATEGORIES (src/shared/filing.ts); the column defaults to `other`. */
  category: ColumnType<string, string | undefined, string>;
  specialty: string;
  startDate: string;
  endDate: string;
  hours: number;
  mode: string;
  venue: string;
  capacity: number;
  feeFen: number;
  /** JSON: ProjectTeacher[] */
  teachers: string;
  description: string;
  filingNo: string | null;
  filedAt: string | null;
  /** 第十七条: when the base decided who completed (actions/complete). */
  concludedAt: string | null;
  concludedBy: string | null;
  /** 第十七条: the share of sessions a person must attend to complete (null: the policy's completionAttendance). */
  completionAttendance: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProjectSessionsTable {
  id: string;
  projectId: string;
  seq: number;
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  teacher: string;
  hours: number;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expiresAt: string;
}

export interface JobMarksTable {
  key: string;
  createdAt: string;
}

export interface ProfessionalsTable {
  /** = users.id */
  id: string;
  employer: string;
  title: string;
  specialty: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EnrollmentsTable {
  id: string;
  projectId: string;
  professionalId: string;
  status: string;
  source: string;
  /** null until the project concludes */
  completed: number | null;
  attendedSessions: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CheckInsTable {
  id: string;
  sessionId: string;
  projectId: string;
  professionalId: string;
  method: string;
  reason: string | null;
  recordedBy: string | null;
  checkedInAt: string;
  /** Issue 12 item 4: HMAC of the client address and user agent of a QR check-in; null for staff entries. */
  deviceHash: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Issue 12 item 4: a risk flag (风险提示) with its evidence (JSON RiskEvidence) and the article it concerns. */
export interface RiskFlagsTable {
  id: string;
  kind: string;
  baseId: string;
  projectId: string | null;
  article: string;
  evidence: string;
  dedupeKey: string;
  status: string;
  detectedAt: string;
  updatedAt: string;
  dismissedBy: string | null;
  dismissedAt: string | null;
  dismissReason: string | null;
  violationId: string | null;
  version: number;
}

export interface CertificatesTable {
  id: string;
  serial: string;
  projectId: string;
  professionalId: string;
  /** The signed content, canonical JSON */
  payload: string;
  signature: string;
  keyId: string;
  issuedAt: string;
  status: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
  version: number;
}

export interface LearningEntriesTable {
  id: string;
  professionalId: string;
  year: number;
  source: string;
  subjectType: string;
  hours: number;
  title: string;
  earnedOn: string;
  /** JSON {date: hours} */
  days: string;
  projectId: string | null;
  certificateId: string | null;
  declarationId: string | null;
  status: string;
  revokedAt: string | null;
  revokedReason: string | null;
  createdAt: string;
}

export interface HourDeclarationsTable {
  id: string;
  professionalId: string;
  year: number;
  form: string;
  subjectType: string;
  title: string;
  hours: number;
  earnedOn: string;
  evidenceFileId: string | null;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HoursStatementsTable {
  id: string;
  code: string;
  professionalId: string;
  year: number;
  payload: string;
  signature: string;
  keyId: string;
  issuedAt: string;
}

export interface SurveyFormsTable {
  id: string;
  effectiveFrom: string;
  /** JSON SurveyQuestion[] */
  questions: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
}

export interface SurveyResponsesTable {
  id: string;
  projectId: string;
  professionalId: string;
  formId: string;
  /** JSON {questionKey: 1..5} */
  answers: string;
  comment: string;
  createdAt: string;
}

/** 017: a yearly statistics report kept after its year closed (issue 12 item 3). */
export interface YearlyReportsTable {
  year: number;
  /** `city`, or the supervising unit's organization id */
  scopeKey: string;
  format: "pdf" | "xlsx";
  fileId: string;
  generatedAt: string;
}

/** 016: 通知公告 (issue 12 item 6) */
export interface AnnouncementsTable {
  id: string;
  senderOrgId: string;
  senderUserId: string;
  audience: string;
  title: string;
  body: string;
  status: string;
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  version: number;
}

export interface AnnouncementAttachmentsTable {
  announcementId: string;
  fileId: string;
  seq: number;
  name: string;
}

export interface AnnouncementReadsTable {
  announcementId: string;
  userId: string;
  orgId: string;
  readAt: string;
}

export interface Database extends SupervisionTables, LimitsAndKeysTables {
  announcements: AnnouncementsTable;
  announcementAttachments: AnnouncementAttachmentsTable;
  announcementReads: AnnouncementReadsTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  passwordHistory: PasswordHistoryTable;
  userTotp: UserTotpTable;
  userRecoveryCodes: UserRecoveryCodesTable;
  auditEvents: AuditEventsTable;
  auditCheckpoints: AuditCheckpointsTable;
  auditChain: AuditChainTable;
  policyVersions: PolicyVersionsTable;
  calendarOverrides: CalendarOverridesTable;
  calendarYears: CalendarYearsTable;
  workflowHistory: WorkflowHistoryTable;
  files: FilesTable;
  fileUploads: FileUploadsTable;
  baseApplications: BaseApplicationsTable;
  panelMembers: PanelMembersTable;
  reviews: ReviewsTable;
  notices: NoticesTable;
  objections: ObjectionsTable;
  bases: BasesTable;
  numberSequences: NumberSequencesTable;
  notifications: NotificationsTable;
  feeStandards: FeeStandardsTable;
  annualPlans: AnnualPlansTable;
  trainingProjects: TrainingProjectsTable;
  projectSessions: ProjectSessionsTable;
  jobLeases: JobLeasesTable;
  jobMarks: JobMarksTable;
  professionals: ProfessionalsTable;
  claimCodes: ClaimCodesTable;
  enrollments: EnrollmentsTable;
  checkIns: CheckInsTable;
  riskFlags: RiskFlagsTable;
  certificates: CertificatesTable;
  learningEntries: LearningEntriesTable;
  hourDeclarations: HourDeclarationsTable;
  hoursStatements: HoursStatementsTable;
  surveyForms: SurveyFormsTable;
  surveyResponses: SurveyResponsesTable;
  yearlyReports: YearlyReportsTable;
}
