// The bureau's view of the review (第五条（三）): the panel (declared? reviewed?), each expert's scores
// with the weighted total, recommendation and comment, outliers flagged, and the summary.
import { useEffect, useState } from "react";
import { Card, Descriptions, Space, Table, Typography, type TableColumnsType } from "antd";
import { CheckOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { policyApi } from "../../api/endpoints";
import type { ApplicationView, PanelMemberView, ReviewCriterion, ReviewView } from "../../api/types";
import { formatInstant, formatScore } from "../../format";
import { RecommendationTag } from "../../components/accreditationTags";
import { ToneTag } from "../../components/ToneTag";
import { ScrollRegion } from "../../components/ScrollRegion";

function Done({ at }: { at: string | null }) {
  const { t } = useTranslation();
  return at ? (
    <span>
      <CheckOutlined aria-hidden style={{ color: "#389e0d" }} /> {formatInstant(at)}
    </span>
  ) : (
    <Typography.Text type="secondary">{t("application.panel.pending")}</Typography.Text>
  );
}

export function PanelScoresCard({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const panel = view.panel ?? [];
  const reviews = view.reviews ?? [];
  const s = view.scoreSummary;
  // The criteria: the sheet when the server sends it, else the keys the experts scored, named from the
  // policy in force (the labels only; the scores are the server's).
  const [policyCriteria, setPolicyCriteria] = useState<ReviewCriterion[]>([]);
  const needLabels = !view.reviewSheet && reviews.length > 0;
  useEffect(() => {
    if (!needLabels) return;
    policyApi
      .current()
      .then((p) => setPolicyCriteria(p.params.reviewCriteria))
      .catch(() => undefined); // keys stay as column titles
  }, [needLabels]);
  const sheet = view.reviewSheet ?? policyCriteria;
  const labelOf = (key: string) => {
    const c = sheet.find((x) => x.key === key);
    return c ? `${c.label}（${c.max}）` : key;
  };
  const criteria = [...new Set([...(view.reviewSheet ?? []).map((c) => c.key), ...reviews.flatMap((r) => Object.keys(r.scores))])].map((k) => ({
    key: k,
    label: labelOf(k),
  }));

  const panelColumns: TableColumnsType<PanelMemberView> = [
    { title: t("application.panel.expert"), dataIndex: "displayName" },
    { title: t("application.panel.org"), dataIndex: "orgName" },
    { title: t("application.panel.declared"), dataIndex: "declaredAt", render: (v: string | null) => <Done at={v} /> },
    { title: t("application.panel.reviewed"), dataIndex: "reviewedAt", render: (v: string | null) => <Done at={v} /> },
  ];

  const reviewColumns: TableColumnsType<ReviewView> = [
    {
      title: t("application.panel.expert"),
      dataIndex: "expertName",
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.isOutlier && (
            <ToneTag tone="red" icon={<WarningOutlined aria-hidden />}>
              {t("application.panel.outlier")}
            </ToneTag>
          )}
        </Space>
      ),
    },
    ...criteria.map((c) => ({ title: c.label, key: c.key, render: (_: unknown, r: ReviewView) => formatScore(r.scores[c.key]) })),
    { title: t("application.scoring.total"), dataIndex: "weightedScore", render: (v: number) => <strong>{formatScore(v)}</strong> },
    {
      title: t("application.scoring.recommendation"),
      dataIndex: "recommendation",
      render: (v: ReviewView["recommendation"]) => <RecommendationTag value={v} />,
    },
    { title: t("application.scoring.comment"), dataIndex: "comment", render: (v: string) => <span style={{ whiteSpace: "pre-wrap" }}>{v}</span> },
    { title: t("application.panel.reviewedAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
  ];

  return (
    <Card title={t("application.panel.title")} style={{ marginBottom: 16 }}>
      <ScrollRegion label={t("application.panel.title")}>
        <Table<PanelMemberView> size="small" rowKey="userId" columns={panelColumns} dataSource={panel} pagination={false} />
      </ScrollRegion>
      {s && (
        <Descriptions
          style={{ marginTop: 16 }}
          column={{ xs: 1, md: 3 }}
          items={[
            { key: "reviewed", label: t("application.panel.progress"), children: t("application.panel.progressValue", { reviewed: s.reviewed, size: s.panelSize }) },
            { key: "mean", label: t("application.panel.mean"), children: formatScore(s.mean) },
            { key: "spread", label: t("application.panel.spread"), children: formatScore(s.spread) },
            { key: "stdDev", label: t("application.panel.stdDev"), children: formatScore(s.stdDev) },
            { key: "approve", label: t("application.panel.approveCount"), children: s.approveCount },
            { key: "reject", label: t("application.panel.rejectCount"), children: s.rejectCount },
          ]}
        />
      )}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t("application.panel.scores")}
      </Typography.Title>
      {reviews.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("application.panel.noReviews")}</Typography.Paragraph>
      ) : (
        <ScrollRegion label={t("application.panel.scores")}>
          <Table<ReviewView>
            size="small"
            rowKey="expertId"
            columns={reviewColumns}
            dataSource={reviews}
            pagination={false}
            onRow={(r) => (r.isOutlier ? { style: { background: "#fff1f0" } } : {})}
          />
        </ScrollRegion>
      )}
      {reviews.some((r) => r.isOutlier) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t("application.panel.outlierHint")}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
