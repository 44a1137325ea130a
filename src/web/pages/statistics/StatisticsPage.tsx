// 统计分析 (issue 12 item 2; 第十三条, 第十四条, 第十九条): the year of the bases in the user's scope —
// the city for the bureau, its bases for a supervising unit, its own for base staff. Filters by year,
// district, supervising unit and specialty; each chart exports PNG and Excel; each number and bar opens
// the list behind it; the yearly statistics report downloads as PDF or Excel.
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Statistic, Table, Typography, type TableColumnsType } from "antd";
import { DownloadOutlined, FilePdfOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { BaseFigures, StatisticsOverview } from "../../../shared/statistics.js";
import { api, queryString, type Query } from "../../api/client";
import type { SupervisingUnit } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { ToneTag } from "../../components/ToneTag";
import { useShowError } from "../../components/useShowError";
import { currentYearInShanghai, formatFen, formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { ChartCard } from "./ChartCard";

const V1 = "/api/v1";
const COLORS = { current: "#0958d9", last: "#bfbfbf", ok: "#08979c" };

interface Filters {
  year: number;
  district?: string;
  supervisorOrgId?: string;
  specialty?: string;
}

const clean = (f: Filters): Query => ({ year: f.year, district: f.district?.trim() || undefined, supervisorOrgId: f.supervisorOrgId || undefined, specialty: f.specialty?.trim() || undefined });
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");
const monthRange = (year: number, month: number) => `from=${year}-${pad(month)}-01&to=${year}-${pad(month)}-${lastDay(year, month)}`;
const yearRange = (year: number) => `from=${year}-01-01&to=${year}-12-31`;

export default function StatisticsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const showError = useShowError();
  const [filters, setFilters] = useState<Filters>({ year: currentYearInShanghai() });
  const [data, setData] = useState<StatisticsOverview | null>(null);
  const [units, setUnits] = useState<SupervisingUnit[]>([]);
  const query = useMemo(() => clean(filters), [filters]);
  const canReport = can("statistics.report");
  const canExportCompliance = can("statistics.complianceExport");

  useEffect(() => {
    let live = true;
    setData(null);
    api
      .get<StatisticsOverview>(`${V1}/statistics/overview`, query)
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [query, showError]);
  useEffect(() => {
    if (!canReport) return;
    api
      .get<{ items: SupervisingUnit[] }>(`${V1}/supervising-units`)
      .then((r) => setUnits(r.items))
      .catch(() => setUnits([]));
  }, [canReport]);

  const excelHref = `${V1}/statistics/overview.xlsx${queryString(query)}`;
  const years = Array.from({ length: 8 }, (_, i) => currentYearInShanghai() - i);
  const y = filters.year;

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={excelHref} download>
              {t("statistics.exportAll")}
            </Button>
            {canReport && (
              <>
                <Button icon={<FilePdfOutlined />} href={`${V1}/reports/yearly?year=${y}&format=pdf`} target="_blank">
                  {t("statistics.reportPdf")}
                </Button>
                <Button icon={<DownloadOutlined />} href={`${V1}/reports/yearly?year=${y}&format=xlsx`} download>
                  {t("statistics.reportXlsx")}
                </Button>
              </>
            )}
            {canExportCompliance && (
              <Button icon={<DownloadOutlined />} href={`${V1}/statistics/compliance-export?year=${y}`} download>
                {t("statistics.complianceExport")}
              </Button>
            )}
          </Space>
        }
      >
        {t("statistics.title")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters> layout="inline" name="statisticsFilter" initialValues={filters} onFinish={(v) => setFilters({ ...v, year: v.year ?? y })}>
          <Form.Item label={t("statistics.year")} name="year">
            <Select style={{ width: 100 }} options={years.map((v) => ({ value: v, label: String(v) }))} />
          </Form.Item>
          <Form.Item label={t("statistics.district")} name="district">
            <Input allowClear maxLength={30} style={{ width: 120 }} />
          </Form.Item>
          {units.length > 0 && (
            <Form.Item label={t("statistics.supervisor")} name="supervisorOrgId">
              <Select allowClear style={{ width: 200 }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          <Form.Item label={t("statistics.specialty")} name="specialty">
            <Input allowClear maxLength={30} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {!data ? <Skeleton active /> : <Figures data={data} excelHref={excelHref} onOpen={navigate} />}
    </>
  );
}

function Figures({ data, excelHref, onOpen }: { data: StatisticsOverview; excelHref: string; onOpen(path: string): void }) {
  const { t } = useTranslation();
  const y = data.year;
  const tt = data.totals;
  const months = data.monthly.map((m) => t("statistics.month", { month: m.month }));
  const kpi = (label: string, value: number | string, to: string) => (
    <Col xs={12} md={6} xl={3}>
      <Card size="small">
        <Link to={to} aria-label={`${label} ${value}`}>
          <Statistic title={label} value={value} />
        </Link>
      </Card>
    </Col>
  );
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Text type="secondary" data-testid="counted-at">
        {t("statistics.countedAt", { at: formatInstant(data.countedAt) })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {kpi(t("statistics.kpi.bases"), tt.bases, "/bases")}
        {kpi(t("statistics.kpi.activeBases"), tt.activeBases, "/bases")}
        {kpi(t("statistics.kpi.projects"), tt.projects, `/training-projects?${yearRange(y)}`)}
        {kpi(t("statistics.kpi.participants"), tt.participants, `/training-projects?${yearRange(y)}`)}
        {kpi(t("statistics.kpi.completions"), tt.completions, `/training-projects?status=completed&${yearRange(y)}`)}
        {kpi(t("statistics.kpi.creditHours"), tt.creditHours, `/training-projects?${yearRange(y)}`)}
        {kpi(t("statistics.kpi.feeIncome"), formatFen(tt.feeIncomeFen), `/training-projects?${yearRange(y)}`)}
        {kpi(t("statistics.kpi.openOrders"), tt.openOrders, "/rectification-orders")}
        {tt.openRiskFlags !== null && kpi(t("statistics.kpi.openRiskFlags"), tt.openRiskFlags, "/risk-flags?status=open")}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t("statistics.chart.projectsByMonth")}
            fileName={`${y}-projects-by-month`}
            categories={months}
            series={[
              { name: String(y), data: data.monthly.map((m) => m.current.projects), color: COLORS.current },
              { name: String(y - 1), data: data.monthly.map((m) => m.lastYear.projects), color: COLORS.last },
            ]}
            excelHref={excelHref}
            onSelect={(i) => onOpen(`/training-projects?${monthRange(y, i + 1)}`)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t("statistics.chart.participantsByMonth")}
            fileName={`${y}-participants-by-month`}
            categories={months}
            series={[
              { name: t("statistics.series.participants", { year: y }), data: data.monthly.map((m) => m.current.participants), color: COLORS.current },
              { name: t("statistics.series.participants", { year: y - 1 }), data: data.monthly.map((m) => m.lastYear.participants), color: COLORS.last },
              { name: t("statistics.series.creditHours", { year: y }), data: data.monthly.map((m) => m.current.creditHours), color: COLORS.ok, type: "line" },
            ]}
            excelHref={excelHref}
            onSelect={(i) => onOpen(`/training-projects?${monthRange(y, i + 1)}`)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t("statistics.chart.categories")}
            fileName={`${y}-categories`}
            categories={data.categories.map((c) => t(`filing.category.${c.category}`, { defaultValue: c.category }))}
            series={[{ name: t("statistics.kpi.projects"), data: data.categories.map((c) => c.projects), color: COLORS.current }]}
            excelHref={excelHref}
            horizontal
            onSelect={(i) => onOpen(`/training-projects?category=${data.categories[i].category}&${yearRange(y)}`)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t("statistics.chart.basesByDistrict")}
            fileName="bases-by-district"
            categories={data.bases.byDistrict.map((d) => d.key)}
            series={[{ name: t("statistics.kpi.bases"), data: data.bases.byDistrict.map((d) => d.count), color: COLORS.current }]}
            excelHref={excelHref}
            horizontal
            onSelect={(i) => onOpen(`/bases?district=${encodeURIComponent(data.bases.byDistrict[i].key)}`)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t("statistics.chart.basesBySpecialty")}
            fileName="bases-by-specialty"
            categories={data.bases.bySpecialty.map((d) => d.key)}
            series={[{ name: t("statistics.kpi.bases"), data: data.bases.bySpecialty.map((d) => d.count), color: COLORS.ok }]}
            excelHref={excelHref}
            horizontal
            onSelect={(i) => onOpen(`/bases?specialty=${encodeURIComponent(data.bases.bySpecialty[i].key)}`)}
          />
        </Col>
        {data.riskFlags && data.riskFlags.length > 0 && (
          <Col xs={24} lg={12}>
            <ChartCard
              title={t("statistics.chart.riskFlags")}
              fileName="open-risk-flags"
              categories={data.riskFlags.map((f) => t(`supervision.riskFlags.kind.${f.key}`, { defaultValue: f.key }))}
              series={[{ name: t("statistics.kpi.openRiskFlags"), data: data.riskFlags.map((f) => f.count), color: COLORS.last }]}
              excelHref={excelHref}
              horizontal
              onSelect={(i) => onOpen(`/risk-flags?status=open&kind=${data.riskFlags![i].key}`)}
            />
          </Col>
        )}
        {data.compliance && (
          <Col xs={24} lg={12}>
            <ChartCard
              title={t("statistics.chart.compliance", { rate: data.compliance.total.rate === null ? "—" : `${Math.round(data.compliance.total.rate * 1000) / 10}%` })}
              fileName={`${y}-compliance`}
              categories={data.compliance.bySpecialty.slice(0, 12).map((g) => g.key || "—")}
              series={[{ name: t("statistics.series.rate"), data: data.compliance.bySpecialty.slice(0, 12).map((g) => Math.round((g.rate ?? 0) * 1000) / 10), color: COLORS.ok }]}
              excelHref={excelHref}
              horizontal
            />
          </Col>
        )}
      </Row>
      <BaseTable data={data} />
    </Space>
  );
}

function BaseTable({ data }: { data: StatisticsOverview }) {
  const { t } = useTranslation();
  const y = data.year;
  const figureLink = (r: BaseFigures, what: string, v: number, to: string) => (
    <Link to={to} aria-label={`${r.baseName} ${t(`statistics.base.${what}`)} ${v}`}>
      {v}
    </Link>
  );
  const columns: TableColumnsType<BaseFigures> = [
    { title: t("statistics.base.name"), dataIndex: "baseName", fixed: "left", render: (v: string, r) => <Link to={`/bases/${r.baseId}`}>{v}</Link> },
    { title: t("statistics.base.planned"), dataIndex: "plannedProjects", align: "right", render: (v: number, r) => figureLink(r, "planned", v, `/annual-plans?baseId=${r.baseId}&year=${y}`) },
    { title: t("statistics.base.filed"), dataIndex: "filedProjects", align: "right", render: (v: number, r) => figureLink(r, "filed", v, `/training-projects?baseId=${r.baseId}&${yearRange(y)}`) },
    {
      title: t("statistics.base.completed"),
      dataIndex: "completedProjects",
      align: "right",
      render: (v: number, r) => figureLink(r, "completed", v, `/training-projects?baseId=${r.baseId}&status=completed&${yearRange(y)}`),
    },
    { title: t("statistics.base.participants"), dataIndex: "participants", align: "right" },
    { title: t("statistics.base.creditHours"), dataIndex: "creditHours", align: "right" },
    { title: t("statistics.base.feeIncome"), dataIndex: "feeIncomeFen", align: "right", render: (v: number) => formatFen(v) },
    { title: t("statistics.base.standardIncome"), dataIndex: "standardIncomeFen", align: "right", render: (v: number) => formatFen(v) },
    { title: t("statistics.base.overStandard"), dataIndex: "overStandardProjects", align: "right", render: (v: number) => (v > 0 ? <ToneTag tone="red">{v}</ToneTag> : v) },
    {
      title: t("statistics.base.survey"),
      dataIndex: "surveyAverage",
      align: "right",
      render: (v: number | null, r) => (v === null ? <Typography.Text type="secondary">{t("statistics.base.tooFew", { n: r.surveyResponses })}</Typography.Text> : r.lowestAverage ? <ToneTag tone="red">{`${v} · ${t("statistics.base.lowest")}`}</ToneTag> : v),
    },
    { title: t("statistics.base.openOrders"), dataIndex: "openOrders", align: "right", render: (v: number) => (v > 0 ? <Link to="/rectification-orders">{v}</Link> : v) },
    ...(data.totals.openRiskFlags !== null
      ? [
          {
            title: t("statistics.base.openRiskFlags"),
            dataIndex: "openRiskFlags",
            align: "right" as const,
            render: (v: number | null, r: BaseFigures) => (v ? figureLink(r, "openRiskFlags", v, `/risk-flags?status=open&baseId=${r.baseId}`) : (v ?? "—")),
          },
        ]
      : []),
    ...(data.scope === "base"
      ? [{ title: t("statistics.base.archives"), key: "archives", align: "right" as const, render: (_: unknown, r: BaseFigures) => `${r.archivesComplete ?? 0}/${r.archivesEnded ?? 0}` }]
      : []),
  ];
  return (
    <Card title={t("statistics.base.title")} size="small">
      <Table<BaseFigures> rowKey="baseId" size="small" columns={columns} dataSource={data.perBase} pagination={false} scroll={{ x: "max-content" }} />
    </Card>
  );
}
