// 结业与证书 (/training-projects/:id/completion): each enrolled person's attendance against the completion
// rule, 办理结业 once the last session is over (第十七条: decides who completed, issues each a signed
// certificate and registers the hours in their learning record, 第二十四条 — confirmed first, it cannot
// be undone), and the certificates issued: PDF, public verification, revocation with a reason.
import { useCallback, useState } from "react";
import { Alert, App, Button, Card, Descriptions, Progress, Space, Typography, type TableColumnsType } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CompletionPreview, CompletionView, EnrollmentView } from "../../../shared/delivery.js";
import type { Query } from "../../api/client";
import { completionApi, enrollmentApi } from "../../api/endpoints";
import { usePagedList } from "../../components/usePagedList";
import { formatDate, formatInstant } from "../../format";
import { StepModal } from "../../components/StepModal";
import { CertificatesCard } from "./CertificatesCard";
import { CompletionPreviewTable } from "./CompletionPreviewTable";
import { DeliveryFrame, useDeliveryProject, useProjectData } from "./DeliveryFrame";
import { PagedTable } from "./PagedTable";
import { CompletedTag } from "./deliveryTags";

export default function CompletionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id, project, notFound, today, reload } = useDeliveryProject();
  const load = useCallback((q: Query) => enrollmentApi.list(id, { ...q, status: "enrolled" }), [id]);
  const list = usePagedList(load);
  const [confirming, setConfirming] = useState(false);
  const [preview, setPreview] = useState<{ data: CompletionPreview | null; error: string | null }>({ data: null, error: null });
  const openConfirm = () => {
    setPreview({ data: null, error: null });
    setConfirming(true);
    completionApi.preview(id).then(
      (data) => setPreview({ data, error: null }),
      (e: unknown) => setPreview({ data: null, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  const [certificatesTick, setCertificatesTick] = useState(0);

  const canComplete = !!project?.availableActions.includes("complete");
  const concludedAt = project?.concludedAt ?? null;

  // A concluded project shows its outcome (the step's own answer right after it is taken).
  const [result, setResult] = useProjectData<CompletionView>(completionApi.completion, concludedAt ? id : null);

  const columns: TableColumnsType<EnrollmentView> = [
    { title: t("delivery.person.name"), dataIndex: "name" },
    { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("delivery.person.employer"), dataIndex: "employer" },
    {
      title: t("delivery.enrollments.attendance"),
      key: "attendance",
      render: (_, r) => (
        <Space>
          <Progress
            type="line"
            size="small"
            style={{ width: 120, margin: 0 }}
            percent={r.sessionCount ? Math.round((r.attendedSessions / r.sessionCount) * 100) : 0}
            showInfo={false}
            aria-hidden
          />
          {t("delivery.attendanceOf", { attended: r.attendedSessions, sessions: r.sessionCount })}
        </Space>
      ),
    },
    { title: t("delivery.enrollments.completed"), dataIndex: "completed", render: (v: boolean | null) => <CompletedTag completed={v} /> },
    {
      title: t("delivery.completion.certificate"),
      dataIndex: "certificateId",
      render: (v: string | null) => (v ? t("delivery.completion.issued") : "—"),
    },
  ];

  return (
    <DeliveryFrame
      page="completion"
      project={project}
      notFound={notFound}
      today={today}
      printable
      extra={
        canComplete && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={openConfirm}>
            {t("delivery.completion.complete")}
          </Button>
        )
      }
    >
      {(p) => (
        <>
          {result && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={t("delivery.completion.doneTitle", { at: formatInstant(result.concludedAt) })}
              description={
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 4 }}
                  items={[
                    { key: "enrolled", label: t("delivery.completion.enrolled"), children: result.enrolled },
                    { key: "completed", label: t("delivery.completion.completedCount"), children: result.completed },
                    { key: "not", label: t("delivery.completion.notCompletedCount"), children: result.notCompleted },
                    { key: "issued", label: t("delivery.completion.certificatesIssued"), children: result.certificatesIssued },
                  ]}
                />
              }
            />
          )}
          {!result && canComplete && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("delivery.completion.readyHint")} />}
          {!result && !canComplete && !p.concludedAt && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("delivery.completion.notYetHint", { endDate: formatDate(p.endDate) })} />
          )}
          <Card title={t("delivery.completion.attendanceTitle")} style={{ marginBottom: 16 }}>
            <PagedTable<EnrollmentView> list={list} columns={columns} none={t("delivery.enrollments.none")} />
          </Card>
          <CertificatesCard projectId={p.id} refreshKey={certificatesTick} />
          <StepModal
            step={
              confirming
                ? {
                    label: t("delivery.completion.complete"),
                    explain: (
                      <>
                        <Typography.Paragraph>{t("delivery.completion.confirm", { enrolled: preview.data?.enrolled ?? list.total })}</Typography.Paragraph>
                        <CompletionPreviewTable preview={preview.data} error={preview.error} />
                      </>
                    ),
                    comment: "none",
                  }
                : null
            }
            onClose={() => setConfirming(false)}
            run={async () => {
              const done = await completionApi.complete(p.id, p.version);
              setConfirming(false);
              setResult(done);
              void message.success(t("delivery.completion.done", { count: done.certificatesIssued }));
              reload();
              list.reload();
              setCertificatesTick((n) => n + 1);
            }}
          />
        </>
      )}
    </DeliveryFrame>
  );
}
