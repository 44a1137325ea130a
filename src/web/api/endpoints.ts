// Typed calls of the /api/v1 endpoints the web app uses, one object per server module.
import { api, queryString, type Query } from "./client";
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
  login: (username: string, password: string) =>
    api.post<SessionView>(`${V1}/auth/login`, { username, password }, { silentAuth: true }),
  me: () => api.get<SessionView>(`${V1}/auth/me`, undefined, { silentAuth: true }),
  logout: () => api.post<unknown>(`${V1}/auth/logout`, {}, { silentAuth: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<SessionView>(`${V1}/auth/password`, { currentPassword, newPassword }),
};

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
  exportUrl: (query: Query) => `${V1}/users/export.xlsx${queryString(query)}`,
};

export const auditApi = {
  list: (query: Query) => api.get<Paged<AuditEventView>>(`${V1}/audit-events`, query),
  verify: () => api.get<AuditVerifyView>(`${V1}/audit-events/verify`),
};

export const policyApi = {
  current: () => api.get<PolicyVersionView>(`${V1}/policy/current`),
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
  list: (query: Query) => api.get<Paged<ProjectListItem>>(PROJECTS, query),
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
  trainings: (query: Query) => api.get<Paged<PublicProjectView>>(`${V1}/public/training-projects`, query, { silentAuth: true }),
  training: (id: string) => api.get<PublicProjectView>(`${V1}/public/training-projects/${enc(id)}`, undefined, { silentAuth: true }),
  trainingsIcsUrl: (query: Query) => `${V1}/public/training-projects.ics${queryString(query)}`,
};
