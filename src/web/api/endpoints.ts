// Typed calls of the /api/v1 endpoints the web app uses, one object per server module.
import { api, queryString, type Query } from "./client";
import type {
  ApplicationActionBody,
  ApplicationForm,
  ApplicationListItem,
  ApplicationView,
  AuditEventView,
  AuditVerifyView,
  BaseView,
  CalendarOverrideBody,
  CalendarYearView,
  NoticeView,
  NotificationPage,
  ObjectionView,
  OrganizationCreateBody,
  OrganizationUpdateBody,
  OrganizationView,
  Paged,
  PolicyCreateBody,
  PolicyVersionView,
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
};
