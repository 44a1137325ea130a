// 变更报告 (第二十七条): the reports in the user's scope, newest first, filtered by status. The base's staff
// report a change from here; the bureau opens each report to acknowledge it or ask for more. Status and
// the link stay visible at 375 px (fixed right columns).
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { App, Button, Card, Form, Select, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { CHANGE_REPORT_STATUSES, changeReportApi, type ChangeReportListItem } from "../../../api/supervision/change-reports";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatDate } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { ChangeReportFormModal } from "./ChangeReportFormModal";
import { ChangeReportStatusTag } from "./changeReportTags";

interface Filter {
  status?: string;
}

export default function ChangeReportListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session } = useSession();
  const canReport = session?.roles.includes("base_staff") ?? false;
  // Work items link here with a status (`?status=submitted`).
  const [params] = useSearchParams();
  const [initial] = useState<Filter>(() => ({ status: params.get("status") ?? undefined }));
  const baseId = params.get("baseId") ?? undefined;
  const list = usePagedList(changeReportApi.list, cleanFilters({ ...initial, baseId }));
  const [filterForm] = Form.useForm<Filter>();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<ChangeReportListItem> = [
    { title: t("supervision.changeReports.base"), dataIndex: "baseName", render: (v: string, r) => <Link to={`/change-reports/${r.id}`}>{v}</Link> },
    {
      title: t("supervision.changeReports.fields"),
      dataIndex: "fields",
      render: (v: ChangeReportListItem["fields"]) => v.map((f) => t(`supervision.changeReports.field.${f}`)).join("、"),
    },
    { title: t("supervision.changeReports.supervisorOrg"), dataIndex: "supervisorOrgName", responsive: ["lg"] },
    { title: t("supervision.changeReports.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDate(v.slice(0, 10)), responsive: ["md"] },
    { title: t("common.status"), dataIndex: "status", render: (v: ChangeReportListItem["status"]) => <ChangeReportStatusTag status={v} /> },
    { title: t("common.actions"), key: "actions", render: (_, r) => <Link to={`/change-reports/${r.id}`}>{t("common.view")}</Link> },
  ];

  return (
    <>
      <PageTitle
        extra={
          canReport && (
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("supervision.changeReports.create")}
              </Button>
            </Space>
          )
        }
      >
        {t("supervision.changeReports.listTitle")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter> form={filterForm} name="changeReportFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(cleanFilters({ ...v, baseId }))}>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 170 }} options={CHANGE_REPORT_STATUSES.map((s) => ({ value: s, label: t(`supervision.changeReports.status.${s}`) }))} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.setFieldsValue({ status: undefined });
              list.setFilters(cleanFilters({ baseId }));
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<ChangeReportListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {canReport && (
        <ChangeReportFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onDone={(report) => {
            setCreating(false);
            void message.success(t("supervision.changeReports.created"));
            navigate(`/change-reports/${report.id}`);
          }}
        />
      )}
    </>
  );
}
