// A plan read-only: its planned projects and the execution summary of the year before.
import { Descriptions, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AnnualPlanView, PlanSummary, SubjectType } from "../../api/types";
import { ScrollRegion } from "../../components/ScrollRegion";
import { formatDate, formatFen } from "../../format";
import { CategoryTag, EmptyRows, useCategoryOptions } from "./filingTags";
import { sumOf } from "./planValues";

type Item = AnnualPlanView["items"][number];
type Entry = PlanSummary["entries"][number];

export function PlanItemsView({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const categoryOptions = useCategoryOptions();
  const col = (k: string) => t(`plan.item.${k}`);
  return (
    <ScrollRegion label={t("plan.itemsRegion")}>
      <Table<Item>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: <EmptyRows>{t("plan.noItems")}</EmptyRows> }}
        columns={[
          { title: "#", key: "n", width: 48, render: (_, __, i) => i + 1 },
          { title: col("title"), dataIndex: "title" },
          { title: col("subjectType"), dataIndex: "subjectType", render: (v: SubjectType) => t(`subjectType.${v}`) },
          {
            // 第十条: filter the plan's items by category
            title: t("filing.category.label"),
            dataIndex: "category",
            filters: categoryOptions.map((o) => ({ value: o.value, text: o.label })),
            onFilter: (value, r) => r.category === value,
            render: (v: Item["category"]) => <CategoryTag category={v} />,
          },
          { title: col("specialty"), dataIndex: "specialty", render: (v: string) => v || "—" },
          { title: col("plannedDates"), key: "dates", render: (_, r) => t("filing.dateRange", { from: formatDate(r.plannedStart), to: formatDate(r.plannedEnd) }) },
          { title: col("hours"), dataIndex: "hours", align: "right" },
          { title: col("places"), dataIndex: "places", align: "right" },
          { title: col("fee"), dataIndex: "feeFen", align: "right", render: (v: number) => formatFen(v) },
        ]}
        summary={() =>
          items.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}>
                <Typography.Text strong>{t("plan.itemsTotal", { count: items.length })}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{sumOf(items, (r) => r.hours)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{sumOf(items, (r) => r.places)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </ScrollRegion>
  );
}

export function PlanSummaryView({ summary }: { summary: PlanSummary }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`plan.entry.${k}`);
  return (
    <>
      <ScrollRegion label={t("plan.summaryRegion", { year: summary.year })}>
        <Table<Entry>
          rowKey={(r, i) => `${r.plannedKey ?? "x"}-${i}`}
          size="small"
          pagination={false}
          dataSource={summary.entries}
          locale={{ emptyText: <EmptyRows>{t("plan.noEntries", { year: summary.year })}</EmptyRows> }}
          columns={[
            { title: "#", key: "n", width: 48, render: (_, __, i) => i + 1 },
            { title: col("title"), dataIndex: "title" },
            { title: col("outcome"), dataIndex: "outcome", render: (v: string) => t(`plan.outcome.${v}`, { defaultValue: v }) },
            { title: col("participants"), dataIndex: "participants", align: "right" },
            { title: col("completed"), dataIndex: "completed", align: "right", render: (v: number | undefined) => v ?? "—" },
            { title: col("hoursDelivered"), dataIndex: "hoursDelivered", align: "right" },
            { title: col("note"), dataIndex: "note", render: (v: string | undefined) => v || "—" },
          ]}
        />
      </ScrollRegion>
      <Descriptions
        style={{ marginTop: 16 }}
        column={1}
        items={[
          { key: "adHoc", label: t("plan.adHocProjects", { year: summary.year }), children: summary.adHocProjects },
          { key: "narrative", label: t("plan.narrative"), children: <span style={{ whiteSpace: "pre-wrap" }}>{summary.narrative || "—"}</span> },
        ]}
      />
    </>
  );
}
