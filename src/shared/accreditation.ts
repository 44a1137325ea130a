// The application form (申报表) for a 市级继续教育基地 (第四条 conditions, 第五条 procedure), shared so
// the web editor shows the same section-by-section completeness the server enforces on submit.
import { Type, type Static } from "typebox";

const Text = (max = 200) => Type.String({ maxLength: max });
const Opt = Type.Optional;

export const Teacher = Type.Object(
  {
    name: Text(30),
    fullTime: Type.Boolean({ description: "专职 (true) or 兼职 (false)" }),
    title: Text(30),
    specialty: Text(50),
  },
  { additionalProperties: false },
);

export const Staff = Type.Object({ name: Text(30), duty: Text(50), fullTime: Type.Boolean() }, { additionalProperties: false });

/** 第四条（二）: the six management systems. */
export const SYSTEM_KEYS = ["teaching", "assessment", "registration", "funding", "logistics", "evaluation"] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

export const Attachment = Type.Object(
  {
    fileId: Type.String({ pattern: "^[0-9a-f]{64}$", description: "sha256 of the uploaded file" }),
    name: Text(120),
    kind: Type.Optional(Text(40)),
  },
  { additionalProperties: false },
);

export const ApplicationForm = Type.Object(
  {
    // 基本情况
    basics: Opt(
      Type.Object(
        {
          baseName: Opt(Text(100)),
          district: Opt(Text(30)),
          address: Opt(Text(200)),
          contactName: Opt(Text(30)),
          contactPhone: Opt(Type.String({ maxLength: 20 })),
          email: Opt(Type.String({ maxLength: 100 })),
          specialtyFields: Opt(Type.Array(Text(30), { maxItems: 20 })),
          introduction: Opt(Text(2000)),
        },
        { additionalProperties: false },
      ),
    ),
    // 第四条（一）: 专（兼）职师资队伍
    teachers: Opt(Type.Array(Teacher, { maxItems: 500 })),
    // 第四条（二）: 管理机构及工作人员
    management: Opt(
      Type.Object(
        { bodyName: Opt(Text(100)), headName: Opt(Text(30)), staff: Opt(Type.Array(Staff, { maxItems: 100 })) },
        { additionalProperties: false },
      ),
    ),
    // 第四条（二）: 六项管理制度, each summarised (and optionally attached)
    systems: Opt(
      Type.Object(
        Object.fromEntries(SYSTEM_KEYS.map((k) => [k, Opt(Text(2000))])) as Record<SystemKey, ReturnType<typeof Opt<ReturnType<typeof Text>>>>,
        { additionalProperties: false },
      ),
    ),
    // 第四条（三）: 配套经费保障
    funding: Opt(
      Type.Object(
        { annualBudgetFen: Opt(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })), source: Opt(Text(500)) },
        { additionalProperties: false },
      ),
    ),
    // 第四条（三）: 教学场所、教学设备、图书资料、实训场所或实训合作单位
    facilities: Opt(
      Type.Object(
        {
          venues: Opt(
            Type.Array(
              Type.Object({ name: Text(60), areaSqm: Type.Integer({ minimum: 0, maximum: 1_000_000 }), seats: Type.Integer({ minimum: 0, maximum: 100_000 }) }, { additionalProperties: false }),
              { maxItems: 100 },
            ),
          ),
          equipment: Opt(Text(1000)),
          library: Opt(Text(1000)),
          practiceOriented: Opt(Type.Boolean({ description: "专业性、实践性强的领域: then a practical site is required" })),
          practicalSites: Opt(
            Type.Array(Type.Object({ name: Text(100), isPartner: Type.Boolean(), description: Text(300) }, { additionalProperties: false }), { maxItems: 50 }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    // 第四条（四）: 组织举办过的专业技术人员培训项目
    pastProjects: Opt(
      Type.Array(
        Type.Object({ year: Type.Integer({ minimum: 1980, maximum: 2100 }), title: Text(100), participants: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }, { additionalProperties: false }),
        { maxItems: 200 },
      ),
    ),
    attachments: Opt(Type.Array(Attachment, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type ApplicationForm = Static<typeof ApplicationForm>;

export const FORM_SECTIONS = ["basics", "teachers", "management", "systems", "funding", "facilities", "pastProjects"] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

const filled = (s: string | undefined | null) => !!s && s.trim().length > 0;

/**
 * What the form still lacks before it may be submitted (第四条 conditions), as dotted paths, e.g.
 * "basics.baseName", "teachers", "systems.evaluation". Empty when complete.
 */
export function missingParts(form: ApplicationForm): string[] {
  const missing: string[] = [];
  const b = form.basics ?? {};
  for (const k of ["baseName", "district", "address", "contactName", "contactPhone", "introduction"] as const) {
    if (!filled(b[k])) missing.push(`basics.${k}`);
  }
  if (!b.specialtyFields?.some(filled)) missing.push("basics.specialtyFields");
  // 第四条（一）: a teaching staff, full- or part-time
  if (!form.teachers?.length) missing.push("teachers");
  // 第四条（二）: a management body with staff, and all six systems
  const m = form.management ?? {};
  if (!filled(m.bodyName)) missing.push("management.bodyName");
  if (!filled(m.headName)) missing.push("management.headName");
  if (!m.staff?.length) missing.push("management.staff");
  for (const k of SYSTEM_KEYS) if (!filled(form.systems?.[k])) missing.push(`systems.${k}`);
  // 第四条（三）: funding, venues, equipment, library; a practical site where the field is practical
  if (!form.funding?.annualBudgetFen) missing.push("funding.annualBudgetFen");
  if (!filled(form.funding?.source)) missing.push("funding.source");
  const f = form.facilities ?? {};
  if (!f.venues?.length) missing.push("facilities.venues");
  if (!filled(f.equipment)) missing.push("facilities.equipment");
  if (!filled(f.library)) missing.push("facilities.library");
  if (f.practiceOriented && !f.practicalSites?.length) missing.push("facilities.practicalSites");
  // 第四条（四）: past training projects
  if (!form.pastProjects?.length) missing.push("pastProjects");
  return missing;
}

export function sectionComplete(form: ApplicationForm, section: FormSection): boolean {
  return !missingParts(form).some((p) => p === section || p.startsWith(`${section}.`));
}

export const APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "recommended",
  "accepted",
  "under_review",
  "in_notice",
  "objection_pending",
  "published",
  "rejected",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

// ---- API shapes of the accreditation workflow (issue: base accreditation, 第四条/第五条) ----
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const HistoryEntryView = Type.Object({
  action: Type.String(),
  fromStatus: Type.String(),
  toStatus: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  at: Type.String(),
});
export type HistoryEntryView = Static<typeof HistoryEntryView>;

export const ReviewCriterionView = Type.Object({ key: Type.String(), label: Type.String(), weight: Type.Integer(), max: Type.Integer() });

export const ReviewView = Type.Object({
  expertId: Type.String(),
  expertName: Type.String(),
  scores: Type.Record(Type.String(), Type.Number()),
  /** Σ weight × score / max, on a 0–100 scale. */
  weightedScore: Type.Number(),
  recommendation: Type.Enum(["approve", "reject"]),
  comment: Type.String(),
  isOutlier: Type.Boolean(),
  createdAt: Type.String(),
});
export type ReviewView = Static<typeof ReviewView>;

export const PanelMemberView = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  orgName: Type.String(),
  declaredAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
});
export type PanelMemberView = Static<typeof PanelMemberView>;

export const ScoreSummaryView = Type.Object({
  reviewed: Type.Integer(),
  panelSize: Type.Integer(),
  mean: Nullable(Type.Number()),
  spread: Nullable(Type.Number({ description: "max − min of the weighted scores" })),
  stdDev: Nullable(Type.Number()),
  approveCount: Type.Integer(),
  rejectCount: Type.Integer(),
});
export type ScoreSummaryView = Static<typeof ScoreSummaryView>;

export const NoticeView = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  title: Type.String(),
  baseName: Type.String(),
  applicantOrgName: Type.String(),
  specialtyFields: Type.Array(Type.String()),
  district: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String({ description: "last day objections are accepted (inclusive)" }),
  isOpen: Type.Boolean(),
});
export type NoticeView = Static<typeof NoticeView>;

export const ObjectionView = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  applicationId: Type.String(),
  receiptNo: Type.String(),
  name: Type.String(),
  contact: Type.String({ description: "masked" }),
  content: Type.String(),
  status: Type.Enum(["open", "resolved"]),
  answer: Nullable(Type.String()),
  upheld: Nullable(Type.Boolean()),
  createdAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
});
export type ObjectionView = Static<typeof ObjectionView>;

export const ApplicationView = Type.Object({
  id: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  version: Type.Integer(),
  applicantOrgId: Type.String(),
  applicantOrgName: Type.String(),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  /** null for an expert who has not yet declared no conflict of interest (第五条（三）). */
  form: Nullable(ApplicationForm),
  missing: Type.Array(Type.String(), { description: "what submit would name as missing" }),
  history: Type.Array(HistoryEntryView),
  availableActions: Type.Array(Type.String()),
  submittedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** For an assigned expert: the criteria to score against. */
  reviewSheet: Type.Optional(Type.Array(ReviewCriterionView)),
  needsConflictDeclaration: Type.Optional(Type.Boolean()),
  myReview: Type.Optional(Nullable(ReviewView)),
  /** For the bureau: the panel, every review and the summary. */
  panel: Type.Optional(Type.Array(PanelMemberView)),
  reviews: Type.Optional(Type.Array(ReviewView)),
  scoreSummary: Type.Optional(ScoreSummaryView),
  notice: Nullable(NoticeView),
  objections: Type.Optional(Type.Array(ObjectionView)),
  baseId: Nullable(Type.String()),
  /** 第二十条: live dishonesty records (失信信息) of the applicant, shown to its reviewers (supervising unit, bureau, panel). */
  dishonestyRecords: Type.Optional(
    Type.Array(Type.Object({ decisionNo: Type.String(), decisionDate: Type.String(), publicityUntil: Type.String(), violationType: Type.String() })),
  ),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const ApplicationListItem = Type.Object({
  id: Type.String(),
  status: Type.Enum(APPLICATION_STATUSES),
  version: Type.Integer(),
  baseName: Type.String(),
  applicantOrgId: Type.String(),
  applicantOrgName: Type.String(),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  submittedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type ApplicationListItem = Static<typeof ApplicationListItem>;

export const BaseView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hostOrgId: Type.String(),
  hostOrgName: Type.String(),
  supervisorOrgId: Type.String(),
  supervisorOrgName: Type.String(),
  applicationId: Nullable(Type.String()),
  decisionNo: Type.String(),
  decisionDate: Type.String(),
  plaqueSerial: Type.String(),
  specialtyFields: Type.Array(Type.String()),
  district: Type.String(),
  status: Type.Enum(["active", "rectifying", "revoked"]),
  verifyUrl: Type.String({ description: "public verification page of this base" }),
  // 第二十七条: the facts a change report keeps current, and the names the base had before
  address: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  legalRepresentative: Nullable(Type.String()),
  formerNames: Type.Array(Type.Object({ name: Type.String(), validTo: Type.String(), plaqueSerial: Type.String() })),
  // 第十九条 "宣传推广": commended in the review of that year, with its good practice
  commendedYear: Nullable(Type.Integer()),
  goodPractice: Nullable(Type.String()),
  // 第十三、十九、二十条: revocation, shown with date, decision and reason
  revokedAt: Nullable(Type.String()),
  revocationDecisionNo: Nullable(Type.String()),
  revocationReason: Nullable(Type.String()),
  revocationBasis: Nullable(Type.String()),
});
export type BaseView = Static<typeof BaseView>;
