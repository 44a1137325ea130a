// Static types of the API for the web app: the shared schemas are the one source.
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
