// 报名名单 (/training-projects/:id/enrollments): who enrolled in a filed project, with their attendance
// so far; searchable, exported to Excel, printable. The base's staff add a person by hand or import the
// Excel template while enrolment is open, and cancel an enrolment its availableActions allow (confirmed
// first). Supervising units and the bureau read it. ID numbers come masked from the server.
import { useCallback, useState } from "react";
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Typography, type TableColumnsType } from "antd";
import { UserAddOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ENROLLMENT_STATUSES, type EnrollmentView } from "../../../shared/delivery.js";
import type { Query } from "../../api/client";
import { enrollmentApi, professionalLookupApi } from "../../api/endpoints";
import { ExcelImport } from "../../components/ExcelImport";
import { ExportButton } from "../../components/ExportButton";
import { FilterButtons } from "../../components/FilterButtons";
import { cleanFilters } from "../../components/usePagedList";
import { useKeysetList } from "../../components/useKeysetList";
import { formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { StepModal } from "../../components/StepModal";
import { AddPersonModal } from "./AddPersonModal";
import { ClaimCodeModal, type ClaimSlip } from "./ClaimCodeModal";
import { DeliveryFrame, useDeliveryProject } from "./DeliveryFrame";
import { PagedTable } from "./PagedTable";
import { CompletedTag, EnrollmentStatusTag } from "./deliveryTags";

export default function EnrollmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const { id, project, notFound, today } = useDeliveryProject();
  const load = useCallback((q: Query) => enrollmentApi.list(id, q), [id]);
  const list = useKeysetList(load);
  const [filterForm] = Form.useForm<{ keyword?: string; status?: string }>();
  const [adding, setAdding] = useState(false);
  const [cancelling, setCancelling] = useState<EnrollmentView | null>(null);
  // issue 10 item 2: claim codes just issued, shown once
  const [slips, setSlips] = useState<ClaimSlip[]>([]);
  const issueClaimCode = async (r: EnrollmentView) => {
    try {
      setSlips([{ name: r.name, ...(await professionalLookupApi.issueClaimCode(r.professionalId)) }]);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  // 第十七条: only a filed project takes enrolments, until class starts (the server refuses otherwise).
  const canEnrol = can("enrollment.manage") && project?.status === "filed";

  const columns: TableColumnsType<EnrollmentView> = [
    { title: t("delivery.person.name"), dataIndex: "name" },
    { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("delivery.person.employer"), dataIndex: "employer" },
    { title: t("delivery.person.title"), dataIndex: "title", render: (v: string) => v || "—" },
    { title: t("delivery.enrollments.source"), dataIndex: "source", render: (v: EnrollmentView["source"]) => t(`delivery.enrollmentSource.${v}`) },
    { title: t("delivery.enrollments.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    {
      title: t("delivery.enrollments.attendance"),
      key: "attendance",
      align: "right",
      render: (_, r) => t("delivery.attendanceOf", { attended: r.attendedSessions, sessions: r.sessionCount }),
    },
    { title: t("common.status"), dataIndex: "status", render: (v: EnrollmentView["status"]) => <EnrollmentStatusTag status={v} /> },
    { title: t("delivery.enrollments.completed"), dataIndex: "completed", render: (v: boolean | null) => <CompletedTag completed={v} /> },
    {
      title: t("common.actions"),
      key: "actions",
      className: "no-print",
      render: (_, r) => (
        <Space size="small" wrap>
          {r.availableActions.includes("issueClaimCode") && (
            <Popconfirm title={t("delivery.claimCode.issueConfirm")} onConfirm={() => issueClaimCode(r)} okText={t("common.confirm")} cancelText={t("common.cancel")}>
              <Button size="small" aria-label={t("delivery.claimCode.issueOf", { name: r.name })}>
                {t("delivery.claimCode.issue")}
              </Button>
            </Popconfirm>
          )}
          {r.availableActions.includes("cancel") && (
            <Button size="small" danger onClick={() => setCancelling(r)} aria-label={t("delivery.enrollments.cancelOf", { name: r.name })}>
              {t("delivery.enrollments.cancel")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <DeliveryFrame
      page="enrollments"
      project={project}
      notFound={notFound}
      today={today}
      printable
      extra={
        <>
          <ExportButton href={enrollmentApi.exportUrl(id, list.filters)} />
          {canEnrol && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
              {t("delivery.enrollments.add")}
            </Button>
          )}
        </>
      }
    >
      {(p) => (
        <>
          {canEnrol && (
            <Card title={t("delivery.enrollments.importTitle")} className="no-print" style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary">{t("delivery.enrollments.importHint")}</Typography.Paragraph>
              <ExcelImport
                reportKeys="delivery.import"
                templateHref={enrollmentApi.templateUrl(p.id)}
                templateLabel={t("delivery.import.template")}
                buttonLabel={t("delivery.enrollments.importButton")}
                upload={async (file) => {
                  const result = await enrollmentApi.importFile(p.id, file);
                  void message.success(t("delivery.import.done", { count: result.imported, skipped: result.skipped }));
                  setSlips((result.claimCodes ?? []).map((c) => ({ name: c.name, note: t("delivery.claimCode.row", { row: c.row }), code: c.code, expiresAt: c.expiresAt })));
                  list.reload();
                }}
              />
            </Card>
          )}
          <Card className="no-print" style={{ marginBottom: 16 }}>
            <Form form={filterForm} name="enrollmentFilter" layout="inline" onFinish={(v) => list.setFilters(cleanFilters(v))}>
              <Form.Item label={t("common.status")} name="status">
                <Select allowClear style={{ width: 120 }} options={ENROLLMENT_STATUSES.map((s) => ({ value: s, label: t(`delivery.enrollmentStatus.${s}`) }))} />
              </Form.Item>
              <Form.Item label={t("common.keyword")} name="keyword">
                <Input allowClear maxLength={50} placeholder={t("delivery.enrollments.keywordHint")} />
              </Form.Item>
              <Form.Item label={t("delivery.person.employer")} name="employer">
                <Input allowClear maxLength={50} />
              </Form.Item>
              <FilterButtons
                onReset={() => {
                  filterForm.resetFields();
                  list.setFilters({});
                }}
              />
            </Form>
          </Card>
          <Card title={t("delivery.enrollments.listTitle", { count: list.total, capacity: p.capacity })}>
            <PagedTable<EnrollmentView> list={list} columns={columns} none={t("delivery.enrollments.none")} />
          </Card>
          <AddPersonModal
            projectId={p.id}
            open={adding}
            onClose={() => setAdding(false)}
            onEnrolled={(e) => {
              setAdding(false);
              void message.success(t("delivery.enrollments.added", { name: e.name }));
              if (e.claimCode) setSlips([{ name: e.name, ...e.claimCode }]);
              list.reload();
            }}
          />
          <ClaimCodeModal slips={slips} onClose={() => setSlips([])} />
          <StepModal
            step={
              cancelling
                ? {
                    label: t("delivery.enrollments.cancel"),
                    explain: t("delivery.enrollments.cancelExplain", { name: cancelling.name }),
                    comment: "optional",
                    commentLabel: t("delivery.enrollments.cancelReason"),
                    danger: true,
                  }
                : null
            }
            onClose={() => setCancelling(null)}
            run={async (reason) => {
              if (!cancelling) return;
              await enrollmentApi.cancel(cancelling.id, cancelling.version, reason);
              setCancelling(null);
              void message.success(t("delivery.enrollments.cancelled"));
              list.reload();
            }}
          />
        </>
      )}
    </DeliveryFrame>
  );
}
