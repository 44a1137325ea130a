// 修改密码: also the first stop after sign-in when the server demands a change (initial or reset password).
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, App, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { authApi } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { passwordRules } from "../../components/passwordPolicy";
import { useShowError } from "../../components/useShowError";
import { useSession } from "../../session/SessionContext";

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const username = session?.user.username;
  const forced = !!session?.user.mustChangePassword;

  const onFinish = async (v: PasswordForm) => {
    setSubmitting(true);
    try {
      const s = await authApi.changePassword(v.currentPassword, v.newPassword);
      setSession(s);
      void message.success(t("password.changed"));
      form.resetFields();
      if (forced) navigate("/", { replace: true });
    } catch (err) {
      showError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <PageTitle>{t("password.title")}</PageTitle>
      <Card style={{ maxWidth: 560 }}>
        {forced && <Alert type="warning" showIcon title={t("password.forced")} style={{ marginBottom: 16 }} />}
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("password.policy.title")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              <li>{t("password.policy.length")}</li>
              <li>{t("password.policy.classesHint")}</li>
              <li>{t("password.policy.usernameHint")}</li>
              <li>{t("password.policy.commonHint")}</li>
              <li>{t("password.policy.historyHint")}</li>
            </ul>
          }
        />
        <Form<PasswordForm> form={form} name="password" layout="vertical" onFinish={onFinish} disabled={submitting}>
          <Form.Item label={t("password.current")} name="currentPassword" rules={[{ required: true, message: t("password.currentRequired") }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item label={t("password.new")} name="newPassword" rules={passwordRules(t, () => username)} hasFeedback>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label={t("password.confirm")}
            name="confirmPassword"
            dependencies={["newPassword"]}
            hasFeedback
            rules={[
              { required: true, message: t("password.confirmRequired") },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue("newPassword")) throw new Error(t("password.mismatch"));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t("password.afterChange")}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
