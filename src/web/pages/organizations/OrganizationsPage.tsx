// 单位管理 (bureau): the organizations that host or supervise bases, with filters, paging, export,
// create/edit and disable/enable.
import { useState } from "react";
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { ToneTag } from "../../components/ToneTag";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ORG_STATUSES, ORG_TYPES } from "../../../shared/roles.js";
import { organizationApi } from "../../api/endpoints";
import type { OrganizationView } from "../../api/types";
import { ExportButton } from "../../components/ExportButton";
import { PageTitle } from "../../components/PageTitle";
import { StatusTag } from "../../components/tags";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { OrganizationFormModal } from "./OrganizationFormModal";
import { FilterButtons } from "../../components/FilterButtons";

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = usePagedList(organizationApi.list);
  const [editing, setEditing] = useState<OrganizationView | null | undefined>(undefined);
  const [filterForm] = Form.useForm();

  const toggle = async (org: OrganizationView) => {
    const enable = org.status !== "active";
    try {
      await organizationApi.setEnabled(org.id, enable, org.version);
      void message.success(enable ? t("common.enabledDone") : t("common.disabledDone"));
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<OrganizationView> = [
    { title: t("org.name"), dataIndex: "name" },
    { title: t("org.type"), dataIndex: "type", render: (v: OrganizationView["type"]) => t(`orgTypes.${v}`) },
    { title: t("org.parent"), dataIndex: "parentName", render: (v: string | null) => v ?? "—" },
    { title: t("org.region"), dataIndex: "region" },
    {
      title: t("org.creditCode"),
      dataIndex: "creditCode",
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Typography.Text code>{v}</Typography.Text>
          {r.creditCodeOverride && <ToneTag tone="gold">{t("org.earlyCode")}</ToneTag>}
        </Space>
      ),
    },
    { title: t("org.contact"), key: "contact", render: (_, r) => `${r.contactName} ${r.contactPhone}` },
    { title: t("common.status"), dataIndex: "status", render: (v: OrganizationView["status"]) => <StatusTag status={v} /> },
    { title: t("common.updatedAt"), dataIndex: "updatedAt", render: (v: string) => formatInstant(v) },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setEditing(r)}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={r.status === "active" ? t("org.confirmDisable", { name: r.name }) : t("org.confirmEnable", { name: r.name })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => toggle(r)}
          >
            <Button type="link" danger={r.status === "active"}>
              {r.status === "active" ? t("common.disable") : t("common.enable")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton href={organizationApi.exportUrl(list.filters)} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t("common.create")}
            </Button>
          </Space>
        }
      >
        {t("menu.organizations")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="orgFilter" layout="inline" onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("org.type")} name="type">
            <Select allowClear style={{ width: 180 }} options={ORG_TYPES.map((v) => ({ value: v, label: t(`orgTypes.${v}`) }))} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 120 }} options={ORG_STATUSES.map((v) => ({ value: v, label: t(`status.${v}`) }))} />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("org.keywordHint")} />
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
        <Table<OrganizationView>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
        />
      </Card>
      <OrganizationFormModal
        open={editing !== undefined}
        org={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      />
    </>
  );
}
