// 第十九条: the bureau's yearly comprehensive review of every base in force, or a 双随机一公开 spot check
// (bases and inspectors drawn at random from stored candidate lists with a stored seed, the draw and
// later the results published). Shared so the web sends exactly what the server accepts.
import { Type, type Static } from "typebox";
import { HistoryEntryView } from "../accreditation.js";
import { DateString, Nullable } from "../api.js";

export const SPOT_CHECK_KINDS = ["spot_check", "comprehensive"] as const;
export type SpotCheckKind = (typeof SPOT_CHECK_KINDS)[number];
export const SPOT_CHECK_STATUSES = ["drawn", "published", "concluded"] as const;
export type SpotCheckStatus = (typeof SPOT_CHECK_STATUSES)[number];
/** 表彰, 合格, 限期整改, 撤销. */
export const OUTCOMES = ["commend", "pass", "rectify", "revoke"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A seed someone may give (a lottery number read out in public, say); the server makes 32 hex chars otherwise. */
export const SEED_PATTERN = "^[0-9A-Za-z_-]{1,64}$";

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

export const SpotCheckCreate = Type.Object(
  {
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    kind: Type.Optional(Type.Enum(SPOT_CHECK_KINDS, { description: "spot_check (default): draw bases; comprehensive: every base in force" })),
    baseCount: Type.Integer({ minimum: 0, maximum: 1000, description: "bases to draw (spot_check, at least 1); ignored for comprehensive" }),
    inspectorCount: Type.Integer({ minimum: 0, maximum: 20, description: "inspectors drawn per base (spot_check, at least 1; comprehensive: optional)" }),
    seed: Type.Optional(Type.String({ pattern: SEED_PATTERN, description: "default: 32 random hex characters" })),
    title: Type.Optional(Text(100, 2)),
  },
  { additionalProperties: false },
);
export type SpotCheckCreate = Static<typeof SpotCheckCreate>;

export const RectificationInput = Type.Object(
  { items: Type.Array(Text(500, 1), { minItems: 1, maxItems: 30 }), deadline: DateString },
  { additionalProperties: false },
);
export const RevocationInput = Type.Object({ reason: Text(1000, 2), basis: Text(500, 2) }, { additionalProperties: false });

export const OutcomeInput = Type.Object(
  {
    bureauScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    outcome: Type.Enum(OUTCOMES),
    comment: Text(2000),
    /** 第十九条 "宣传推广": required when commending; published with the results. */
    goodPractice: Type.Optional(Nullable(Text(2000))),
    /** Required for rectify: the order opened when the review concludes. */
    rectification: Type.Optional(Nullable(RectificationInput)),
    /** Required for revoke: the revocation made when the review concludes. */
    revocation: Type.Optional(Nullable(RevocationInput)),
    /** The spot check's version the client saw (optional; a mismatch answers 409). */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type OutcomeInput = Static<typeof OutcomeInput>;

const Named = Type.Object({ id: Type.String(), name: Type.String() });
export const DrawnInspector = Type.Object({ id: Type.String(), name: Type.String(), baseId: Type.String() });
export type DrawnInspector = Static<typeof DrawnInspector>;
export const BaseCandidate = Type.Object({ id: Type.String(), name: Type.String(), hostOrgId: Type.String(), hostOrgName: Type.String() });
export const InspectorCandidate = Type.Object({ id: Type.String(), name: Type.String(), orgId: Type.String(), orgName: Type.String() });
export type BaseCandidate = Static<typeof BaseCandidate>;
export type InspectorCandidate = Static<typeof InspectorCandidate>;

/** The base's latest finalized inspection of the year (第十八条), beside the bureau's own score. */
export const InspectionSummary = Type.Object({ id: Type.String(), totalScore: Nullable(Type.Number()), grade: Nullable(Type.String()), finalizedAt: Nullable(Type.String()) });

export const OutcomeView = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  baseStatus: Type.String(),
  inspection: Nullable(InspectionSummary),
  bureauScore: Nullable(Type.Number()),
  outcome: Nullable(Type.Enum(OUTCOMES)),
  comment: Type.String(),
  goodPractice: Nullable(Type.String()),
  rectification: Nullable(RectificationInput),
  revocation: Nullable(RevocationInput),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
});
export type OutcomeView = Static<typeof OutcomeView>;

export const SpotCheckView = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  kind: Type.Enum(SPOT_CHECK_KINDS),
  status: Type.Enum(SPOT_CHECK_STATUSES),
  title: Type.String(),
  seed: Type.String(),
  algorithm: Type.String(),
  algorithmDescription: Type.String(),
  baseCount: Type.Integer(),
  inspectorCount: Type.Integer(),
  bases: Type.Array(Named),
  inspectors: Type.Array(DrawnInspector),
  baseCandidates: Type.Array(BaseCandidate),
  inspectorCandidates: Type.Array(InspectorCandidate),
  /** One row per drawn base; a supervising unit sees the rows of its own bases only. */
  outcomes: Type.Array(OutcomeView),
  publishedAt: Nullable(Type.String()),
  concludedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  createdByName: Nullable(Type.String()),
  /** Workflow steps (publish, conclude) and `decide` while outcomes may be recorded. */
  availableActions: Type.Array(Type.String()),
  history: Type.Array(HistoryEntryView),
  version: Type.Integer(),
});
export type SpotCheckView = Static<typeof SpotCheckView>;

