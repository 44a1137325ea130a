// 签到 (/training-projects/:id/sessions/:sessionId/check-in): a session's live check-in. The base's staff
// show the rotating QR code (new every 30 s; 全屏投影 for the classroom projector) and watch who is in;
// they check a person in by hand (补签, with a reason, audited by the server), print the sign-in sheet,
// and import a signed sheet from Excel. Supervising units and the bureau see the attendance only.
import { useCallback, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Alert, App, Button, Card, Col, Row, Select, Space, Statistic, Typography } from "antd";
import { FilePdfOutlined, FullscreenOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ProjectView } from "../../api/types";
import { checkInApi } from "../../api/endpoints";
import { ExcelImport } from "../../components/ExcelImport";
import { formatDate } from "../../format";
import { useSession } from "../../session/SessionContext";
import { AttendanceTable, type AttendanceRow } from "./AttendanceTable";
import { DeliveryFrame, useDeliveryProject } from "./DeliveryFrame";
import { ManualCheckInModal } from "./ManualCheckInModal";
import { Projector } from "./Projector";
import { useAttendance, useCheckInCode } from "./useCheckInData";

type Session = ProjectView["sessions"][number];

export function sessionText(s: Pick<Session, "date" | "startTime" | "endTime" | "title">): string {
  return `${formatDate(s.date)} ${s.startTime}–${s.endTime} ${s.title}`;
}

export default function CheckInPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useSession();
  const { sessionId = "" } = useParams();
  const { id, project, notFound, today } = useDeliveryProject();
  const session = project?.sessions.find((s) => s.id === sessionId);
  const staff = can("checkIn.manage");
  const live = staff && !!session && project?.status !== "completed";
  const code = useCheckInCode(id, sessionId, live);
  const attendance = useAttendance(id, sessionId, code.code?.token);
  const [projecting, setProjecting] = useState(false);
  const [manual, setManual] = useState<AttendanceRow | null>(null);
  const exitProjector = useCallback(() => setProjecting(false), []);

  const view = attendance.view;
  const checkedIn = view?.checkedIn ?? code.code?.checkedIn ?? 0;
  const enrolled = view?.enrolled ?? code.code?.enrolled ?? 0;
  const mayManual = staff && !!view && view.availableActions.includes("manual");
  const mayImport = staff && !!view && view.availableActions.includes("import");

  const sessionOptions = useMemo(
    () => (project?.sessions ?? []).map((s, i) => ({ value: s.id, label: `${t("delivery.checkIn.sessionNo", { n: i + 1 })} ${sessionText(s)}` })),
    [project?.sessions, t],
  );

  return (
    <DeliveryFrame
      page="checkIn"
      project={project}
      notFound={notFound || attendance.notFound || (!!project && !session)}
      today={today}
      extra={
        <Space wrap className="no-print">
          <Button icon={<FilePdfOutlined />} href={checkInApi.sheetPdfUrl(id, sessionId)} target="_blank" rel="noopener">
            {t("delivery.checkIn.printSheet")}
          </Button>
          {live && !code.closed && (
            <Button type="primary" icon={<FullscreenOutlined />} onClick={() => setProjecting(true)}>
              {t("delivery.checkIn.projector")}
            </Button>
          )}
        </Space>
      }
    >
      {(p) => (
        <>
          <Space wrap style={{ marginBottom: 16 }} className="no-print">
            <label htmlFor="check-in-session">{t("delivery.checkIn.session")}</label>
            <Select
              id="check-in-session"
              style={{ minWidth: 360 }}
              value={sessionId}
              options={sessionOptions}
              onChange={(v: string) => navigate(`/training-projects/${p.id}/sessions/${v}/check-in`)}
            />
            {session && session.date === today && <Typography.Text strong>{t("delivery.checkIn.today")}</Typography.Text>}
          </Space>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {live && (
              <Col xs={24} lg={10}>
                <Card title={t("delivery.checkIn.codeTitle")} className="no-print">
                  {code.closed ? (
                    <Alert type="info" showIcon title={code.closed} description={t("delivery.checkIn.closedHint")} />
                  ) : code.code ? (
                    <div style={{ textAlign: "center" }}>
                      <img src={code.code.qr} alt={t("delivery.checkIn.qrAlt")} data-check-in-url={code.code.url} style={{ width: 260, height: 260, imageRendering: "pixelated" }} />
                      <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }}>
                        {t("delivery.checkIn.window", { opensAt: code.code.opensAt, closesAt: code.code.closesAt })}
                      </Typography.Paragraph>
                      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
                        {t("delivery.checkIn.rotateHint")}
                      </Typography.Paragraph>
                    </div>
                  ) : (
                    <Typography.Text type="secondary">{t("delivery.checkIn.loadingCode")}</Typography.Text>
                  )}
                  {code.failed && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={code.failed} description={t("delivery.checkIn.retrying")} />}
                </Card>
              </Col>
            )}
            <Col xs={24} lg={live ? 14 : 24}>
              <Card title={session ? sessionText(session) : ""}>
                <Space size="large" wrap>
                  <Statistic title={t("delivery.checkIn.checkedIn")} value={checkedIn} suffix={`/ ${enrolled}`} />
                  <Statistic title={t("delivery.checkIn.teacher")} value={session?.teacher || "—"} />
                  <Statistic title={t("delivery.checkIn.hours")} value={session?.hours ?? 0} />
                </Space>
                {staff && (
                  <div className="no-print" style={{ marginTop: 16 }}>
                    <Typography.Paragraph type="secondary">{t("delivery.checkIn.sheetHint")}</Typography.Paragraph>
                    <ExcelImport
                      reportKeys="delivery.import"
                      templateHref={checkInApi.sheetXlsxUrl(p.id, sessionId)}
                      templateLabel={t("delivery.checkIn.downloadSheet")}
                      buttonLabel={t("delivery.checkIn.importSheet")}
                      disabled={!mayImport}
                      upload={async (file) => {
                        const result = await checkInApi.importSheet(p.id, sessionId, file);
                        void message.success(t("delivery.import.done", { count: result.imported, skipped: result.skipped }));
                        attendance.reload();
                      }}
                    />
                  </div>
                )}
              </Card>
            </Col>
          </Row>
          <Card title={t("delivery.checkIn.listTitle")}>
            <AttendanceTable rows={view?.rows ?? null} onManual={mayManual ? setManual : undefined} />
          </Card>
          <ManualCheckInModal
            person={manual}
            onClose={() => setManual(null)}
            run={async (reason) => {
              if (!manual) return;
              await checkInApi.manual(p.id, sessionId, manual.professionalId, reason);
              void message.success(t("delivery.checkIn.manualDone", { name: manual.name }));
              setManual(null);
              attendance.reload();
            }}
          />
          {projecting && session && (
            <Projector
              courseTitle={p.title}
              sessionText={sessionText(session)}
              code={code.code}
              problem={code.closed ?? code.failed}
              checkedIn={checkedIn}
              enrolled={enrolled}
              onExit={exitProjector}
            />
          )}
        </>
      )}
    </DeliveryFrame>
  );
}
