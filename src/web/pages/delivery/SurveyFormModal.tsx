// 新建问卷版本 (bureau): the evaluation questionnaire in force from a date (培训效果评估, 第十七条). A
// version, once published, is never changed: a project keeps the form in force at its class start.
// Starts from the latest version's questions; each is a 1–5 scale or a free comment.
import { useEffect } from "react";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { SurveyFormView, SurveyQuestion } from "../../../shared/delivery.js";
import { surveyFormApi } from "../../api/endpoints";
import { formatDate } from "../../format";
import { useRefusal } from "../../components/useRefusal";
import { RefusalAlert } from "../../components/RefusalAlert";
import { useBusinessToday } from "../filing/useFilingData";

interface FormValues {
  effectiveFrom: Dayjs;
  note?: string;
  questions: SurveyQuestion[];
}

const KEY = /^[a-z][a-zA-Z0-9]{0,31}$/;

interface Props {
  open: boolean;
  latest: SurveyFormView | null;
  onClose(): void;
  onSaved(form: SurveyFormView): void;
}

export function SurveyFormModal({ open, latest, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { busy, refusal, attempt, clear } = useRefusal();
  const today = useBusinessToday();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
    form.setFieldsValue({
      effectiveFrom: dayjs(today).add(1, "day"),
      note: "",
      questions: latest?.questions.map((q) => ({ ...q })) ?? [{ key: "overall", label: "", kind: "scale", required: true }],
    });
  }, [open, latest, form, today, clear]);

  const publish = (v: FormValues) =>
    attempt(async () => {
      const saved = await surveyFormApi.create({
        effectiveFrom: v.effectiveFrom.format("YYYY-MM-DD"),
        questions: v.questions.map((q) => ({ key: q.key.trim(), label: q.label.trim(), kind: q.kind, required: !!q.required })),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      onSaved(saved);
    });

  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t("delivery.surveyForms.confirmTitle"),
      content: t("delivery.surveyForms.confirmContent", { date: formatDate(v.effectiveFrom.format("YYYY-MM-DD")) }),
      okText: t("delivery.surveyForms.publish"),
      cancelText: t("common.cancel"),
      onOk: () => publish(v),
    });
  };

  const q = (k: string) => t(`delivery.surveyForms.question.${k}`);
  return (
    <Modal
      open={open}
      title={t("delivery.surveyForms.create")}
      okText={t("delivery.surveyForms.publish")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={960}
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form<FormValues> form={form} name="surveyForm" layout="vertical">
        <Space wrap align="start">
          <Form.Item
            label={t("delivery.surveyForms.effectiveFrom")}
            name="effectiveFrom"
            extra={t("delivery.surveyForms.effectiveFromHint")}
            rules={[{ required: true, message: t("delivery.surveyForms.effectiveFromRequired") }]}
          >
            <DatePicker disabledDate={(d) => d.format("YYYY-MM-DD") < today} />
          </Form.Item>
          <Form.Item label={t("delivery.surveyForms.note")} name="note" rules={[{ max: 500 }]} style={{ minWidth: 420 }}>
            <Input.TextArea rows={1} maxLength={500} showCount />
          </Form.Item>
        </Space>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t("delivery.surveyForms.questions")}
        </Typography.Title>
        <Form.List
          name="questions"
          rules={[
            {
              validator: async (_, list: Partial<SurveyQuestion>[] | undefined) => {
                if (!list || list.length < 1) throw new Error(t("delivery.surveyForms.questionsRequired"));
                const keys = list.map((x) => x?.key?.trim()).filter(Boolean);
                if (new Set(keys).size !== keys.length) throw new Error(t("delivery.surveyForms.keysUnique"));
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <>
              {fields.map(({ key, name }, index) => (
                <Space key={key} align="baseline" wrap style={{ display: "flex", marginBottom: 4 }}>
                  <Typography.Text style={{ width: 24 }}>{index + 1}.</Typography.Text>
                  <Form.Item
                    label={q("key")}
                    name={[name, "key"]}
                    rules={[{ required: true, message: q("keyRequired") }, { pattern: KEY, message: q("keyInvalid") }]}
                  >
                    <Input maxLength={32} style={{ width: 140 }} aria-label={t("delivery.surveyForms.cell", { column: q("key"), row: index + 1 })} />
                  </Form.Item>
                  <Form.Item label={q("label")} name={[name, "label"]} rules={[{ required: true, whitespace: true, message: q("labelRequired") }, { min: 2, max: 100 }]}>
                    <Input maxLength={100} style={{ width: 300 }} aria-label={t("delivery.surveyForms.cell", { column: q("label"), row: index + 1 })} />
                  </Form.Item>
                  <Form.Item label={q("kind")} name={[name, "kind"]} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 130 }}
                      aria-label={t("delivery.surveyForms.cell", { column: q("kind"), row: index + 1 })}
                      options={[
                        { value: "scale", label: q("scale") },
                        { value: "text", label: q("text") },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item label={q("required")} name={[name, "required"]} valuePropName="checked">
                    <Switch aria-label={t("delivery.surveyForms.cell", { column: q("required"), row: index + 1 })} />
                  </Form.Item>
                  <Button type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t("delivery.surveyForms.moveUp", { row: index + 1 })} />
                  <Button
                    type="text"
                    icon={<ArrowDownOutlined />}
                    disabled={index === fields.length - 1}
                    onClick={() => move(index, index + 1)}
                    aria-label={t("delivery.surveyForms.moveDown", { row: index + 1 })}
                  />
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(name)} disabled={fields.length <= 1} aria-label={t("delivery.surveyForms.remove", { row: index + 1 })} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: "", label: "", kind: "scale", required: true })} disabled={fields.length >= 30}>
                {t("delivery.surveyForms.addQuestion")}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
