// The 身份证号码 field of a list's filter form: one whole ID number (checked as the server checks it before
// the form is sent; the server finds the person by its keyed hash, never by a pattern).
import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { isValidIdNumber } from "../../shared/identifiers.js";

export function IdNumberFilterItem({ name = "idNumber" }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={t("delivery.person.idNumber")}
      name={name}
      rules={[
        {
          validator: async (_, v: string | undefined) => {
            if (v && v.trim() && !isValidIdNumber(v.trim())) throw new Error(t("delivery.person.idNumberInvalid"));
          },
        },
      ]}
    >
      <Input allowClear maxLength={18} style={{ width: 220, maxWidth: "100%", fontFamily: "monospace" }} placeholder={t("delivery.professionals.idNumberHint")} />
    </Form.Item>
  );
}
