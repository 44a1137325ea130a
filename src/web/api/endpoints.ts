// Typed calls of the /api/v1 endpoints the web app uses, one object per server module.
import { api, queryString, type Query } from "./client";
import type * as Learner from "../../shared/delivery.js";
import type {
  ArchiveView,
  CertificateView,
  CheckInCodeView,
  CheckInView,
  CompletionPreview,
  CompletionView,
  DeclarationView,
  DeliveryImportResult,
  EnrollmentView,
  HoursStatementView,
  LearningRecordView,
  LearningYearSummary,
  PersonInput,
  ProfessionalView,
  SessionAttendanceView,
  SurveyFormInput,
  SurveyFormView,
  SurveyResultsView,
} from "../../shared/delivery.js";
import type {
  AnnualPlanInput,
  AnnualPlanListItem,
  AnnualPlanView,
  ApplicationActionBody,
  ApplicationForm,
  ApplicationListItem,
  ApplicationView,
  AuditEventView,
  AuditVerifyView,
  BaseView,
  CalendarOverrideBody,
  CalendarYearView,
  FeeStandardInput,
  FeeStandardView,
  FilingActionBody,
  FilingDateView,
  NoticeView,
  NotificationPage,
  ObjectionView,
  OrganizationCreateBody,
  OrganizationUpdateBody,
  OrganizationView,
  KeysetPaged,
  Paged,
  PlanFilingStateView,
  PlanPrefill,
  PolicyCreateBody,
  PolicyVersionView,
  ProjectInput,
  ProjectListItem,
  ProjectView,
  PublicProjectView,
  PublicObjectionStatus,
  ResolveObjectionBody,
  ReviewBody,
  SessionView,
  SupervisingUnit,
  UploadedFile,
  UserCreateBody,
  UserUpdateBody,
  UserView,
  WorkItem,
} from "./types";

const V1 = "/api/v1";
const enc = encodeURIComponent;

