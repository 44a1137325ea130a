// 执行情况总结 (第十六条): how each planned project of year Y went (run, not yet run, cancelled, moved), with
// its participants, how many completed and the hours delivered — prefilled with what the platform knows — the number of ad-hoc
// projects run outside the plan, and a written account.
import { Button, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { FormListFieldData } from "antd";
import { useTranslation } from "react-i18next";
import { PLAN_OUTCOMES } from "../../../shared/filing.js";
import { EmptyRows } from "./filingTags";
import { sumOf, type EntryRow } from "./planValues";

const cell = { style: { marginBottom: 0 } };

export function PlanSummaryFields({ summaryYear }: { summaryYear: number }) {
  const { t } = useTranslation();
  const entries = Form.useWatch(["summary", "entries"]) as EntryRow[] | undefined;
  const col = (k: string) => t(`plan.entry.${k}`);
  const aria = (k: string, i: number) => t("filing.cellLabel", { column: col(k), row: i + 1 });

  return (
    <>
      <Typography.Paragraph type="secondary">{t("plan.summaryIntro", { year: summaryYear })}</Typography.Paragraph>
      <Form.List name={["summary", "entries"]}>
        {(fields, { add, remove }) => {
          const columns = [
            { title: "#", key: "n", width: 48, render: (_: unknown, __: FormListFieldData, i: number) => i + 1 },
            {
              title: col("title"),
              key: "title",
              render: (_: unknown, f: FormListFieldData, i: number) => (
                <Form.Item {...cell} name={[f.name, "title"]} rules={[{ required: true, whitespace: true, message: t("plan.item.titleRequired") }, { max: 100 }]}>
                  <Input maxLength={100} aria-label={aria("title", i)} style={{ minWidth: 200 }} />
                </Form.Item>
              ),
            },
            {
              title: col("outcome"),
              key: "outcome",
              render: (_: unknown, f: FormListFieldData, i: number) => (
                <Form.Item {...cell} name={[f.name, "outcome"]} rules={[{ required: true }]}>
                  <Select aria-label={aria("outcome", i)} style={{ width: 110 }} options={PLAN_OUTCOMES.map((o) => ({ value: o, label: t(`plan.outcome.${o}`) }))} />
                </Form.Item>
              ),
            },
            ...(
              [
                ["participants", 0, 0, 1],
                ["completed", 0, 0, 1],
                ["hoursDelivered", 1, 0.5, 0.5],
              ] as const
            ).map(([k, precision, step]) => ({
              title: col(k),
              key: k,
              render: (_: unknown, f: FormListFieldData, i: number) => (
                <Form.Item {...cell} name={[f.name, k]} rules={[{ required: true, message: t("filing.numberRequired") }]}>
                  <InputNumber aria-label={aria(k, i)} min={0} max={1_000_000} precision={precision} step={step} style={{ width: 110 }} />
                </Form.Item>
              ),
            })),
            {
              title: col("note"),
              key: "note",
              render: (_: unknown, f: FormListFieldData, i: number) => (
                <Form.Item {...cell} name={[f.name, "note"]} rules={[{ max: 500 }]}>
                  <Input maxLength={500} aria-label={aria("note", i)} style={{ minWidth: 180 }} />
                </Form.Item>
              ),
            },
            {
              title: t("common.actions"),
              key: "remove",
              render: (_: unknown, f: FormListFieldData, i: number) => (
                <Button type="link" danger icon={<DeleteOutlined />} aria-label={t("plan.removeEntry", { row: i + 1 })} onClick={() => remove(f.name)}>
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
                locale={{ emptyText: <EmptyRows>{t("plan.noEntries", { year: summaryYear })}</EmptyRows> }}
                summary={() =>
                  fields.length > 0 ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={3}>
                        <Typography.Text strong>{t("plan.entriesTotal")}</Typography.Text>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3}>{sumOf(entries, (e) => e.participants)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={4}>{sumOf(entries, (e) => e.completed)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={5}>{sumOf(entries, (e) => e.hoursDelivered)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={6} colSpan={2} />
                    </Table.Summary.Row>
                  ) : null
                }
              />
              <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} disabled={fields.length >= 500} onClick={() => add({ plannedKey: null, outcome: "run", participants: 0, completed: 0, hoursDelivered: 0 })}>
                {t("plan.addEntry")}
              </Button>
            </>
          );
        }}
      </Form.List>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>
          <Form.Item label={t("plan.adHocProjects", { year: summaryYear })} name={["summary", "adHocProjects"]} rules={[{ required: true, message: t("filing.numberRequired") }]}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t("plan.narrative")} name={["summary", "narrative"]} rules={[{ max: 5000 }]} extra={t("plan.narrativeHint")}>
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
