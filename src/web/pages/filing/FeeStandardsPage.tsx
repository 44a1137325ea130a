// 收费标准 (第二十五条). For a base's staff (/fee-standards): their bases' standards, current and past,
// and 登记收费标准. For the bureau (/fee-approvals, 收费标准审批): the rises waiting for its approval,
// approved or refused with a reason. Buttons come from each standard's availableActions.
import { useMemo, useState } from "react";
import { Navigate, useLocation, useSearchParams } from "react-router-dom";
import { App, Button, Card, Form, Select, Space, Table, Typography, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FEE_STANDARD_STATUSES } from "../../../shared/filing.js";
import { feeStandardApi } from "../../api/endpoints";
import type { FeeStandardView } from "../../api/types";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { ScrollRegion } from "../../components/ScrollRegion";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatFen, formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { FeeStandardModal } from "./FeeStandardModal";
import { FeeStandardStatusTag } from "./filingTags";
import { StepModal, type StepSpec } from "../../components/StepModal";
import { useBases } from "./useFilingData";

type Kind = "own" | "approve";

/** `/fee-standards` for any role (work items may link there): the bureau's goes to its approval list. */
export function FeeStandardsIndex() {
  const { can } = useSession();
  const { search } = useLocation();
  if (can("feeStandard.manage")) return <FeeStandardsPage key="own" kind="own" />;
  return <Navigate to={`/fee-approvals${search}`} replace />;
}

export default function FeeStandardsPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [initial] = useState(() => cleanFilters({ status: params.get("status") ?? (kind === "approve" ? "pending" : undefined), baseId: params.get("baseId") ?? undefined }));
  const list = usePagedList(feeStandardApi.list, initial);
  const [filterForm] = Form.useForm();
  const bases = useBases();
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ standard: FeeStandardView; action: string } | null>(null);

  const steps: Record<string, StepSpec> = useMemo(
    () => ({
      approve: { label: t("feeStandard.approve"), explain: t("feeStandard.approveExplain"), comment: "optional" },
      reject: { label: t("feeStandard.reject"), explain: t("feeStandard.rejectExplain"), comment: "required", commentLabel: t("feeStandard.rejectReason"), danger: true },
    }),
    [t],
  );

  const columns: TableColumnsType<FeeStandardView> = [
    { title: t("filing.base"), dataIndex: "baseName" },
    { title: t("feeStandard.kind"), dataIndex: "kind", render: (v: string) => t(`subjectType.${v}`) },
    {
      title: t("feeStandard.amount"),
      dataIndex: "amountFen",
      align: "right",
      render: (v: number, r) => (
        <>
          {formatFen(v)}
          {r.raise && <Typography.Text type="secondary"> {t("feeStandard.raiseMark")}</Typography.Text>}
        </>
      ),
    },
    { title: t("feeStandard.previous"), dataIndex: "previousAmountFen", align: "right", render: (v: number | null) => (v === null ? t("feeStandard.noneOnFile") : formatFen(v)) },
    { title: t("feeStandard.basis"), dataIndex: "basis", render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: <span style={{ whiteSpace: "pre-wrap" }}>{v}</span> }} style={{ margin: 0, maxWidth: 280 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (v: FeeStandardView["status"]) => (
        <Space orientation="vertical" size={2}>
          <FeeStandardStatusTag status={v} />
          {v === "pending" && kind === "own" && <Typography.Text type="secondary">{t("feeStandard.waitsForBureau")}</Typography.Text>}
        </Space>
      ),
    },
    { title: t("feeStandard.requestedAt"), dataIndex: "requestedAt", render: (v: string) => formatInstant(v) },
    {
      title: t("feeStandard.decision"),
      key: "decision",
      render: (_, r) =>
        r.decidedAt ? (
          <>
            {r.decidedByName ?? "—"} · {formatInstant(r.decidedAt)}
            {r.decisionComment && (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.decisionComment }} style={{ margin: 0, maxWidth: 280 }}>
                {r.decisionComment}
              </Typography.Paragraph>
            )}
          </>
        ) : (
          "—"
        ),
    },
    ...(kind === "approve"
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, r: FeeStandardView) => (
              <Space>
                {r.availableActions
                  .filter((a) => steps[a])
                  .map((a) => (
                    <Button
                      key={a}
                      size="small"
                      danger={a === "reject"}
                      type={a === "approve" ? "primary" : "default"}
                      aria-label={`${steps[a].label}：${r.baseName}`}
                      onClick={() => setActing({ standard: r, action: a })}
                    >
                      {steps[a].label}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const table = <Table<FeeStandardView> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />;

  return (
    <>
      <PageTitle
        extra={
          kind === "own" && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!bases?.length} onClick={() => setCreating(true)}>
              {t("feeStandard.create")}
            </Button>
          )
        }
      >
        {t(kind === "own" ? "menu.feeStandards" : "menu.feeApprovals")}
      </PageTitle>
      {kind === "own" && <Typography.Paragraph type="secondary">{t("feeStandard.intro")}</Typography.Paragraph>}
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name={`feeFilter-${kind}`} layout="inline" initialValues={initial} onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("filing.base")} name="baseId">
            <Select allowClear style={{ width: 260 }} loading={bases === null} showSearch={{ optionFilterProp: "label" }} options={(bases ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 140 }} options={FEE_STANDARD_STATUSES.map((s) => ({ value: s, label: t(`feeStandard.status.${s}`) }))} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              filterForm.setFieldsValue({ status: undefined, baseId: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        {/* The base's own list has no links or buttons in its rows: its scroll area needs a focus of its own. */}
        {kind === "own" ? <ScrollRegion label={t("menu.feeStandards")}>{table}</ScrollRegion> : table}
      </Card>
      {kind === "own" && (
        <FeeStandardModal
          open={creating}
          bases={bases ?? []}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      <StepModal
        step={acting ? steps[acting.action] : null}
        onClose={() => setActing(null)}
        run={async (comment) => {
          if (!acting) return;
          await feeStandardApi.act(acting.standard.id, acting.action, { version: acting.standard.version, ...(comment ? { comment } : {}) });
          void message.success(t("filing.actionDone", { action: steps[acting.action].label }));
          setActing(null);
          list.reload();
        }}
      />
    </>
  );
}
