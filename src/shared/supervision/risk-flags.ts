// Risk flags (风险提示, issue 12 item 4): what the data says looks wrong at a base — 乱办班, 乱收费,
// 乱发证 (第二十条) and the weaker signs before them — each kind with the article it concerns and the
// evidence (the records behind it), for the bureau and supervising units to review, dismiss with a
// reason, or turn into a violation record.
import { Type, type Static } from "typebox";
import { Id, Nullable, PageQuery } from "../api.js";
import { VIOLATION_KINDS, type ViolationKind } from "./violations.js";

export const RISK_FLAG_KINDS = [
  "unfiled_checkin",
  "certificate_below_attendance",
  "fee_above_standard",
  "over_capacity",
  "checkin_outside_window",
  "proxy_checkin",
  "bulk_identical_evaluations",
  "archive_incomplete",
  "plan_not_filed",
] as const;
export type RiskFlagKind = (typeof RISK_FLAG_KINDS)[number];
export const RISK_FLAG_STATUSES = ["open", "dismissed", "converted"] as const;
export type RiskFlagStatus = (typeof RISK_FLAG_STATUSES)[number];

/** The article each kind concerns (the measures, 威人社发〔2019〕44号). */
export const RISK_FLAG_ARTICLES: Record<RiskFlagKind, string> = {
  // 第十七条: 未经备案，不得以基地名义开展继续教育活动
  unfiled_checkin: "第十七条",
  // 第二十条: 乱发证
  certificate_below_attendance: "第二十条",
  // 第二十五条: 不得擅自提高收费标准
  fee_above_standard: "第二十五条",
  // 第十七条: 按照备案的年度培训计划开展培训活动 (the filed places)
  over_capacity: "第十七条",
  // 第十七条: 参训人员签到
  checkin_outside_window: "第十七条",
  proxy_checkin: "第十七条",
  // 第十七条: 培训效果评估
  bulk_identical_evaluations: "第十七条",
  // 第十七条: 培训结束后按年度、按项目做好建档登记
  archive_incomplete: "第十七条",
  // 第十六条: 每年12月底前报下一年度培训计划备案
  plan_not_filed: "第十六条",
};

/** The violation (第二十条) a flag of each kind becomes when the reviewer turns it into one. */
export const RISK_FLAG_VIOLATION_KINDS: Record<RiskFlagKind, ViolationKind> = {
  unfiled_checkin: "unfiled_training",
  certificate_below_attendance: "improper_certification",
  fee_above_standard: "overcharging",
  over_capacity: "other",
  checkin_outside_window: "other",
  proxy_checkin: "improper_certification",
  bulk_identical_evaluations: "other",
  archive_incomplete: "other",
  plan_not_filed: "other",
};

export const EVIDENCE_RECORD_TYPES = ["project", "session", "checkIn", "certificate", "enrollment", "surveyResponse", "annualPlan", "feeStandard"] as const;

/** One record behind a flag: what it is, which, and a short fact about it. */
export const EvidenceRecord = Type.Object({
  type: Type.Enum([...EVIDENCE_RECORD_TYPES]),
  id: Type.String(),
  /** the project the record belongs to (the page that shows it) */
  projectId: Nullable(Type.String()),
  label: Type.String(),
  detail: Type.String(),
  at: Nullable(Type.String()),
});
export type EvidenceRecord = Static<typeof EvidenceRecord>;

export const RiskEvidence = Type.Object({
  /** The kind's figures (counts, amounts, times), named for the page's sentence of the kind. */
  facts: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
  /** The records behind the flag, at most MAX_EVIDENCE_RECORDS of them; `total` counts them all. */
  records: Type.Array(EvidenceRecord),
  total: Type.Integer(),
});
export type RiskEvidence = Static<typeof RiskEvidence>;
export const MAX_EVIDENCE_RECORDS = 50;

export const RiskFlagListItem = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...RISK_FLAG_KINDS]),
  status: Type.Enum([...RISK_FLAG_STATUSES]),
  baseId: Type.String(),
  baseName: Type.String(),
  supervisorOrgName: Type.String(),
  projectId: Nullable(Type.String()),
  projectTitle: Nullable(Type.String()),
  article: Type.String(),
  evidence: RiskEvidence,
  detectedAt: Type.String(),
  updatedAt: Type.String(),
  violationId: Nullable(Type.String()),
  version: Type.Integer(),
});
export type RiskFlagListItem = Static<typeof RiskFlagListItem>;

export const RiskFlagView = Type.Object({
  ...RiskFlagListItem.properties,
  supervisorOrgId: Type.String(),
  dismissedByName: Nullable(Type.String()),
  dismissedAt: Nullable(Type.String()),
  dismissReason: Nullable(Type.String()),
  /** dismiss, convert: what the reader may do now */
  availableActions: Type.Array(Type.String()),
});
export type RiskFlagView = Static<typeof RiskFlagView>;

export const RiskFlagQuery = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(Type.Enum([...RISK_FLAG_KINDS])),
    status: Type.Optional(Type.Enum([...RISK_FLAG_STATUSES])),
    baseId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type RiskFlagQuery = Static<typeof RiskFlagQuery>;

export const RiskFlagDismissBody = Type.Object(
  { reason: Type.String({ maxLength: 1000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type RiskFlagDismissBody = Static<typeof RiskFlagDismissBody>;

export const RiskFlagConvertBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    /** 第二十条's kind; default RISK_FLAG_VIOLATION_KINDS[flag.kind] */
    kind: Type.Optional(Type.Enum([...VIOLATION_KINDS])),
    /** the violation's facts; default the flag's evidence in words */
    facts: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
export type RiskFlagConvertBody = Static<typeof RiskFlagConvertBody>;

export const RiskScanResult = Type.Object({ raised: Type.Integer(), updated: Type.Integer(), byKind: Type.Record(Type.String(), Type.Integer()) });
export type RiskScanResult = Static<typeof RiskScanResult>;

/** Each kind in the words of the measures (the violation's facts, the audit detail). */
export const RISK_FLAG_KIND_NAMES: Record<RiskFlagKind, string> = {
  unfiled_checkin: "未备案项目签到（乱办班）",
  certificate_below_attendance: "出勤不足发放结业证书（乱发证）",
  fee_above_standard: "收费高于收费标准（乱收费）",
  over_capacity: "报名超出备案名额",
  checkin_outside_window: "签到时间在课程签到时段之外",
  proxy_checkin: "同一设备短时间内为多人签到（疑似代签）",
  bulk_identical_evaluations: "培训效果评估答卷批量雷同",
  archive_incomplete: "培训结束 30 日后档案仍不完整",
  plan_not_filed: "年度培训计划未按期报送备案",
};
