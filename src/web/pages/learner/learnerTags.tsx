// Tags of the professional's pages: enrolment and completion state, declaration status, compliance.
import { useTranslation } from "react-i18next";
import type { DeclarationView, MyEnrollmentView } from "../../../shared/delivery.js";
import { ToneTag, type Tone } from "../../components/ToneTag";

/** 已报名 / 已取消, then 已结业 / 未结业 once the project concluded. */
export function EnrollmentStateTag({ e }: { e: Pick<MyEnrollmentView, "status" | "completed"> }) {
  const { t } = useTranslation();
  if (e.status === "cancelled") return <ToneTag tone="default">{t("learner.enrollment.cancelled")}</ToneTag>;
  if (e.completed === true) return <ToneTag tone="green">{t("learner.enrollment.completed")}</ToneTag>;
  if (e.completed === false) return <ToneTag tone="red">{t("learner.enrollment.notCompleted")}</ToneTag>;
  return <ToneTag tone="blue">{t("learner.enrollment.enrolled")}</ToneTag>;
}

const DECLARATION_TONES: Record<DeclarationView["status"], Tone> = { pending: "gold", accepted: "green", rejected: "red" };

export function DeclarationStatusTag({ status }: { status: DeclarationView["status"] }) {
  const { t } = useTranslation();
  return <ToneTag tone={DECLARATION_TONES[status] ?? "default"}>{t(`learner.declaration.status.${status}`, { defaultValue: status })}</ToneTag>;
}

export function ComplianceTag({ compliant }: { compliant: boolean }) {
  const { t } = useTranslation();
  return <ToneTag tone={compliant ? "green" : "red"}>{t(compliant ? "learner.record.compliant" : "learner.record.notCompliant")}</ToneTag>;
}
