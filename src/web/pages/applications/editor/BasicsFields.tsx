// 基本情况: name, district, address, contact, specialty fields (tags), introduction.
import { Col, Form, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";

const PHONE = /^[0-9+\- ]{5,20}$/;

export function BasicsFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`application.fields.basics.${k}`);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={label("baseName")} name={["basics", "baseName"]} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={label("district")} name={["basics", "district"]} rules={[{ max: 30 }]} extra={t("application.editor.districtHint")}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={label("address")} name={["basics", "address"]} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={label("contactName")} name={["basics", "contactName"]} rules={[{ max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={label("contactPhone")} name={["basics", "contactPhone"]} rules={[{ pattern: PHONE, message: t("common.phoneInvalid") }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={label("email")} name={["basics", "email"]} rules={[{ type: "email", message: t("application.editor.emailInvalid") }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item
          label={label("specialtyFields")}
          name={["basics", "specialtyFields"]}
          extra={t("application.editor.specialtyHint")}
          rules={[{ type: "array", max: 20, message: t("application.editor.specialtyMax") }]}
        >
          <Select mode="tags" maxCount={20} tokenSeparators={[",", "，", "、"]} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={label("introduction")} name={["basics", "introduction"]} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={6} maxLength={2000} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