export const SpotCheckListItem = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  kind: Type.Enum(SPOT_CHECK_KINDS),
  status: Type.Enum(SPOT_CHECK_STATUSES),
  title: Type.String(),
  seed: Type.String(),
  baseCount: Type.Integer(),
  inspectorCount: Type.Integer(),
  drawnBaseCount: Type.Integer(),
  decidedCount: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  concludedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type SpotCheckListItem = Static<typeof SpotCheckListItem>;

// ---- 一公开: what anyone may see of a published draw, and of its results once concluded ----

export const PublicResult = Type.Object({
  baseId: Type.String(),
  baseName: Type.String(),
  outcome: Type.Enum(OUTCOMES),
  inspectionScore: Nullable(Type.Number()),
  inspectionGrade: Nullable(Type.String()),
  bureauScore: Nullable(Type.Number()),
  goodPractice: Nullable(Type.String()),
});
export type PublicResult = Static<typeof PublicResult>;

export const PublicSpotCheckItem = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  kind: Type.Enum(SPOT_CHECK_KINDS),
  status: Type.Enum(["published", "concluded"]),
  title: Type.String(),
  seed: Type.String(),
  algorithm: Type.String(),
  baseCount: Type.Integer(),
  inspectorCount: Type.Integer(),
  bases: Type.Array(Named),
  /** Names only: no account or organization of an inspector is published. */
  inspectors: Type.Array(Type.Object({ name: Type.String(), baseId: Type.String() })),
  publishedAt: Type.String(),
  concludedAt: Nullable(Type.String()),
  /** null until concluded. */
  results: Nullable(Type.Array(PublicResult)),
});
export type PublicSpotCheckItem = Static<typeof PublicSpotCheckItem>;

export const PublicSpotCheckView = Type.Object({
  ...PublicSpotCheckItem.properties,
  algorithmDescription: Type.String(),
  /** In stored order (sorted by id): the order the draw works on. */
  baseCandidates: Type.Array(Named),
  inspectorCandidates: Type.Array(Type.Object({ name: Type.String() })),
  /** Per drawn base, the positions in inspectorCandidates excluded as conflicts (same organization). */
  exclusions: Type.Array(Type.Object({ baseId: Type.String(), inspectorIndexes: Type.Array(Type.Integer()) })),
});
export type PublicSpotCheckView = Static<typeof PublicSpotCheckView>;

export const SpotCheckVerifyView = Type.Object({
  id: Type.String(),
  seed: Type.String(),
  algorithm: Type.String(),
  /** The draw recomputed from the stored candidates and seed equals the stored draw. */
  matches: Type.Boolean(),
  storedBases: Type.Array(Named),
  recomputedBases: Type.Array(Named),
  storedInspectors: Type.Array(Type.Object({ name: Type.String(), baseId: Type.String() })),
  recomputedInspectors: Type.Array(Type.Object({ name: Type.String(), baseId: Type.String() })),
});
export type SpotCheckVerifyView = Static<typeof SpotCheckVerifyView>;
