// 工作台「本年度概况」(issue 12 item 2): the year in a few figures on the home page of the bureau, a
// supervising unit and base staff — the same overview the 统计分析 page draws, for the business year the
// server keeps — each figure opening the list behind it.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Card, Col, Row, Skeleton, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { StatisticsOverview } from "../../../shared/statistics.js";
import { api } from "../../api/client";
import { useShowError } from "../../components/useShowError";

const yearRange = (year: number) => `from=${year}-01-01&to=${year}-12-31`;

export function YearAtGlanceCard() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [data, setData] = useState<StatisticsOverview | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<StatisticsOverview>("/api/v1/statistics/overview")
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [showError]);

  const title = (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {data ? t("statistics.glance.title", { year: data.year }) : t("statistics.menu")}
    </Typography.Title>
  );
  if (!data) return <Card title={title} style={{ marginBottom: 24 }}>{<Skeleton active paragraph={{ rows: 1 }} />}</Card>;
  const tt = data.totals;
  const y = data.year;
  const figures: Array<{ key: string; value: number | string; to: string }> = [
    { key: "projects", value: tt.projects, to: `/training-projects?${yearRange(y)}` },
    { key: "participants", value: tt.participants, to: `/training-projects?${yearRange(y)}` },
    { key: "completions", value: tt.completions, to: `/training-projects?status=completed&${yearRange(y)}` },
    { key: "creditHours", value: tt.creditHours, to: `/training-projects?${yearRange(y)}` },
    ...(data.compliance?.total.rate != null ? [{ key: "complianceRate", value: `${Math.round(data.compliance.total.rate * 1000) / 10}%`, to: "/statistics" }] : []),
    ...(tt.openRiskFlags !== null ? [{ key: "openRiskFlags", value: tt.openRiskFlags, to: "/risk-flags?status=open" }] : []),
  ];
  return (
    <Card title={title} extra={<Link to="/statistics">{t("statistics.glance.more")}</Link>} style={{ marginBottom: 24 }}>
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} md={8} xl={4}>
            <Link to={f.to} aria-label={`${t(`statistics.kpi.${f.key}`)} ${f.value}`}>
              <Statistic title={t(`statistics.kpi.${f.key}`)} value={f.value} />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
