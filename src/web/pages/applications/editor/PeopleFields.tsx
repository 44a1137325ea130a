// 第四条（一）师资队伍 and 第四条（二）管理机构及工作人员.
import { Col, Form, Input, Radio, Row } from "antd";
import { useTranslation } from "react-i18next";
import { RowList } from "./RowList";

function FullTimeRadio() {
  const { t } = useTranslation();
  return (
    <Radio.Group
      optionType="button"
      options={[
        { value: true, label: t("application.editor.fullTime") },
        { value: false, label: t("application.editor.partTime") },
      ]}
    />
  );
}

export function TeachersFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`application.fields.teacher.${k}`);
  return (
    <RowList
      name="teachers"
      rowLabel={t("application.editor.teacher")}
      addLabel={t("application.editor.addTeacher")}
      initialRow={{ fullTime: true }}
      max={500}
      renderRow={(field) => (
        <>
          <Col xs={24} md={6}>
            <Form.Item label={label("name")} name={[field.name, "name"]} rules={[{ required: true, whitespace: true, message: t("application.editor.rowNameRequired") }, { max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={label("fullTime")} name={[field.name, "fullTime"]}>
              <FullTimeRadio />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={label("title")} name={[field.name, "title"]} rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={label("specialty")} name={[field.name, "specialty"]} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </>
      )}
    />
  );
}

export function ManagementFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`application.fields.management.${k}`);
  const staffLabel = (k: string) => t(`application.fields.staffMember.${k}`);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={label("bodyName")} name={["management", "bodyName"]} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={label("headName")} name={["management", "headName"]} rules={[{ max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <h3 style={{ fontSize: 15 }}>{label("staff")}</h3>
      <RowList
        name={["management", "staff"]}
        rowLabel={t("application.editor.staffMember")}
        addLabel={t("application.editor.addStaff")}
        initialRow={{ fullTime: true }}
        max={100}
        renderRow={(field) => (
          <>
            <Col xs={24} md={8}>
              <Form.Item label={staffLabel("name")} name={[field.name, "name"]} rules={[{ required: true, whitespace: true, message: t("application.editor.rowNameRequired") }, { max: 30 }]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={staffLabel("duty")} name={[field.name, "duty"]} rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={staffLabel("fullTime")} name={[field.name, "fullTime"]}>
                <FullTimeRadio />
              </Form.Item>
            </Col>
          </>
        )}
      />
    </>
  );
}
