// One risk flag (/risk-flags/:id, issue 12 item 4): the base, the kind and the article it concerns, the
// figures and every record behind it with a link to where it is shown; and the reviewer's steps from
// availableActions only — 排除 (the bureau, with a reason) and 转为违规记录 (a violation report of 第二十条).
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { App, Button, Card, Descriptions, List, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RiskFlagView } from "../../../../shared/supervision/risk-flags.js";
import { riskFlagApi } from "../../../api/supervision/risk-flags";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { StepModal, type StepSpec } from "../../../components/StepModal";
import { formatFen, formatInstant } from "../../../format";
import { useRecord } from "../../filing/useFilingData";
import { evidenceLink, RiskKindTag, RiskStatusTag } from "./riskTags";

type Step = "dismiss" | "convert";

export default function RiskFlagDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { view, setView, notFound } = useRecord(riskFlagApi.get, id);
  const [step, setStep] = useState<Step | null>(null);

  const specs: Record<Step, StepSpec> = useMemo(
    () => ({
      dismiss: { label: t("supervision.riskFlags.action.dismiss"), explain: t("supervision.riskFlags.dismissExplain"), comment: "required", commentLabel: t("supervision.riskFlags.dismissReason") },
      convert: { label: t("supervision.riskFlags.action.convert"), explain: t("supervision.riskFlags.convertExplain"), comment: "none", danger: true },
    }),
    [t],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;

  const done = (next: RiskFlagView, act: Step) => {
    setStep(null);
    setView(next);
    void message.success(t("supervision.riskFlags.done", { action: t(`supervision.riskFlags.action.${act}`) }));
  };
  const run = async (comment: string | undefined) => {
    if (step === "dismiss") done(await riskFlagApi.dismiss(view.id, { reason: comment ?? "", version: view.version }), "dismiss");
    else if (step === "convert") done(await riskFlagApi.convert(view.id, { version: view.version }), "convert");
  };
  const buttons = view.availableActions.filter((a): a is Step => a === "dismiss" || a === "convert");
  const facts = Object.entries(view.evidence.facts).filter(([, v]) => v !== null && v !== "");
  // Money in fen shows as ¥; codes (subject type, archive items) in words.
  const factText = (key: string, v: string | number | null): string => {
    if (key.endsWith("Fen") && typeof v === "number") return formatFen(v);
    if (key === "subjectType") return t(`supervision.riskFlags.subjectType.${String(v)}`, { defaultValue: String(v) });
    if (key === "missing") return String(v).split(",").map((m) => t(`supervision.riskFlags.archiveItem.${m}`, { defaultValue: m })).join("、");
    return String(v);
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button key={a} type={a === "convert" ? "primary" : "default"} danger={a === "convert"} onClick={() => setStep(a)}>
                {t(`supervision.riskFlags.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {t("supervision.riskFlags.detailTitle", { base: view.baseName })} <RiskStatusTag status={view.status} />
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "kind", label: t("supervision.riskFlags.field.kind"), children: <RiskKindTag kind={view.kind} /> },
            { key: "article", label: t("supervision.riskFlags.field.article"), children: view.article },
            { key: "base", label: t("supervision.riskFlags.field.base"), children: <Link to={`/bases/${view.baseId}`}>{view.baseName}</Link> },
            { key: "supervisor", label: t("supervision.riskFlags.field.supervisor"), children: view.supervisorOrgName },
            { key: "project", label: t("supervision.riskFlags.field.project"), children: view.projectId ? <Link to={`/training-projects/${view.projectId}`}>{view.projectTitle}</Link> : "—" },
            { key: "detectedAt", label: t("supervision.riskFlags.field.detectedAt"), children: formatInstant(view.detectedAt) },
            { key: "explain", label: t("supervision.riskFlags.field.meaning"), span: "filled", children: t(`supervision.riskFlags.meaning.${view.kind}`) },
            ...(view.dismissedAt
              ? [
                  { key: "dismissedBy", label: t("supervision.riskFlags.field.dismissedBy"), children: `${view.dismissedByName ?? "—"} · ${formatInstant(view.dismissedAt)}` },
                  { key: "reason", label: t("supervision.riskFlags.dismissReason"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap" }}>{view.dismissReason}</span> },
                ]
              : []),
            ...(view.violationId ? [{ key: "violation", label: t("supervision.riskFlags.field.violation"), children: <Link to={`/violations/${view.violationId}`}>{t("supervision.riskFlags.viewViolation")}</Link> }] : []),
          ]}
        />
      </Card>
      {facts.length > 0 && (
        <Card title={t("supervision.riskFlags.facts")} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={facts.map(([k, v]) => ({ key: k, label: t(`supervision.riskFlags.fact.${k}`, { defaultValue: k }), children: factText(k, v) }))} />
        </Card>
      )}
      <Card title={t("supervision.riskFlags.evidence", { count: view.evidence.total })}>
        <List
          size="small"
          dataSource={view.evidence.records}
          locale={{ emptyText: t("supervision.riskFlags.noRecords") }}
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <Space wrap size={4}>
                  <Tag>{t(`supervision.riskFlags.recordType.${r.type}`, { defaultValue: r.type })}</Tag>
                  <Link to={evidenceLink(r, view.baseId)} style={{ wordBreak: "break-all" }}>
                    {r.label}
                  </Link>
                </Space>
                <Typography.Text type="secondary" style={{ wordBreak: "break-all" }}>
                  {r.detail}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {view.evidence.total > view.evidence.records.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t("supervision.riskFlags.moreRecords", { shown: view.evidence.records.length, total: view.evidence.total })}
          </Typography.Paragraph>
        )}
      </Card>
      <StepModal step={step ? specs[step] : null} onClose={() => setStep(null)} run={run} />
    </>
  );
}
