// 政策参数: the version of the rule parameters in force today and the full history; the bureau may
// add a version that takes effect from a future date (DESIGN.md "Policy").
import { useCallback, useEffect, useState } from "react";
import { Alert, Button, Card, Skeleton, Table, Typography, type TableColumnsType } from "antd";
import { ToneTag } from "../../components/ToneTag";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { policyApi } from "../../api/endpoints";
import type { PolicyVersionView } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatInstant, todayInShanghai } from "../../format";
import { useSession } from "../../session/SessionContext";
import { PolicyDescriptions } from "./PolicyDescriptions";
import { PolicyVersionModal } from "./PolicyVersionModal";

export default function PolicyPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const showError = useShowError();
  const [current, setCurrent] = useState<PolicyVersionView | null>(null);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [history, setHistory] = useState<PolicyVersionView[] | null>(null);
  const [creating, setCreating] = useState(false);
  const canManage = can("policy.manage");

  const load = useCallback(() => {
    policyApi
      .current()
      .then((v) => {
        setCurrent(v);
        setCurrentError(null);
      })
      .catch((err: unknown) => {
        setCurrent(null);
        if (err instanceof ApiError && !err.handled) setCurrentError(err.message);
        else showError(err);
      });
    policyApi
      .versions()
      .then((r) => setHistory(r.items))
      .catch((err: unknown) => {
        setHistory([]);
        showError(err);
      });
  }, [showError]);

  useEffect(load, [load]);

  const today = todayInShanghai();
  // New versions start from the parameters in force, or from the latest version if none is in force yet.
  const base = current ?? [...(history ?? [])].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
  const columns: TableColumnsType<PolicyVersionView> = [
    {
      title: t("policy.effectiveFrom"),
      dataIndex: "effectiveFrom",
      render: (v: string, r) => (
        <>
          {formatDate(v)}{" "}
          {r.id === current?.id ? (
            <ToneTag tone="green">{t("policy.inForce")}</ToneTag>
          ) : v > today ? (
            <ToneTag tone="blue">{t("policy.scheduled")}</ToneTag>
          ) : null}
        </>
      ),
    },
    {
      // 第二十九条: each version's term
      title: t("supervision.policyTerm.validUntil"),
      key: "validUntil",
      render: (_, r) => (
        <>
          {r.params.validUntil ? formatDate(r.params.validUntil) : t("supervision.policyTerm.openEnded")}{" "}
          {r.expired && r.id === current?.id && <ToneTag tone="red">{t("supervision.policyTerm.expiredTag")}</ToneTag>}
        </>
      ),
    },
    { title: t("policy.params.cityName"), key: "city", render: (_, r) => r.params.cityName },
    { title: t("policy.note"), dataIndex: "note" },
    { title: t("policy.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    { title: t("policy.createdBy"), dataIndex: "createdByName", render: (v: string | null) => v ?? t("policy.system") },
  ];

  return (
    <>
      <PageTitle
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!base} onClick={() => setCreating(true)}>
              {t("policy.create")}
            </Button>
          )
        }
      >
        {t("menu.policy")}
      </PageTitle>
      {!canManage && <Alert type="info" showIcon title={t("policy.readOnly")} style={{ marginBottom: 16 }} />}
      {current?.expired && current.params.validUntil && (
        <Alert
          type={current.successorFrom ? "info" : "warning"}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            current.successorFrom
              ? t("supervision.policyTerm.successorScheduled", { date: formatDate(current.params.validUntil), from: formatDate(current.successorFrom) })
              : t("supervision.policyTerm.expiredAlert", { date: formatDate(current.params.validUntil) })
          }
        />
      )}
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("policy.current")}</Typography.Title>} style={{ marginBottom: 16 }}>
        {currentError ? <Alert type="warning" showIcon title={currentError} /> : current ? <PolicyDescriptions version={current} /> : <Skeleton active />}
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("policy.history")}</Typography.Title>}>
        <Table<PolicyVersionView>
          rowKey="id"
          columns={columns}
          dataSource={history ?? []}
          loading={history === null}
          pagination={false}
          scroll={{ x: "max-content" }}
          expandable={{ columnTitle: t("policy.detailsColumn"), expandedRowRender: (r) => <PolicyDescriptions version={r} /> }}
        />
      </Card>
      {canManage && (
        <PolicyVersionModal
          open={creating}
          base={base}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            load();
          }}
        />
      )}
    </>
  );
}
