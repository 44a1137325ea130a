// A dynamic list of rows (Form.List) for the 申报表: teachers, staff, venues, practical sites, past
// projects. Each row is a small card with labelled fields and a 删除 button; 添加 appends a row.
import type { ReactNode } from "react";
import { Button, Card, Empty, Form, Row } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { FormListFieldData } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  name: string | (string | number)[];
  /** i18n label of one row, e.g. 教师 → "教师 1" */
  rowLabel: string;
  addLabel: string;
  /** values a new row starts with */
  initialRow?: Record<string, unknown>;
  max: number;
  renderRow(field: FormListFieldData): ReactNode;
}

export function RowList({ name, rowLabel, addLabel, initialRow, max, renderRow }: Props) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("application.editor.noRows")} />}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={`${rowLabel} ${index + 1}`}
              extra={
                <Button
                  type="link"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("application.editor.removeRow", { row: `${rowLabel} ${index + 1}` })}
                  onClick={() => remove(field.name)}
                >
                  {t("common.delete")}
                </Button>
              }
            >
              <Row gutter={16}>{renderRow(field)}</Row>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= max} onClick={() => add({ ...initialRow })}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
