// The status of a rectification order and its overdue mark, as coloured tags.
import { useTranslation } from "react-i18next";
import { ToneTag, type Tone } from "../../../components/ToneTag";
import type { RectificationStatus } from "../../../api/supervision/rectification";

const TONE: Record<RectificationStatus, Tone> = {
  proposed: "gold",
  open: "orange",
  reported: "blue",
  opined: "geekblue",
  accepted: "green",
  withdrawn: "default",
};

export function RectificationStatusTag({ status }: { status: RectificationStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={TONE[status] ?? "default"}>{t(`supervision.rectification.status.${status}`)}</ToneTag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? <ToneTag tone="red">{t("supervision.rectification.overdueTag")}</ToneTag> : null;
}
