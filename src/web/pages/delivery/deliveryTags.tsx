// Tags of delivery (第十七条, 第二十四条): enrolment, certificate and declaration status, how a person
// checked in, and whether they completed the course.
import { useTranslation } from "react-i18next";
import type { CHECK_IN_METHODS, DECLARATION_STATUSES, ENROLLMENT_STATUSES } from "../../../shared/delivery.js";
import { ToneTag, type Tone } from "../../components/ToneTag";

type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
type CheckInMethod = (typeof CHECK_IN_METHODS)[number];
type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export function EnrollmentStatusTag({ status }: { status: EnrollmentStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={status === "enrolled" ? "green" : "default"}>{t(`delivery.enrollmentStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

export function CertificateStatusTag({ status }: { status: "valid" | "revoked" }) {
  const { t } = useTranslation();
  return <ToneTag tone={status === "valid" ? "green" : "red"}>{t(`delivery.certificateStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

const METHOD_TONES: Record<CheckInMethod, Tone> = { qr: "blue", manual: "orange", import: "purple" };

export function CheckInMethodTag({ method }: { method: CheckInMethod }) {
  const { t } = useTranslation();
  return <ToneTag tone={METHOD_TONES[method] ?? "default"}>{t(`delivery.checkInMethod.${method}`, { defaultValue: method })}</ToneTag>;
}

const DECLARATION_TONES: Record<DeclarationStatus, Tone> = { pending: "gold", accepted: "green", rejected: "red" };

export function DeclarationStatusTag({ status }: { status: DeclarationStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={DECLARATION_TONES[status] ?? "default"}>{t(`delivery.declarationStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

/** 已结业 / 未结业, or nothing while the project has not concluded. */
export function CompletedTag({ completed }: { completed: boolean | null }) {
  const { t } = useTranslation();
  if (completed === null) return <>{t("delivery.completion.pending")}</>;
  return <ToneTag tone={completed ? "green" : "red"}>{t(completed ? "delivery.completion.completed" : "delivery.completion.notCompleted")}</ToneTag>;
}
