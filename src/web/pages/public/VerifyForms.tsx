// Type a certificate serial or an hours-statement code to check it (the QR codes on the PDFs lead to
// the same pages: /verify/certificates/:serial and /verify/hours/:code).
import { useNavigate } from "react-router-dom";
import { Button, Card, Col, Form, Input, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";

function VerifyForm({ name, label, path, hint }: { name: string; label: string; path: string; hint: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Form<{ value: string }> name={name} layout="vertical" onFinish={({ value }) => navigate(`${path}/${encodeURIComponent(value.trim())}`)}>
      <Form.Item label={label} name="value" extra={hint} rules={[{ required: true, whitespace: true, message: t("verify.required") }, { max: 64 }]}>
        <Input maxLength={64} spellCheck={false} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t("verify.submit")}
      </Button>
    </Form>
  );
}

export function VerifyForms() {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("verify.certificate.formTitle")}</Typography.Title>} style={{ height: "100%" }}>
          <VerifyForm name="verifyCertificate" label={t("verify.certificate.serial")} path="/verify/certificates" hint={t("verify.certificate.serialHint")} />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("verify.hours.formTitle")}</Typography.Title>} style={{ height: "100%" }}>
          <VerifyForm name="verifyHours" label={t("verify.hours.code")} path="/verify/hours" hint={t("verify.hours.codeHint")} />
        </Card>
      </Col>
    </Row>
  );
}
