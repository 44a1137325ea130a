// 基地名录: the registry of published bases, searchable by name, district and specialty, paged. Shared
// by the signed-in list (/bases) and the public one (/public/bases).
import { Link } from "react-router-dom";
import { Button, Card, Form, Input, Space, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { Query } from "../api/client";
import type { BaseView, Paged } from "../api/types";
import { formatDate } from "../format";
import { BaseStatusTag, SpecialtyTags } from "./accreditationTags";
import { cleanFilters, usePagedList } from "./usePagedList";

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
  const list = usePagedList(load);
  const [filterForm] = Form.useForm();

  const columns: TableColumnsType<BaseView> = [
    { title: t("base.name"), dataIndex: "name", render: (v: string, r) => <Link to={linkTo(r.id)}>{v}</Link> },
    { title: t("base.hostOrg"), dataIndex: "hostOrgName" },
    ...(showSupervisor ? [{ title: t("base.supervisorOrg"), dataIndex: "supervisorOrgName" }] : []),
    { title: t("base.district"), dataIndex: "district" },
    { title: t("base.specialtyFields"), dataIndex: "specialtyFields", render: (v: string[]) => <SpecialtyTags fields={v} /> },
    { title: t("base.decisionNo"), dataIndex: "decisionNo" },
    { title: t("base.decisionDate"), dataIndex: "decisionDate", render: (v: string) => formatDate(v) },
    { title: t("common.status"), dataIndex: "status", render: (v: BaseView["status"]) => <BaseStatusTag status={v} /> },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="baseFilter" layout="inline" onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
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
        <Table<BaseView> rowKey="id" columns={columns} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
    </>
  );
}
