// Delivery and the learning record (第十七条, 第二十四条; 人社部令第25号): professionals, enrolment,
// check-in, completion, certificates, evaluation surveys, project archives and yearly hours.
// Shared so the web pages send exactly what the server accepts and read exactly what it answers.
import { Type, type Static } from "typebox";
import { DateString, Nullable } from "./api.js";
import { SubjectTypeSchema } from "./filing.js";

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Opt = Type.Optional;
const IdNumberInput = Type.String({ minLength: 18, maxLength: 18, pattern: "^\\d{17}[\\dXx]$", description: "GB 11643 resident ID number" });
const PhoneInput = Type.String({ pattern: "^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$", description: "mobile or landline" });

// ---------------------------------------------------------------------------------------------
// Professionals (专业技术人员). The ID number and phone come masked (3710**********1234) to everyone
// but the person and the bureau; `revealed` says which one the caller got.

/**
 * Issue 10 item 2: the one-time code a base hands a person it registered, so that only they can claim
 * the record by signing up. Shown once, when issued; only its keyed hash is kept.
 */
export const ClaimCodeView = Type.Object({
  code: Type.String({ description: "8 characters of an unambiguous alphabet, grouped 4-4 (ABCD-EFGH)" }),
  expiresAt: Type.String(),
});
export type ClaimCodeView = Static<typeof ClaimCodeView>;

export const ProfessionalView = Type.Object({
  id: Type.String({ description: "= the user id of the professional's account" }),
  username: Type.String(),
  name: Type.String(),
  idNumber: Type.String(),
  phone: Nullable(Type.String()),
  revealed: Type.Boolean({ description: "true when idNumber is whole: only the person's own record" }),
  /** issue 11 item 6: the actor may ask for the whole ID number (POST …/actions/reveal-id-number, audited) */
  canReveal: Type.Boolean(),
  employer: Type.String(),
  title: Type.String({ description: "职称" }),
  specialty: Type.String(),
  /** false while a base registered the person and they have not yet claimed the account */
  claimed: Type.Boolean(),
  /** present once, in the answer that registered the person: the code they sign up with */
  claimCode: Opt(ClaimCodeView),
  createdAt: Type.String(),
  version: Type.Integer(),
});
export type ProfessionalView = Static<typeof ProfessionalView>;

/** The whole ID number, answered to one explicit, audited request (issue 11 item 6). */
export const RevealedIdNumber = Type.Object({ idNumber: Type.String() });
export type RevealedIdNumber = Static<typeof RevealedIdNumber>;

/** The person's facts, as a base registers them while enrolling (第二十四条: the record follows the person). */
export const PersonInput = Type.Object(
  {
    name: Text(50, 2),
    idNumber: IdNumberInput,
    employer: Text(100, 2),
    title: Opt(Text(50)),
    specialty: Opt(Text(50)),
    phone: Opt(PhoneInput),
  },
  { additionalProperties: false },
);
export type PersonInput = Static<typeof PersonInput>;

