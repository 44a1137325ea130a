// Typed calls of the /api/v1 endpoints the web app uses, one object per server module.
import { api, queryString, type Query } from "./client";
import type {
  AuditEventView,
  AuditVerifyView,
  CalendarOverrideBody,
  CalendarYearView,
  OrganizationCreateBody,
  OrganizationUpdateBody,
  OrganizationView,
  Paged,
  PolicyCreateBody,
  PolicyVersionView,
  SessionView,
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
