// Static types of the API for the web app, from src/shared/api.ts. The shared schemas build role,
// organization-type and status unions with a helper that erases them to `unknown`, so the fields
// that carry those unions are narrowed here to the literal types of src/shared/roles.ts.
import type * as Api from "../../shared/api.js";
import type { OrgStatus, OrgType, Role } from "../../shared/roles.js";

export type { Role, OrgType, OrgStatus };

export type UserView = Omit<Api.UserView, "roles"> & { roles: Role[] };
export type SessionView = Omit<Api.SessionView, "user" | "roles"> & { user: UserView; roles: Role[] };
export type OrganizationView = Omit<Api.OrganizationView, "type" | "status"> & { type: OrgType; status: OrgStatus };
export type OrganizationCreateBody = Omit<Api.OrganizationCreateBody, "type"> & { type: OrgType };
export type OrganizationUpdateBody = Omit<Api.OrganizationUpdateBody, "type"> & { type?: OrgType };
export type UserCreateBody = Omit<Api.UserCreateBody, "roles"> & { roles: Role[] };
export type UserUpdateBody = Omit<Api.UserUpdateBody, "roles"> & { roles?: Role[] };
export type AuditEventView = Api.AuditEventView;
export type PolicyVersionView = Api.PolicyVersionView;
export type PolicyParams = Api.PolicyParams;
export type ReviewCriterion = PolicyParams["reviewCriteria"][number];
export type CalendarYearView = Api.CalendarYearView;
export type CalendarDay = CalendarYearView["days"][number];
export type CalendarOverride = CalendarYearView["overrides"][number];
export type WorkItem = Api.WorkItem;

/** `?page=&pageSize=` → `{ items, total, page, pageSize }` (DESIGN.md "API conventions"). */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditVerifyView {
  intact: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

export interface PolicyCreateBody {
  effectiveFrom: string;
  params: PolicyParams;
  note: string;
}

export interface CalendarOverrideBody {
  date: string;
  isWorkday: boolean;
  name: string;
}