/** Self-service sign-up: the person's facts and the account they will sign in with. */
export const SignUpBody = Type.Object(
  {
    ...PersonInput.properties,
    phone: PhoneInput,
    username: Type.String({ minLength: 3, maxLength: 32, pattern: "^[A-Za-z0-9_.-]+$" }),
    password: Type.String({ minLength: 8, maxLength: 128 }),
    /** issue 10 item 2: needed when a base already registered the person (the code it handed them) */
    claimCode: Opt(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

/**
 * What sign-up answers, whatever became of it (issue 10 item 2: no oracle of existing ID numbers or
 * usernames). The person then signs in with the username and password they chose.
 */
export const SignUpReceipt = Type.Object({ status: Type.Literal("received") });
export type SignUpReceipt = Static<typeof SignUpReceipt>;

export const ProfileUpdateBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    employer: Opt(Text(100, 2)),
    title: Opt(Text(50)),
    specialty: Opt(Text(50)),
    phone: Opt(PhoneInput),
  },
  { additionalProperties: false },
);
export type ProfileUpdateBody = Static<typeof ProfileUpdateBody>;

// ---------------------------------------------------------------------------------------------
// Enrolment (报名)

export const ENROLLMENT_STATUSES = ["enrolled", "cancelled"] as const;
export const ENROLLMENT_SOURCES = ["self", "staff", "import"] as const;

/** A professional enrols with an empty body; base staff name the person (found by ID number or registered). */
export const EnrollmentCreateBody = Type.Object(
  {
    professionalId: Opt(Type.String({ maxLength: 64 })),
    person: Opt(PersonInput),
  },
  { additionalProperties: false },
);
export type EnrollmentCreateBody = Static<typeof EnrollmentCreateBody>;

export const EnrollmentView = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  projectTitle: Type.String(),
  professionalId: Type.String(),
  name: Type.String(),
  idNumber: Type.String({ description: "masked" }),
  employer: Type.String(),
  title: Type.String(),
  status: Type.Enum(ENROLLMENT_STATUSES),
  source: Type.Enum(ENROLLMENT_SOURCES),
  /** sessions this person checked in to, of `sessionCount` */
  attendedSessions: Type.Integer(),
  sessionCount: Type.Integer(),
  /** null until the project concludes */
  completed: Nullable(Type.Boolean()),
  certificateId: Nullable(Type.String()),
  createdAt: Type.String(),
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
  /** issue 10 item 2: present once, when this enrolment registered the person */
  claimCode: Opt(ClaimCodeView),
});
export type EnrollmentView = Static<typeof EnrollmentView>;

/** The professional's own view of a course: what they enrolled in, where they stand, what is left to do. */
export const MyEnrollmentView = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  projectTitle: Type.String(),
  baseName: Type.String(),
  subjectType: SubjectTypeSchema,
  hours: Type.Number(),
  startDate: DateString,
  endDate: DateString,
  venue: Type.String(),
  projectStatus: Type.String(),
  status: Type.Enum(ENROLLMENT_STATUSES),
  sessions: Type.Array(
    Type.Object({
      id: Type.String(),
      date: DateString,
      startTime: Type.String(),
      endTime: Type.String(),
      title: Type.String(),
      hours: Type.Number(),
      checkedInAt: Nullable(Type.String()),
    }),
  ),
  completed: Nullable(Type.Boolean()),
  certificateId: Nullable(Type.String()),
  certificateSerial: Nullable(Type.String()),
  surveyAnswered: Type.Boolean(),
  /** the survey opens once the person attended a session and stays open after completion */
  surveyOpen: Type.Boolean(),
  availableActions: Type.Array(Type.String()),
});
export type MyEnrollmentView = Static<typeof MyEnrollmentView>;

/** What an Excel import (enrolment list, marked sign-in sheet) answers: rows that became records. */
export const DeliveryImportResult = Type.Object({
  imported: Type.Integer(),
  /** rows already on record (enrolled, or checked in) */
  skipped: Type.Integer(),
  /** enrolment import: people the base registered on the way (new unclaimed accounts) */
  registered: Opt(Type.Integer()),
  /** issue 10 item 2: the claim code of each person registered, by row of the sheet, shown this once */
  claimCodes: Opt(Type.Array(Type.Object({ row: Type.Integer(), professionalId: Type.String(), name: Type.String(), code: Type.String(), expiresAt: Type.String() }))),
});
export type DeliveryImportResult = Static<typeof DeliveryImportResult>;

// ---------------------------------------------------------------------------------------------
// Check-in (签到)

export const CHECK_IN_METHODS = ["qr", "manual", "import"] as const;
/** A code is shown for 30 s and accepted until `expiresAt` (its 30 s plus 30 s to scan and send). */
export const CHECK_IN_CODE_SECONDS = 30;

/** Epoch ms of a session's wall-clock time (Asia/Shanghai, no daylight saving time). */
export const sessionInstant = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

const shanghaiHhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * 第十七条: the time a session's check-in code is accepted, from `checkInOpensMinutesBefore` its start to
 * `checkInClosesMinutesAfter` its end (the policy's parameters), with both ends as HH:MM for messages.
 * Accepted while opensMs <= now < closesMs: the closing minute itself counts (08:30–12:30 takes 12:30:59).
 */
export function checkInWindow(
  s: { date: string; startTime: string; endTime: string },
  p: { checkInOpensMinutesBefore: number; checkInClosesMinutesAfter: number },
): { opensMs: number; closesMs: number; opensAt: string; closesAt: string } {
  const opensMs = sessionInstant(s.date, s.startTime) - p.checkInOpensMinutesBefore * 60_000;
  const lastMinute = sessionInstant(s.date, s.endTime) + p.checkInClosesMinutesAfter * 60_000;
  return { opensMs, closesMs: lastMinute + 60_000, opensAt: shanghaiHhmm(opensMs), closesAt: shanghaiHhmm(lastMinute) };
}

export const CheckInCodeView = Type.Object({
  token: Type.String(),
  expiresAt: Type.String(),
  /** when the next code is due (the projector page refreshes then) */
  refreshAt: Type.String(),
  /** PNG data URL of the QR code; it encodes `url` */
  qr: Type.String(),
  /** the phone check-in page with the token */
  url: Type.String(),
  checkedIn: Type.Integer(),
  enrolled: Type.Integer(),
  /** 第十七条 (issue 11): when the session's code is accepted, HH:MM Asia/Shanghai (policy's check-in window) */
  opensAt: Type.String(),
  closesAt: Type.String(),
});
export type CheckInCodeView = Static<typeof CheckInCodeView>;

export const CheckInBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 300 }) }, { additionalProperties: false });

export const CheckInView = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  projectId: Type.String(),
  projectTitle: Type.String(),
  sessionTitle: Type.String(),
  date: DateString,
  startTime: Type.String(),
  professionalId: Type.String(),
  name: Type.String(),
  method: Type.Enum(CHECK_IN_METHODS),
  reason: Nullable(Type.String()),
  checkedInAt: Type.String(),
  /** true when this person had already checked in: nothing new was recorded */
  repeated: Type.Boolean(),
});
export type CheckInView = Static<typeof CheckInView>;

export const ManualCheckInBody = Type.Object(
  { professionalId: Type.String({ minLength: 1, maxLength: 64 }), reason: Text(200, 2) },
  { additionalProperties: false },
);

export const SessionAttendanceView = Type.Object({
  session: Type.Object({ id: Type.String(), seq: Type.Integer(), date: DateString, startTime: Type.String(), endTime: Type.String(), title: Type.String(), teacher: Type.String(), hours: Type.Number() }),
  projectId: Type.String(),
  projectTitle: Type.String(),
  enrolled: Type.Integer(),
  checkedIn: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      professionalId: Type.String(),
      name: Type.String(),
      idNumber: Type.String({ description: "masked" }),
      employer: Type.String(),
      checkIn: Nullable(CheckInView),
    }),
  ),
  availableActions: Type.Array(Type.String()),
});
export type SessionAttendanceView = Static<typeof SessionAttendanceView>;

// ---------------------------------------------------------------------------------------------
// Completion (结业) and certificates (结业证书)

export const CompletionView = Type.Object({
  projectId: Type.String(),
  concludedAt: Type.String(),
  enrolled: Type.Integer(),
  completed: Type.Integer(),
  notCompleted: Type.Integer(),
  certificatesIssued: Type.Integer(),
  /** the share of sessions a person had to attend: the project's own, else the policy's `completionAttendance` */
  requiredAttendance: Type.Number(),
});
export type CompletionView = Static<typeof CompletionView>;

const PreviewPerson = Type.Object({ name: Type.String(), idNumber: Type.String({ description: "masked" }), attendedSessions: Type.Integer() });
/** 第十七条: who 办理结业 will find completed and who not, before the step that cannot be undone. */
export const CompletionPreview = Type.Object({
  projectId: Type.String(),
  sessions: Type.Integer(),
  sessionsRequired: Type.Integer(),
  requiredAttendance: Type.Number(),
  enrolled: Type.Integer(),
  completing: Type.Integer(),
  notCompleting: Type.Integer(),
  /** at most 200, fewest sessions attended first; the counts above are whole */
  notCompletingPeople: Type.Array(PreviewPerson),
  /** at most 200, in enrolment order */
  completingPeople: Type.Array(PreviewPerson),
});
export type CompletionPreview = Static<typeof CompletionPreview>;

