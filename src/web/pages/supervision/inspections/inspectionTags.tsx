// Tags of inspections (第十八条): status and grade.
import { useTranslation } from "react-i18next";
import type { Grade, InspectionStatus } from "../../../api/supervision/inspections";
import { ToneTag, type Tone } from "../../../components/ToneTag";

const STATUS_TONES: Record<InspectionStatus, Tone> = { draft: "default", submitted: "blue", answered: "gold", finalized: "green" };
const GRADE_TONES: Record<Grade, Tone> = { excellent: "green", qualified: "blue", basic: "orange", unqualified: "red" };

export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONES[status] ?? "default"}>{t(`supervision.inspections.status.${status}`)}</ToneTag>;
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return <>—</>;
  return <ToneTag tone={GRADE_TONES[grade] ?? "default"}>{t(`supervision.inspections.gradeName.${grade}`)}</ToneTag>;
}
