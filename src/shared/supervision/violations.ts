// Violations (第二十条: 乱办班、乱收费、乱发证) and the dishonesty records (失信信息) a confirmed one creates,
// in the columns of the national double-publicity data standard for administrative sanctions: the shapes
// the server answers and the web client sends.
import { Type, type Static } from "typebox";
import { HistoryEntryView } from "../accreditation.js";
import { Id, Nullable } from "../api.js";

export const VIOLATION_KINDS = ["unfiled_training", "overcharging", "improper_certification", "other"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
export const VIOLATION_STATUSES = ["reported", "confirmed", "dismissed"] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

/** 第二十条's words for each kind: the 违法行为类型 of the dishonesty record. */
export const VIOLATION_KIND_NAMES: Record<ViolationKind, string> = {
  unfiled_training: "乱办班",
  overcharging: "乱收费",
  improper_certification: "乱发证",
  other: "其他",
};

export const ResponsiblePerson = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), post: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);
export type ResponsiblePerson = Static<typeof ResponsiblePerson>;

export const ViolationCreateBody = Type.Object(
  {
    baseId: Id,
    kind: Type.Enum([...VIOLATION_KINDS]),
    facts: Type.String({ minLength: 1, maxLength: 5000 }),
    evidenceFileIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
    responsiblePersons: Type.Optional(Type.Array(ResponsiblePerson, { maxItems: 20 })),
    projectId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type ViolationCreateBody = Static<typeof ViolationCreateBody>;

/** What the bureau decides on confirming (第二十条): the basis, the sanction's content and how long it is published. */
export const ViolationConfirmPayload = Type.Object(
  {
    basis: Type.Optional(Type.String({ maxLength: 1000 })),
    /** 法定代表人 of the host organization as the decision names it; else the one the base has on record. */
    legalRepresentative: Type.Optional(Type.String({ maxLength: 50 })),
    penaltyContent: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Days from the decision date to 公示截止期; default three years (see docs/dishonesty-export.md). */
    publicityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    remark: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ViolationConfirmPayload = Static<typeof ViolationConfirmPayload>;

export const ViolationStepBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    payload: Type.Optional(ViolationConfirmPayload),
  },
  { additionalProperties: false },
);
export type ViolationStepBody = Static<typeof ViolationStepBody>;

export const EvidenceFile = Type.Object({ id: Type.String(), name: Type.String() });

export const ViolationView = Type.Object({
  id: Type.String(),
  status: Type.Enum([...VIOLATION_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  baseStatus: Type.String(),
  hostOrgId: Type.String(),
  hostOrgName: Type.String(),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  kind: Type.Enum([...VIOLATION_KINDS]),
  facts: Type.String(),
  evidence: Type.Array(EvidenceFile),
  responsiblePersons: Type.Array(ResponsiblePerson),
  projectId: Nullable(Type.String()),
  projectTitle: Nullable(Type.String()),
  projectFilingNo: Nullable(Type.String()),
  basis: Nullable(Type.String()),
  decisionNo: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
  reportedByName: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  /** The dishonesty record a confirmation created. */
  dishonestyRecordId: Nullable(Type.String()),
  /** Live (公示截止期 not passed) dishonesty records of the host organization, any base. */
  hostOrgLiveRecords: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  availableActions: Type.Array(Type.String()),
  history: Type.Array(HistoryEntryView),
});
export type ViolationView = Static<typeof ViolationView>;

export const ViolationListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum([...VIOLATION_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  baseStatus: Type.String(),
  hostOrgName: Type.String(),
  supervisorOrgName: Type.String(),
  kind: Type.Enum([...VIOLATION_KINDS]),
  facts: Type.String(),
  decisionNo: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  version: Type.Integer(),
});
export type ViolationListItem = Static<typeof ViolationListItem>;

// ---- dishonesty records (失信信息) ----

/**
 * The columns of the national double-publicity data standard for administrative sanctions, in order:
 * the Chinese header of the CSV and Excel exports (and the keys of the JSON export) and the field of
 * the record it comes from. docs/dishonesty-export.md documents each.
 */
export const DISHONESTY_COLUMNS = [
  { header: "行政相对人名称", field: "orgName" },
  { header: "统一社会信用代码", field: "creditCode" },
  { header: "法定代表人", field: "legalRepresentative" },
  { header: "决定书文号", field: "decisionNo" },
  { header: "违法行为类型", field: "violationType" },
  { header: "违法事实", field: "facts" },
  { header: "处罚依据", field: "basis" },
  { header: "处罚类别", field: "penaltyCategory" },
  { header: "处罚内容", field: "penaltyContent" },
  { header: "处罚决定日期", field: "decisionDate" },
  { header: "公示截止期", field: "publicityUntil" },
  { header: "处罚机关", field: "authority" },
  { header: "处罚机关统一社会信用代码", field: "authorityCreditCode" },
  { header: "数据来源单位", field: "dataSource" },
  { header: "备注", field: "remark" },
] as const;

const standardFields = {
  orgName: Type.String(),
  creditCode: Type.String(),
  legalRepresentative: Type.String(),
  decisionNo: Type.String(),
  violationType: Type.String(),
  facts: Type.String(),
  basis: Type.String(),
  penaltyCategory: Type.String(),
  penaltyContent: Type.String(),
  decisionDate: Type.String({ description: "YYYY-MM-DD, Asia/Shanghai" }),
  publicityUntil: Type.String({ description: "YYYY-MM-DD, Asia/Shanghai: the last day it is published" }),
  authority: Type.String(),
  authorityCreditCode: Type.String(),
  dataSource: Type.String(),
  remark: Type.String(),
};

/** What the public sees: the standard's columns and nothing else (no responsible persons, no evidence). */
export const PublicDishonestyRecordView = Type.Object({ id: Type.String(), ...standardFields });
export type PublicDishonestyRecordView = Static<typeof PublicDishonestyRecordView>;

export const DishonestyRecordView = Type.Object({
  id: Type.String(),
  violationId: Type.String(),
  baseId: Type.String(),
  baseName: Type.String(),
  orgId: Type.String(),
  ...standardFields,
  /** 公示截止期 not passed yet. */
  live: Type.Boolean(),
  createdAt: Type.String(),
});
export type DishonestyRecordView = Static<typeof DishonestyRecordView>;

/** The live records of an organization, as an application's reviewers see them. */
export const DishonestyFlag = Type.Object({ decisionNo: Type.String(), decisionDate: Type.String(), publicityUntil: Type.String(), violationType: Type.String() });
export type DishonestyFlag = Static<typeof DishonestyFlag>;

// ---- bulk revocation of a project's certificates (第二十条 乱发证) ----

// The body is delivery's RevokeBody ({ reason }), as for one certificate.
export const BulkRevokeResult = Type.Object({ projectId: Type.String(), revoked: Type.Integer(), learningEntriesRevoked: Type.Integer() });
export type BulkRevokeResult = Static<typeof BulkRevokeResult>;
