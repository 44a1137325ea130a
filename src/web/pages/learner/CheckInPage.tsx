// 扫码签到 (/check-in?token=…, opened on a phone from the projector's QR code; RequireAuth has already
// sent an unsigned visitor to the login page and back). Posts the token once and shows a big result:
// 签到成功 with course, session and time; 已签到 for a repeated scan (nothing new was recorded); or
// what to do — scan the current code (it rotates every 30 s), or enrol first.
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { Button, Card, Descriptions, Result, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CheckInView } from "../../../shared/delivery.js";
import { ApiError } from "../../api/client";
import { myCourseApi } from "../../api/endpoints";
import { formatDate, formatInstant } from "../../format";
import { PhoneFrame } from "./PhoneFrame";

type Outcome =
  | { kind: "working" }
  | { kind: "done"; checkIn: CheckInView }
  | { kind: "refused"; code: string; message: string; projectId?: string };

const REFUSAL_TITLES: Record<string, string> = {
  CHECK_IN_CODE_EXPIRED: "learner.checkIn.expired",
  NOT_ENROLLED: "learner.checkIn.notEnrolled",
  CHECK_IN_NOT_OPEN: "learner.checkIn.notOpen",
  // the server's message names the session's check-in time (第十七条)
  CHECK_IN_NOT_YET_OPEN: "learner.checkIn.notYetOpen",
  CHECK_IN_CLOSED: "learner.checkIn.closed",
  NOT_A_PROFESSIONAL: "learner.checkIn.notProfessional",
  NO_TOKEN: "learner.checkIn.noToken",
};

/** Refusals that sending the same code again cannot change: no 重试 button. */
const NO_RETRY = new Set(["CHECK_IN_CODE_EXPIRED", "NO_TOKEN", "CHECK_IN_NOT_OPEN", "CHECK_IN_NOT_YET_OPEN", "CHECK_IN_CLOSED", "NOT_A_PROFESSIONAL"]);

/** What to do next, where the server's message would only repeat the title. */
const HINTS: Record<string, string> = {
  CHECK_IN_CODE_EXPIRED: "learner.checkIn.expiredHint",
  NOT_ENROLLED: "learner.checkIn.notEnrolledHint",
};

export default function CheckInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const [outcome, setOutcome] = useState<Outcome>({ kind: "working" });
  const [attempt, setAttempt] = useState(0);
  // One post per token and attempt, even when React runs the effect twice.
  const sent = useRef<string | null>(null);

  useEffect(() => {
    const key = `${token}#${attempt}`;
    if (sent.current === key) return;
    sent.current = key;
    if (token.length < 10) {
      setOutcome({ kind: "refused", code: "NO_TOKEN", message: t("learner.checkIn.noTokenHint") });
      return;
    }
    setOutcome({ kind: "working" });
    myCourseApi
      .checkIn(token)
      .then((checkIn) => setOutcome({ kind: "done", checkIn }))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.handled) return;
        const e = err instanceof ApiError ? err : null;
        const projectId = typeof e?.details.projectId === "string" ? e.details.projectId : undefined;
        setOutcome({ kind: "refused", code: e?.code ?? "UNEXPECTED", message: e?.message ?? t("errors.unexpected"), projectId });
      });
  }, [token, attempt, t]);

  return (
    <PhoneFrame>
      <Card>
        <div role="status" aria-live="polite" aria-busy={outcome.kind === "working"}>
          {outcome.kind === "working" && (
            <Result icon={<Spin size="large" />} title={<h1 style={{ fontSize: 24, margin: 0 }}>{t("learner.checkIn.working")}</h1>} />
          )}
          {outcome.kind === "done" && <CheckedIn checkIn={outcome.checkIn} />}
          {outcome.kind === "refused" && <Refused outcome={outcome} onRetry={() => setAttempt((n) => n + 1)} />}
        </div>
        <Typography.Paragraph style={{ textAlign: "center", marginTop: 8, marginBottom: 0 }}>
          <Link to="/my/courses">{t("learner.menu.courses")}</Link>
        </Typography.Paragraph>
      </Card>
    </PhoneFrame>
  );
}

function CheckedIn({ checkIn }: { checkIn: CheckInView }) {
  const { t } = useTranslation();
  const time = formatInstant(checkIn.checkedInAt);
  return (
    <>
      <Result
        status="success"
        style={{ paddingInline: 0 }}
        title={
          <h1 data-testid="check-in-result" style={{ fontSize: 28, margin: 0 }}>
            {checkIn.repeated ? t("learner.checkIn.repeated", { time }) : t("learner.checkIn.success")}
          </h1>
        }
        subTitle={checkIn.repeated ? t("learner.checkIn.repeatedHint") : undefined}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: "name", label: t("learner.person.name"), children: checkIn.name },
          { key: "project", label: t("learner.checkIn.project"), children: checkIn.projectTitle },
          { key: "session", label: t("learner.checkIn.session"), children: checkIn.sessionTitle },
          { key: "when", label: t("learner.checkIn.sessionTime"), children: `${formatDate(checkIn.date)} ${checkIn.startTime}` },
          { key: "at", label: t("learner.checkIn.checkedInAt"), children: time },
        ]}
      />
    </>
  );
}

function Refused({ outcome, onRetry }: { outcome: Extract<Outcome, { kind: "refused" }>; onRetry(): void }) {
  const { t } = useTranslation();
  const titleKey = REFUSAL_TITLES[outcome.code] ?? "learner.checkIn.failed";
  const extra =
    outcome.code === "NOT_ENROLLED" ? (
      <Link to={outcome.projectId ? `/trainings/${outcome.projectId}` : "/trainings"}>{t("learner.checkIn.toCourse")}</Link>
    ) : NO_RETRY.has(outcome.code) ? null : (
      <Button type="primary" size="large" onClick={onRetry}>
        {t("learner.checkIn.retry")}
      </Button>
    );
  return (
    <Result
      status={outcome.code === "CHECK_IN_CODE_EXPIRED" ? "warning" : "error"}
      style={{ paddingInline: 0 }}
      title={
        <h1 data-testid="check-in-result" style={{ fontSize: 26, margin: 0 }}>
          {t(titleKey)}
        </h1>
      }
      subTitle={<span style={{ fontSize: 16, color: "rgba(0, 0, 0, 0.75)" }}>{HINTS[outcome.code] ? t(HINTS[outcome.code]) : outcome.message}</span>}
      extra={extra}
    />
  );
}
