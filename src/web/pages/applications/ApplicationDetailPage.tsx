// Application detail (/applications/:id), for every role in scope: status, workflow buttons from
// availableActions only (each confirmed in a dialog), the expert's declaration and score sheet, the
// bureau's panel and scores, notice and objections, the 申报表 read-only, the history, the PDF.
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, Skeleton, Space } from "antd";
import { DownloadOutlined, EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationView } from "../../api/types";
import { ApplicationStatusTag } from "../../components/accreditationTags";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { formatInstant } from "../../format";
import { ActionModal } from "./ActionModal";
import { ConflictDeclarationCard, MyReviewCard, ScoringCard } from "./ExpertCards";
import { missingLabel } from "./formValues";
import { FormView } from "./FormView";
import { HistoryTimeline } from "./HistoryTimeline";
import { NoticeCard, ObjectionsCard } from "./NoticeObjectionsCards";
import { OpenReviewModal } from "./OpenReviewModal";
import { PanelScoresCard } from "./PanelScoresCard";
import { DishonestyFlagAlert } from "../supervision/violations/DishonestyFlagAlert";
import { isEditable, isVersionConflict, missingFromError, useApplication } from "./useApplication";

/** Not step buttons: editing has its own button (and page). */
const NOT_BUTTONS = new Set(["edit"]);

export default function ApplicationDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { view, setView, notFound, reload } = useApplication(id);
  const [action, setAction] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;

  const done = (next: ApplicationView, act: string) => {
    setAction(null);
    setMissing([]);
    setView(next);
    void message.success(t("application.actionDone", { action: t(`appAction.${act}`, { defaultValue: act }) }));
  };
  /** Refusals shown on the page rather than in the dialog. */
  const refused = (err: unknown): boolean => {
    const named = missingFromError(err);
    if (named) {
      setAction(null);
      setMissing(named.length ? named : view.missing);
      return true;
    }
    if (isVersionConflict(err)) {
      setAction(null);
      setConflict(true);
      return true;
    }
    return false;
  };

  const buttons = view.availableActions.filter((a) => !NOT_BUTTONS.has(a));
  const name = view.form?.basics?.baseName || t("application.untitled");
  const reviewSheet = view.reviewSheet ?? [];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {view.form && (
              <Button href={applicationApi.formPdfUrl(view.id)} icon={<DownloadOutlined />} target="_blank" rel="noreferrer">
                {t("application.downloadPdf")}
              </Button>
            )}
            {isEditable(view) && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/applications/${view.id}/edit`)}>
                {t("application.editForm")}
              </Button>
            )}
            {buttons.map((a) => (
              <Button key={a} type={a === "reject" || a === "return" ? "default" : "primary"} danger={a === "reject"} onClick={() => setAction(a)}>
                {t(`appAction.${a}`, { defaultValue: a })}
              </Button>
            ))}
          </Space>
        }
      >
        {name} <ApplicationStatusTag status={view.status} />
      </PageTitle>
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("application.versionConflict")}
          action={
            <Button
              onClick={() => {
                setConflict(false);
                reload();
              }}
            >
              {t("application.reload")}
            </Button>
          }
        />
      )}
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("application.missingTitle")}
          description={missing.map((p) => missingLabel(t, p)).join("；")}
          action={isEditable(view) ? <Link to={`/applications/${view.id}/edit`}>{t("application.editForm")}</Link> : undefined}
        />
      )}
      <DishonestyFlagAlert flags={view.dishonestyRecords} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "applicant", label: t("application.applicant"), children: view.applicantOrgName },
            { key: "supervisor", label: t("application.supervisor"), children: view.supervisorOrgName },
            { key: "status", label: t("common.status"), children: <ApplicationStatusTag status={view.status} /> },
            { key: "submittedAt", label: t("application.submittedAt"), children: formatInstant(view.submittedAt) || "—" },
            { key: "updatedAt", label: t("common.updatedAt"), children: formatInstant(view.updatedAt) },
            ...(view.baseId
              ? [{ key: "base", label: t("application.base"), children: <Link to={`/bases/${view.baseId}`}>{t("application.viewBase")}</Link> }]
              : []),
          ]}
        />
      </Card>
      {view.needsConflictDeclaration && <ConflictDeclarationCard view={view} onDone={setView} />}
      {/* Only a panel member who has declared scores: the bureau also receives the sheet, to read the scores. */}
      {view.needsConflictDeclaration === false && view.status === "under_review" && reviewSheet.length > 0 && !view.myReview && <ScoringCard view={view} onDone={setView} />}
      {view.myReview && <MyReviewCard review={view.myReview} sheet={reviewSheet} />}
      {view.panel && view.panel.length > 0 && <PanelScoresCard view={view} />}
      {view.notice && <NoticeCard notice={view.notice} />}
      {view.objections && view.objections.length > 0 && <ObjectionsCard objections={view.objections} onResolved={reload} />}
      {view.form && <FormView form={view.form} />}
      <Card title={t("application.history")}>
        <HistoryTimeline history={view.history} />
      </Card>
      <ActionModal view={view} action={action === "open-review" ? null : action} onClose={() => setAction(null)} onDone={done} onRefused={refused} />
      <OpenReviewModal view={view} open={action === "open-review"} onClose={() => setAction(null)} onDone={done} onRefused={refused} />
    </>
  );
}
