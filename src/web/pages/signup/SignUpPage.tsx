// 专业技术人员注册 (public, phone-friendly): the person's facts and the account they will sign in with.
// A base may already have registered the person while enrolling them: the same ID number and name with
// the claim code the base handed them claim that record (第二十四条; issue 10 item 2). The server answers
// alike whatever became of the sign-up, so the page then signs in with the chosen username and password
// and goes to 我的课程, or back to where the person came from (`?from=`, e.g. the check-in page they
// scanned); a failed sign-in says what may be wrong without knowing which.
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SignUpBody } from "../../../shared/delivery.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { ApiError } from "../../api/client";
import { authApi, signUpApi } from "../../api/endpoints";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { passwordRules } from "../../components/passwordPolicy";
import { useSession } from "../../session/SessionContext";
import { safeReturnPath } from "../login/LoginPage";

type SignUpForm = SignUpBody & { confirmPassword: string };

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const USERNAME = /^[A-Za-z0-9_.-]+$/;
/** Links inside running text are underlined: colour alone does not tell them apart (WCAG 1.4.1). */
const INLINE_LINK = { textDecoration: "underline" } as const;

export default function SignUpPage() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignUpForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = params.get("from");
  const next = from ? safeReturnPath(from) : "/my/courses";

  if (session) return <Navigate to={next} replace />;

  const onFinish = async ({ confirmPassword: _confirm, ...v }: SignUpForm) => {
    setSubmitting(true);
    setError(null);
    const body: SignUpBody = {
      name: v.name.trim(),
      idNumber: v.idNumber.trim().toUpperCase(),
      employer: v.employer.trim(),
      title: v.title?.trim() || undefined,
      specialty: v.specialty?.trim() || undefined,
      phone: v.phone.trim(),
      username: v.username.trim(),
      password: v.password,
      ...(v.claimCode?.trim() ? { claimCode: v.claimCode.trim() } : {}),
    };
    try {
      await signUpApi.signUp(body);
      const s = await authApi.login(body.username, body.password);
      setSession(s);
      navigate(next, { replace: true });
    } catch (err) {
      // Sign-up itself never answers INVALID_CREDENTIALS: the sign-in after it failed, for a reason the page cannot know.
      const message = err instanceof ApiError ? (err.code === "INVALID_CREDENTIALS" ? t("learner.signup.notSignedIn") : err.message) : t("errors.unexpected");
      setError(message);
      window.scrollTo({ top: 0 });
    } finally {
      setSubmitting(false);
    }
  };

  const required = (key: string) => ({ required: true, whitespace: true, message: t(`learner.signup.${key}Required`) });
  const loginLink = from ? `/login?from=${encodeURIComponent(next)}` : "/login";

  return (
    <main style={{ minHeight: "100vh", display: "flex", justifyContent: "center", background: "#f0f2f5", padding: "24px 12px" }}>
      <Card style={{ width: "100%", maxWidth: 520, alignSelf: "flex-start" }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 8 }}>
          {t("learner.signup.title")}
        </Typography.Title>
        <Typography.Paragraph>{t("learner.signup.intro")}</Typography.Paragraph>
        <Alert type="info" showIcon title={t("learner.signup.claimHint")} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form<SignUpForm> form={form} name="signup" layout="vertical" onFinish={onFinish} disabled={submitting} scrollToFirstError>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t("learner.signup.person")}
          </Typography.Title>
          <Form.Item label={t("learner.person.name")} name="name" rules={[required("name"), { min: 2, max: 50, message: t("learner.signup.nameLength") }]}>
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          <Form.Item
            label={t("learner.person.idNumber")}
            name="idNumber"
            extra={t("learner.signup.idNumberHint")}
            validateFirst
            rules={[
              required("idNumber"),
              { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t("learner.signup.idNumberShape") },
              { validator: async (_, v: string | undefined) => { if (v && !isValidIdNumber(v.trim())) throw new Error(t("learner.signup.idNumberChecksum")); } },
            ]}
          >
            <Input maxLength={18} autoComplete="off" inputMode="text" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t("learner.person.employer")} name="employer" rules={[required("employer"), { min: 2, max: 100, message: t("learner.signup.employerLength") }]}>
            <Input autoComplete="organization" maxLength={100} />
          </Form.Item>
          <Form.Item label={t("learner.person.title")} name="title" rules={[{ max: 50 }]}>
            <Input maxLength={50} placeholder={t("learner.signup.titleHint")} />
          </Form.Item>
          <Form.Item label={t("learner.person.specialty")} name="specialty" rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            label={t("learner.person.phone")}
            name="phone"
            rules={[required("phone"), { pattern: PHONE, message: t("learner.signup.phoneInvalid") }]}
          >
            <Input autoComplete="tel" inputMode="tel" maxLength={13} />
          </Form.Item>
          <Form.Item
            label={t("learner.signup.claimCode")}
            name="claimCode"
            extra={t("learner.signup.claimCodeHint")}
            rules={[{ max: 20 }, { pattern: /^[\sA-Za-z0-9-]*$/, message: t("learner.signup.claimCodeHint") }]}
          >
            <Input maxLength={20} autoComplete="off" spellCheck={false} style={{ fontFamily: "monospace" }} />
          </Form.Item>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t("learner.signup.account")}
          </Typography.Title>
          <Form.Item
            label={t("login.username")}
            name="username"
            extra={t("learner.signup.usernameHint")}
            rules={[required("username"), { min: 3, max: 32, pattern: USERNAME, message: t("learner.signup.usernameInvalid") }]}
          >
            <Input autoComplete="username" maxLength={32} spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t("login.password")}
            name="password"
            extra={t("learner.signup.passwordHint")}
            rules={passwordRules(t, () => form.getFieldValue("username") as string | undefined)}
            dependencies={["username"]}
            hasFeedback
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label={t("learner.signup.confirmPassword")}
            name="confirmPassword"
            dependencies={["password"]}
            hasFeedback
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue("password")) throw new Error(t("password.mismatch"));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t("learner.signup.submit")}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t("learner.signup.haveAccount")} <Link to={loginLink} style={INLINE_LINK}>{t("login.submit")}</Link>
          {" · "}
          <Link to="/public/trainings" style={INLINE_LINK}>{t("public.nav.trainings")}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
