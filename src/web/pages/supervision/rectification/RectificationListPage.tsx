// 限期整改 (第十九条): the orders in the user's scope with their status, deadline and overdue mark, filtered
// by status and overdue, exported to Excel. The bureau orders a base to rectify from here; a supervising
// unit proposes it. Status and the link stay visible at 375 px (fixed right columns).
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { App, Button, Card, Form, Select, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { RECTIFICATION_STATUSES } from "../../../../shared/supervision/rectification.js";
import { rectificationApi, type RectificationListItem } from "../../../api/supervision/rectification";
import { ExportButton } from "../../../components/ExportButton";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatDate } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { NewOrderModal } from "./NewOrderModal";
import { OverdueTag, RectificationStatusTag } from "./rectificationTags";

interface Filter {
  status?: string;
  overdue?: string;
}

export default function RectificationListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session } = useSession();
  const roles = session?.roles ?? [];
  const mode = roles.includes("bureau") ? "create" : roles.includes("supervisor") ? "propose" : null;
  // Work items link here with a status (`?status=reported`).
  const [params] = useSearchParams();
  const [initial] = useState<Filter>(() => ({ status: params.get("status") ?? undefined, overdue: params.get("overdue") ?? undefined }));
  const baseId = params.get("baseId") ?? undefined;
  const list = usePagedList(rectificationApi.list, cleanFilters({ ...initial, baseId }));
  const [filterForm] = Form.useForm<Filter>();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<RectificationListItem> = [
    { title: t("supervision.rectification.base"), dataIndex: "baseName", render: (v: string, r) => <Link to={`/rectification-orders/${r.id}`}>{v}</Link> },
    { title: t("supervision.rectification.supervisorOrg"), dataIndex: "supervisorOrgName", responsive: ["md"] },
    {
      title: t("supervision.rectification.deadline"),
      dataIndex: "deadline",
      render: (v: string, r) => (
        <Space size={4} wrap>
          {formatDate(v)}
          <OverdueTag overdue={r.overdue} />
        </Space>
      ),
    },
    { title: t("supervision.rectification.itemCount"), dataIndex: "itemCount", align: "right", responsive: ["md"] },
    { title: t("supervision.rectification.createdAt"), dataIndex: "createdAt", render: (v: string) => formatDate(v.slice(0, 10)), responsive: ["lg"] },
    { title: t("common.status"), dataIndex: "status", render: (v: RectificationListItem["status"]) => <RectificationStatusTag status={v} /> },
    { title: t("common.actions"), key: "actions", render: (_, r) => <Link to={`/rectification-orders/${r.id}`}>{t("common.view")}</Link> },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton href={rectificationApi.exportUrl(list.filters)} />
            {mode && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t(mode === "create" ? "supervision.rectification.create" : "supervision.rectification.propose")}
              </Button>
            )}
          </Space>
        }
      >
        {t("supervision.rectification.listTitle")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter> form={filterForm} name="rectificationFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(cleanFilters({ ...v, baseId }))}>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 170 }} options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`supervision.rectification.status.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("supervision.rectification.overdueFilter")} name="overdue">
            <Select
              allowClear
              style={{ width: 120 }}
              options={[
                { value: "true", label: t("supervision.rectification.overdueOnly") },
                { value: "false", label: t("supervision.rectification.notOverdue") },
              ]}
            />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.setFieldsValue({ status: undefined, overdue: undefined });
              list.setFilters(cleanFilters({ baseId }));
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<RectificationListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {mode && (
        <NewOrderModal
          open={creating}
          mode={mode}
          onClose={() => setCreating(false)}
          onDone={(order) => {
            setCreating(false);
            void message.success(t(order.status === "proposed" ? "supervision.rectification.proposed" : "supervision.rectification.created"));
            navigate(`/rectification-orders/${order.id}`);
          }}
        />
      )}
    </>
  );
}
