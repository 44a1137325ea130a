// The base's home page: the announcements addressed to it that its staff member has not confirmed yet.
import { Link } from "react-router-dom";
import { Card, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { announcementApi } from "../../api/announcements";
import { usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";
import { AudienceTag } from "./announcementTags";

export function UnreadAnnouncementsCard() {
  const { t } = useTranslation();
  const list = usePagedList(announcementApi.list, { unread: true });
  if (!list.loading && list.items.length === 0) return null;
  return (
    <Card
      data-testid="unread-announcements"
      style={{ marginBottom: 24 }}
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("announcements.homeTitle")}</Typography.Title>}
      extra={<Link to="/announcements?show=unread">{t("announcements.homeMore")}</Link>}
    >
      <List
        loading={list.loading}
        dataSource={list.items.slice(0, 5)}
        renderItem={(a) => (
          <List.Item extra={<AudienceTag audience={a.audience} />}>
            <List.Item.Meta title={<Link to={`/announcements/${a.id}`}>{a.title}</Link>} description={`${a.senderOrgName} · ${formatInstant(a.publishedAt)}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}
