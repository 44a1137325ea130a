// The status of a change report (第二十七条) as a coloured tag.
import { useTranslation } from "react-i18next";
import { ToneTag, type Tone } from "../../../components/ToneTag";
import type { ChangeReportStatus } from "../../../api/supervision/change-reports";

const TONE: Record<ChangeReportStatus, Tone> = { submitted: "blue", returned: "orange", accepted: "green", withdrawn: "default" };

export function ChangeReportStatusTag({ status }: { status: ChangeReportStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={TONE[status] ?? "default"}>{t(`supervision.changeReports.status.${status}`)}</ToneTag>;
}
