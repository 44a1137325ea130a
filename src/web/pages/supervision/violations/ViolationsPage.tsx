// 违规处理 (/violations, 第二十条): the violations in the user's scope (the bureau: all; a supervising unit:
// its bases'), filtered by status, kind and base, with 登记违规 for both. Status and the link to each
// record stay visible on a phone (fixed right columns).
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, Select, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { VIOLATION_KINDS, VIOLATION_STATUSES, type ViolationListItem } from "../../../../shared/supervision/violations.js";
import { violationApi } from "../../../api/supervision/violations";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatInstant } from "../../../format";
import { useBases } from "../../filing/useFilingData";
import { NewViolationModal } from "./NewViolationModal";
import { ViolationKindTag, ViolationStatusTag } from "./violationTags";

export default function ViolationsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ status: params.get("status") ?? undefined, baseId: params.get("baseId") ?? undefined }));
  const list = usePagedList(violationApi.list, initial);
  const [filterForm] = Form.useForm();
  const bases = useBases();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<ViolationListItem> = [
    { title: t("supervision.violations.field.base"), dataIndex: "baseName", render: (v: string, r) => <Link to={`/violations/${r.id}`}>{v}</Link> },
    { title: t("supervision.violations.field.hostOrg"), dataIndex: "hostOrgName" },
    { title: t("supervision.violations.field.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("supervision.violations.field.kind"), dataIndex: "kind", render: (v: ViolationListItem["kind"]) => <ViolationKindTag kind={v} /> },
    {
      title: t("supervision.violations.field.facts"),
      dataIndex: "facts",
      width: 320,
      render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0, maxWidth: 320 }}>{v}</Typography.Paragraph>,
    },
    { title: t("supervision.violations.field.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    { title: t("supervision.violations.field.decisionNo"), dataIndex: "decisionNo", render: (v: string | null) => v ?? "—" },
    { title: t("common.status"), dataIndex: "status", render: (v: ViolationListItem["status"]) => <ViolationStatusTag status={v} /> },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) => (
        <Link to={`/violations/${r.id}`} aria-label={`${t("common.view")}：${r.baseName}`}>
          {t("common.view")}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} disabled={!bases?.length} onClick={() => setCreating(true)}>
            {t("supervision.violations.create")}
          </Button>
        }
      >
        {t("supervision.violations.title")}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t("supervision.violations.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="violationFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 130 }} options={VIOLATION_STATUSES.map((s) => ({ value: s, label: t(`supervision.violations.status.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("supervision.violations.field.kind")} name="kind">
            <Select allowClear style={{ width: 130 }} options={VIOLATION_KINDS.map((k) => ({ value: k, label: t(`supervision.violations.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t("supervision.violations.field.base")} name="baseId">
            <Select allowClear style={{ width: 240 }} loading={bases === null} showSearch={{ optionFilterProp: "label" }} options={(bases ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear placeholder={t("supervision.violations.field.search")} style={{ width: 200 }} maxLength={50} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ status: undefined, kind: undefined, baseId: undefined, q: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<ViolationListItem>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("supervision.violations.empty") }}
        />
      </Card>
      <NewViolationModal open={creating} bases={bases ?? []} onClose={() => setCreating(false)} />
    </>
  );
}
