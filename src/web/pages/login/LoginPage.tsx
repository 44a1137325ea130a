// 登录: username and password; the server's message is shown as is (wrong password, disabled account),
// except that a 429 (too many failed sign-ins) counts down the wait in the user's language and holds the
// button until it ends. Comes back to the page the user was on (`?from=`), or says the session expired.
// issue 10 item 8: when the server answers TOTP_REQUIRED, a field for the authenticator's code appears.
import { useEffect, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { authApi } from "../../api/endpoints";
import type { SessionView } from "../../api/types";
import { mustEnrolTotp } from "../../access";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useSession } from "../../session/SessionContext";

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** The seconds a 429 said to wait (`details.retryAfterSeconds`), or 0. */
function retryAfterOf(err: unknown): number {
  if (!(err instanceof ApiError) || err.status !== 429) return 0;
  const seconds = Number(err.details.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** Seconds left of a wait, ticking once a second down to 0; `start(seconds)` begins a new wait. */
function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!until) return;
    const timer = window.setInterval(() => {
      const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  const start = (seconds: number) => {
    setUntil(Date.now() + seconds * 1000);
    setLeft(seconds);
  };
  return [left, start];
}

/** Only a path inside this app: never another origin, never the login page itself. */
export function safeReturnPath(from: string | null): string {
  if (!from || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/login")) return "/";
  return from;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [secondsLeft, startCountdown] = useCountdown();
  const [needsCode, setNeedsCode] = useState(false);
  const waiting = secondsLeft > 0;
  const wait =
    secondsLeft >= 60
      ? t("login.waitMinutes", { minutes: Math.floor(secondsLeft / 60), seconds: secondsLeft % 60 })
      : t("login.waitSeconds", { seconds: secondsLeft });
  const from = safeReturnPath(params.get("from"));
  const expired = params.get("reason") === "expired";

  const landing = (s: SessionView) => (s.user.mustChangePassword ? "/password" : mustEnrolTotp(s) ? "/two-factor" : from);
  if (session) return <Navigate to={landing(session)} replace />;

  const onFinish = async ({ username, password, totp }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const s = await authApi.login(username.trim(), password, totp?.trim() || undefined);
      setSession(s);
      navigate(landing(s), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && (err.code === "TOTP_REQUIRED" || err.code === "TOTP_INVALID")) setNeedsCode(true);
      const seconds = retryAfterOf(err);
      // Too many failed sign-ins: the countdown below says how long, in the user's language.
      startCountdown(seconds);
      setError(seconds > 0 ? null : err instanceof ApiError ? err.message : t("errors.unexpected"));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main style={{ minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: "#f0f2f5", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 420 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
          {t("app.title")}
        </Typography.Title>
        <Typography.Paragraph>{t("login.subtitle")}</Typography.Paragraph>
        {expired && !error && !waiting && <Alert type="warning" showIcon title={t("login.sessionExpired")} style={{ marginBottom: 16 }} />}
        {waiting ? (
          <Alert type="warning" showIcon title={t("login.throttled", { wait })} style={{ marginBottom: 16 }} />
        ) : (
          error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />
        )}
        <Form<LoginForm> name="login" layout="vertical" onFinish={onFinish} disabled={submitting}>
          <Form.Item label={t("login.username")} name="username" rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}>
            <Input autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label={t("login.password")} name="password" rules={[{ required: true, message: t("login.passwordRequired") }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          {needsCode && (
            <Form.Item label={t("login.totp")} name="totp" extra={t("login.totpHelp")} rules={[{ required: true, whitespace: true, message: t("login.totpRequired") }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" autoFocus maxLength={32} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={submitting} disabled={waiting}>
            {t("login.submit")}
          </Button>
        </Form>
        {/* 第二十四条: professionals register themselves (a base may already have registered them). */}
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t("learner.signup.noAccount")}{" "}
          <Link to={from === "/" ? "/signup" : `/signup?from=${encodeURIComponent(from)}`} style={{ textDecoration: "underline" }}>{t("learner.signup.link")}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
