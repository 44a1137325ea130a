// 基地名录: the registry of published bases, searchable by name (a former name too, 第二十七条), district
// and specialty, paged; each base with its 原名称 and a 表彰 badge (第十九条). Shared by the signed-in list
// (/bases) and the public one (/public/bases).
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Form, Input, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "./listColumns";
import { TrophyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Query } from "../api/client";
import type { BaseView, Paged } from "../api/types";
import { formatDate } from "../format";
import { BaseStatusTag, SpecialtyTags } from "./accreditationTags";
import { ToneTag } from "./ToneTag";
import { cleanFilters, usePagedList } from "./usePagedList";

/** 第十九条 "宣传推广": the badge of a base commended in a review, with its year. */
export function CommendedTag({ base }: { base: Pick<BaseView, "commendedYear"> }) {
  const { t } = useTranslation();
  if (!base.commendedYear) return null;
  return (
    <ToneTag tone="gold" icon={<TrophyOutlined />} style={{ marginInlineStart: 8 }}>
      {t("supervision.changeReports.public.commended", { year: base.commendedYear })}
    </ToneTag>
  );
}

/** 第二十七条: "原名称 …", the names a base had before, newest first. */
export function FormerNames({ base, withDates }: { base: Pick<BaseView, "formerNames">; withDates?: boolean }) {
  const { t } = useTranslation();
  if (!base.formerNames?.length) return null;
  const names = base.formerNames.map((f) => (withDates ? `${f.name}${t("supervision.changeReports.public.until", { date: formatDate(f.validTo) })}` : f.name)).join("；");
  return (
    <div>
      <Typography.Text type="secondary">{t("supervision.changeReports.public.formerName", { names })}</Typography.Text>
    </div>
  );
}

interface Props {
  /** a stable endpoint function (api/endpoints.ts) */
  load(query: Query): Promise<Paged<BaseView>>;
  /** where a base's name links to */
  linkTo(id: string): string;
  /** the public list leaves out the supervising unit */
  showSupervisor?: boolean;
}

export function BaseList({ load, linkTo, showSupervisor = true }: Props) {
  const { t } = useTranslation();
  // issue 12: the dashboard opens the bases of a district or a specialty (`?district=…`)
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ district: params.get("district") ?? undefined, specialty: params.get("specialty") ?? undefined }));
  const list = usePagedList(load, initial);
  const [filterForm] = Form.useForm();

  const columns: TableColumnsType<BaseView> = [
    {
      title: t("base.name"),
      dataIndex: "name",
      render: (v: string, r) => (
        <>
          <Link to={linkTo(r.id)}>{v}</Link>
          <CommendedTag base={r} />
          <FormerNames base={r} />
        </>
      ),
    },
    { title: t("base.hostOrg"), dataIndex: "hostOrgName", responsive: ["md"] },
    ...(showSupervisor ? [{ title: t("base.supervisorOrg"), dataIndex: "supervisorOrgName", responsive: ["lg" as const] }] : []),
    { title: t("base.district"), dataIndex: "district", responsive: ["md"] },
    { title: t("base.specialtyFields"), dataIndex: "specialtyFields", render: (v: string[]) => <SpecialtyTags fields={v} />, responsive: ["lg"] },
    { title: t("base.decisionNo"), dataIndex: "decisionNo", responsive: ["md"] },
    { title: t("base.decisionDate"), dataIndex: "decisionDate", render: (v: string) => formatDate(v), responsive: ["sm"] },
    { title: t("common.status"), dataIndex: "status", render: (v: BaseView["status"]) => <BaseStatusTag status={v} /> },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="baseFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("base.name")} name="q">
            <Input allowClear maxLength={50} />
          </Form.Item>
          <Form.Item label={t("base.district")} name="district">
            <Input allowClear maxLength={30} />
          </Form.Item>
          <Form.Item label={t("base.specialty")} name="specialty">
            <Input allowClear maxLength={30} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t("common.search")}
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                list.setFilters({});
              }}
            >
              {t("common.reset")}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card>
        <Table<BaseView> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
    </>
  );
}