export const authApi = {
  login: (username: string, password: string, totp?: string) =>
    api.post<SessionView>(`${V1}/auth/login`, totp ? { username, password, totp } : { username, password }, { silentAuth: true }),
  me: () => api.get<SessionView>(`${V1}/auth/me`, undefined, { silentAuth: true }),
  logout: () => api.post<unknown>(`${V1}/auth/logout`, {}, { silentAuth: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<SessionView>(`${V1}/auth/password`, { currentPassword, newPassword }),
  sessions: () => api.get<{ items: AccountSession[] }>(`${V1}/auth/sessions`),
  revokeSession: (id: string) => api.delete<unknown>(`${V1}/auth/sessions/${enc(id)}`),
  // issue 10 item 8: two-factor enrolment by QR code
  startTotpEnrolment: () => api.post<{ secret: string; otpauthUri: string; qrDataUrl: string }>(`${V1}/auth/totp/enrolment`, {}),
  confirmTotpEnrolment: (code: string) => api.post<{ recoveryCodes: string[] }>(`${V1}/auth/totp/enrolment/confirm`, { code }),
  disableTotp: (code: string) => api.post<unknown>(`${V1}/auth/totp/disable`, { code }),
};

/** One signed-in device of the account (GET /api/v1/auth/sessions). */
export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** masked: 10.0.*.* */
  address: string | null;
  userAgent: string | null;
  isCurrent: boolean;
}

/** The platform's business clock (the test clock when one is set): deadlines count from its today. */
export const clockApi = {
  get: () => api.get<{ now: string; today: string; isTestClock: boolean }>(`${V1}/clock`, undefined, { silentAuth: true }),
};

export const workItemApi = {
  list: () => api.get<{ items: WorkItem[] }>(`${V1}/work-items`),
};

export const organizationApi = {
  list: (query: Query) => api.get<Paged<OrganizationView>>(`${V1}/organizations`, query),
  get: (id: string) => api.get<OrganizationView>(`${V1}/organizations/${enc(id)}`),
  create: (body: OrganizationCreateBody) => api.post<OrganizationView>(`${V1}/organizations`, body),
  update: (id: string, body: OrganizationUpdateBody) => api.patch<OrganizationView>(`${V1}/organizations/${enc(id)}`, body),
  setEnabled: (id: string, enabled: boolean, version: number) =>
    api.post<OrganizationView>(`${V1}/organizations/${enc(id)}/actions/${enabled ? "enable" : "disable"}`, { version }),
  exportUrl: (query: Query) => `${V1}/organizations/export.xlsx${queryString(query)}`,
};

export const userApi = {
  list: (query: Query) => api.get<Paged<UserView>>(`${V1}/users`, query),
  get: (id: string) => api.get<UserView>(`${V1}/users/${enc(id)}`),
  create: (body: UserCreateBody) => api.post<UserView>(`${V1}/users`, body),
  update: (id: string, body: UserUpdateBody) => api.patch<UserView>(`${V1}/users/${enc(id)}`, body),
  setEnabled: (id: string, enabled: boolean, version: number) =>
    api.post<UserView>(`${V1}/users/${enc(id)}/actions/${enabled ? "enable" : "disable"}`, { version }),
  resetPassword: (id: string, password: string) =>
    api.post<UserView>(`${V1}/users/${enc(id)}/actions/reset-password`, { password }),
  unlock: (id: string, version: number) => api.post<UserView>(`${V1}/users/${enc(id)}/actions/unlock`, { version }),
  resetTotp: (id: string) => api.post<unknown>(`${V1}/users/${enc(id)}/actions/reset-totp`, {}),
  /** issue 10 item 10: the security administrator's view of another account's sessions. */
  sessions: (id: string) => api.get<{ items: AccountSession[] }>(`${V1}/users/${enc(id)}/sessions`),
  revokeSession: (id: string, sessionId: string) => api.delete<unknown>(`${V1}/users/${enc(id)}/sessions/${enc(sessionId)}`),
  exportUrl: (query: Query) => `${V1}/users/export.xlsx${queryString(query)}`,
};

export const auditApi = {
  list: (query: Query) => api.get<Paged<AuditEventView>>(`${V1}/audit-events`, query),
  verify: () => api.get<AuditVerifyView>(`${V1}/audit-events/verify`),
};

export const policyApi = {
  /** The policy in force on a date (default today). */
  current: (date?: string) => api.get<PolicyVersionView>(`${V1}/policy/current`, date ? { date } : undefined),
  versions: () => api.get<{ items: PolicyVersionView[] }>(`${V1}/policy/versions`),
  create: (body: PolicyCreateBody) => api.post<PolicyVersionView>(`${V1}/policy/versions`, body),
};

export const calendarApi = {
  year: (year: number) => api.get<CalendarYearView>(`${V1}/calendar/${year}`),
  confirmYear: (year: number) => api.post<CalendarYearView>(`${V1}/calendar/years/${year}/confirm`, {}),
  addOverride: (body: CalendarOverrideBody) => api.post<unknown>(`${V1}/calendar/overrides`, body),
  deleteOverride: (date: string) => api.delete<unknown>(`${V1}/calendar/overrides/${enc(date)}`),
};

// ---- base accreditation (第四条, 第五条) ----
const APPS = `${V1}/base-applications`;

export const applicationApi = {
  list: (query: Query) => api.get<Paged<ApplicationListItem>>(APPS, query),
  get: (id: string) => api.get<ApplicationView>(`${APPS}/${enc(id)}`),
  create: (supervisorOrgId: string, form: ApplicationForm) => api.post<ApplicationView>(APPS, { supervisorOrgId, form }),
  update: (id: string, form: ApplicationForm, version: number) => api.patch<ApplicationView>(`${APPS}/${enc(id)}`, { form, version }),
  act: (id: string, action: string, body: ApplicationActionBody) =>
    api.post<ApplicationView>(`${APPS}/${enc(id)}/actions/${enc(action)}`, body),
  declareNoConflict: (id: string) => api.post<ApplicationView>(`${APPS}/${enc(id)}/conflict-declaration`, { noConflict: true }),
  review: (id: string, body: ReviewBody) => api.post<ApplicationView>(`${APPS}/${enc(id)}/reviews`, body),
  formPdfUrl: (id: string) => `${APPS}/${enc(id)}/form.pdf`,
  supervisingUnits: () => api.get<{ items: SupervisingUnit[] }>(`${V1}/supervising-units`),
};

export const fileApi = {
  upload: (file: File, contentType?: string) => api.upload<UploadedFile>(`${V1}/files`, file, contentType),
  url: (fileId: string) => `${V1}/files/${enc(fileId)}`,
};

export const objectionApi = {
  list: (query: Query) => api.get<Paged<ObjectionView>>(`${V1}/objections`, query),
  resolve: (id: string, body: ResolveObjectionBody) => api.post<ObjectionView>(`${V1}/objections/${enc(id)}/actions/resolve`, body),
};

export const baseApi = {
  list: (query: Query) => api.get<Paged<BaseView>>(`${V1}/bases`, query),
  get: (id: string) => api.get<BaseView>(`${V1}/bases/${enc(id)}`),
  plaqueUrl: (id: string) => `${V1}/bases/${enc(id)}/plaque.pdf`,
};

export const notificationApi = {
  list: (query: Query) => api.get<NotificationPage>(`${V1}/notifications`, query),
  read: (id: string) => api.post<unknown>(`${V1}/notifications/${enc(id)}/actions/read`, {}),
  readAll: () => api.post<unknown>(`${V1}/notifications/actions/read-all`, {}),
};

// ---- filing (第十六条, 第十七条, 第二十五条) ----
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 第二十五条: a base's fee standard per kind of training; a rise waits for the bureau. */
export const feeStandardApi = {
  list: (query: Query) => api.get<Paged<FeeStandardView>>(`${V1}/fee-standards`, query),
  create: (baseId: string, body: FeeStandardInput) => api.post<FeeStandardView>(`${V1}/bases/${enc(baseId)}/fee-standards`, body),
  act: (id: string, action: string, body: FilingActionBody) =>
    api.post<FeeStandardView>(`${V1}/fee-standards/${enc(id)}/actions/${enc(action)}`, body),
};

const PLANS = `${V1}/annual-plans`;

/** 第十六条: the annual plan of year Y+1 with the execution summary of year Y. */
export const annualPlanApi = {
  list: (query: Query) => api.get<Paged<AnnualPlanListItem>>(PLANS, query),
  exportUrl: (query: Query) => `${PLANS}/export.xlsx${queryString(query)}`,
  get: (id: string) => api.get<AnnualPlanView>(`${PLANS}/${enc(id)}`),
  prefill: (baseId: string, year: number) => api.get<PlanPrefill>(`${PLANS}/prefill`, { baseId, year }),
  create: (body: AnnualPlanInput) => api.post<AnnualPlanView>(PLANS, body),
  update: (id: string, body: AnnualPlanInput, version: number) => api.patch<AnnualPlanView>(`${PLANS}/${enc(id)}`, { ...body, version }),
  act: (id: string, action: string, body: FilingActionBody) => api.post<AnnualPlanView>(`${PLANS}/${enc(id)}/actions/${enc(action)}`, body),
  templateUrl: (year?: number) => `${PLANS}/template.xlsx${queryString({ year })}`,
  importItems: (id: string, file: File, mode: "append" | "replace", version: number) =>
    api.upload<AnnualPlanView>(`${PLANS}/${enc(id)}/items/import${queryString({ mode, version })}`, file, XLSX),
  filingStatus: (query: Query) => api.get<Paged<PlanFilingStateView>>(`${PLANS}/filing-status`, query),
  filingStatusExportUrl: (query: Query) => `${PLANS}/filing-status/export.xlsx${queryString(query)}`,
};

const PROJECTS = `${V1}/training-projects`;

/** 第十六条, 第十七条: a training project, filed online before class start. */
export const projectApi = {
  list: (query: Query) => api.get<KeysetPaged<ProjectListItem>>(PROJECTS, query),
  exportUrl: (query: Query) => `${PROJECTS}/export.xlsx${queryString(query)}`,
  get: (id: string) => api.get<ProjectView>(`${PROJECTS}/${enc(id)}`),
  create: (body: ProjectInput) => api.post<ProjectView>(PROJECTS, body),
  update: (id: string, body: ProjectInput, version: number) => api.patch<ProjectView>(`${PROJECTS}/${enc(id)}`, { ...body, version }),
  act: (id: string, action: string, body: FilingActionBody) => api.post<ProjectView>(`${PROJECTS}/${enc(id)}/actions/${enc(action)}`, body),
  filingDate: (startDate: string, signal?: AbortSignal) => api.get<FilingDateView>(`${PROJECTS}/filing-date`, { startDate }, { signal }),
};

/** No sign-in: the notices, objections and registry anyone may see (第五条（三）, 第二十条). */
export const publicApi = {
  notices: () => api.get<{ items: NoticeView[] }>(`${V1}/public/notices`, undefined, { silentAuth: true }),
  notice: (id: string) => api.get<NoticeView>(`${V1}/public/notices/${enc(id)}`, undefined, { silentAuth: true }),
  object: (noticeId: string, body: { name: string; contact: string; content: string }) =>
    api.post<{ receiptNo: string }>(`${V1}/public/notices/${enc(noticeId)}/objections`, body, { silentAuth: true }),
  objection: (receiptNo: string) =>
    api.get<PublicObjectionStatus>(`${V1}/public/objections/${enc(receiptNo)}`, undefined, { silentAuth: true }),
  bases: (query: Query) => api.get<Paged<BaseView>>(`${V1}/public/bases`, query, { silentAuth: true }),
  base: (id: string) => api.get<BaseView>(`${V1}/public/bases/${enc(id)}`, undefined, { silentAuth: true }),
  /** 培训日历: filed training projects (第十七条: only a filed project may run in a base's name). */
  trainings: (query: Query) => api.get<KeysetPaged<PublicProjectView>>(`${V1}/public/training-projects`, query, { silentAuth: true }),
  training: (id: string) => api.get<PublicProjectView>(`${V1}/public/training-projects/${enc(id)}`, undefined, { silentAuth: true }),
  trainingsIcsUrl: (query: Query) => `${V1}/public/training-projects.ics${queryString(query)}`,
};

// ---- delivery: the staff, supervisor and bureau side (第十七条, 第二十四条) ----
const ENROLLMENTS = `${V1}/enrollments`;
const sessionPath = (projectId: string, sessionId: string) => `${PROJECTS}/${enc(projectId)}/sessions/${enc(sessionId)}`;

/** 报名: a project's enrolment list, kept by its base (one by one or from the Excel template). */
export const enrollmentApi = {
  list: (projectId: string, query: Query) => api.get<KeysetPaged<EnrollmentView>>(`${PROJECTS}/${enc(projectId)}/enrollments`, query),
  exportUrl: (projectId: string, query: Query) => `${PROJECTS}/${enc(projectId)}/enrollments.xlsx${queryString(query)}`,
  templateUrl: (projectId: string) => `${PROJECTS}/${enc(projectId)}/enrollments/template.xlsx`,
  create: (projectId: string, person: PersonInput) => api.post<EnrollmentView>(`${PROJECTS}/${enc(projectId)}/enrollments`, { person }),
  importFile: (projectId: string, file: File) => api.upload<DeliveryImportResult>(`${PROJECTS}/${enc(projectId)}/enrollments/import`, file, XLSX),
  cancel: (id: string, version: number, reason?: string) =>
    api.post<EnrollmentView>(`${ENROLLMENTS}/${enc(id)}/actions/cancel`, { version, ...(reason ? { reason } : {}) }),
};

/** 签到: the rotating code of a session, who is in, 补签 by hand and the sign-in sheet. */
export const checkInApi = {
  code: (projectId: string, sessionId: string) => api.get<CheckInCodeView>(`${sessionPath(projectId, sessionId)}/check-in-code`),
  attendance: (projectId: string, sessionId: string) => api.get<SessionAttendanceView>(`${sessionPath(projectId, sessionId)}/check-ins`),
  manual: (projectId: string, sessionId: string, professionalId: string, reason: string) =>
    api.post<CheckInView>(`${sessionPath(projectId, sessionId)}/check-ins`, { professionalId, reason }),
  sheetPdfUrl: (projectId: string, sessionId: string) => `${sessionPath(projectId, sessionId)}/sign-in-sheet.pdf`,
  sheetXlsxUrl: (projectId: string, sessionId: string) => `${sessionPath(projectId, sessionId)}/sign-in-sheet.xlsx`,
  importSheet: (projectId: string, sessionId: string, file: File) =>
    api.upload<DeliveryImportResult>(`${sessionPath(projectId, sessionId)}/check-ins/import`, file, XLSX),
};

/** 结业与证书: completion decided once, the certificates it issued, revocation with a reason. */
export const completionApi = {
  complete: (projectId: string, version: number) => api.post<CompletionView>(`${PROJECTS}/${enc(projectId)}/actions/complete`, { version }),
  completion: (projectId: string) => api.get<CompletionView>(`${PROJECTS}/${enc(projectId)}/completion`),
  preview: (projectId: string) => api.get<CompletionPreview>(`${PROJECTS}/${enc(projectId)}/completion/preview`),
  certificates: (projectId: string, query?: Query) => api.get<KeysetPaged<CertificateView>>(`${PROJECTS}/${enc(projectId)}/certificates`, query),
  /** 证书查询: every certificate in the reader's scope, by holder name, whole ID number or serial */
  searchCertificates: (query?: Query) => api.get<KeysetPaged<CertificateView>>(`${V1}/certificates`, query),
  certificatePdfUrl: (id: string) => `${V1}/certificates/${enc(id)}.pdf`,
  revoke: (id: string, reason: string) => api.post<CertificateView>(`${V1}/certificates/${enc(id)}/actions/revoke`, { reason }),
  surveyResults: (projectId: string) => api.get<SurveyResultsView>(`${PROJECTS}/${enc(projectId)}/survey-results`),
  surveyResultsExportUrl: (projectId: string) => `${PROJECTS}/${enc(projectId)}/survey-results.xlsx`,
  archive: (projectId: string) => api.get<ArchiveView>(`${PROJECTS}/${enc(projectId)}/archive`),
  archiveZipUrl: (projectId: string) => `${PROJECTS}/${enc(projectId)}/archive.zip`,
};

/** The bureau's evaluation questionnaire, one version per policy date. */
export const surveyFormApi = {
  list: () => api.get<{ items: SurveyFormView[] }>(`${V1}/survey-forms`),
  create: (body: SurveyFormInput) => api.post<SurveyFormView>(`${V1}/survey-forms`, body),
};

/** 学时申报审核: hours from other recognised forms count once the bureau accepts them. */
export const declarationReviewApi = {
  list: (query: Query) => api.get<Paged<DeclarationView>>(`${V1}/hour-declarations`, query),
  decide: (id: string, decision: "accept" | "reject", body: { version: number; comment?: string }) =>
    api.post<DeclarationView>(`${V1}/hour-declarations/${enc(id)}/actions/${decision}`, body),
  evidenceUrl: (id: string) => `${V1}/hour-declarations/${enc(id)}/evidence`,
};

/** 专技人员: looking a person up and reading their learning record. */
export const professionalLookupApi = {
  list: (query: Query) => api.get<KeysetPaged<ProfessionalView>>(`${V1}/professionals`, query),
  /** The whole list under the same filter, streamed (issue 13 item 5). */
  exportUrl: (query: Query) => `${V1}/professionals/export.xlsx${queryString(query)}`,
  get: (id: string) => api.get<ProfessionalView>(`${V1}/professionals/${enc(id)}`),
  /** issue 11 item 6: the whole ID number, once, audited */
  revealIdNumber: (id: string) => api.post<{ idNumber: string }>(`${V1}/professionals/${enc(id)}/actions/reveal-id-number`, {}),
  record: (id: string, year: number) => api.get<LearningRecordView>(`${V1}/professionals/${enc(id)}/learning-record`, { year }),
  years: (id: string, query?: Query) => api.get<LearningYearSummary[]>(`${V1}/professionals/${enc(id)}/learning-record/years`, query),
  issueStatement: (id: string, year: number) => api.post<HoursStatementView>(`${V1}/professionals/${enc(id)}/hours-statements`, { year }),
  statements: (id: string, query: Query) => api.get<Paged<HoursStatementView>>(`${V1}/professionals/${enc(id)}/hours-statements`, query),
  /** issue 10 item 2: a new claim code for a person not yet signed up (the old one is void) */
  issueClaimCode: (professionalId: string) => api.post<Learner.ClaimCodeView>(`${V1}/professionals/${enc(professionalId)}/claim-code`, {}),
};

// ---- delivery: the professional's and the public's side (第十七条, 第二十四条; 人社部令第25号) ----
/** A list the server answers as `{ items }` (paged or not). */
type Items<T> = { items: T[] };

/** 自助注册: answers 202 alike whatever became of it (issue 10 item 2); the page then signs in. */
export const signUpApi = {
  signUp: (body: Learner.SignUpBody) => api.post<Learner.SignUpReceipt>(`${V1}/public/professionals/sign-up`, body, { silentAuth: true }),
};

/** 我的课程: enrol, cancel, check in with the scanned code, answer the evaluation survey. */
export const myCourseApi = {
  enrol: (projectId: string) => api.post<Learner.EnrollmentView>(`${PROJECTS}/${enc(projectId)}/enrollments`, {}),
  list: () => api.get<Items<Learner.MyEnrollmentView> | Learner.MyEnrollmentView[]>(`${V1}/me/enrollments`).then(itemsOf),
  cancel: (enrollmentId: string) => api.post<unknown>(`${V1}/enrollments/${enc(enrollmentId)}/actions/cancel`, {}),
  checkIn: (token: string) => api.post<Learner.CheckInView>(`${V1}/check-ins`, { token }),
  survey: (projectId: string) => api.get<Learner.ProjectSurveyView>(`${PROJECTS}/${enc(projectId)}/survey`),
  answerSurvey: (projectId: string, body: Learner.SurveyResponseBody) => api.post<unknown>(`${PROJECTS}/${enc(projectId)}/survey-responses`, body),
  certificatePdfUrl: (certificateId: string) => `${V1}/certificates/${enc(certificateId)}.pdf`,
};

/** 学习档案: my hours per year, declarations of other recognised forms, hours statements. */
export const myRecordApi = {
  record: (year: number) => api.get<Learner.LearningRecordView>(`${V1}/me/learning-record`, { year }),
  years: () => api.get<Items<Learner.LearningYearSummary> | Learner.LearningYearSummary[]>(`${V1}/me/learning-record/years`).then(itemsOf),
  declare: (body: Learner.DeclarationInput) => api.post<Learner.DeclarationView>(`${V1}/me/hour-declarations`, body),
  declarations: (query: Query) =>
    api.get<Items<Learner.DeclarationView> | Learner.DeclarationView[]>(`${V1}/hour-declarations`, query).then(itemsOf),
  statement: (year: number) => api.post<Learner.HoursStatementView>(`${V1}/me/hours-statements`, { year }),
  statements: (query: Query) => api.get<Paged<Learner.HoursStatementView>>(`${V1}/me/hours-statements`, query),
  evidenceUrl: (declarationId: string) => `${V1}/hour-declarations/${enc(declarationId)}/evidence`,
};

/** 证书与学时证明核验: anyone, no sign-in. */
export const verifyApi = {
  certificate: (serial: string) =>
    api.get<Learner.CertificateVerification>(`${V1}/public/certificates/${enc(serial)}`, undefined, { silentAuth: true }),
  hoursStatement: (code: string) =>
    api.get<Learner.HoursStatementVerification>(`${V1}/public/hours-statements/${enc(code)}`, undefined, { silentAuth: true }),
};

function itemsOf<T>(answer: Items<T> | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}
