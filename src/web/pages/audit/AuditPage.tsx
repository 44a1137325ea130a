// 审计日志 (the audit.read grant): the append-only, keyed hash-chained audit trail, with filters, paging
// and a check that the chain is intact, which names what was found (issue 10 item 1).
import { useState } from "react";
import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { auditApi } from "../../api/endpoints";
import type { AuditEventView, AuditVerifyView } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";
import { FilterButtons } from "../../components/FilterButtons";
import { AUDIT_ACTIONS, AUDIT_RESOURCES, auditActionLabel, auditResourceLabel } from "./auditCodes";

interface AuditFilter {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorName?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const list = usePagedList(auditApi.list);
  const [filterForm] = Form.useForm<AuditFilter>();
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyView | null>(null);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (err) {
      showError(err);
    } finally {
      setVerifying(false);
    }
  };

  const onFilter = ({ range, ...rest }: AuditFilter) =>
    list.setFilters(
      cleanFilters({ ...rest, from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") }),
    );

  const columns: TableColumnsType<AuditEventView> = [
    { title: t("audit.seq"), dataIndex: "seq", width: 80 },
    { title: t("audit.at"), dataIndex: "at", render: (v: string) => formatInstant(v) },
    { title: t("audit.actor"), key: "actor", render: (_, r) => r.actorName ?? r.actorId ?? t("audit.system") },
    { title: t("audit.action"), dataIndex: "action", render: (v: string) => <span title={v}>{auditActionLabel(t, v)}</span> },
    { title: t("audit.resourceType"), dataIndex: "resourceType", render: (v: string) => <span title={v}>{auditResourceLabel(t, v)}</span> },
    { title: t("audit.resourceId"), dataIndex: "resourceId", render: (v: string | null) => v ?? "—" },
    { title: t("audit.ip"), dataIndex: "ip", render: (v: string | null) => v ?? "—" },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()}>
            {t("audit.verify")}
          </Button>
        }
      >
        {t("menu.audit")}
      </PageTitle>
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.intact ? "success" : "error"}
          title={
            verify.intact
              ? t("audit.intact", { checked: verify.checked })
              : t("audit.broken", { seq: verify.firstBrokenSeq ?? "?", checked: verify.checked })
          }
          description={!verify.intact && verify.problem ? t(`audit.problem.${verify.problem}`) : undefined}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Form<AuditFilter> form={filterForm} name="auditFilter" layout="inline" onFinish={onFilter}>
          <Form.Item label={t("audit.action")} name="action">
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(t, a) }))} />
          </Form.Item>
          <Form.Item label={t("audit.resourceType")} name="resourceType">
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={AUDIT_RESOURCES.map((r) => ({ value: r, label: auditResourceLabel(t, r) }))} />
          </Form.Item>
          <Form.Item label={t("audit.resourceId")} name="resourceId">
            <Input allowClear maxLength={64} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t("audit.actorUsername")} name="actorName">
            <Input allowClear maxLength={64} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t("audit.dateRange")} name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
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
        <Table<AuditEventView>
          rowKey="seq"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
          expandable={{
            expandedRowRender: (r) => (
              <div>
                <Typography.Text strong>{t("audit.detail")}</Typography.Text>
                <pre style={{ margin: "8px 0", whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                  {JSON.stringify(r.detail, null, 2)}
                </pre>
                <Typography.Text type="secondary">
                  {t("audit.hash")}: <Typography.Text code>{r.hash}</Typography.Text>
                </Typography.Text>
              </div>
            ),
          }}
        />
      </Card>
    </>
  );
}
