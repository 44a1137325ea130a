// The applications of one role, scoped by the server: 基地申报 (base staff: own organization's, with
// 新建申报), 推荐审核 (supervisor), 基地认定 (bureau), 评审任务 (expert). Filters: status and keyword.
import { useState } from "react";
import { Link, Navigate, useLocation, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, Select, Table, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { APPLICATION_STATUSES } from "../../../shared/accreditation.js";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationListItem } from "../../api/types";
import { ApplicationStatusTag } from "../../components/accreditationTags";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { NewApplicationModal } from "./NewApplicationModal";
import { FilterButtons } from "../../components/FilterButtons";

export type ApplicationListKind = "own" | "recommend" | "accredit" | "review";

const TITLES: Record<ApplicationListKind, string> = {
  own: "menu.applications",
  recommend: "menu.recommendations",
  accredit: "menu.accreditation",
  review: "menu.reviews",
};

/**
 * `/applications` for any role (the server's work items link there, with `?status=`): the applicant's
 * own list, or the list page of the user's role with the same query.
 */
export function ApplicationsIndex() {
  const { can } = useSession();
  const { search } = useLocation();
  if (can("application.apply")) return <ApplicationListPage key="own" kind="own" />;
  const to = can("application.accredit") ? "/accreditation" : can("application.recommend") ? "/recommendations" : "/reviews";
  return <Navigate to={`${to}${search}`} replace />;
}

export default function ApplicationListPage({ kind }: { kind: ApplicationListKind }) {
  const { t } = useTranslation();
  // A work item may link here with a status (`?status=recommended`): the list starts filtered by it.
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ status: params.get("status") ?? undefined }));
  const list = usePagedList(applicationApi.list, initial);
  const [creating, setCreating] = useState(false);
  const [filterForm] = Form.useForm();

  const columns: TableColumnsType<ApplicationListItem> = [
    {
      title: t("application.baseName"),
      dataIndex: "baseName",
      render: (v: string, r) => <Link to={`/applications/${r.id}`}>{v || t("application.untitled")}</Link>,
    },
    { title: t("application.applicant"), dataIndex: "applicantOrgName" },
    { title: t("application.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("common.status"), dataIndex: "status", render: (v: ApplicationListItem["status"]) => <ApplicationStatusTag status={v} /> },
    { title: t("application.submittedAt"), dataIndex: "submittedAt", render: (v: string | null) => formatInstant(v) || "—" },
    { title: t("common.updatedAt"), dataIndex: "updatedAt", render: (v: string) => formatInstant(v) },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) => (
        <Link to={`/applications/${r.id}`} aria-label={t("application.viewOf", { name: r.baseName || t("application.untitled") })}>
          {t("common.view")}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          kind === "own" && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("application.create")}
            </Button>
          )
        }
      >
        {t(TITLES[kind])}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name={`applicationFilter-${kind}`} layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("common.status")} name="status">
            <Select
              allowClear
              style={{ width: 160 }}
              options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))}
            />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("application.keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<ApplicationListItem>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
        />
      </Card>
      {kind === "own" && <NewApplicationModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
