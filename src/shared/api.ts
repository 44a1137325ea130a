// The shapes of the platform's API (TypeBox): the server validates with them and writes the OpenAPI
// from them; the web app imports their static types.
import { Type, type Static, type TSchema } from "typebox";
import { ORG_STATUSES, ORG_TYPES, ROLES } from "./roles.js";

export const RoleSchema = Type.Enum(ROLES);
export const OrgTypeSchema = Type.Enum(ORG_TYPES);
export const OrgStatusSchema = Type.Enum(ORG_STATUSES);

export const DateString = Type.String({ pattern: "^(19|20)\\d{2}-\\d{2}-\\d{2}$", format: "date", description: "YYYY-MM-DD (1900–2099), Asia/Shanghai" });
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: "^[0-9a-zA-Z_-]+$" });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
/** `?page=&pageSize=` → `{ items, total, page, pageSize }` (DESIGN.md "API conventions"). */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Lists that grow past ten thousand rows (DESIGN.md "API conventions"): `?cursor=` continues after the
 * last row of the page before, on the index named for the list's order; `?page=` still reaches the first
 * ten thousand rows. `total` stops counting at 10,000 (`totalCapped`: the UI shows "10,000+").
 */
export const KeysetQuery = {
  ...PageQuery,
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: "^[A-Za-z0-9_-]+$", description: "nextCursor of the page before" })),
};
/** A person searched in a province-wide list: by name, or by the whole ID number (its keyed hash, never plaintext). */
export const PersonSearchQuery = {
  keyword: Type.Optional(Type.String({ maxLength: 50, description: "the name: 1–2 characters match its beginning, 3 or more any part" })),
  idNumber: Type.Optional(Type.String({ pattern: "^\\d{17}[\\dXx]$", description: "the whole ID number (matched by its keyed hash)" })),
};
export const KeysetPaged = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: "rows the list holds, counted up to 10,000" }),
    totalCapped: Type.Boolean({ description: "true: the list holds more than `total` rows" }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    nextCursor: Nullable(Type.String({ description: "pass as ?cursor= for the next page; null on the last page" })),
  });
export interface KeysetPaged<T> extends Paged<T> {
  totalCapped: boolean;
  nextCursor: string | null;
}

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

// ---- users and sessions ----
export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  roles: Type.Array(RoleSchema),
  status: Type.Union([Type.Literal("active"), Type.Literal("disabled")]),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: "masked" })),
  idNumber: Nullable(Type.String({ description: "masked" })),
  /** 工作单位 from the professional profile (issue 11 item 6); null for an account without one */
  employer: Nullable(Type.String()),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type UserView = Static<typeof UserView>;

export const SessionView = Type.Object({
  user: UserView,
  roles: Type.Array(RoleSchema),
  csrfToken: Type.String(),
  idleMinutes: Type.Integer(),
  // issue 10 item 8: whether the account needs a second factor and has one
  twoFactor: Type.Optional(Type.Object({ required: Type.Boolean(), enrolled: Type.Boolean(), recoveryCodesLeft: Type.Integer() })),
});
export type SessionView = Static<typeof SessionView>;

const Username = Type.String({ minLength: 3, maxLength: 32, pattern: "^[A-Za-z0-9_.-]+$" });
const DisplayName = Type.String({ minLength: 1, maxLength: 50 });
const Phone = Type.String({ pattern: "^[0-9+\\- ]{5,20}$" });
const IdNumber = Type.String({ pattern: "^\\d{17}[\\dXx]$" });
const Password = Type.String({ minLength: 1, maxLength: 128 });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Password,
    // issue 10 item 8: the authenticator's six digits, or one recovery code
    totp: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
);
export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const UserCreateBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    orgId: Id,
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
    password: Password,
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(IdNumber)),
  },
  { additionalProperties: false },
);
export type UserCreateBody = Static<typeof UserCreateBody>;

export const UserUpdateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(DisplayName),
    orgId: Type.Optional(Id),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 5, uniqueItems: true })),
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(IdNumber)),
  },
  { additionalProperties: false },
);
export type UserUpdateBody = Static<typeof UserUpdateBody>;

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    role: Type.Optional(RoleSchema),
    kind: Type.Optional(Type.Union([Type.Literal("staff"), Type.Literal("professional")], { description: "staff: accounts without the professional role; professional: professionals' accounts" })),
    orgId: Type.Optional(Id),
    status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("disabled")])),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);

