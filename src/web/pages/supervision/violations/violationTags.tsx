// Tags of violations (第二十条): the decision's status, the kind in 第二十条's words, and whether a
// dishonesty record is still published.
import { useTranslation } from "react-i18next";
import type { ViolationKind, ViolationStatus } from "../../../../shared/supervision/violations.js";
import { ToneTag, type Tone } from "../../../components/ToneTag";

const STATUS_TONES: Record<ViolationStatus, Tone> = { reported: "gold", confirmed: "red", dismissed: "default" };

export function ViolationStatusTag({ status }: { status: ViolationStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONES[status] ?? "default"}>{t(`supervision.violations.status.${status}`, { defaultValue: status })}</ToneTag>;
}

export function ViolationKindTag({ kind }: { kind: ViolationKind }) {
  const { t } = useTranslation();
  return <ToneTag tone={kind === "other" ? "default" : "volcano"}>{t(`supervision.violations.kind.${kind}`, { defaultValue: kind })}</ToneTag>;
}

export function LiveTag({ live }: { live: boolean }) {
  const { t } = useTranslation();
  return <ToneTag tone={live ? "red" : "default"}>{t(live ? "supervision.violations.records.liveTag" : "supervision.violations.records.expiredTag")}</ToneTag>;
}
