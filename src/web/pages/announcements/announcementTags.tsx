// Tags of 通知公告: its audience and its status.
import { useTranslation } from "react-i18next";
import type { AnnouncementAudience, AnnouncementStatus } from "../../../shared/announcements.js";
import { ToneTag } from "../../components/ToneTag";

export function AudienceTag({ audience }: { audience: AnnouncementAudience }) {
  const { t } = useTranslation();
  return <ToneTag tone={audience === "public" ? "green" : audience === "all_bases" ? "blue" : "purple"}>{t(`announcements.audience.${audience}`)}</ToneTag>;
}

export function AnnouncementStatusTag({ status }: { status: AnnouncementStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={status === "published" ? "green" : "default"}>{t(`announcements.status.${status}`)}</ToneTag>;
}

export function ReadTag({ readAt }: { readAt: string | null }) {
  const { t } = useTranslation();
  return readAt ? <ToneTag tone="default">{t("announcements.read")}</ToneTag> : <ToneTag tone="red">{t("announcements.unread")}</ToneTag>;
}
