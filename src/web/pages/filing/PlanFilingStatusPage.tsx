// 未报计划 (第十六条): for a supervising unit and the bureau, every active base in scope with its plan for
// the year — none started, draft, submitted, approved, filed — overdue ones marked; by default only the
// bases whose plan is not filed yet. Exported to Excel with the same filters.
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Card, Checkbox, Form, Select, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import type { PlanFilingStateView } from "../../api/types";
import { ExportButton } from "../../components/ExportButton";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { ToneTag } from "../../components/ToneTag";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatDate } from "../../format";
import { EmptyRows, PlanStatusTag } from "./filingTags";
import { useBusinessToday } from "./useFilingData";

interface StatusFilter {
  year: number;
  pending?: boolean;
}

const toQuery = (v: StatusFilter) => cleanFilters({ year: v.year, pending: v.pending ? true : undefined });

export default function PlanFilingStatusPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const thisYear = Number(useBusinessToday().slice(0, 4));
  const asked = Number(params.get("year"));
  // The plan being collected: next year's (due 31 December of this one), unless a link names the year.
  const defaultYear = Number.isInteger(asked) && asked > 2000 ? asked : thisYear + 1;
  const [initial] = useState<StatusFilter>({ year: defaultYear, pending: params.get("pending") !== "false" });
  const list = usePagedList(annualPlanApi.filingStatus, toQuery(initial));
  const [filterForm] = Form.useForm<StatusFilter>();

  // The business clock answers after the first render: follow its year until the user picks one.
  useEffect(() => {
    if (Number.isInteger(asked) && asked > 2000) return;
    if (filterForm.isFieldsTouched()) return;
    filterForm.setFieldsValue({ year: thisYear + 1 });
    list.setFilters(toQuery({ year: thisYear + 1, pending: filterForm.getFieldValue("pending") as boolean }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thisYear]);

  const columns: TableColumnsType<PlanFilingStateView> = [
    { title: t("filing.base"), dataIndex: "baseName" },
    { title: t("filing.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("filing.district"), dataIndex: "district", render: (v: string) => v || "—" },
    { title: t("plan.year"), dataIndex: "year" },
    { title: t("plan.dueDate"), dataIndex: "dueDate", render: (v: string) => formatDate(v) },
    {
      title: t("plan.planStatus"),
      key: "status",
      render: (_, r) => (r.planStatus ? <PlanStatusTag status={r.planStatus} /> : <ToneTag tone="default">{t("plan.notStarted")}</ToneTag>),
    },
    { title: t("plan.overdue"), dataIndex: "overdue", render: (v: boolean) => (v ? <ToneTag tone="red">{t("plan.overdueYes")}</ToneTag> : "—") },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r) =>
        r.planId ? (
          <Link to={`/annual-plans/${r.planId}`} aria-label={t("plan.viewOf", { base: r.baseName, year: r.year })}>
            {t("common.view")}
          </Link>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <>
      <PageTitle extra={<ExportButton href={annualPlanApi.filingStatusExportUrl(list.filters)} />}>{t("menu.planFilingStatus")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<StatusFilter> form={filterForm} name="planFilingStatusFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(toQuery(v))}>
          <Form.Item label={t("plan.year")} name="year">
            <Select style={{ width: 120 }} options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t("plan.yearOption", { year: y }) }))} />
          </Form.Item>
          <Form.Item name="pending" valuePropName="checked">
            <Checkbox>{t("plan.pendingOnly")}</Checkbox>
          </Form.Item>
          <FilterButtons
            onReset={() => {
              const reset = { year: thisYear + 1, pending: true };
              filterForm.setFieldsValue(reset);
              list.setFilters(toQuery(reset));
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<PlanFilingStateView>
          rowKey={(r) => `${r.baseId}-${r.year}`}
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <EmptyRows>{t("plan.allFiled")}</EmptyRows> }}
        />
      </Card>
    </>
  );
}
