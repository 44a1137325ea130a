// 一公开: the results of a concluded review, base by base, with the good practice of those commended.
import { Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { PublicResult } from "../../../api/supervision/spot-checks";
import { OutcomeTag } from "./spotCheckTags";

export function PublicResults({ results }: { results: PublicResult[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<PublicResult> = [
    {
      title: t("supervision.spotChecks.drawnBases"),
      dataIndex: "baseName",
      render: (v: string, r) => (
        <>
          {v}
          {r.goodPractice && (
            <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}>
              {t("supervision.spotChecks.goodPractice")}：{r.goodPractice}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    {
      title: t("supervision.spotChecks.inspection"),
      key: "inspection",
      responsive: ["md"],
      render: (_: unknown, r) => (r.inspectionScore === null ? "—" : t("supervision.spotChecks.inspectionScore", { score: r.inspectionScore, grade: r.inspectionGrade ? t(`supervision.inspections.gradeName.${r.inspectionGrade}`) : "—" })),
    },
    { title: t("supervision.spotChecks.bureauScore"), dataIndex: "bureauScore", responsive: ["md"], render: (v: number | null) => v ?? "—" },
    { title: t("supervision.spotChecks.outcome"), dataIndex: "outcome", width: 110, render: (v: PublicResult["outcome"]) => <OutcomeTag outcome={v} /> },
  ];
  return <Table<PublicResult> rowKey="baseId" size="small" columns={columns} dataSource={results} pagination={false} />;
}