export const CERTIFICATE_STATUSES = ["valid", "revoked"] as const;

/** What the signature covers: every fact printed on the certificate. */
export const CertificateContent = Type.Object({
  serial: Type.String(),
  holderName: Type.String(),
  holderIdNumberMasked: Type.String(),
  projectId: Type.String(),
  projectTitle: Type.String(),
  filingNo: Type.String(),
  subjectType: SubjectTypeSchema,
  hours: Type.Number(),
  startDate: DateString,
  endDate: DateString,
  baseName: Type.String(),
  issuedOn: DateString,
  /**
   * How completion was decided: `attendance` (the sessions attended, 第十七条; what the platform decides
   * by) or `assessment` (an exam or assessment). Certificates issued before it carry none: attendance.
   */
  completionBasis: Type.Optional(Type.Union([Type.Literal("attendance"), Type.Literal("assessment")])),
});
export type CertificateContent = Static<typeof CertificateContent>;

export const CertificateView = Type.Object({
  id: Type.String(),
  serial: Type.String(),
  professionalId: Type.String(),
  content: CertificateContent,
  status: Type.Enum(CERTIFICATE_STATUSES),
  issuedAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
  /** the public verification page */
  verifyUrl: Type.String(),
  /** Ed25519 over the canonical JSON of `content` (keys sorted at every depth), base64: verifiable offline with the published key */
  signature: Type.String(),
  keyId: Type.String(),
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type CertificateView = Static<typeof CertificateView>;

export const RevokeBody = Type.Object({ reason: Text(500, 2) }, { additionalProperties: false });

/** `GET /api/v1/public/certificates/:serial`: anyone may check a certificate. */
export const CertificateVerification = Type.Object({
  valid: Type.Boolean({ description: "genuine (signature checks) and not revoked" }),
  serial: Type.String(),
  status: Type.Enum(CERTIFICATE_STATUSES),
  signatureValid: Type.Boolean(),
  holderName: Type.String({ description: "partly masked: 周*东" }),
  projectTitle: Type.String(),
  filingNo: Type.String(),
  subjectType: SubjectTypeSchema,
  hours: Type.Number(),
  baseName: Type.String(),
  startDate: DateString,
  endDate: DateString,
  issuedOn: DateString,
  revokedAt: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
  keyId: Type.String(),
});
export type CertificateVerification = Static<typeof CertificateVerification>;

export const SigningKeyView = Type.Object({ algorithm: Type.Literal("Ed25519"), keyId: Type.String(), publicKeyPem: Type.String() });
/** Issue 10 item 12: every signing key, retired ones included, with the time it signed in. */
export const SigningKeyList = Type.Object({
  items: Type.Array(
    Type.Object({
      algorithm: Type.Literal("Ed25519"),
      keyId: Type.String(),
      version: Type.Integer(),
      publicKeyPem: Type.String(),
      validFrom: Type.String(),
      retiredAt: Type.Union([Type.String(), Type.Null()]),
      active: Type.Boolean(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Evaluation survey (培训效果评估)

export const SurveyQuestion = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-zA-Z0-9]{0,31}$" }),
    label: Text(100, 2),
    /** "scale": 1 (poor) to 5 (excellent); "text": free comment */
    kind: Type.Enum(["scale", "text"] as const),
    required: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SurveyQuestion = Static<typeof SurveyQuestion>;

export const SurveyFormInput = Type.Object(
  {
    effectiveFrom: DateString,
    questions: Type.Array(SurveyQuestion, { minItems: 1, maxItems: 30 }),
    note: Opt(Text(500)),
  },
  { additionalProperties: false },
);
export type SurveyFormInput = Static<typeof SurveyFormInput>;

export const SurveyFormView = Type.Object({
  id: Type.String(),
  effectiveFrom: DateString,
  questions: Type.Array(SurveyQuestion),
  note: Type.String(),
  createdAt: Type.String(),
});
export type SurveyFormView = Static<typeof SurveyFormView>;

export const SurveyResponseBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 32 }), Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Text(1000)])),
  },
  { additionalProperties: false },
);
export type SurveyResponseBody = Static<typeof SurveyResponseBody>;

