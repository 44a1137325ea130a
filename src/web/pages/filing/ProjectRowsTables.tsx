// The filing form's two tables: 授课教师 (name, title, organization) and 课程安排 (date, time, title,
// teacher, hours) with a running total of session hours against the project's hours — they must match
// (HOURS_MISMATCH) — counted in half hours as the server counts them.
import { AutoComplete, Button, DatePicker, Form, Input, InputNumber, Table, TimePicker, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { FormListFieldData } from "antd";
import type { Dayjs } from "dayjs";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { sessionHoursTotal } from "../../../shared/filing.js";
import { EmptyRows } from "./filingTags";
import type { ProjectValues } from "./projectValues";

const cell = { style: { marginBottom: 0 } };
type Col = { title: string; key: string; width?: number; render(_: unknown, f: FormListFieldData, i: number): ReactNode };

function RowsTable({ name, columns, addLabel, emptyText, initialRow, max, removeLabel }: {
  name: string;
  columns: Col[];
  addLabel: string;
  emptyText: string;
  initialRow?: Record<string, unknown>;
  max: number;
  removeLabel(row: number): string;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table<FormListFieldData>
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={fields}
            locale={{ emptyText: <EmptyRows>{emptyText}</EmptyRows> }}
            columns={[
              { title: "#", key: "n", width: 48, render: (_: unknown, __: FormListFieldData, i: number) => i + 1 },
              ...columns,
              {
                title: t("common.actions"),
                key: "remove",
                render: (_: unknown, f: FormListFieldData, i: number) => (
                  <Button type="link" danger icon={<DeleteOutlined />} aria-label={removeLabel(i + 1)} onClick={() => remove(f.name)}>
                    {t("common.delete")}
                  </Button>
                ),
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} disabled={fields.length >= max} onClick={() => add({ ...initialRow })}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function TeachersTable() {
  const { t } = useTranslation();
  const col = (k: string) => t(`project.teacher.${k}`);
  const aria = (k: string, i: number) => t("filing.cellLabel", { column: col(k), row: i + 1 });
  const text = (k: "name" | "title" | "org", max: number, required = false, width = 160): Col => ({
    title: col(k),
    key: k,
    render: (_, f, i) => (
      <Form.Item {...cell} name={[f.name, k]} rules={[{ required, whitespace: true, message: t("project.teacher.nameRequired") }, { max }]}>
        <Input maxLength={max} aria-label={aria(k, i)} style={{ width }} />
      </Form.Item>
    ),
  });
  return (
    <RowsTable
      name="teachers"
      columns={[text("name", 30, true, 140), text("title", 30), text("org", 100, false, 240)]}
      addLabel={t("project.teacher.add")}
      emptyText={t("project.teacher.none")}
      max={100}
      removeLabel={(row) => t("project.teacher.remove", { row })}
    />
  );
}

export function SessionsTable({ range }: { range: [Dayjs | null | undefined, Dayjs | null | undefined] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectValues>();
  const sessions = Form.useWatch("sessions", form) ?? [];
  const hours = Form.useWatch("hours", form);
  const teachers = (Form.useWatch("teachers", form) ?? []).map((x) => x?.name?.trim()).filter((n): n is string => !!n);
  const total = sessionHoursTotal(sessions.map((s) => ({ hours: Number(s?.hours) || 0 })));
  const matches = typeof hours === "number" && total === hours;
  const col = (k: string) => t(`project.session.${k}`);
  const aria = (k: string, i: number) => t("filing.cellLabel", { column: col(k), row: i + 1 });
  const [from, to] = range;
  const outside = (d: Dayjs) => (!!from && d.isBefore(from, "day")) || (!!to && d.isAfter(to, "day"));

  const columns: Col[] = [
    {
      title: col("date"),
      key: "date",
      render: (_, f, i) => (
        <Form.Item {...cell} name={[f.name, "date"]} rules={[{ required: true, message: t("project.session.dateRequired") }]}>
          <DatePicker aria-label={aria("date", i)} disabledDate={outside} defaultPickerValue={from ?? undefined} style={{ width: 140 }} />
        </Form.Item>
      ),
    },
    ...(["startTime", "endTime"] as const).map(
      (k): Col => ({
        title: col(k),
        key: k,
        render: (_, f, i) => (
          <Form.Item {...cell} name={[f.name, k]} rules={[{ required: true, message: t("project.session.timeRequired") }]}>
            <TimePicker aria-label={aria(k, i)} format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: 100 }} />
          </Form.Item>
        ),
      }),
    ),
    {
      title: col("title"),
      key: "title",
      render: (_, f, i) => (
        <Form.Item {...cell} name={[f.name, "title"]} rules={[{ required: true, whitespace: true, message: t("project.session.titleRequired") }, { max: 100 }]}>
          <Input maxLength={100} aria-label={aria("title", i)} style={{ minWidth: 200 }} />
        </Form.Item>
      ),
    },
    {
      title: col("teacher"),
      key: "teacher",
      render: (_, f, i) => (
        <Form.Item {...cell} name={[f.name, "teacher"]} rules={[{ max: 30 }]}>
          <AutoComplete aria-label={aria("teacher", i)} options={teachers.map((n) => ({ value: n }))} style={{ width: 130 }} maxLength={30} />
        </Form.Item>
      ),
    },
    {
      title: col("hours"),
      key: "hours",
      render: (_, f, i) => (
        <Form.Item {...cell} name={[f.name, "hours"]} rules={[{ required: true, message: t("filing.numberRequired") }]}>
          <InputNumber aria-label={aria("hours", i)} min={0.5} max={24} step={0.5} precision={1} style={{ width: 90 }} />
        </Form.Item>
      ),
    },
  ];

  return (
    <>
      <RowsTable
        name="sessions"
        columns={columns}
        addLabel={t("project.session.add")}
        emptyText={t("project.session.none")}
        initialRow={{ hours: 1 }}
        max={500}
        removeLabel={(row) => t("project.session.remove", { row })}
      />
      <div aria-live="polite" style={{ marginTop: 12 }}>
        <Typography.Text strong type={matches ? "success" : "danger"} data-testid="session-hours-total">
          {t("project.session.total", { total, hours: typeof hours === "number" ? hours : "—" })}
        </Typography.Text>
        {!matches && typeof hours === "number" && sessions.length > 0 && (
          <Typography.Text type="danger"> {t("project.session.mismatch")}</Typography.Text>
        )}
      </div>
    </>
  );
}
