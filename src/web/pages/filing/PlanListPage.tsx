// 年度计划 (第十六条): the plans in the user's scope — a base's own, the supervised bases' for a
// supervising unit, all for the bureau — filtered by year, status and lateness, exported to Excel with
// the same filters. A base's staff start next year's plan here.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { PLAN_STATUSES } from "../../../shared/filing.js";
import { annualPlanApi } from "../../api/endpoints";
import type { AnnualPlanListItem } from "../../api/types";
import { ExportButton } from "../../components/ExportButton";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatDate, formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { LateTag, PlanStatusTag } from "./filingTags";
import { NewPlanModal } from "./NewPlanModal";

export default function PlanListPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  // Work items link here with a status (`?status=approved`): the list starts filtered by it.
  const [params] = useSearchParams();
  const [initial] = useState(() =>
    cleanFilters({ status: params.get("status") ?? undefined, year: params.get("year") ? Number(params.get("year")) : undefined, late: params.get("late") ?? undefined, baseId: params.get("baseId") ?? undefined }),
  );
  const list = usePagedList(annualPlanApi.list, initial);
  const [filterForm] = Form.useForm();
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<AnnualPlanListItem> = [
    {
      title: t("filing.base"),
      dataIndex: "baseName",
      render: (v: string, r) => <Link to={`/annual-plans/${r.id}`}>{t("plan.titleOf", { base: v, year: r.year })}</Link>,
    },
    { title: t("plan.year"), dataIndex: "year" },
    { title: t("filing.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("plan.itemCount"), dataIndex: "itemCount", align: "right" },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (v: AnnualPlanListItem["status"], r) => (
        <Space size={4}>
          <PlanStatusTag status={v} />
          <LateTag late={r.late} />
        </Space>
      ),
    },
    { title: t("plan.dueDate"), dataIndex: "dueDate", render: (v: string) => formatDate(v) },
    { title: t("plan.submittedAt"), dataIndex: "submittedAt", render: (v: string | null) => formatInstant(v) || "—" },
    { title: t("plan.filedAt"), dataIndex: "filedAt", render: (v: string | null) => formatInstant(v) || "—" },
    { title: t("common.updatedAt"), dataIndex: "updatedAt", render: (v: string) => formatInstant(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton href={annualPlanApi.exportUrl(list.filters)} />
            {can("annualPlan.edit") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("plan.create")}
              </Button>
            )}
          </Space>
        }
      >
        {t("menu.annualPlans")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="planFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("plan.year")} name="year">
            <InputNumber min={2019} max={2100} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 140 }} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("plan.lateFilter")} name="late">
            <Select
              allowClear
              style={{ width: 120 }}
              options={[
                { value: "true", label: t("plan.lateYes") },
                { value: "false", label: t("plan.lateNo") },
              ]}
            />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("plan.keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ year: undefined, status: undefined, late: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<AnnualPlanListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {can("annualPlan.edit") && <NewPlanModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
