// 通知公告 on the public site (no sign-in): what the bureau and the supervising units published to the
// public, newest first, searched by title. Also shown as a short list above the 公示公告.
import { Link } from "react-router-dom";
import { Card, Form, Input, List, Space, Typography } from "antd";
import { PaperClipOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PublicAnnouncementView } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";

function AnnouncementItem({ a }: { a: PublicAnnouncementView }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <Link to={`/public/announcements/${a.id}`}>{a.title}</Link>
            {a.attachments.length > 0 && <PaperClipOutlined aria-label={t("announcements.attachmentCount", { count: a.attachments.length })} />}
          </Space>
        }
        description={`${a.senderOrgName} · ${formatInstant(a.publishedAt)}`}
      />
    </List.Item>
  );
}

/** The latest public announcements, for the 公示公告 page. */
export function PublicAnnouncementsCard() {
  const { t } = useTranslation();
  const list = usePagedList(announcementApi.publicList, { pageSize: 5 });
  if (!list.loading && list.items.length === 0) return null;
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("announcements.publicTitle")}</Typography.Title>}
      extra={<Link to="/public/announcements">{t("announcements.homeMore")}</Link>}
    >
      <List loading={list.loading} dataSource={list.items.slice(0, 5)} renderItem={(a) => <AnnouncementItem a={a} />} />
    </Card>
  );
}

export default function PublicAnnouncementsPage() {
  const { t } = useTranslation();
  const list = usePagedList(announcementApi.publicList);
  const [form] = Form.useForm<{ q?: string }>();
  return (
    <>
      <PageTitle>{t("announcements.publicTitle")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} name="publicAnnouncementFilter" layout="inline" onFinish={(v) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("announcements.filter.search")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <List
          loading={list.loading}
          dataSource={list.items}
          locale={{ emptyText: t("announcements.none") }}
          pagination={{ ...list.pagination, align: "center" } as object}
          renderItem={(a) => <AnnouncementItem a={a} />}
        />
      </Card>
    </>
  );
}
