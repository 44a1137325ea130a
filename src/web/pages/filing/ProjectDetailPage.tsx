// A training project (/training-projects/:id), for every role in scope: filing number and status, what
// was filed (basis, dates, latest filing date, hours, mode, venue, capacity, fee, completion attendance),
// teachers, sessions, history, and the steps of availableActions only — 提交备案 (base), 退回
// (supervising unit, bureau; with a reason), 撤销 (base; a filed one with a reason) — each confirmed
// first. A refused submit shows the server's message for each broken rule. Printable (the filing
// receipt). A filed project leads to its delivery pages (报名名单, 签到, 结业与证书, 评估, 归档).
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { App, Button, Card, Descriptions, Skeleton, Space, Table } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { projectApi } from "../../api/endpoints";
import type { ProjectView } from "../../api/types";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { PrintButton } from "../../components/PrintButton";
import { ScrollRegion } from "../../components/ScrollRegion";
import { formatDate, formatFen, formatInstant, formatPercent } from "../../format";
import { HistoryTimeline } from "../applications/HistoryTimeline";
import { DeliveryLinks } from "../delivery/DeliveryLinks";
import { AdHocTag, CategoryTag, EmptyRows, ProjectStatusTag, SubjectTypeTag } from "./filingTags";
import { usePolicyAttendance } from "./usePolicyAttendance";
import { SessionsView } from "./SessionsView";
import { StepModal, type StepSpec } from "../../components/StepModal";
import { useRecord } from "./useFilingData";

type Teacher = ProjectView["teachers"][number];

export default function ProjectDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { view, setView, notFound } = useRecord(projectApi.get, id);
  const [action, setAction] = useState<string | null>(null);
  const policyAttendance = usePolicyAttendance(view && view.completionAttendance == null ? view.endDate : null);

  const steps: Record<string, StepSpec> = useMemo(
    () => ({
      submit: { label: t("projectAction.submit"), explain: t("project.confirm.submit"), comment: "none" },
      return: { label: t("projectAction.return"), explain: t("project.confirm.return"), comment: "required", commentLabel: t("filing.returnReason"), danger: true },
      cancel: {
        label: t("projectAction.cancel"),
        explain: t(view?.status === "filed" ? "project.confirm.cancelFiled" : "project.confirm.cancel"),
        comment: view?.status === "filed" ? "required" : "optional",
        commentLabel: t("project.cancelReason"),
        danger: true,
      },
    }),
    [t, view?.status],
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
              <Button icon={<EditOutlined />} onClick={() => navigate(`/training-projects/${view.id}/edit`)}>
                {t("project.edit")}
              </Button>
            )}
            {buttons.map((a) => (
              <Button key={a} type={a === "submit" ? "primary" : "default"} danger={a === "return" || a === "cancel"} onClick={() => setAction(a)}>
                {steps[a].label}
              </Button>
            ))}
          </Space>
        }
      >
        {view.title} <ProjectStatusTag status={view.status} />
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "filingNo", label: t("project.filingNo"), children: view.filingNo ?? t("project.notFiled") },
            { key: "filedAt", label: t("project.filedAt"), children: formatInstant(view.filedAt) || "—" },
            { key: "base", label: t("filing.base"), children: view.baseName },
            { key: "district", label: t("filing.district"), children: view.district || "—" },
            {
              key: "kind",
              label: t("project.basis"),
              children: view.adHoc ? (
                <AdHocTag adHoc />
              ) : view.annualPlanId ? (
                <Link to={`/annual-plans/${view.annualPlanId}`}>{t("project.viewPlan")}</Link>
              ) : (
                "—"
              ),
            },
            ...(view.adHoc ? [{ key: "reason", label: t("project.adHocReason"), children: view.adHocReason || "—" }] : []),
            { key: "subject", label: t("project.subjectType"), children: <SubjectTypeTag type={view.subjectType} /> },
            { key: "category", label: t("filing.category.label"), children: <CategoryTag category={view.category} /> },
            { key: "specialty", label: t("project.specialty"), children: view.specialty || "—" },
            { key: "dates", label: t("project.dates"), children: t("filing.dateRange", { from: formatDate(view.startDate), to: formatDate(view.endDate) }) },
            { key: "latest", label: t("project.latestFilingDate"), children: view.latestFilingDate ? formatDate(view.latestFilingDate) : t("project.calendarNotCovered") },
            { key: "hours", label: t("project.hours"), children: view.hours },
            { key: "mode", label: t("project.mode"), children: t(`trainingMode.${view.mode}`) },
            { key: "venue", label: t("project.venue"), children: view.venue || "—" },
            { key: "capacity", label: t("project.capacity"), children: view.capacity },
            { key: "fee", label: t("project.fee"), children: formatFen(view.feeFen) },
            {
              key: "completionAttendance",
              label: t("project.completionAttendance"),
              children:
                view.completionAttendance != null
                  ? formatPercent(view.completionAttendance)
                  : policyAttendance == null
                    ? t("project.completionAttendanceDefault")
                    : t("project.completionAttendanceByPolicy", { percent: formatPercent(policyAttendance) }),
            },
            { key: "status", label: t("common.status"), children: <ProjectStatusTag status={view.status} /> },
            ...(view.description ? [{ key: "description", label: t("project.description"), children: <span style={{ whiteSpace: "pre-wrap" }}>{view.description}</span>, span: 2 }] : []),
          ]}
        />
      </Card>
      <DeliveryLinks project={view} />
      <Card title={t("project.teachersTitle")} style={{ marginBottom: 16 }}>
        <ScrollRegion label={t("project.teachersTitle")}>
          <Table<Teacher>
            size="small"
            rowKey={(r, i) => `${r.name}-${i}`}
            pagination={false}
            dataSource={view.teachers}
            locale={{ emptyText: <EmptyRows>{t("project.teacher.none")}</EmptyRows> }}
            columns={[
              { title: t("project.teacher.name"), dataIndex: "name" },
              { title: t("project.teacher.title"), dataIndex: "title", render: (v: string) => v || "—" },
              { title: t("project.teacher.org"), dataIndex: "org", render: (v: string) => v || "—" },
            ]}
          />
        </ScrollRegion>
      </Card>
      <Card title={t("project.sessionsTitle")} style={{ marginBottom: 16 }}>
        <SessionsView sessions={view.sessions} hours={view.hours} />
      </Card>
      <Card title={t("filing.history")}>
        <HistoryTimeline history={view.history} actions="projectAction" statuses="projectStatus" />
      </Card>
      <StepModal
        step={action ? steps[action] : null}
        onClose={() => setAction(null)}
        run={async (comment) => {
          if (!action) return;
          const next = await projectApi.act(view.id, action, { version: view.version, ...(comment ? { comment } : {}) });
          setAction(null);
          setView(next);
          void message.success(action === "submit" && next.filingNo ? t("project.filed", { filingNo: next.filingNo }) : t("filing.actionDone", { action: steps[action].label }));
        }}
      />
    </>
  );
}
