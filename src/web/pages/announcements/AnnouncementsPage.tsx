// 通知公告 (/announcements): what the user's organization sent and what is addressed to it, newest first,
// filtered by unread, own, audience, status and title; 发布通知公告 for the bureau and supervising units.
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, Select, Space, Table, type TableColumnsType } from "antd";
import { PaperClipOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_STATUSES, type AnnouncementListItem } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import { FilterButtons } from "../../components/FilterButtons";
import { listColumns } from "../../components/listColumns";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { AnnouncementStatusTag, AudienceTag, ReadTag } from "./announcementTags";
import { PublishAnnouncementModal } from "./PublishAnnouncementModal";

interface Filter {
  show?: "unread" | "own";
  audience?: string;
  status?: string;
  q?: string;
}

const toQuery = ({ show, ...rest }: Filter) => cleanFilters({ ...rest, unread: show === "unread" ? true : undefined, own: show === "own" ? true : undefined });

export default function AnnouncementsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [initial] = useState<Filter>(() => ({ show: (params.get("show") as Filter["show"]) ?? undefined }));
  const list = usePagedList(announcementApi.list, toQuery(initial));
  const [filterForm] = Form.useForm<Filter>();
  const [publishing, setPublishing] = useState(false);
  const canPublish = can("announcement.publish");

  const columns: TableColumnsType<AnnouncementListItem> = [
    {
      title: t("announcements.field.title"),
      dataIndex: "title",
      render: (v: string, r) => (
        <Space size={4}>
          <Link to={`/announcements/${r.id}`}>{v}</Link>
          {r.attachmentCount > 0 && <PaperClipOutlined aria-label={t("announcements.attachmentCount", { count: r.attachmentCount })} />}
        </Space>
      ),
    },
    { title: t("announcements.field.sender"), dataIndex: "senderOrgName" },
    { title: t("announcements.field.audience"), dataIndex: "audience", render: (v: AnnouncementListItem["audience"]) => <AudienceTag audience={v} /> },
    { title: t("announcements.field.publishedAt"), dataIndex: "publishedAt", render: (v: string) => formatInstant(v) },
    { title: t("announcements.field.readAt"), key: "read", render: (_, r) => (r.isOwn ? "—" : <ReadTag readAt={r.readAt} />) },
    { title: t("common.status"), dataIndex: "status", render: (v: AnnouncementListItem["status"]) => <AnnouncementStatusTag status={v} /> },
  ];

  return (
    <>
      <PageTitle
        extra={
          canPublish && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
              {t("announcements.publish")}
            </Button>
          )
        }
      >
        {t("announcements.title")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter> form={filterForm} name="announcementFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(toQuery(v))}>
          <Form.Item label={t("announcements.filter.show")} name="show">
            <Select
              allowClear
              style={{ width: 140 }}
              options={[
                { value: "unread", label: t("announcements.filter.unread") },
                ...(canPublish ? [{ value: "own", label: t("announcements.filter.own") }] : []),
              ]}
            />
          </Form.Item>
          <Form.Item label={t("announcements.field.audience")} name="audience">
            <Select allowClear style={{ width: 160 }} options={ANNOUNCEMENT_AUDIENCES.map((a) => ({ value: a, label: t(`announcements.audience.${a}`) }))} />
          </Form.Item>
          {canPublish && (
            <Form.Item label={t("common.status")} name="status">
              <Select allowClear style={{ width: 120 }} options={ANNOUNCEMENT_STATUSES.map((s) => ({ value: s, label: t(`announcements.status.${s}`) }))} />
            </Form.Item>
          )}
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("announcements.filter.search")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.setFieldsValue({ show: undefined, audience: undefined, status: undefined, q: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<AnnouncementListItem>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("announcements.none") }}
        />
      </Card>
      {canPublish && <PublishAnnouncementModal open={publishing} onClose={() => setPublishing(false)} onPublished={(a) => navigate(`/announcements/${a.id}`)} />}
    </>
  );
}
