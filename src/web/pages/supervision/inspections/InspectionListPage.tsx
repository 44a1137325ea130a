// 检查考核 (第十八条): the inspections in the user's scope — those a supervising unit holds, a base's own
// once submitted, all for the bureau — filtered by year, status and grade, exported to Excel with the
// same filters. A supervising unit opens a new one here (新建检查).
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { PlusOutlined, ProfileOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { GRADES, INSPECTION_STATUSES } from "../../../../shared/supervision/inspections.js";
import { inspectionApi, type InspectionListItem } from "../../../api/supervision/inspections";
import { ExportButton } from "../../../components/ExportButton";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatDate, formatScore } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { GradeTag, InspectionStatusTag } from "./inspectionTags";
import { NewInspectionModal } from "./NewInspectionModal";

export default function InspectionListPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ status: params.get("status") ?? undefined, year: params.get("year") ? Number(params.get("year")) : undefined }));
  const list = usePagedList(inspectionApi.list, initial);
  const [filterForm] = Form.useForm();
  const [creating, setCreating] = useState(false);
  // 第十八条: only a supervising unit inspects (it also keeps the scheme).
  const mayCreate = can("inspectionScheme.manage");
  const tx = (k: string) => t(`supervision.inspections.${k}`);

  const columns: TableColumnsType<InspectionListItem> = [
    {
      title: tx("base"),
      dataIndex: "baseName",
      render: (v: string, r) => <Link to={`/inspections/${r.id}`}>{v}</Link>,
    },
    { title: tx("year"), dataIndex: "year" },
    { title: tx("unit"), dataIndex: "supervisorOrgName", responsive: ["md"] },
    { title: tx("total"), dataIndex: "totalScore", align: "right", render: (v: number | null) => formatScore(v) },
    { title: tx("grade"), dataIndex: "grade", render: (v: InspectionListItem["grade"]) => <GradeTag grade={v} /> },
    { title: tx("answerDue"), dataIndex: "answerDue", responsive: ["lg"], render: (v: string | null) => formatDate(v) || "—" },
    { title: tx("answered"), dataIndex: "answered", responsive: ["lg"], render: (v: boolean) => (v ? t("common.yes") : t("common.no")) },
    { title: tx("finalizedAt"), dataIndex: "finalizedAt", responsive: ["lg"], render: (v: string | null) => formatDate(v) || "—" },
    {
      title: t("common.status"),
      dataIndex: "status",
     
      render: (v: InspectionListItem["status"]) => <InspectionStatusTag status={v} />,
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<ProfileOutlined />} onClick={() => navigate("/inspection-schemes")}>
              {tx("viewScheme")}
            </Button>
            <ExportButton href={inspectionApi.exportUrl(list.filters)} />
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {tx("new")}
              </Button>
            )}
          </Space>
        }
      >
        {tx("title")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="inspectionFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={tx("year")} name="year">
            <InputNumber min={2019} max={2100} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 130 }} options={INSPECTION_STATUSES.map((s) => ({ value: s, label: tx(`status.${s}`) }))} />
          </Form.Item>
          <Form.Item label={tx("grade")} name="grade">
            <Select allowClear style={{ width: 130 }} options={GRADES.map((g) => ({ value: g, label: tx(`gradeName.${g}`) }))} />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={tx("keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ year: undefined, status: undefined, grade: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<InspectionListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {mayCreate && <NewInspectionModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/inspections/${id}`)} />}
    </>
  );
}
