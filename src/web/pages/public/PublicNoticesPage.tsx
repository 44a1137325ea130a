// 公示公告 (第五条（三）): the current notices of bases that passed review; anyone may object while a
// notice is open. Filtered by keyword on the page (the server lists the current ones, a short list).
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { Button, Card, Form, Input, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { useTranslation } from "react-i18next";
import { publicApi } from "../../api/endpoints";
import type { NoticeView } from "../../api/types";
import { NoticeOpenTag, SpecialtyTags } from "../../components/accreditationTags";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatDate } from "../../format";
import { PublicAnnouncementsCard } from "../announcements/PublicAnnouncementsPage";

const matches = (n: NoticeView, q: string) =>
  [n.title, n.baseName, n.applicantOrgName, n.district, ...n.specialtyFields].some((s) => s.toLowerCase().includes(q));

export default function PublicNoticesPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [notices, setNotices] = useState<NoticeView[] | null>(null);
  const [q, setQ] = useState("");
  const [filterForm] = Form.useForm<{ q?: string }>();

  useEffect(() => {
    publicApi
      .notices()
      .then((r) => setNotices(r.items))
      .catch((err: unknown) => {
        setNotices([]);
        showError(err);
      });
  }, [showError]);

  const shown = useMemo(() => (notices ?? []).filter((n) => !q || matches(n, q)), [notices, q]);

  const columns: TableColumnsType<NoticeView> = [
    { title: t("notice.noticeTitle"), dataIndex: "title", render: (v: string, r) => <Link to={`/public/notices/${r.id}`}>{v}</Link> },
    { title: t("base.name"), dataIndex: "baseName" },
    { title: t("base.hostOrg"), dataIndex: "applicantOrgName" },
    { title: t("base.district"), dataIndex: "district" },
    { title: t("base.specialtyFields"), dataIndex: "specialtyFields", render: (v: string[]) => <SpecialtyTags fields={v} /> },
    { title: t("notice.period"), key: "period", render: (_, r) => t("notice.periodValue", { from: formatDate(r.startsOn), to: formatDate(r.endsOn) }) },
    { title: t("common.status"), key: "status", dataIndex: "isOpen", render: (v: boolean) => <NoticeOpenTag open={v} /> },
  ];

  return (
    <>
      <PageTitle>{t("public.nav.notices")}</PageTitle>
      <PublicAnnouncementsCard />
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="noticeFilter" layout="inline" onFinish={(v) => setQ((v.q ?? "").trim().toLowerCase())}>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("public.noticeKeywordHint")} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setQ("");
              }}
            >
              {t("common.reset")}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card>
        <Table<NoticeView>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={shown}
          loading={notices === null}
          pagination={{ pageSize: 20, showTotal: (total) => t("common.total", { total }) }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("public.noNotices") }}
        />
      </Card>
    </>
  );
}