/** The project's survey for the caller: the form in force at class start and the caller's answer. */
export const ProjectSurveyView = Type.Object({
  projectId: Type.String(),
  form: SurveyFormView,
  myAnswers: Nullable(Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String()]))),
  canAnswer: Type.Boolean(),
});
export type ProjectSurveyView = Static<typeof ProjectSurveyView>;

/**
 * issue 11 (survey privacy): the fewest answers whose comments, score distributions and averages are shown. One or
 * two answers would show what a person who can be told apart in a small class wrote and scored.
 */
export const SURVEY_MIN_RESPONSES = 3;

export const SurveyResultsView = Type.Object({
  projectId: Type.String(),
  form: SurveyFormView,
  responses: Type.Integer(),
  attendees: Type.Integer(),
  questions: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      kind: Type.Enum(["scale", "text"] as const),
      /** scale questions: mean of the answers (null without answers) and the count of each score 1..5 */
      average: Nullable(Type.Number()),
      distribution: Type.Array(Type.Integer()),
      /** text questions: the comments, newest first */
      comments: Type.Array(Type.String()),
    }),
  ),
  /** mean of every scale answer */
  overall: Nullable(Type.Number()),
  /**
   * issue 11: fewer than `minResponses` people answered, so no comments and no distributions are given
   * (with so few answers they point at the people who gave them); the counts and averages remain.
   */
  sampleTooSmall: Type.Boolean(),
  minResponses: Type.Integer(),
});
export type SurveyResultsView = Static<typeof SurveyResultsView>;

// ---------------------------------------------------------------------------------------------
// Archive (第十七条: 培训通知、课程设置、参训人员签到、结业证书发放、培训效果评估)

export const ARCHIVE_ITEMS = ["notice", "curriculum", "signIn", "certificates", "evaluation"] as const;
export const ArchiveView = Type.Object({
  projectId: Type.String(),
  complete: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      key: Type.Enum(ARCHIVE_ITEMS),
      complete: Type.Boolean(),
      /** what is there, or what is missing, in the request's language */
      detail: Type.String(),
      /** the files this item contributes to the ZIP */
      files: Type.Array(Type.String()),
    }),
  ),
});
export type ArchiveView = Static<typeof ArchiveView>;

// ---------------------------------------------------------------------------------------------
// Learning record (学习档案, 第二十四条; 人社部令第25号 第八条)

export const LEARNING_SOURCES = ["project", "degree", "conference", "research", "publication", "online"] as const;
export type LearningSource = (typeof LEARNING_SOURCES)[number];
/** Forms other than a base's course that 人社部令第25号 第十条 recognises; they count once the bureau accepts them. */
export const DECLARATION_FORMS = ["degree", "conference", "research", "publication", "online"] as const;
export type DeclarationForm = (typeof DECLARATION_FORMS)[number];

export const LearningEntryView = Type.Object({
  id: Type.String(),
  source: Type.Enum(LEARNING_SOURCES),
  subjectType: SubjectTypeSchema,
  title: Type.String(),
  hours: Type.Number(),
  earnedOn: DateString,
  status: Type.Enum(["counted", "revoked"] as const),
  revokedReason: Nullable(Type.String()),
  projectId: Nullable(Type.String()),
  baseName: Nullable(Type.String()),
  certificateId: Nullable(Type.String()),
  certificateSerial: Nullable(Type.String()),
  declarationId: Nullable(Type.String()),
});
export type LearningEntryView = Static<typeof LearningEntryView>;

