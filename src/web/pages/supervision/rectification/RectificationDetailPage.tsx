// A rectification order (/rectification-orders/:id), for every role in scope: the base, deadline and
// overdue mark, each item with the base's report and evidence, the supervising unit's opinion, the
// history, and the steps of availableActions only — the base's report form, 出具意见 (supervising unit),
// 确认下达/撤回/验收通过/退回/延长期限 (bureau) — each confirmed first. An overdue order leads the bureau
// to the base's page to revoke it (第十九条).
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Descriptions, List, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { rectificationApi, type RectificationOrderView } from "../../../api/supervision/rectification";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { useShowError } from "../../../components/useShowError";
import { formatDate, formatInstant } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { HistoryTimeline } from "../../applications/HistoryTimeline";
import { useRecord } from "../../filing/useFilingData";
import { ORDER_STEPS, OrderStepModal } from "./OrderStepModal";
import { OverdueTag, RectificationStatusTag } from "./rectificationTags";
import { ReportForm } from "./ReportForm";

type Item = RectificationOrderView["items"][number];

export default function RectificationDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const { session } = useSession();
  const { view, setView, notFound } = useRecord(rectificationApi.get, id);
  const [action, setAction] = useState<string | null>(null);

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  const buttons = view.availableActions.filter((a) => ORDER_STEPS[a]);
  const isBureau = session?.roles.includes("bureau") ?? false;
  const nameOf = (fileId: string) => view.evidence.find((e) => e.id === fileId)?.name ?? fileId.slice(0, 12);
  const done = (next: RectificationOrderView, a: string) => {
    setView(next);
    void message.success(t("supervision.rectification.done", { action: t(`supervision.rectification.action.${a}`) }));
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button key={a} type={a === "accept" || a === "confirm" ? "primary" : "default"} danger={!!ORDER_STEPS[a].danger} onClick={() => setAction(a)}>
                {t(`supervision.rectification.action.${a}`)}
              </Button>
            ))}
            {isBureau && view.overdue && view.baseStatus !== "revoked" && (
              <Button danger onClick={() => navigate(`/bases/${view.baseId}?revoke=1`)}>
                {t("supervision.rectification.revokeFromOrder")}
              </Button>
            )}
          </Space>
        }
      >
        {view.baseName} <RectificationStatusTag status={view.status} /> <OverdueTag overdue={view.overdue} />
      </PageTitle>
      {view.overdue && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("supervision.rectification.overdueAlert", { deadline: formatDate(view.deadline) })} />}
      {view.baseStatus === "rectifying" && ["open", "reported", "opined"].includes(view.status) && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("supervision.rectification.rectifyingAlert")} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "base", label: t("supervision.rectification.base"), children: <Link to={`/bases/${view.baseId}`}>{view.baseName}</Link> },
            { key: "host", label: t("supervision.rectification.hostOrg"), children: view.hostOrgName },
            { key: "supervisor", label: t("supervision.rectification.supervisorOrg"), children: view.supervisorOrgName },
            {
              key: "deadline",
              label: t("supervision.rectification.deadline"),
              children: (
                <Space size={4}>
                  {formatDate(view.deadline)}
                  <OverdueTag overdue={view.overdue} />
                </Space>
              ),
            },
            { key: "status", label: t("common.status"), children: <RectificationStatusTag status={view.status} /> },
            { key: "created", label: t("supervision.rectification.createdAt"), children: formatInstant(view.createdAt) },
            ...(view.reportedAt ? [{ key: "reported", label: t("supervision.rectification.reportedAt"), children: formatInstant(view.reportedAt) }] : []),
            ...(view.acceptedAt ? [{ key: "accepted", label: t("supervision.rectification.acceptedAt"), children: formatInstant(view.acceptedAt) }] : []),
            ...(view.sourceType
              ? [{ key: "source", label: t("supervision.rectification.source"), children: t(`supervision.rectification.sourceType.${view.sourceType}`, { defaultValue: view.sourceType }) }]
              : []),
          ]}
        />
      </Card>
      {view.availableActions.includes("report") ? (
        <ReportForm
          view={view}
          send={async (payload) => {
            try {
              done(await rectificationApi.act(view.id, "report", { version: view.version, payload }), "report");
            } catch (err) {
              showError(err);
            }
          }}
        />
      ) : (
        <Card title={t("supervision.rectification.itemsTitle")} style={{ marginBottom: 16 }}>
          <List<Item>
            dataSource={view.items}
            renderItem={(item) => (
              <List.Item key={item.key}>
                <div style={{ width: "100%" }}>
                  <Typography.Text strong>{t("supervision.rectification.item", { key: item.key })}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{item.text}</Typography.Paragraph>
                  <Typography.Text type="secondary">{t("supervision.rectification.report")}：</Typography.Text>
                  {item.report ? (
                    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{item.report}</Typography.Paragraph>
                  ) : (
                    <Typography.Text type="secondary">{t("supervision.rectification.noReport")}</Typography.Text>
                  )}
                  {item.evidenceFileIds.length > 0 && (
                    <Space wrap>
                      <Typography.Text type="secondary">{t("supervision.rectification.evidence")}：</Typography.Text>
                      {item.evidenceFileIds.map((f) => (
                        <a key={f} href={rectificationApi.evidenceUrl(view.id, f)} download>
                          {nameOf(f)}
                        </a>
                      ))}
                    </Space>
                  )}
                </div>
              </List.Item>
            )}
          />
          {view.reportNote && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t("supervision.rectification.reportNoteShown")}：</Typography.Text>
              {view.reportNote}
            </Typography.Paragraph>
          )}
        </Card>
      )}
      <Card title={t("supervision.rectification.opinionTitle")} style={{ marginBottom: 16 }}>
        {view.supervisorOpinion ? (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.supervisorOpinion}</Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t("supervision.rectification.noOpinion")}</Typography.Text>
        )}
      </Card>
      <Card title={t("supervision.rectification.history")}>
        <HistoryTimeline history={view.history} actions="supervision.rectification.action" statuses="supervision.rectification.status" />
        <Link to="/rectification-orders">{t("supervision.rectification.backToList")}</Link>
      </Card>
      <OrderStepModal
        step={action ? ORDER_STEPS[action] : null}
        currentDeadline={view.deadline}
        onClose={() => setAction(null)}
        run={async ({ comment, deadline }) => {
          if (!action) return;
          const next = await rectificationApi.act(view.id, action, { version: view.version, ...(comment ? { comment } : {}), ...(deadline ? { payload: { deadline } } : {}) });
          setAction(null);
          done(next, action);
        }}
      />
    </>
  );
}
