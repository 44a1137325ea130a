// An inspection (/inspections/:id) for every role in scope: the result, each dimension's criteria with
// the platform's facts beside them, the base's answer (申辩), the conclusion and the history. The unit
// scores its draft here; buttons for the steps come from availableActions only, each confirmed first:
// 刷新平台数据 / 报送结果 / 确定结果 (unit), 提出申辩 (base, with its text and files). Printable as PDF.
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, Input, Skeleton, Space, Typography } from "antd";
import { FilePdfOutlined, SaveOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { inspectionApi, type InspectionView } from "../../../api/supervision/inspections";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { useSubmit } from "../../../components/useSubmit";
import { formatDate, formatInstant, formatScore } from "../../../format";
import { HistoryTimeline } from "../../applications/HistoryTimeline";
import { StepModal, type StepSpec } from "../../../components/StepModal";
import { useBusinessToday, useRecord } from "../../filing/useFilingData";
import { AnswerModal } from "./AnswerModal";
import { DimensionCard, type ScoreDraft } from "./DimensionCard";
import { GradeTag, InspectionStatusTag } from "./inspectionTags";

function draftsOf(v: InspectionView): Record<string, ScoreDraft> {
  return Object.fromEntries(v.dimensions.flatMap((d) => d.criteria.map((c) => [c.key, { score: c.score, comment: c.comment, evidence: c.evidenceFiles }])));
}

export default function InspectionDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const tx = (k: string, o?: Record<string, unknown>) => t(`supervision.inspections.${k}`, o);
  const { message } = App.useApp();
  const { view, setView, notFound } = useRecord(inspectionApi.get, id);
  const today = useBusinessToday();
  const [action, setAction] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, ScoreDraft>>({});
  const [summary, setSummary] = useState("");
  const [dirty, setDirty] = useState(false);
  const { submitting, submit } = useSubmit();

  useEffect(() => {
    if (!view) return;
    setDrafts(draftsOf(view));
    setSummary(view.summary);
    setDirty(false);
  }, [view]);

  const steps: Record<string, StepSpec> = useMemo(
    () => ({
      "refresh-facts": { label: tx("action.refresh-facts"), explain: tx("confirm.refresh-facts"), comment: "none" },
      submit: { label: tx("action.submit"), explain: tx("confirm.submit"), comment: "none" },
      finalize: { label: tx("action.finalize"), explain: tx("confirm.finalize"), comment: "optional", commentLabel: tx("finalComment") },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  const editable = view.canEdit;

  /** Saves the unit's scores and summary; answers the saved view (the current one when nothing changed). */
  const save = async (): Promise<InspectionView> => {
    if (!dirty) return view;
    const scores = Object.fromEntries(Object.entries(drafts).map(([k, d]) => [k, { score: d.score, comment: d.comment, evidenceFileIds: d.evidence.map((e) => e.fileId) }]));
    const next = await inspectionApi.update(view.id, { version: view.version, scores, summary });
    setView(next);
    return next;
  };

  const windowText = view.answerDue ? (today <= view.answerDue ? tx("windowOpen", { date: formatDate(view.answerDue) }) : tx("windowClosed", { date: formatDate(view.answerDue) })) : null;
  const buttons = view.availableActions.filter((a) => a === "answer" || steps[a]);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap className="no-print">
            <Button icon={<FilePdfOutlined />} href={inspectionApi.reportUrl(view.id)} target="_blank">
              {tx("report")}
            </Button>
            {editable && (
              <Button icon={<SaveOutlined />} disabled={!dirty} loading={submitting} onClick={() => void submit(async () => (await save(), void message.success(tx("saved"))))}>
                {tx("save")}
              </Button>
            )}
            {buttons.map((a) => (
              <Button key={a} type={a === "refresh-facts" ? "default" : "primary"} onClick={() => setAction(a)}>
                {tx(`action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {tx("titleOf", { base: view.baseName, year: view.year })} <InspectionStatusTag status={view.status} />
      </PageTitle>
      {dirty && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={tx("unsaved")} />}
      {view.status === "submitted" && windowText && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={windowText} />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: "base", label: tx("base"), children: view.baseName },
            { key: "year", label: tx("year"), children: view.year },
            { key: "unit", label: tx("unit"), children: view.supervisorOrgName },
            { key: "status", label: t("common.status"), children: <InspectionStatusTag status={view.status} /> },
            { key: "total", label: tx("total"), children: <Typography.Text strong>{formatScore(view.totalScore)}</Typography.Text> },
            { key: "grade", label: tx("grade"), children: <GradeTag grade={view.grade} /> },
            {
              key: "scheme",
              label: tx("scheme"),
              children: <Link to={`/inspection-schemes?year=${view.year}&supervisorOrgId=${view.supervisorOrgId}`}>{view.schemeIsDefault ? tx("schemeDefault") : tx("schemeOwn")}</Link>,
            },
            { key: "submittedAt", label: tx("submittedAt"), children: formatInstant(view.submittedAt) || "—" },
            { key: "answerDue", label: tx("answerDue"), children: formatDate(view.answerDue) || "—" },
            { key: "finalizedAt", label: tx("finalizedAt"), children: formatInstant(view.finalizedAt) || "—" },
            { key: "factsAt", label: tx("facts"), children: tx("factsAt", { at: formatInstant(view.factsAt) }) },
          ]}
        />
      </Card>
      {view.dimensions.map((d) => (
        <DimensionCard
          key={d.key}
          inspectionId={view.id}
          dimension={d}
          editable={editable}
          drafts={drafts}
          onChange={(key, next) => {
            setDrafts((cur) => ({ ...cur, [key]: next }));
            setDirty(true);
          }}
        />
      ))}
      <Card title={tx("summary")} style={{ marginBottom: 16 }}>
        {editable ? (
          <Input.TextArea
            aria-label={tx("summary")}
            placeholder={tx("summaryPlaceholder")}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={5000}
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              setDirty(true);
            }}
          />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.summary || "—"}</Typography.Paragraph>
        )}
      </Card>
      {view.status !== "draft" && (
        <Card title={tx("answer")} style={{ marginBottom: 16 }}>
          {view.answer ? (
            <>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{view.answer}</Typography.Paragraph>
              <Space wrap>
                {view.answerFiles.map((f) => (
                  <a key={f.fileId} href={inspectionApi.fileUrl(view.id, f.fileId)} download>
                    {f.name}
                  </a>
                ))}
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
                {tx("answeredAt")}：{formatInstant(view.answeredAt)}
              </Typography.Paragraph>
            </>
          ) : (
            <Typography.Text type="secondary">{windowText && view.status === "submitted" ? windowText : tx("noAnswer")}</Typography.Text>
          )}
        </Card>
      )}
      {view.status === "finalized" && (
        <Card title={tx("finalComment")} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.finalComment || "—"}</Typography.Paragraph>
        </Card>
      )}
      <Card title={tx("history")}>
        <HistoryTimeline history={view.history} actions="supervision.inspections.action" statuses="supervision.inspections.status" />
      </Card>
      <StepModal
        step={action && steps[action] ? steps[action] : null}
        onClose={() => setAction(null)}
        run={async (comment) => {
          if (!action) return;
          const current = action === "submit" ? await save() : view;
          const next = await inspectionApi.act(view.id, action, { version: current.version, ...(comment ? { comment } : {}) });
          void message.success(tx("done", { action: steps[action].label }));
          setAction(null);
          setView(next);
        }}
      />
      <AnswerModal
        open={action === "answer"}
        onClose={() => setAction(null)}
        run={async (comment, fileIds) => {
          const next = await inspectionApi.act(view.id, "answer", { version: view.version, comment, payload: { fileIds } });
          void message.success(tx("done", { action: tx("action.answer") }));
          setAction(null);
          setView(next);
        }}
      />
    </>
  );
}
