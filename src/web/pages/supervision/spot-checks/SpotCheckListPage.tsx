// 综合评估与双随机抽查 (第十九条): the bureau's and the supervising units' list of reviews and spot
// checks, filtered by year, kind and status; the bureau draws a new one here ("抽取").
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Form, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { AimOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { SPOT_CHECK_KINDS, SPOT_CHECK_STATUSES } from "../../../../shared/supervision/spot-checks.js";
import { reviewYearOf } from "../../../../shared/supervision/inspections.js";
import { spotCheckApi, type SpotCheckListItem } from "../../../api/supervision/spot-checks";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatInstant } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { useBusinessToday } from "../../filing/useFilingData";
import { DrawModal } from "./DrawModal";
import { KindTag, SpotCheckStatusTag } from "./spotCheckTags";

export default function SpotCheckListPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ status: params.get("status") ?? undefined, year: params.get("year") ? Number(params.get("year")) : undefined }));
  const list = usePagedList(spotCheckApi.list, initial);
  const [filterForm] = Form.useForm();
  const [drawing, setDrawing] = useState(false);
  const today = useBusinessToday();

  const columns: TableColumnsType<SpotCheckListItem> = [
    {
      title: t("supervision.spotChecks.title"),
      dataIndex: "title",
      render: (v: string, r) => (
        <Space direction="vertical" size={2}>
          <Link to={`/spot-checks/${r.id}`}>{v}</Link>
          <Space size={4} wrap>
            <SpotCheckStatusTag status={r.status} />
            <KindTag kind={r.kind} />
          </Space>
        </Space>
      ),
    },
    { title: t("supervision.spotChecks.year"), dataIndex: "year", responsive: ["md"] },
    { title: t("supervision.spotChecks.drawnCount"), dataIndex: "drawnBaseCount", align: "right", responsive: ["md"] },
    {
      title: t("supervision.spotChecks.decided"),
      key: "decided",
      align: "right",
      render: (_: unknown, r) => t("supervision.spotChecks.decidedOf", { decided: r.decidedCount, total: r.drawnBaseCount }),
    },
    {
      title: t("supervision.spotChecks.seed"),
      dataIndex: "seed",
      responsive: ["lg"],
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t("supervision.spotChecks.createdAt"), dataIndex: "createdAt", responsive: ["md"], render: (v: string) => formatInstant(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          can("spotCheck.draw") && (
            <Button type="primary" icon={<AimOutlined />} onClick={() => setDrawing(true)}>
              {t("supervision.spotChecks.draw")}
            </Button>
          )
        }
      >
        {t("supervision.spotChecks.title")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="spotCheckFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("supervision.spotChecks.year")} name="year">
            <InputNumber min={2019} max={2100} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t("supervision.spotChecks.kind")} name="kind">
            <Select allowClear style={{ width: 140 }} options={SPOT_CHECK_KINDS.map((k) => ({ value: k, label: t(`supervision.spotChecks.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 120 }} options={SPOT_CHECK_STATUSES.map((s) => ({ value: s, label: t(`supervision.spotChecks.statuses.${s}`) }))} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ year: undefined, kind: undefined, status: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<SpotCheckListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {can("spotCheck.draw") && <DrawModal open={drawing} defaultYear={reviewYearOf(today)} onClose={() => setDrawing(false)} onDrawn={() => list.reload()} />}
    </>
  );
}