export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

// ---- organizations ----
export const OrganizationView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: OrgTypeSchema,
  parentId: Nullable(Type.String()),
  parentName: Nullable(Type.String()),
  region: Type.String(),
  creditCode: Type.String(),
  creditCodeOverride: Type.Boolean(),
  contactName: Type.String(),
  contactPhone: Type.String(),
  address: Type.String(),
  status: OrgStatusSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type OrganizationView = Static<typeof OrganizationView>;

const OrgFields = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  type: OrgTypeSchema,
  parentId: Type.Optional(Nullable(Id)),
  region: Type.String({ minLength: 1, maxLength: 50 }),
  creditCode: Type.String({ minLength: 18, maxLength: 18 }),
  creditCodeOverride: Type.Optional(Type.Boolean({ description: "bureau only: record an early code that fails its checksum" })),
  contactName: Type.String({ minLength: 1, maxLength: 50 }),
  contactPhone: Phone,
  address: Type.Optional(Type.String({ maxLength: 200 })),
};
export const OrganizationCreateBody = Type.Object(OrgFields, { additionalProperties: false });
export type OrganizationCreateBody = Static<typeof OrganizationCreateBody>;
export const OrganizationUpdateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(OrgFields.name),
    type: Type.Optional(OrgTypeSchema),
    parentId: OrgFields.parentId,
    region: Type.Optional(OrgFields.region),
    creditCode: Type.Optional(OrgFields.creditCode),
    creditCodeOverride: OrgFields.creditCodeOverride,
    contactName: Type.Optional(OrgFields.contactName),
    contactPhone: Type.Optional(Phone),
    address: OrgFields.address,
  },
  { additionalProperties: false },
);
export type OrganizationUpdateBody = Static<typeof OrganizationUpdateBody>;
export const OrganizationListQuery = Type.Object(
  {
    ...PageQuery,
    type: Type.Optional(OrgTypeSchema),
    status: Type.Optional(OrgStatusSchema),
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);

// ---- audit ----
export const AuditEventView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  ip: Nullable(Type.String()),
  hash: Type.String(),
});
export type AuditEventView = Static<typeof AuditEventView>;
export const AuditListQuery = Type.Object(
  {
    ...PageQuery,
    action: Type.Optional(Type.String({ maxLength: 64 })),
    resourceType: Type.Optional(Type.String({ maxLength: 64 })),
    resourceId: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Type.String({ maxLength: 64 })),
    /** The operator's username, as the entry recorded it (issue 10 item 9: the auditor reads no accounts). */
    actorName: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export const AuditVerifyView = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer(),
  firstBrokenSeq: Nullable(Type.Integer()),
  /** issue 10 item 1: what was found at firstBrokenSeq (platform/audit.ts ChainProblem). */
  problem: Nullable(Type.Union([Type.Literal("edited"), Type.Literal("missing"), Type.Literal("recomputed"), Type.Literal("truncated")])),
  keyedFrom: Type.Integer(),
  keyChecked: Type.Boolean(),
  checkpoints: Type.Integer(),
});
export type AuditVerifyView = Static<typeof AuditVerifyView>;
export const AuditCheckpointView = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String(),
  keyId: Type.String(),
  keyedFrom: Type.Integer(),
  reason: Type.Union([Type.Literal("scheduled"), Type.Literal("shutdown")]),
  signature: Type.String(),
});
export type AuditCheckpointView = Static<typeof AuditCheckpointView>;
export const AuditCheckpointQuery = Type.Object(
  {
    /** Checkpoints before this sequence (the previous answer's nextCursor), newest first. */
    cursor: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const AuditCheckpointList = Type.Object({
  /** The checkpoint key: Ed25519, PEM (SPKI), and its id (first 16 hex digits of sha256 of the DER). */
  keyId: Type.String(),
  publicKeyPem: Type.String(),
  /** What is signed: this JSON, keys in this order, of each checkpoint's fields. */
  signedText: Type.String(),
  items: Type.Array(AuditCheckpointView),
  nextCursor: Nullable(Type.Integer()),
});
export type AuditCheckpointList = Static<typeof AuditCheckpointList>;

// ---- policy (DESIGN.md "Policy") ----
export const ReviewCriterion = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-zA-Z0-9]{0,31}$" }),
    label: Type.String({ minLength: 1, maxLength: 50 }),
    weight: Type.Integer({ minimum: 1, maximum: 100 }),
    max: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export const PolicyParams = Type.Object(
  {
    cityName: Type.String({ minLength: 1, maxLength: 20 }),
    docPrefix: Type.String({ minLength: 1, maxLength: 20, description: "e.g. 威人社发 → 威人社发〔2026〕12号" }),
    noticeDays: Type.Integer({ minimum: 1, maximum: 60 }),
    filingLeadWorkdays: Type.Integer({ minimum: 0, maximum: 60 }),
    annualPlanDue: Type.String({ pattern: "^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$", description: "MM-DD" }),
    yearlyHours: Type.Integer({ minimum: 1, maximum: 1000 }),
    professionalShare: Type.Number({ minimum: 0, maximum: 1 }),
    generalMinHours: Type.Integer({ minimum: 0, maximum: 1000 }),
    maxHoursPerDay: Type.Integer({ minimum: 1, maximum: 24 }),
    completionAttendance: Type.Number({ minimum: 0.01, maximum: 1 }),
    /**
     * 第十七条 (sign-in records): how many minutes before a session's start and after its end its check-in
     * code is accepted. Absent in versions recorded before the window existed: the default (30) applies.
     */
    checkInOpensMinutesBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })),
    checkInClosesMinutesAfter: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })),
    reviewCriteria: Type.Array(ReviewCriterion, { minItems: 1, maxItems: 20 }),
    /** 第二十九条: the last day the measures of this version are valid (有效期至); absent: open-ended. */
    validUntil: Type.Optional(DateString),
  },
  { additionalProperties: false },
);
export type PolicyParams = Static<typeof PolicyParams>;
export const PolicyVersionView = Type.Object({
  id: Type.String(),
  effectiveFrom: Type.String(),
  params: PolicyParams,
  note: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
  /**
   * 第二十九条 (current and list answers): the version's term has passed (its validUntil lies before the
   * date asked about, default today). The platform keeps applying the version in force all the same.
   */
  expired: Type.Optional(Type.Boolean()),
  /** The effective date of the next version recorded after this one, if any. */
  successorFrom: Type.Optional(Nullable(Type.String())),
});
export type PolicyVersionView = Static<typeof PolicyVersionView>;
export const PolicyCreateBody = Type.Object(
  { effectiveFrom: DateString, params: PolicyParams, note: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type PolicyCreateBody = Static<typeof PolicyCreateBody>;
export type ReviewCriterion = Static<typeof ReviewCriterion>;

// ---- calendar ----
export const CalendarDay = Type.Object({
  date: Type.String(),
  isWorkday: Type.Boolean(),
  name: Nullable(Type.String()),
  source: Type.Union([Type.Literal("official"), Type.Literal("override"), Type.Literal("weekday")]),
});
export type CalendarDay = Static<typeof CalendarDay>;
export const CalendarYearView = Type.Object({
  year: Type.Integer(),
  coveredBy: Type.Union([Type.Literal("package"), Type.Literal("bureau"), Type.Null()]),
  confirmedAt: Nullable(Type.String()),
  overrides: Type.Array(
    Type.Object({ date: Type.String(), isWorkday: Type.Boolean(), name: Type.String(), createdAt: Type.String() }),
  ),
  days: Type.Array(CalendarDay),
});
export type CalendarYearView = Static<typeof CalendarYearView>;
export const CalendarOverrideBody = Type.Object(
  { date: DateString, isWorkday: Type.Boolean(), name: Type.String({ minLength: 1, maxLength: 30 }) },
  { additionalProperties: false },
);
export type CalendarOverrideBody = Static<typeof CalendarOverrideBody>;
export type CalendarOverride = CalendarYearView["overrides"][number];

// ---- work items (home page) ----
export const WorkItem = Type.Object({
  kind: Type.String({ description: "i18n key under workItems.*" }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  link: Type.String(),
});
export type WorkItem = Static<typeof WorkItem>;
