// A change report (/change-reports/:id), for every role in scope: the base, each change before and after,
// the reason and evidence, the bureau's comment, the history, and the steps of availableActions only —
// 确认变更 / 要求补充材料 (bureau), 重新报告 / 撤回报告 (base) — each confirmed first.
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { changeReportApi, type ChangeReportView } from "../../../api/supervision/change-reports";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { StepModal, type StepSpec } from "../../../components/StepModal";
import { formatDate, formatInstant } from "../../../format";
import { HistoryTimeline } from "../../applications/HistoryTimeline";
import { useRecord } from "../../filing/useFilingData";
import { ChangeReportFormModal } from "./ChangeReportFormModal";
import { ChangeReportStatusTag } from "./changeReportTags";
import { ChangesTable } from "./ChangesTable";

/** The steps confirmed in a dialog and their comment (要求补充材料 needs one); 重新报告 opens the form. */
const STEP_COMMENT: Record<string, "optional" | "required"> = { accept: "optional", return: "required", withdraw: "optional" };
const DANGER = new Set(["return", "withdraw"]);

export default function ChangeReportDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { view, setView, notFound } = useRecord(changeReportApi.get, id);
  const [action, setAction] = useState<string | null>(null);
  const [resubmitting, setResubmitting] = useState(false);
  const step = useMemo<StepSpec | null>(
    () =>
      action
        ? {
            label: t(`supervision.changeReports.action.${action}`),
            explain: t(`supervision.changeReports.explain.${action}`),
            comment: STEP_COMMENT[action],
            commentLabel: t(`supervision.changeReports.commentLabel.${action}`),
            commentMax: 2000,
            danger: DANGER.has(action),
          }
        : null,
    [action, t],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  const done = (next: ChangeReportView, a: string) => {
    setView(next);
    void message.success(t("supervision.changeReports.done", { action: t(`supervision.changeReports.action.${a}`) }));
  };
  const buttons = view.availableActions.filter((a) => a === "resubmit" || STEP_COMMENT[a]);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button
                key={a}
                type={a === "accept" || a === "resubmit" ? "primary" : "default"}
                danger={a === "return" || a === "withdraw"}
                onClick={() => (a === "resubmit" ? setResubmitting(true) : setAction(a))}
              >
                {t(`supervision.changeReports.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {view.baseName} <ChangeReportStatusTag status={view.status} />
      </PageTitle>
      {view.baseStatus === "revoked" && view.status !== "accepted" && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.revokedAlert")} />}
      {view.status === "submitted" && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.pendingAlert")} />}
      {view.status === "returned" && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.returnedAlert", { comment: view.decisionComment ?? "" })} />
      )}
      {view.status === "accepted" && view.decidedAt && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.acceptedAlert", { date: formatDate(view.decidedAt.slice(0, 10)) })} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "base", label: t("supervision.changeReports.base"), children: <Link to={`/bases/${view.baseId}`}>{view.baseName}</Link> },
            { key: "host", label: t("supervision.changeReports.hostOrg"), children: view.hostOrgName },
            { key: "supervisor", label: t("supervision.changeReports.supervisorOrg"), children: view.supervisorOrgName },
            { key: "plaque", label: t("supervision.changeReports.plaqueSerial"), children: view.plaqueSerial },
            { key: "status", label: t("common.status"), children: <ChangeReportStatusTag status={view.status} /> },
            { key: "created", label: t("supervision.changeReports.createdAt"), children: formatInstant(view.createdAt) },
            ...(view.submittedByName ? [{ key: "by", label: t("supervision.changeReports.submittedBy"), children: view.submittedByName }] : []),
            ...(view.decidedAt ? [{ key: "decided", label: t("supervision.changeReports.decidedAt"), children: formatInstant(view.decidedAt) }] : []),
          ]}
        />
      </Card>
      <Card title={t("supervision.changeReports.changesTitle")} style={{ marginBottom: 16 }}>
        <ChangesTable changes={view.changes} previous={view.previous} />
        <Typography.Paragraph style={{ marginTop: 16, whiteSpace: "pre-wrap" }}>
          <Typography.Text type="secondary">{t("supervision.changeReports.reason")}：</Typography.Text>
          {view.reason}
        </Typography.Paragraph>
        <Space wrap>
          <Typography.Text type="secondary">{t("supervision.changeReports.evidence")}：</Typography.Text>
          {view.evidence.length === 0 && <Typography.Text type="secondary">{t("supervision.changeReports.noEvidence")}</Typography.Text>}
          {view.evidence.map((e) => (
            <a key={e.id} href={changeReportApi.evidenceUrl(view.id, e.id)} download>
              {e.name}
            </a>
          ))}
        </Space>
        {view.decisionComment && (
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: "pre-wrap" }}>
            <Typography.Text type="secondary">{t("supervision.changeReports.decisionComment")}：</Typography.Text>
            {view.decisionComment}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t("supervision.changeReports.history")}>
        <HistoryTimeline history={view.history} actions="supervision.changeReports.action" statuses="supervision.changeReports.status" />
        <Link to="/change-reports">{t("supervision.changeReports.backToList")}</Link>
      </Card>
      <StepModal
        step={step}
        onClose={() => setAction(null)}
        run={async (comment) => {
          if (!action) return;
          const next = await changeReportApi.act(view.id, action, { version: view.version, ...(comment ? { comment } : {}) });
          setAction(null);
          done(next, action);
        }}
      />
      <ChangeReportFormModal
        open={resubmitting}
        report={view}
        onClose={() => setResubmitting(false)}
        onDone={(next) => {
          setResubmitting(false);
          done(next, "resubmit");
        }}
      />
    </>
  );
}
