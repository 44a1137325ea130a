// A violation (/violations/:id, 第二十条): the base and its host organization, the kind, facts, evidence,
// persons responsible and project concerned; the decision (decision number, basis, the dishonesty record
// it created); the history; and the bureau's steps from availableActions only — 认定违规 (confirmed
// twice: it revokes the base and publishes a 失信 record) and 不予认定 (with a reason).
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, List, Skeleton, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ViolationView } from "../../../../shared/supervision/violations.js";
import { violationApi } from "../../../api/supervision/violations";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { formatInstant } from "../../../format";
import { HistoryTimeline } from "../../applications/HistoryTimeline";
import { StepModal, type StepSpec } from "../../../components/StepModal";
import { useRecord } from "../../filing/useFilingData";
import { ConfirmViolationModal } from "./ConfirmViolationModal";
import { ViolationKindTag, ViolationStatusTag } from "./violationTags";

export default function ViolationDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { view, setView, notFound } = useRecord(violationApi.get, id);
  const [action, setAction] = useState<"confirm" | "dismiss" | null>(null);

  const dismiss: StepSpec = useMemo(
    () => ({
      label: t("supervision.violations.action.dismiss"),
      explain: t("supervision.violations.dismissExplain"),
      comment: "required",
      commentLabel: t("supervision.violations.dismissReason"),
    }),
    [t],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;

  const done = (next: ViolationView, act: string) => {
    setAction(null);
    setView(next);
    void message.success(t("supervision.violations.done", { action: t(`supervision.violations.action.${act}`) }));
  };
  const buttons = view.availableActions.filter((a): a is "confirm" | "dismiss" => a === "confirm" || a === "dismiss");

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button key={a} type={a === "confirm" ? "primary" : "default"} danger={a === "confirm"} onClick={() => setAction(a)}>
                {t(`supervision.violations.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {t("supervision.violations.detailTitle", { base: view.baseName })} <ViolationStatusTag status={view.status} />
      </PageTitle>
      {view.hostOrgLiveRecords > 0 && view.status !== "confirmed" && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("supervision.violations.liveRecords", { count: view.hostOrgLiveRecords })} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "base", label: t("supervision.violations.field.base"), children: <Link to={`/bases/${view.baseId}`}>{view.baseName}</Link> },
            { key: "baseStatus", label: t("supervision.violations.field.baseStatus"), children: t(`baseStatus.${view.baseStatus}`, { defaultValue: view.baseStatus }) },
            { key: "hostOrg", label: t("supervision.violations.field.hostOrg"), children: view.hostOrgName },
            { key: "supervisor", label: t("supervision.violations.field.supervisor"), children: view.supervisorOrgName },
            { key: "kind", label: t("supervision.violations.field.kind"), children: <ViolationKindTag kind={view.kind} /> },
            { key: "status", label: t("common.status"), children: <ViolationStatusTag status={view.status} /> },
            {
              key: "project",
              label: t("supervision.violations.field.project"),
              children: view.projectId ? <Link to={`/training-projects/${view.projectId}`}>{view.projectFilingNo ? `${view.projectTitle}（${view.projectFilingNo}）` : view.projectTitle}</Link> : "—",
            },
            { key: "reportedBy", label: t("supervision.violations.field.reportedBy"), children: `${view.reportedByName ?? "—"} · ${formatInstant(view.createdAt)}` },
            {
              key: "facts",
              label: t("supervision.violations.field.facts"),
              span: "filled",
              children: <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.facts}</Typography.Paragraph>,
            },
          ]}
        />
      </Card>
      <Card title={t("supervision.violations.field.evidence")} style={{ marginBottom: 16 }}>
        {view.evidence.length === 0 ? (
          <Typography.Text type="secondary">{t("supervision.violations.noEvidence")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={view.evidence}
            renderItem={(f) => (
              <List.Item>
                <a href={violationApi.evidenceUrl(view.id, f.id)} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t("supervision.violations.field.responsiblePersons")} style={{ marginBottom: 16 }}>
        {view.responsiblePersons.length === 0 ? (
          <Typography.Text type="secondary">{t("supervision.violations.noPersons")}</Typography.Text>
        ) : (
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={view.responsiblePersons}
            columns={[
              { title: t("supervision.violations.field.personName"), dataIndex: "name" },
              { title: t("supervision.violations.field.personPost"), dataIndex: "post", render: (v: string) => v || "—" },
            ]}
          />
        )}
      </Card>
      {view.decidedAt && (
        <Card title={t("supervision.violations.sanction")} style={{ marginBottom: 16 }}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: "decidedBy", label: t("supervision.violations.field.decidedBy"), children: `${view.decidedByName ?? "—"} · ${formatInstant(view.decidedAt)}` },
              ...(view.decisionNo ? [{ key: "decisionNo", label: t("supervision.violations.field.decisionNo"), children: view.decisionNo }] : []),
              ...(view.basis ? [{ key: "basis", label: t("supervision.violations.field.basis"), children: view.basis }] : []),
              ...(view.decisionComment
                ? [{ key: "comment", label: t("supervision.violations.field.decisionComment"), span: "filled" as const, children: <span style={{ whiteSpace: "pre-wrap" }}>{view.decisionComment}</span> }]
                : []),
              ...(view.dishonestyRecordId
                ? [{ key: "record", label: t("supervision.violations.dishonestyRecord"), children: <Link to={`/dishonesty-records?q=${encodeURIComponent(view.hostOrgName)}`}>{t("supervision.violations.viewRecord")}</Link> }]
                : []),
            ]}
          />
        </Card>
      )}
      <Card title={t("supervision.violations.history")}>
        <HistoryTimeline history={view.history} actions="supervision.violations.action" statuses="supervision.violations.status" />
      </Card>
      <ConfirmViolationModal
        view={view}
        open={action === "confirm"}
        onClose={() => setAction(null)}
        run={async (body) => done(await violationApi.act(view.id, "confirm", { version: view.version, ...body }), "confirm")}
      />
      <StepModal
        step={action === "dismiss" ? dismiss : null}
        onClose={() => setAction(null)}
        run={async (comment) => done(await violationApi.act(view.id, "dismiss", { version: view.version, comment }), "dismiss")}
      />
    </>
  );
}
