// Change reports (第二十七条): a base reports changes of its name, its host organization's name, its
// affiliation (supervising unit), address, contacts or legal representative; the bureau acknowledges them
// (they apply at once) or asks for more. The shapes the server answers and the web client sends.
import { Type, type Static } from "typebox";
import { HistoryEntryView } from "../accreditation.js";
import { Id, Nullable } from "../api.js";

export const CHANGE_REPORT_STATUSES = ["submitted", "returned", "accepted", "withdrawn"] as const;
export type ChangeReportStatus = (typeof CHANGE_REPORT_STATUSES)[number];
/** A report still open: waiting on the bureau (submitted) or on the base (returned). A base has at most one. */
export const OPEN_CHANGE_REPORT_STATUSES = ["submitted", "returned"] as const;

/** What a report may change, in the order the forms show them. */
export const CHANGE_FIELDS = ["name", "hostOrgName", "supervisorOrgId", "address", "contactName", "contactPhone", "legalRepresentative"] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export const ChangeSet = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    hostOrgName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    supervisorOrgId: Type.Optional(Id),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    contactName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    contactPhone: Type.Optional(Type.String({ pattern: "^[0-9+\\- ]{5,20}$" })),
    legalRepresentative: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type ChangeSet = Static<typeof ChangeSet>;

/** The values of a change set as shown: each changed field, and the supervising unit's name too. */
export const ChangeValues = Type.Object({
  name: Type.Optional(Nullable(Type.String())),
  hostOrgName: Type.Optional(Nullable(Type.String())),
  supervisorOrgId: Type.Optional(Nullable(Type.String())),
  supervisorOrgName: Type.Optional(Nullable(Type.String())),
  address: Type.Optional(Nullable(Type.String())),
  contactName: Type.Optional(Nullable(Type.String())),
  contactPhone: Type.Optional(Nullable(Type.String())),
  legalRepresentative: Type.Optional(Nullable(Type.String())),
});
export type ChangeValues = Static<typeof ChangeValues>;

export const ChangeEvidence = Type.Object({ id: Type.String(), name: Type.String() });

export const ChangeReportView = Type.Object({
  id: Type.String(),
  status: Type.Enum([...CHANGE_REPORT_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  baseStatus: Type.String(),
  hostOrgName: Type.String(),
  /** The base's supervising unit now (after an accepted change of affiliation: the new one). */
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  /** The fields reported, with their new values. */
  changes: ChangeValues,
  /** The same fields as they stood when the report was made. */
  previous: ChangeValues,
  reason: Type.String(),
  evidence: Type.Array(ChangeEvidence),
  /** The bureau's comment when it asked for more (要求补充材料) or acknowledged. */
  decisionComment: Nullable(Type.String()),
  submittedByName: Nullable(Type.String()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  /** The base's plaque serial now (a change of name reissues it). */
  plaqueSerial: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  availableActions: Type.Array(Type.String()),
  history: Type.Array(HistoryEntryView),
});
export type ChangeReportView = Static<typeof ChangeReportView>;

export const ChangeReportListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum([...CHANGE_REPORT_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  fields: Type.Array(Type.Enum([...CHANGE_FIELDS])),
  reason: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});
export type ChangeReportListItem = Static<typeof ChangeReportListItem>;

const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const EvidenceIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 });

export const ChangeReportCreateBody = Type.Object(
  { changes: ChangeSet, reason: Reason, evidenceFileIds: Type.Optional(EvidenceIds) },
  { additionalProperties: false },
);
export type ChangeReportCreateBody = Static<typeof ChangeReportCreateBody>;

export const ChangeReportStepBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    /** resubmit: what the base reports now (each part left out stays as it was). */
    payload: Type.Optional(
      Type.Object({ changes: Type.Optional(ChangeSet), reason: Type.Optional(Reason), evidenceFileIds: Type.Optional(EvidenceIds) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type ChangeReportStepBody = Static<typeof ChangeReportStepBody>;

/** 第二十七条: what a plaque's serial says when scanned or typed: current, superseded by a reissue, or unknown. */
export const PlaqueVerification = Type.Object({
  serial: Type.String(),
  /** current: the plaque in force; superseded: reissued under a new name (已换发). */
  state: Type.Enum(["current", "superseded"]),
  baseId: Type.String(),
  /** The name and host organization printed on this plaque. */
  name: Type.String(),
  hostOrgName: Type.String(),
  /** The base as it is now. */
  currentName: Type.String(),
  currentHostOrgName: Type.String(),
  currentSerial: Type.String(),
  baseStatus: Type.Enum(["active", "rectifying", "revoked"]),
  /** When the plaque was superseded (the day the change was acknowledged). */
  supersededOn: Nullable(Type.String()),
});
export type PlaqueVerification = Static<typeof PlaqueVerification>;
