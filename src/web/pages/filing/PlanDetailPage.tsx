// An annual plan (/annual-plans/:id), for every role in scope: status and the late mark, the planned
// projects, the summary of the year before, the history, and the steps of availableActions only —
// 报送 (base), 审核通过 / 退回修改 (supervising unit), 备案 / 退回修改 (bureau) — each confirmed first,
// 退回 with its reason. Printable.
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { App, Button, Card, Descriptions, Skeleton, Space, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { PrintButton } from "../../components/PrintButton";
import { formatDate, formatInstant } from "../../format";
import { HistoryTimeline } from "../applications/HistoryTimeline";
import { LateTag, PlanStatusTag } from "./filingTags";
import { PlanItemsView, PlanSummaryView } from "./PlanTables";
import { StepModal, type StepSpec } from "../../components/StepModal";
import { useBusinessToday, useRecord } from "./useFilingData";

export default function PlanDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { view, setView, notFound } = useRecord(annualPlanApi.get, id);
  const [action, setAction] = useState<string | null>(null);
  const today = useBusinessToday();
  const lateNow = !!view && today > view.dueDate;

  const steps: Record<string, StepSpec> = useMemo(
    () => ({
      submit: {
        label: t("planAction.submit"),
        explain: [t("plan.confirm.submitShort"), lateNow && view ? t("plan.confirm.late", { dueDate: formatDate(view.dueDate) }) : ""].join(""),
        comment: "none",
      },
      approve: { label: t("planAction.approve"), explain: t("plan.confirm.approve"), comment: "optional" },
      return: { label: t("planAction.return"), explain: t("plan.confirm.return"), comment: "required", commentLabel: t("filing.returnReason"), danger: true },
      file: { label: t("planAction.file"), explain: t("plan.confirm.file"), comment: "optional" },
    }),
    [t, lateNow, view],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  const editable = view.availableActions.includes("submit") || view.availableActions.includes("edit");
  const buttons = view.availableActions.filter((a) => steps[a]);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap className="no-print">
            <PrintButton />
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/annual-plans/${view.id}/edit`)}>
                {t("plan.edit")}
              </Button>
            )}
            {buttons.map((a) => (
              <Button key={a} type={a === "return" ? "default" : "primary"} danger={a === "return"} onClick={() => setAction(a)}>
                {steps[a].label}
              </Button>
            ))}
          </Space>
        }
      >
        {t("plan.titleOf", { base: view.baseName, year: view.year })} <PlanStatusTag status={view.status} /> <LateTag late={view.late} />
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "base", label: t("filing.base"), children: view.baseName },
            { key: "year", label: t("plan.year"), children: view.year },
            { key: "status", label: t("common.status"), children: <Space size={4}><PlanStatusTag status={view.status} /><LateTag late={view.late} /></Space> },
            { key: "due", label: t("plan.dueDate"), children: formatDate(view.dueDate) },
            { key: "submittedAt", label: t("plan.submittedAt"), children: formatInstant(view.submittedAt) || "—" },
            { key: "filedAt", label: t("plan.filedAt"), children: formatInstant(view.filedAt) || "—" },
            { key: "updatedAt", label: t("common.updatedAt"), children: formatInstant(view.updatedAt) },
          ]}
        />
      </Card>
      <Card title={t("plan.itemsTitle", { year: view.year })} style={{ marginBottom: 16 }}>
        <PlanItemsView items={view.items} />
      </Card>
      <Card title={t("plan.summaryTitle", { year: view.summary.year })} style={{ marginBottom: 16 }}>
        <PlanSummaryView summary={view.summary} />
      </Card>
      {view.note && (
        <Card title={t("plan.note")} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.note}</Typography.Paragraph>
        </Card>
      )}
      <Card title={t("filing.history")}>
        <HistoryTimeline history={view.history} actions="planAction" statuses="planStatus" />
      </Card>
      <StepModal
        step={action ? steps[action] : null}
        onClose={() => setAction(null)}
        run={async (comment) => {
          if (!action) return;
          const next = await annualPlanApi.act(view.id, action, { version: view.version, ...(comment ? { comment } : {}) });
          setAction(null);
          setView(next);
          void message.success(t("filing.actionDone", { action: steps[action].label }));
        }}
      />
    </>
  );
}
