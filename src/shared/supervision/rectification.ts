// Rectification orders (限期整改, 第十九条) and revocation of a base (撤销, 第十三、十九、二十条):
// the shapes the server answers and the web client sends.
import { Type, type Static } from "typebox";
import { HistoryEntryView } from "../accreditation.js";
import { DateString, Id, Nullable } from "../api.js";

export const RECTIFICATION_STATUSES = ["proposed", "open", "reported", "opined", "accepted", "withdrawn"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
/** The statuses in which an order is still running (the base has at most one). */
export const LIVE_RECTIFICATION_STATUSES = ["proposed", "open", "reported", "opined"] as const;

export const RectificationItem = Type.Object({
  key: Type.String(),
  text: Type.String(),
  report: Nullable(Type.String()),
  evidenceFileIds: Type.Array(Type.String()),
});
export type RectificationItem = Static<typeof RectificationItem>;

export const RectificationEvidence = Type.Object({ id: Type.String(), name: Type.String() });

export const RectificationOrderView = Type.Object({
  id: Type.String(),
  status: Type.Enum([...RECTIFICATION_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  baseStatus: Type.String(),
  hostOrgName: Type.String(),
  supervisorOrgName: Type.String(),
  deadline: Type.String(),
  /** The deadline passed and the bureau has not accepted. */
  overdue: Type.Boolean(),
  overdueAt: Nullable(Type.String()),
  items: Type.Array(RectificationItem),
  /** Names of the evidence files of every item. */
  evidence: Type.Array(RectificationEvidence),
  reportNote: Nullable(Type.String()),
  supervisorOpinion: Nullable(Type.String()),
  reportedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  sourceType: Nullable(Type.String()),
  sourceId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  availableActions: Type.Array(Type.String()),
  history: Type.Array(HistoryEntryView),
});
export type RectificationOrderView = Static<typeof RectificationOrderView>;

export const RectificationListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum([...RECTIFICATION_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  deadline: Type.String(),
  overdue: Type.Boolean(),
  itemCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type RectificationListItem = Static<typeof RectificationListItem>;

export const RectificationCreateBody = Type.Object(
  {
    baseId: Id,
    items: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 }),
    deadline: DateString,
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RectificationCreateBody = Static<typeof RectificationCreateBody>;

export const RectificationReportPayload = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          key: Type.String({ maxLength: 20 }),
          report: Type.String({ maxLength: 5000 }),
          evidenceFileIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type RectificationReportPayload = Static<typeof RectificationReportPayload>;

export const RectificationStepBody = Type.Object(
  {
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    version: Type.Optional(Type.Integer()),
    payload: Type.Optional(
      Type.Object(
        {
          items: Type.Optional(RectificationReportPayload.properties.items),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
          deadline: Type.Optional(DateString),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RectificationStepBody = Static<typeof RectificationStepBody>;

// ---- revocation (第十三、十九、二十条) ----

export const RevokeBody = Type.Object(
  {
    reason: Type.String({ maxLength: 2000 }),
    basis: Type.String({ maxLength: 1000 }),
    stopRunning: Type.Optional(Type.Boolean()),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type RevokeBody = Static<typeof RevokeBody>;

export const RevocationProject = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  filingNo: Nullable(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  enrolled: Type.Integer(),
});
export type RevocationProject = Static<typeof RevocationProject>;

export const RevocationPreview = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  /** Projects not started: withdrawn (cancelled) on revocation, their enrolled people notified. */
  withdrawn: Type.Array(RevocationProject),
  /** Projects under way: they continue (their hours were earned) unless the bureau stops them too. */
  running: Type.Array(RevocationProject),
  enrolledToNotify: Type.Integer(),
  openRectificationOrders: Type.Integer(),
});
export type RevocationPreview = Static<typeof RevocationPreview>;

/** What revocation did besides revoking (the answer of actions/revoke adds it to the BaseView, whose
 * `decisionNo` stays the accreditation's: the revocation's is `revocationDecisionNo`). */
export const RevocationResult = Type.Object({
  withdrawnProjectIds: Type.Array(Type.String()),
  stoppedProjectIds: Type.Array(Type.String()),
  notifiedCount: Type.Integer(),
});
export type RevocationResult = Static<typeof RevocationResult>;
