// The Database interface Kysely types every query with. Column names are snake_case in SQL and
// mapped to camelCase by the CamelCasePlugin, so code reads `orgId` while the table has `org_id`.
export interface OrganizationsTable {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  region: string;
  creditCode: string;
  creditCodeOverride: number;
  contactName: string;
  contactPhone: string;
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
  phone: string | null;
  idNumber: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
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

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  auditEvents: AuditEventsTable;
  policyVersions: PolicyVersionsTable;
  calendarOverrides: CalendarOverridesTable;
  calendarYears: CalendarYearsTable;
  workflowHistory: WorkflowHistoryTable;
}
