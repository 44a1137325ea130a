// One public announcement (no sign-in), with its attachments to download.
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Card, Descriptions, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import type { PublicAnnouncementView } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { AnnouncementBody, AttachmentList } from "./AnnouncementDetailPage";

export default function PublicAnnouncementDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const showError = useShowError();
  const [view, setView] = useState<PublicAnnouncementView | null>(null);
  useEffect(() => {
    announcementApi.publicGet(id).then(setView).catch(showError);
  }, [id, showError]);
  if (!view) return <Skeleton active />;
  return (
    <>
      <PageTitle extra={<Link to="/public/announcements">{t("announcements.back")}</Link>}>{view.title}</PageTitle>
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: "sender", label: t("announcements.field.sender"), children: view.senderOrgName },
            { key: "at", label: t("announcements.field.publishedAt"), children: formatInstant(view.publishedAt) },
          ]}
        />
        <AnnouncementBody text={view.body} />
        <AttachmentList files={view.attachments} urlOf={(fileId) => announcementApi.publicFileUrl(view.id, fileId)} />
      </Card>
    </>
  );
}
