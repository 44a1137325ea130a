// 异议处理 (bureau, 第五条（三）): objections filed against notices, open ones first; each answered in
// writing, upheld or not.
import { useState } from "react";
import { Link } from "react-router-dom";
import { Button, Card, Form, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { useTranslation } from "react-i18next";
import { objectionApi } from "../../api/endpoints";
import type { ObjectionView } from "../../api/types";
import { ObjectionStatusTag, UpheldTag } from "../../components/accreditationTags";
import { PageTitle } from "../../components/PageTitle";
import { ResolveObjectionModal } from "../../components/ResolveObjectionModal";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";

const INITIAL = { status: "open" };

export default function ObjectionsPage() {
  const { t } = useTranslation();
  const list = usePagedList(objectionApi.list, INITIAL);
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const [filterForm] = Form.useForm();

  const columns: TableColumnsType<ObjectionView> = [
    { title: t("objection.receiptNo"), dataIndex: "receiptNo" },
    { title: t("objection.application"), dataIndex: "applicationId", render: (v: string) => <Link to={`/applications/${v}`}>{t("objection.viewApplication")}</Link> },
    { title: t("objection.name"), dataIndex: "name" },
    { title: t("objection.contact"), dataIndex: "contact" },
    {
      title: t("objection.content"),
      dataIndex: "content",
      render: (v: string) => (
        <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }} ellipsis={{ rows: 3, expandable: true, symbol: t("common.more") }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: t("objection.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    { title: t("common.status"), dataIndex: "status", render: (v: ObjectionView["status"]) => <ObjectionStatusTag status={v} /> },
    { title: t("objection.upheld"), dataIndex: "upheld", render: (v: boolean | null) => <UpheldTag upheld={v} /> },
    { title: t("objection.resolvedAt"), dataIndex: "resolvedAt", render: (v: string | null) => formatInstant(v) || "—" },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) =>
        r.status === "open" ? (
          <Button type="link" onClick={() => setResolving(r)}>
            {t("objection.resolve")}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ maxWidth: 240, display: "inline-block" }} ellipsis={{ tooltip: r.answer }}>
            {r.answer}
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageTitle>{t("menu.objections")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="objectionFilter" layout="inline" initialValues={INITIAL} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("common.status")} name="status">
            <Select
              allowClear
              style={{ width: 140 }}
              options={(["open", "resolved"] as const).map((s) => ({ value: s, label: t(`objection.status.${s}`) }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                list.setFilters(INITIAL);
              }}
            >
              {t("common.reset")}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card>
        <Table<ObjectionView> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      <ResolveObjectionModal
        objection={resolving}
        onClose={() => setResolving(null)}
        onDone={() => {
          setResolving(null);
          list.reload();
        }}
      />
    </>
  );
}