export const LearningRecordView = Type.Object({
  professionalId: Type.String(),
  name: Type.String(),
  year: Type.Integer(),
  generalHours: Type.Number(),
  professionalHours: Type.Number(),
  totalHours: Type.Number(),
  /** policy yearlyHours */
  requiredHours: Type.Number(),
  /** policy professionalShare × requiredHours */
  requiredProfessionalHours: Type.Number(),
  /** policy generalMinHours */
  requiredGeneralHours: Type.Number(),
  compliant: Type.Boolean(),
  /** what is missing, e.g. [{kind: "professional", hours: 12}] */
  shortfalls: Type.Array(Type.Object({ kind: Type.Enum(["total", "general", "professional"] as const), hours: Type.Number() })),
  /** counted entries first, then revoked ones (kept for the history) */
  entries: Type.Array(LearningEntryView),
  /** declarations waiting for the bureau this year */
  pendingDeclarations: Type.Integer(),
});
export type LearningRecordView = Static<typeof LearningRecordView>;

/** One bar of the chart: hours per year against the requirement. */
export const LearningYearSummary = Type.Object({
  year: Type.Integer(),
  generalHours: Type.Number(),
  professionalHours: Type.Number(),
  totalHours: Type.Number(),
  requiredHours: Type.Number(),
  compliant: Type.Boolean(),
});
export type LearningYearSummary = Static<typeof LearningYearSummary>;

export const DeclarationInput = Type.Object(
  {
    form: Type.Enum(DECLARATION_FORMS),
    subjectType: SubjectTypeSchema,
    title: Text(200, 2),
    hours: Type.Number({ minimum: 0.5, maximum: 200, multipleOf: 0.5 }),
    earnedOn: DateString,
    evidenceFileId: Type.String({ minLength: 1, maxLength: 64, description: "an uploaded file (POST /api/v1/files)" }),
  },
  { additionalProperties: false },
);
export type DeclarationInput = Static<typeof DeclarationInput>;

export const DECLARATION_STATUSES = ["pending", "accepted", "rejected"] as const;
export const DeclarationView = Type.Object({
  id: Type.String(),
  professionalId: Type.String(),
  name: Type.String(),
  idNumber: Type.String({ description: "masked" }),
  year: Type.Integer(),
  form: Type.Enum(DECLARATION_FORMS),
  subjectType: SubjectTypeSchema,
  title: Type.String(),
  hours: Type.Number(),
  earnedOn: DateString,
  evidenceFileId: Nullable(Type.String()),
  evidenceFileName: Nullable(Type.String()),
  status: Type.Enum(DECLARATION_STATUSES),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
  createdAt: Type.String(),
  availableActions: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type DeclarationView = Static<typeof DeclarationView>;

export const HoursStatementView = Type.Object({
  id: Type.String(),
  code: Type.String({ description: "verification code printed on the statement" }),
  professionalId: Type.String(),
  year: Type.Integer(),
  issuedAt: Type.String(),
  pdfUrl: Type.String(),
  verifyUrl: Type.String(),
});
export type HoursStatementView = Static<typeof HoursStatementView>;

/** `GET /api/v1/public/hours-statements/:code` */
export const HoursStatementVerification = Type.Object({
  valid: Type.Boolean(),
  code: Type.String(),
  holderName: Type.String({ description: "partly masked" }),
  year: Type.Integer(),
  generalHours: Type.Number(),
  professionalHours: Type.Number(),
  totalHours: Type.Number(),
  requiredHours: Type.Number(),
  compliant: Type.Boolean(),
  issuedAt: Type.String(),
  /** the record of that year has changed since (e.g. a certificate was revoked): the statement is genuine but out of date */
  revisedSince: Type.Boolean(),
  /** the hours the record counts for that year now */
  currentTotalHours: Type.Number(),
});
export type HoursStatementVerification = Static<typeof HoursStatementVerification>;

/** 周晓东 → 周*东, 吴婷 → 吴*, 欧阳明华 → 欧**华 (the public sees a name, not a person). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join("");
  if (chars.length === 2) return chars[0] + "*";
  return chars[0] + "*".repeat(chars.length - 2) + chars[chars.length - 1];
}
