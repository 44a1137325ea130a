// 培训项目 (第十六条, 第十七条): the training projects in the user's scope, filtered by status, subject
// type, class dates and ad-hoc filing, exported to Excel with the same filters. A base's staff file a
// new project here.
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, Select, Space, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { PROJECT_STATUSES, SUBJECT_TYPES } from "../../../shared/filing.js";
import { projectApi } from "../../api/endpoints";
import type { ProjectListItem } from "../../api/types";
import { DateRangeInput } from "../../components/DateRangeInput";
import { ExportButton } from "../../components/ExportButton";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters } from "../../components/usePagedList";
import { useKeysetList } from "../../components/useKeysetList";
import { formatDate, formatFen } from "../../format";
import { useSession } from "../../session/SessionContext";
import { AdHocTag, CategoryTag, ProjectStatusTag, SubjectTypeTag, useCategoryOptions } from "./filingTags";

interface ProjectFilter {
  status?: string;
  subjectType?: string;
  category?: string;
  adHoc?: string;
  baseId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const toQuery = ({ range, ...rest }: ProjectFilter) =>
  cleanFilters({ ...rest, from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") });

export default function ProjectListPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  // Work items link here with a status (`?status=returned`): the list starts filtered by it.
  const [params] = useSearchParams();
  const [initial] = useState<ProjectFilter>(() => ({
    status: params.get("status") ?? undefined,
    adHoc: params.get("adHoc") ?? undefined,
    // issue 12: the dashboard opens a base's or a category's projects
    baseId: params.get("baseId") ?? undefined,
    category: params.get("category") ?? undefined,
    range: params.get("from") || params.get("to") ? [params.get("from") ? dayjs(params.get("from")) : null, params.get("to") ? dayjs(params.get("to")) : null] : null,
  }));
  const list = useKeysetList(projectApi.list, toQuery(initial));
  const [filterForm] = Form.useForm<ProjectFilter>();
  const categoryOptions = useCategoryOptions();

  const columns: TableColumnsType<ProjectListItem> = [
    { title: t("project.title"), dataIndex: "title", render: (v: string, r) => <Link to={`/training-projects/${r.id}`}>{v}</Link> },
    { title: t("filing.base"), dataIndex: "baseName" },
    { title: t("project.subjectType"), dataIndex: "subjectType", render: (v: ProjectListItem["subjectType"]) => <SubjectTypeTag type={v} /> },
    { title: t("filing.category.label"), dataIndex: "category", render: (v: ProjectListItem["category"]) => <CategoryTag category={v} /> },
    { title: t("project.specialty"), dataIndex: "specialty", render: (v: string) => v || "—" },
    { title: t("project.dates"), key: "dates", render: (_, r) => t("filing.dateRange", { from: formatDate(r.startDate), to: formatDate(r.endDate) }) },
    { title: t("project.hours"), dataIndex: "hours", align: "right" },
    { title: t("project.fee"), dataIndex: "feeFen", align: "right", render: (v: number) => formatFen(v) },
    { title: t("project.kind"), dataIndex: "adHoc", render: (v: boolean) => <AdHocTag adHoc={v} /> },
    { title: t("common.status"), dataIndex: "status", render: (v: ProjectListItem["status"]) => <ProjectStatusTag status={v} /> },
    { title: t("project.filingNo"), dataIndex: "filingNo", render: (v: string | null) => v ?? "—" },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton href={projectApi.exportUrl(list.filters)} />
            {can("project.file") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/training-projects/new")}>
                {t("project.create")}
              </Button>
            )}
          </Space>
        }
      >
        {t("menu.trainingProjects")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<ProjectFilter> form={filterForm} name="projectFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(toQuery(v))}>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 120 }} options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("project.subjectType")} name="subjectType">
            <Select allowClear style={{ width: 120 }} options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subjectType.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("filing.category.label")} name="category">
            <Select allowClear style={{ width: 200 }} options={categoryOptions} />
          </Form.Item>
          <Form.Item label={t("project.kind")} name="adHoc">
            <Select
              allowClear
              style={{ width: 120 }}
              options={[
                { value: "true", label: t("project.adHocTag") },
                { value: "false", label: t("project.plannedTag") },
              ]}
            />
          </Form.Item>
          <Form.Item label={t("project.classDates")} name="range">
            <DateRangeInput />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("project.keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.setFieldsValue({ status: undefined, subjectType: undefined, category: undefined, adHoc: undefined, range: null, q: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<ProjectListItem> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
        {list.pager}
      </Card>
    </>
  );
}
