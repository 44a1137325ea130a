// 计划项目: the editable table of the projects a base plans for the year (title, subject type,
// specialty, planned dates, hours, places, fee per person in 元). Each input is labelled with its
// column and row number, for screen readers and for the browser tests.
import { Button, DatePicker, Form, Input, InputNumber, Select, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { FormListFieldData } from "antd";
import { useTranslation } from "react-i18next";
import { SUBJECT_TYPES } from "../../../shared/filing.js";
import { EmptyRows, useCategoryOptions } from "./filingTags";
import { sumOf, type ItemRow } from "./planValues";

const cell = { style: { marginBottom: 0 } };

export function PlanItemsTable({ year }: { year: number }) {
  const { t } = useTranslation();
  const rows = Form.useWatch("items") as ItemRow[] | undefined;
  const col = (k: string) => t(`plan.item.${k}`);
  const aria = (k: string, i: number) => t("filing.cellLabel", { column: col(k), row: i + 1 });
  const inYear = (d: { year(): number }) => d.year() !== year;
  const categoryOptions = useCategoryOptions();

  return (
    <Form.List name="items">
      {(fields, { add, remove }) => {
        const columns = [
          { title: "#", key: "n", width: 48, render: (_: unknown, __: FormListFieldData, i: number) => i + 1 },
          {
            title: col("title"),
            key: "title",
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, "title"]} rules={[{ required: true, whitespace: true, message: t("plan.item.titleRequired") }, { min: 2, max: 100 }]}>
                <Input maxLength={100} aria-label={aria("title", i)} style={{ minWidth: 200 }} />
              </Form.Item>
            ),
          },
          {
            title: col("subjectType"),
            key: "subjectType",
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, "subjectType"]} rules={[{ required: true, message: t("filing.subjectTypeRequired") }]}>
                <Select aria-label={aria("subjectType", i)} style={{ width: 120 }} options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subjectType.${s}`) }))} />
              </Form.Item>
            ),
          },
          {
            // 第十条
            title: t("filing.category.label"),
            key: "category",
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, "category"]} rules={[{ required: true, message: t("filing.category.required") }]}>
                <Select aria-label={t("filing.cellLabel", { column: t("filing.category.label"), row: i + 1 })} style={{ width: 200 }} options={categoryOptions} />
              </Form.Item>
            ),
          },
          {
            title: col("specialty"),
            key: "specialty",
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, "specialty"]} rules={[{ max: 50 }]}>
                <Input maxLength={50} aria-label={aria("specialty", i)} style={{ width: 140 }} />
              </Form.Item>
            ),
          },
          ...(["plannedStart", "plannedEnd"] as const).map((k) => ({
            title: col(k),
            key: k,
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, k]} rules={[{ required: true, message: t("plan.item.dateRequired") }]}>
                <DatePicker aria-label={aria(k, i)} disabledDate={inYear} style={{ width: 140 }} />
              </Form.Item>
            ),
          })),
          ...(
            [
              ["hours", 0.5, 1000, 1, 0.5],
              ["places", 1, 100000, 0, 1],
              ["feeYuan", 0, 1000000, 2, 10],
            ] as const
          ).map(([k, min, max, precision, step]) => ({
            title: col(k),
            key: k,
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Form.Item {...cell} name={[f.name, k]} rules={[{ required: true, message: t("filing.numberRequired") }]}>
                <InputNumber aria-label={aria(k, i)} min={min} max={max} precision={precision} step={step} style={{ width: 110 }} />
              </Form.Item>
            ),
          })),
          {
            title: t("common.actions"),
            key: "remove",
            render: (_: unknown, f: FormListFieldData, i: number) => (
              <Button type="link" danger icon={<DeleteOutlined />} aria-label={t("filing.removeRow", { row: i + 1 })} onClick={() => remove(f.name)}>
                {t("common.delete")}
              </Button>
            ),
          },
        ];
        return (
          <>
            <Table<FormListFieldData>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={fields}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <EmptyRows>{t("plan.noItems")}</EmptyRows> }}
              summary={() =>
                fields.length > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={7}>
                      <Typography.Text strong>{t("plan.itemsTotal", { count: fields.length })}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={7}>{sumOf(rows, (r) => r.hours)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={8}>{sumOf(rows, (r) => r.places)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={9} colSpan={2} />
                  </Table.Summary.Row>
                ) : null
              }
            />
            <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} disabled={fields.length >= 500} onClick={() => add({ subjectType: "professional", category: "professional_subject" })}>
              {t("plan.addItem")}
            </Button>
          </>
        );
      }}
    </Form.List>
  );
}
