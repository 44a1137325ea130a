// 双因素认证 (issue 10 item 8): enrolment by QR code, confirmed with a first code; the ten recovery codes
// are shown once. Required for bureau, supervisor and administrator accounts (until enrolled nothing
// else opens), optional for the others, who may also turn it off with a current code.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, App, Button, Card, Form, Input, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { authApi } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { useSession } from "../../session/SessionContext";

type Enrolment = { secret: string; qrDataUrl: string };

export default function TwoFactorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { session, setSession } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const status = session?.twoFactor;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setEnrolment(await authApi.startTotpEnrolment()));
  const confirm = ({ code }: { code: string }) =>
    run(async () => {
      setRecoveryCodes((await authApi.confirmTotpEnrolment(code.trim())).recoveryCodes);
      setEnrolment(null);
    });
  const finish = () =>
    run(async () => {
      setSession(await authApi.me());
      navigate("/", { replace: true });
    });
  const disable = ({ code }: { code: string }) =>
    run(async () => {
      await authApi.disableTotp(code.trim());
      setSession(await authApi.me());
      void message.success(t("twoFactor.disabled"));
    });

  const codeField = (
    <Form.Item label={t("twoFactor.code")} name="code" rules={[{ required: true, whitespace: true, message: t("twoFactor.codeRequired") }]}>
      <Input autoComplete="one-time-code" inputMode="numeric" maxLength={32} style={{ maxWidth: 200 }} />
    </Form.Item>
  );

  return (
    <>
      <PageTitle>{t("twoFactor.title")}</PageTitle>
      <Card>
        <Typography.Paragraph>{t("twoFactor.intro")}</Typography.Paragraph>
        {status?.required && !status.enrolled && !recoveryCodes && <Alert type="warning" showIcon title={t("twoFactor.requiredNotice")} style={{ marginBottom: 16 }} />}
        {recoveryCodes ? (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Typography.Title level={2} style={{ fontSize: 18 }}>{t("twoFactor.recoveryTitle")}</Typography.Title>
            <Typography.Paragraph>{t("twoFactor.recoveryHelp")}</Typography.Paragraph>
            <ol aria-label={t("twoFactor.recoveryTitle")} style={{ columns: 2, maxWidth: 360, paddingInlineStart: 24 }}>
              {recoveryCodes.map((c) => (
                <li key={c}>
                  <Typography.Text code>{c}</Typography.Text>
                </li>
              ))}
            </ol>
            <Button type="primary" onClick={finish} loading={busy}>{t("twoFactor.done")}</Button>
          </Space>
        ) : status?.enrolled ? (
          <>
            <Typography.Paragraph>{t("twoFactor.enrolled", { count: status.recoveryCodesLeft })}</Typography.Paragraph>
            {!status.required && (
              <Form layout="vertical" onFinish={disable} disabled={busy}>
                {codeField}
                <Button danger htmlType="submit">{t("twoFactor.disable")}</Button>
              </Form>
            )}
          </>
        ) : enrolment ? (
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <img src={enrolment.qrDataUrl} alt={t("twoFactor.qrAlt")} width={240} height={240} style={{ maxWidth: "100%", height: "auto" }} />
            <div>
              <Typography.Text>{t("twoFactor.secretLabel")}</Typography.Text>
              <div>
                <Typography.Text code copyable data-testid="totp-secret">{enrolment.secret}</Typography.Text>
              </div>
            </div>
            <Form layout="vertical" onFinish={confirm} disabled={busy}>
              {codeField}
              <Button type="primary" htmlType="submit">{t("twoFactor.confirm")}</Button>
            </Form>
          </Space>
        ) : (
          <>
            <Typography.Paragraph>{t("twoFactor.notEnrolled")}</Typography.Paragraph>
            <Button type="primary" onClick={start} loading={busy}>{t("twoFactor.start")}</Button>
          </>
        )}
      </Card>
    </>
  );
}
