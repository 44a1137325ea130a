// The bureau's overrides of the working-day calendar (a holiday or make-up working day the built-in
// official calendar lacks): list, delete, add.
import { useState } from "react";
import { App, Button, DatePicker, Form, Input, Popconfirm, Radio, Table, type TableColumnsType } from "antd";
import { ToneTag } from "../../components/ToneTag";
import { PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { calendarApi } from "../../api/endpoints";
import type { CalendarOverride } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatInstant } from "../../format";

interface OverrideForm {
  date: Dayjs;
  isWorkday: boolean;
  name: string;
}

export function OverridesTable({ overrides, canManage, onChanged }: { overrides: CalendarOverride[]; canManage: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();

  const remove = async (date: string) => {
    try {
      await calendarApi.deleteOverride(date);
      void message.success(t("calendar.overrideDeleted"));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t("calendar.date"), dataIndex: "date", render: (v: string) => formatDate(v) },
    {
      title: t("calendar.dayType"),
      dataIndex: "isWorkday",
      render: (v: boolean) => <ToneTag tone={v ? "orange" : "red"}>{v ? t("calendar.workday") : t("calendar.restDay")}</ToneTag>,
    },
    { title: t("calendar.name"), dataIndex: "name" },
    { title: t("calendar.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      render: (_, r) => (
        <Popconfirm
          title={t("calendar.confirmDelete", { date: formatDate(r.date) })}
          okText={t("common.confirm")}
          cancelText={t("common.cancel")}
          onConfirm={() => remove(r.date)}
        >
          <Button type="link" danger>
            {t("common.delete")}
          </Button>
        </Popconfirm>
      ),
    });
  }
  return <Table<CalendarOverride> rowKey="date" size="small" columns={columns} dataSource={overrides} pagination={false} />;
}

export function AddOverrideForm({ year, onAdded }: { year: number; onAdded(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<OverrideForm>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: OverrideForm) => {
    setSaving(true);
    try {
      await calendarApi.addOverride({ date: v.date.format("YYYY-MM-DD"), isWorkday: v.isWorkday, name: v.name.trim() });
      void message.success(t("calendar.overrideAdded"));
      form.resetFields();
      onAdded();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<OverrideForm> form={form} name="calendarOverride" layout="inline" onFinish={onFinish} initialValues={{ isWorkday: false }} disabled={saving}>
      <Form.Item label={t("calendar.date")} name="date" rules={[{ required: true, message: t("calendar.dateRequired") }]}>
        <DatePicker disabledDate={(d) => d.year() !== year} defaultPickerValue={dayjs(`${year}-01-01`)} />
      </Form.Item>
      <Form.Item label={t("calendar.dayType")} name="isWorkday" rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: true, label: t("calendar.workday") },
            { value: false, label: t("calendar.restDay") },
          ]}
        />
      </Form.Item>
      <Form.Item label={t("calendar.name")} name="name" rules={[{ required: true, whitespace: true, message: t("calendar.nameRequired") }, { max: 30 }]}>
        <Input maxLength={30} placeholder={t("calendar.namePlaceholder")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
        {t("calendar.addOverride")}
      </Button>
    </Form>
  );
}
