// 报名 on a public course page (第十七条: only a filed project takes enrolments). A professional who is
// signed in confirms and enrols; anyone else is sent to sign in (and back here), with a link to
// register. The public pages carry no session of their own, so this asks the server who is calling.
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { Alert, App, Button, Card, Flex, Typography } from "antd";
import { CheckCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { authApi, myCourseApi } from "../../api/endpoints";
import type { PublicProjectView, SessionView } from "../../api/types";
import { loginPath } from "../../session/SessionContext";

type Caller = { kind: "loading" } | { kind: "anonymous" } | { kind: "signedIn"; session: SessionView; enrolled: boolean };

export function EnrollButton({ project, seatsLeft, onEnrolled }: { project: PublicProjectView; seatsLeft?: number | null; onEnrolled?: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [caller, setCaller] = useState<Caller>({ kind: "loading" });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    authApi
      .me()
      .then(async (session) => {
        const mine = session.roles.includes("professional") ? await myCourseApi.list().catch(() => []) : [];
        const enrolled = mine.some((e) => e.projectId === project.id && e.status === "enrolled");
        if (live) setCaller({ kind: "signedIn", session, enrolled });
      })
      .catch(() => live && setCaller({ kind: "anonymous" }));
    return () => {
      live = false;
    };
  }, [project.id]);

  if (project.status !== "filed") {
    return <Alert type="info" showIcon title={t("learner.enrol.closed")} />;
  }

  const enrol = () =>
    modal.confirm({
      title: t("learner.enrol.confirmTitle"),
      content: t("learner.enrol.confirm", { title: project.title }),
      okText: t("learner.enrol.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await myCourseApi.enrol(project.id);
          setOutcome({ ok: true, text: t("learner.enrol.done") });
          setCaller((c) => (c.kind === "signedIn" ? { ...c, enrolled: true } : c));
          onEnrolled?.();
        } catch (err) {
          setOutcome({ ok: false, text: err instanceof ApiError ? err.message : t("errors.unexpected") });
        }
      },
    });

  const isProfessional = caller.kind === "signedIn" && caller.session.roles.includes("professional");
  const full = seatsLeft !== undefined && seatsLeft !== null && seatsLeft <= 0;
  return (
    <Card size="small" style={{ marginBottom: 16 }} role="region" aria-label={t("learner.enrol.title")} className="no-print">
      <Flex align="center" gap={16} wrap>
        {caller.kind === "signedIn" && caller.enrolled ? (
          <Typography.Text strong>
            <CheckCircleOutlined aria-hidden /> {t("learner.enrol.already")} <Link to="/my/courses" style={{ textDecoration: "underline" }}>{t("learner.menu.courses")}</Link>
          </Typography.Text>
        ) : (
          <Button
            type="primary"
            size="large"
            loading={caller.kind === "loading"}
            disabled={full || (caller.kind === "signedIn" && !isProfessional)}
            onClick={() => (caller.kind === "anonymous" ? navigate(loginPath(pathname, false)) : enrol())}
          >
            {t("learner.enrol.submit")}
          </Button>
        )}
        {seatsLeft !== undefined && seatsLeft !== null && (
          <Typography.Text>{full ? t("learner.enrol.full") : t("learner.enrol.seatsLeft", { count: seatsLeft, capacity: project.capacity })}</Typography.Text>
        )}
        {caller.kind === "anonymous" && (
          <Typography.Text>
            {t("learner.enrol.signInHint")} <Link to={`/signup?from=${encodeURIComponent(pathname)}`} style={{ textDecoration: "underline" }}>{t("learner.signup.link")}</Link>
          </Typography.Text>
        )}
        {caller.kind === "signedIn" && !isProfessional && <Typography.Text type="secondary">{t("learner.enrol.onlyProfessionals")}</Typography.Text>}
      </Flex>
      {outcome && (
        <Alert
          style={{ marginTop: 12 }}
          role="alert"
          showIcon
          type={outcome.ok ? "success" : "error"}
          title={outcome.text}
          action={outcome.ok ? <Link to="/my/courses">{t("learner.menu.courses")}</Link> : undefined}
        />
      )}
    </Card>
  );
}
