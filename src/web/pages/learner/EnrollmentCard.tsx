// One course in 我的课程: where and when, each session with the person's check-in, completion and the
// certificate (PDF, public verification), the evaluation survey and cancelling the enrolment.
import { Link } from "react-router-dom";
import { App, Button, Card, Descriptions, Flex, List, Space, Typography } from "antd";
import { CheckCircleFilled, DownloadOutlined, FormOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { MyEnrollmentView } from "../../../shared/delivery.js";
import { myCourseApi } from "../../api/endpoints";
import { ToneTag } from "../../components/ToneTag";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatInstant } from "../../format";
import { SubjectTypeTag } from "../filing/filingTags";
import { EnrollmentStateTag } from "./learnerTags";

type Session = MyEnrollmentView["sessions"][number];

interface Props {
  e: MyEnrollmentView;
  onChanged(): void;
  onSurvey(): void;
}

export function EnrollmentCard({ e, onChanged, onSurvey }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const attended = e.sessions.filter((s) => s.checkedInAt).length;
  const cancelled = e.status === "cancelled";

  const cancel = () =>
    modal.confirm({
      title: t("learner.courses.cancelConfirm", { title: e.projectTitle }),
      content: t("learner.courses.cancelHint"),
      okText: t("learner.courses.cancel"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await myCourseApi.cancel(e.id);
          void message.success(t("learner.courses.cancelled"));
          onChanged();
        } catch (err) {
          showError(err);
        }
      },
    });

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0, whiteSpace: "normal" }}>
          <Link to={`/trainings/${e.projectId}`}>{e.projectTitle}</Link>
        </Typography.Title>
      }
      extra={<EnrollmentStateTag e={e} />}
      style={cancelled ? { opacity: 0.85 } : undefined}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: "base", label: t("filing.base"), children: e.baseName },
          { key: "dates", label: t("project.dates"), children: t("filing.dateRange", { from: formatDate(e.startDate), to: formatDate(e.endDate) }) },
          { key: "venue", label: t("project.venue"), children: e.venue || "—" },
          { key: "hours", label: t("project.hours"), children: e.hours },
          { key: "subject", label: t("project.subjectType"), children: <SubjectTypeTag type={e.subjectType} /> },
          { key: "attendance", label: t("learner.courses.attendance"), children: t("learner.courses.attended", { attended, total: e.sessions.length }) },
        ]}
      />
      {!cancelled && <SessionList sessions={e.sessions} title={e.projectTitle} />}
      <Space wrap style={{ marginTop: 12 }}>
        {e.certificateId && (
          <Button type="primary" icon={<DownloadOutlined />} href={myCourseApi.certificatePdfUrl(e.certificateId)} target="_blank" rel="noreferrer">
            {t("learner.courses.downloadCertificate")}
          </Button>
        )}
        {e.certificateSerial && (
          <Link to={`/verify/certificates/${encodeURIComponent(e.certificateSerial)}`}>
            <SafetyCertificateOutlined aria-hidden /> {t("learner.courses.verifyCertificate", { serial: e.certificateSerial })}
          </Link>
        )}
        {e.surveyAnswered ? (
          <ToneTag tone="green" icon={<CheckCircleFilled aria-hidden />}>
            {t("learner.survey.answered")}
          </ToneTag>
        ) : (
          e.surveyOpen &&
          !cancelled && (
            <Button icon={<FormOutlined />} onClick={onSurvey}>
              {t("learner.survey.open")}
            </Button>
          )
        )}
        {e.availableActions.includes("cancel") && (
          <Button danger onClick={cancel}>
            {t("learner.courses.cancel")}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** The sessions as a list (readable on a phone): when, what, hours, and whether the person checked in. */
function SessionList({ sessions, title }: { sessions: Session[]; title: string }) {
  const { t } = useTranslation();
  return (
    <List<Session>
      size="small"
      aria-label={t("learner.courses.sessionsOf", { title })}
      dataSource={sessions}
      style={{ marginTop: 8 }}
      renderItem={(r) => (
        <List.Item>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ width: "100%" }}>
            <span>
              <Typography.Text strong>
                {formatDate(r.date)} {r.startTime}–{r.endTime}
              </Typography.Text>{" "}
              <Typography.Text>
                {r.title} · {t("learner.courses.sessionHours", { hours: r.hours })}
              </Typography.Text>
            </span>
            {r.checkedInAt ? (
              <ToneTag tone="green">{t("learner.courses.checkedInAt", { time: checkInTime(r) })}</ToneTag>
            ) : (
              <ToneTag tone="default">{t("learner.courses.notCheckedIn")}</ToneTag>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** 08:35 on the session's own day, the whole date and time otherwise (a check-in by hand, later). */
function checkInTime(s: Session): string {
  const at = formatInstant(s.checkedInAt);
  return formatDate(s.checkedInAt) === formatDate(s.date) ? at.slice(-5) : at;
}
