// 第四条（三）教学场所、教学设备、图书资料; a practical-training site or partner where the field is
// 专业性、实践性强.
import { Checkbox, Col, Form, Input, InputNumber, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { RowList } from "./RowList";

export function FacilitiesFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`application.fields.facilities.${k}`);
  const venue = (k: string) => t(`application.fields.venue.${k}`);
  const site = (k: string) => t(`application.fields.site.${k}`);
  const nameRule = { required: true, whitespace: true, message: t("application.editor.rowNameRequired") };
  return (
    <>
      <h3 style={{ fontSize: 15 }}>{label("venues")}</h3>
      <RowList
        name={["facilities", "venues"]}
        rowLabel={t("application.editor.venue")}
        addLabel={t("application.editor.addVenue")}
        max={100}
        renderRow={(field) => (
          <>
            <Col xs={24} md={12}>
              <Form.Item label={venue("name")} name={[field.name, "name"]} rules={[nameRule, { max: 60 }]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={venue("areaSqm")} name={[field.name, "areaSqm"]}>
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={venue("seats")} name={[field.name, "seats"]}>
                <InputNumber min={0} max={100_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </>
        )}
      />
      <Form.Item label={label("equipment")} name={["facilities", "equipment"]} rules={[{ max: 1000 }]} style={{ marginTop: 24 }}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item label={label("library")} name={["facilities", "library"]} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item name={["facilities", "practiceOriented"]} valuePropName="checked" extra={t("application.editor.practiceHint")}>
        <Checkbox>{label("practiceOriented")}</Checkbox>
      </Form.Item>
      <h3 style={{ fontSize: 15 }}>{label("practicalSites")}</h3>
      <RowList
        name={["facilities", "practicalSites"]}
        rowLabel={t("application.editor.site")}
        addLabel={t("application.editor.addSite")}
        initialRow={{ isPartner: false }}
        max={50}
        renderRow={(field) => (
          <>
            <Col xs={24} md={12}>
              <Form.Item label={site("name")} name={[field.name, "name"]} rules={[nameRule, { max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={site("isPartner")} name={[field.name, "isPartner"]}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: false, label: t("application.editor.ownSite") },
                    { value: true, label: t("application.editor.partnerSite") },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={site("description")} name={[field.name, "description"]} rules={[{ max: 300 }]}>
                <Input.TextArea rows={2} maxLength={300} showCount />
              </Form.Item>
            </Col>
          </>
        )}
      />
    </>
  );
}

export function ProjectsFields() {
  const { t } = useTranslation();
  const label = (k: string) => t(`application.fields.project.${k}`);
  return (
    <RowList
      name="pastProjects"
      rowLabel={t("application.editor.project")}
      addLabel={t("application.editor.addProject")}
      max={200}
      renderRow={(field) => (
        <>
          <Col xs={24} md={4}>
            <Form.Item label={label("year")} name={[field.name, "year"]} rules={[{ required: true, message: t("application.editor.yearRequired") }]}>
              <InputNumber min={1980} max={2100} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item label={label("title")} name={[field.name, "title"]} rules={[{ required: true, whitespace: true, message: t("application.editor.projectTitleRequired") }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={label("participants")} name={[field.name, "participants"]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </>
      )}
    />
  );
}
