// 风险提示 (/risk-flags, issue 12 item 4): what the data says looks wrong at the bases in the user's scope
// (the bureau: all; a supervising unit: its bases'), filtered by kind, status and base, open ones first
// by default. The bureau may scan now. The kind, status and link stay visible on a phone.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { App, Button, Card, Form, Select, Table, Typography, type TableColumnsType } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { RISK_FLAG_KINDS, RISK_FLAG_STATUSES, type RiskFlagListItem } from "../../../../shared/supervision/risk-flags.js";
import { riskFlagApi } from "../../../api/supervision/risk-flags";
import { FilterButtons } from "../../../components/FilterButtons";
import { listColumns } from "../../../components/listColumns";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { useShowError } from "../../../components/useShowError";
import { formatInstant } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { useBases } from "../../filing/useFilingData";
import { RiskKindTag, RiskStatusTag } from "./riskTags";

export default function RiskFlagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const [params] = useSearchParams();
  const [initial] = useState(() =>
    cleanFilters({ status: params.get("status") ?? (params.get("baseId") ? undefined : "open"), kind: params.get("kind") ?? undefined, baseId: params.get("baseId") ?? undefined }),
  );
  const list = usePagedList(riskFlagApi.list, initial);
  const [filterForm] = Form.useForm();
  const bases = useBases();
  const [scanning, setScanning] = useState(false);

  const scan = async () => {
    setScanning(true);
    try {
      const r = await riskFlagApi.scan();
      void message.success(t("supervision.riskFlags.scanned", { raised: r.raised, updated: r.updated }));
      list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setScanning(false);
    }
  };

  const columns: TableColumnsType<RiskFlagListItem> = [
    { title: t("supervision.riskFlags.field.base"), dataIndex: "baseName", render: (v: string, r) => <Link to={`/risk-flags/${r.id}`}>{v}</Link> },
    { title: t("supervision.riskFlags.field.kind"), dataIndex: "kind", render: (v: RiskFlagListItem["kind"]) => <RiskKindTag kind={v} /> },
    { title: t("supervision.riskFlags.field.article"), dataIndex: "article" },
    { title: t("supervision.riskFlags.field.project"), dataIndex: "projectTitle", render: (v: string | null) => v ?? "—" },
    { title: t("supervision.riskFlags.field.records"), key: "records", render: (_, r) => t("supervision.riskFlags.recordCount", { count: r.evidence.total }) },
    { title: t("supervision.riskFlags.field.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("supervision.riskFlags.field.detectedAt"), dataIndex: "detectedAt", render: (v: string) => formatInstant(v) },
    { title: t("common.status"), dataIndex: "status", render: (v: RiskFlagListItem["status"]) => <RiskStatusTag status={v} /> },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r) => (
        <Link to={`/risk-flags/${r.id}`} aria-label={`${t("common.view")}：${r.baseName} ${t(`supervision.riskFlags.kind.${r.kind}`)}`}>
          {t("common.view")}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          can("riskFlag.scan") && (
            <Button icon={<ReloadOutlined />} loading={scanning} onClick={() => void scan()}>
              {t("supervision.riskFlags.scan")}
            </Button>
          )
        }
      >
        {t("supervision.riskFlags.title")}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t("supervision.riskFlags.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="riskFlagFilter" layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("supervision.riskFlags.field.kind")} name="kind">
            <Select allowClear style={{ width: 240, maxWidth: "100%" }} options={RISK_FLAG_KINDS.map((k) => ({ value: k, label: t(`supervision.riskFlags.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 130 }} options={RISK_FLAG_STATUSES.map((s) => ({ value: s, label: t(`supervision.riskFlags.status.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("supervision.riskFlags.field.base")} name="baseId">
            <Select allowClear style={{ width: 240, maxWidth: "100%" }} loading={bases === null} showSearch={{ optionFilterProp: "label" }} options={(bases ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ status: undefined, kind: undefined, baseId: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <Table<RiskFlagListItem>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("supervision.riskFlags.empty") }}
        />
      </Card>
    </>
  );
}
