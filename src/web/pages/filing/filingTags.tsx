// Tags of the filing workflows (第十六条, 第十七条, 第二十五条): plan, project and fee-standard status, the
// late mark of a plan submitted after its due date, ad-hoc filings (一事一报) and the subject type.
import type { ReactNode } from "react";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FeeStandardStatus, PlanStatus, ProjectStatus, SubjectType } from "../../api/types";
import { ToneTag, type Tone } from "../../components/ToneTag";
import { PROJECT_CATEGORIES, type ProjectCategory } from "../../../shared/filing.js";

const PLAN_TONES: Record<PlanStatus, Tone> = { draft: "default", submitted: "blue", returned: "orange", approved: "cyan", filed: "green" };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={PLAN_TONES[status] ?? "default"}>{t(`planStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

const PROJECT_TONES: Record<ProjectStatus, Tone> = {
  draft: "default",
  filed: "green",
  returned: "orange",
  cancelled: "red",
  running: "blue",
  completed: "geekblue",
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={PROJECT_TONES[status] ?? "default"}>{t(`projectStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

const FEE_TONES: Record<FeeStandardStatus, Tone> = { pending: "gold", approved: "green", rejected: "red", superseded: "default" };

export function FeeStandardStatusTag({ status }: { status: FeeStandardStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={FEE_TONES[status] ?? "default"}>{t(`feeStandard.status.${status}`, { defaultValue: status })}</ToneTag>;
}

/** 逾期: a plan submitted after 31 December of the year before (still accepted, marked). */
export function LateTag({ late }: { late: boolean }) {
  const { t } = useTranslation();
  return late ? <ToneTag tone="red">{t("plan.late")}</ToneTag> : null;
}

export function AdHocTag({ adHoc }: { adHoc: boolean }) {
  const { t } = useTranslation();
  return adHoc ? <ToneTag tone="purple">{t("project.adHocTag")}</ToneTag> : <ToneTag tone="default">{t("project.plannedTag")}</ToneTag>;
}

/** 第十条: the project's category (国家/省/市级继续教育工程项目, 高级研修, …). */
export function CategoryTag({ category }: { category: ProjectCategory }) {
  const { t } = useTranslation();
  return <ToneTag tone={category === "other" ? "default" : "geekblue"}>{t(`filing.category.${category}`, { defaultValue: category })}</ToneTag>;
}

/** The nine categories as Select options, in the order of 第十条. */
export function useCategoryOptions() {
  const { t } = useTranslation();
  return PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`filing.category.${c}`) }));
}

export function SubjectTypeTag({ type }: { type: SubjectType }) {
  const { t } = useTranslation();
  return <ToneTag tone={type === "general" ? "cyan" : "blue"}>{t(`subjectType.${type}`, { defaultValue: type })}</ToneTag>;
}

/** A table's "nothing here" text, dark enough to read (antd's placeholder grey falls short of WCAG AA). */
export function EmptyRows({ children }: { children: ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
