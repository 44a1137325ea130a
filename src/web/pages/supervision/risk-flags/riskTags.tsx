// Tags and links of risk flags: the kind in the measures' words, the review status, and where each
// record of the evidence is shown.
import { useTranslation } from "react-i18next";
import type { EvidenceRecord, RiskFlagKind, RiskFlagStatus } from "../../../../shared/supervision/risk-flags.js";
import { ToneTag, type Tone } from "../../../components/ToneTag";

const STATUS_TONES: Record<RiskFlagStatus, Tone> = { open: "gold", dismissed: "default", converted: "red" };
const STRONG: readonly RiskFlagKind[] = ["unfiled_checkin", "certificate_below_attendance", "fee_above_standard", "proxy_checkin"];

export function RiskStatusTag({ status }: { status: RiskFlagStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONES[status] ?? "default"}>{t(`supervision.riskFlags.status.${status}`, { defaultValue: status })}</ToneTag>;
}

export function RiskKindTag({ kind }: { kind: RiskFlagKind }) {
  const { t } = useTranslation();
  return <ToneTag tone={STRONG.includes(kind) ? "volcano" : "blue"}>{t(`supervision.riskFlags.kind.${kind}`, { defaultValue: kind })}</ToneTag>;
}

/** The page that shows an evidence record (a project's own pages hold its enrolments, sign-ins, certificates, answers). */
export function evidenceLink(r: EvidenceRecord, baseId: string): string {
  const project = r.projectId ? `/training-projects/${encodeURIComponent(r.projectId)}` : null;
  switch (r.type) {
    case "project":
      return project ?? `/bases/${baseId}`;
    case "checkIn":
    case "session":
      return project ? `${project}/archive` : `/bases/${baseId}`;
    case "enrollment":
      return project ? `${project}/enrollments` : `/bases/${baseId}`;
    case "certificate":
      return project ? `${project}/completion` : `/bases/${baseId}`;
    case "surveyResponse":
      return project ? `${project}/survey-results` : `/bases/${baseId}`;
    case "annualPlan":
      return `/annual-plans/${encodeURIComponent(r.id)}`;
    case "feeStandard":
      return `/bases/${baseId}`;
  }
}
