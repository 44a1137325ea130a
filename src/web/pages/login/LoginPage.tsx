// 登录: username and password; the server's message is shown as is (wrong password, locked account,
// too many attempts). Comes back to the page the user was on (`?from=`), or says the session expired.
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { authApi } from "../../api/endpoints";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useSession } from "../../session/SessionContext";

interface LoginForm {
  username: string;
  password: string;
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
  const from = safeReturnPath(params.get("from"));
  const expired = params.get("reason") === "expired";

  if (session) return <Navigate to={session.user.mustChangePassword ? "/password" : from} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const s = await authApi.login(username.trim(), password);
      setSession(s);
      navigate(s.user.mustChangePassword ? "/password" : from, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("errors.unexpected"));
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
        {expired && !error && <Alert type="warning" showIcon title={t("login.sessionExpired")} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<LoginForm> name="login" layout="vertical" onFinish={onFinish} disabled={submitting}>
          <Form.Item label={t("login.username")} name="username" rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}>
            <Input autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label={t("login.password")} name="password" rules={[{ required: true, message: t("login.passwordRequired") }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
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
