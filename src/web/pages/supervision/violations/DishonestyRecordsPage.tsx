// 失信信息 (/dishonesty-records, 第二十条 纳入社会信用体系): the records the bureau's confirmations created,
// in the double-publicity sanction standard's columns, searchable by organization name or credit code,
// optionally only those still published; exported with the same filters as Excel, CSV (UTF-8 with BOM)
// or JSON (docs/dishonesty-export.md). A row opens to every column of the standard.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Checkbox, Form, Input, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DishonestyRecordView } from "../../../../shared/supervision/violations.js";
import { dishonestyApi } from "../../../api/supervision/violations";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatDate } from "../../../format";
import { RecordDescriptions } from "./RecordDescriptions";
import { LiveTag } from "./violationTags";

export default function DishonestyRecordsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ q: params.get("q") ?? undefined, live: params.get("live") === "true" ? true : undefined }));
  const list = usePagedList(dishonestyApi.list, initial);
  const [filterForm] = Form.useForm();
  const exportQuery = { q: list.filters.q, live: list.filters.live };

  const columns: TableColumnsType<DishonestyRecordView> = [
    { title: t("supervision.violations.column.orgName"), dataIndex: "orgName" },
    { title: t("supervision.violations.column.creditCode"), dataIndex: "creditCode", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("supervision.violations.column.decisionNo"), dataIndex: "decisionNo" },
    { title: t("supervision.violations.column.violationType"), dataIndex: "violationType" },
    { title: t("supervision.violations.records.base"), dataIndex: "baseName" },
    { title: t("supervision.violations.column.decisionDate"), dataIndex: "decisionDate", render: (v: string) => formatDate(v) },
    { title: t("supervision.violations.column.publicityUntil"), dataIndex: "publicityUntil", render: (v: string) => formatDate(v) },
    { title: t("common.status"), key: "status", dataIndex: "live", render: (v: boolean) => <LiveTag live={v} /> },
    {
      title: t("supervision.violations.records.violation"),
      key: "actions",
      render: (_, r) => (
        <Link to={`/violations/${r.violationId}`} aria-label={`${t("common.view")}：${r.decisionNo}`}>
          {t("common.view")}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={dishonestyApi.exportUrl("xlsx", exportQuery)} download>
              {t("supervision.violations.records.exportXlsx")}
            </Button>
            <Button icon={<DownloadOutlined />} href={dishonestyApi.exportUrl("csv", exportQuery)} download>
              {t("supervision.violations.records.exportCsv")}
            </Button>
            <Button icon={<DownloadOutlined />} href={dishonestyApi.exportUrl("json", exportQuery)} download>
              {t("supervision.violations.records.exportJson")}
            </Button>
          </Space>
        }
      >
        {t("supervision.violations.records.title")}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t("supervision.violations.records.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="dishonestyFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters({ ...v, live: v.live ? true : undefined }))}>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear placeholder={t("supervision.violations.records.search")} style={{ width: 260 }} maxLength={50} />
          </Form.Item>
          <Form.Item name="live" valuePropName="checked">
            <Checkbox>{t("supervision.violations.records.live")}</Checkbox>
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ q: undefined, live: false });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<DishonestyRecordView>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          expandable={{ expandedRowRender: (r) => <RecordDescriptions record={r} size="small" /> }}
          locale={{ emptyText: t("supervision.violations.records.empty") }}
        />
      </Card>
    </>
  );
}
