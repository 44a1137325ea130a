// 第四条（二）六项管理制度 (each summarised; the full text may be attached) and 第四条（三）配套经费保障
// (annual budget typed in 元, carried in fen).
import { Col, Form, Input, InputNumber, Row } from "antd";
import { useTranslation } from "react-i18next";
import { SYSTEM_KEYS } from "../../../../shared/accreditation.js";

export function SystemsFields() {
  const { t } = useTranslation();
  return (
    <>
      {SYSTEM_KEYS.map((k) => (
        <Form.Item key={k} label={t(`application.fields.systems.${k}`)} name={["systems", k]} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t("application.editor.systemHint")} />
        </Form.Item>
      ))}
    </>
  );
}

export function FundingFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          label={t("application.fields.funding.annualBudgetFen")}
          name={["funding", "annualBudgetYuan"]}
          extra={t("application.editor.budgetHint")}
        >
          <InputNumber<number> prefix="¥" min={0} max={1_000_000_000} precision={2} step={1000} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t("application.fields.funding.source")} name={["funding", "source"]} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
