// Tags of the accreditation workflow: application status (Chinese labels from i18n), base status in the
// registry (active / rectifying / revoked, clearly coloured), objection status.
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus, BaseView, ObjectionView } from "../api/types";
import { ToneTag, type Tone } from "./ToneTag";

const APPLICATION_COLORS: Record<ApplicationStatus, Tone> = {
  draft: "default",
  submitted: "blue",
  returned: "orange",
  recommended: "cyan",
  accepted: "geekblue",
  under_review: "purple",
  in_notice: "gold",
  objection_pending: "volcano",
  published: "green",
  rejected: "red",
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={APPLICATION_COLORS[status] ?? "default"}>{t(`appStatus.${status}`, { defaultValue: status })}</ToneTag>;
}

const BASE_COLORS: Record<BaseView["status"], Tone> = { active: "green", rectifying: "orange", revoked: "red" };

export function BaseStatusTag({ status, large }: { status: BaseView["status"]; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={BASE_COLORS[status] ?? "default"} style={large ? { fontSize: 16, padding: "4px 12px" } : undefined}>
      {t(`baseStatus.${status}`, { defaultValue: status })}
    </ToneTag>
  );
}

export function ObjectionStatusTag({ status }: { status: ObjectionView["status"] }) {
  const { t } = useTranslation();
  return <ToneTag tone={status === "open" ? "orange" : "green"}>{t(`objection.status.${status}`)}</ToneTag>;
}

export function UpheldTag({ upheld }: { upheld: boolean | null }) {
  const { t } = useTranslation();
  if (upheld === null) return <>—</>;
  return <ToneTag tone={upheld ? "red" : "default"}>{upheld ? t("objection.upheldYes") : t("objection.upheldNo")}</ToneTag>;
}

/** 专业领域 as small tags. */
export function SpecialtyTags({ fields }: { fields: readonly string[] | undefined }) {
  if (!fields?.length) return <>—</>;
  return (
    <>
      {fields.map((f) => (
        <Tag key={f} style={{ marginBottom: 4 }}>
          {f}
        </Tag>
      ))}
    </>
  );
}

export function NoticeOpenTag({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return <ToneTag tone={open ? "gold" : "default"}>{open ? t("notice.open") : t("notice.closed")}</ToneTag>;
}

export function RecommendationTag({ value }: { value: "approve" | "reject" }) {
  const { t } = useTranslation();
  return <ToneTag tone={value === "approve" ? "green" : "red"}>{t(`application.recommendation.${value}`)}</ToneTag>;
}
