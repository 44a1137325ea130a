// 新增政策版本 (bureau): a new version of the rule parameters from a future date; history is never
// rewritten, so a published version cannot be changed (DESIGN.md "Policy", 第二十九条).
import { useEffect, useState } from "react";
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { policyApi } from "../../api/endpoints";
import type { PolicyParams, PolicyVersionView, ReviewCriterion } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { todayInShanghai } from "../../format";

type PolicyForm = Omit<PolicyParams, "professionalShare" | "completionAttendance" | "validUntil"> & {
  effectiveFrom: Dayjs;
  /** 第二十九条: the term of the measures this version follows (empty: open-ended) */
  validUntil?: Dayjs | null;
  note: string;
  /** percent in the form, ratio in the API */
  professionalShare: number;
  completionAttendance: number;
};

const toPercent = (ratio: number) => Number((ratio * 100).toFixed(2));
/** Keep the exact ratio (e.g. 2/3) when the rounded percent was not touched. */
const toRatio = (percent: number, original: number) => (percent === toPercent(original) ? original : percent / 100);

const NUMBER_FIELDS: { name: keyof PolicyParams; min: number; max: number; unit?: string }[] = [
  { name: "noticeDays", min: 1, max: 60, unit: "policy.unit.days" },
  { name: "filingLeadWorkdays", min: 0, max: 60, unit: "policy.unit.workdays" },
  { name: "yearlyHours", min: 1, max: 1000, unit: "policy.unit.hours" },
  { name: "generalMinHours", min: 0, max: 1000, unit: "policy.unit.hours" },
  { name: "maxHoursPerDay", min: 1, max: 24, unit: "policy.unit.hours" },
  // 第十七条: how long around a session its check-in code is accepted
  { name: "checkInOpensMinutesBefore", min: 0, max: 720, unit: "policy.unit.minutes" },
  { name: "checkInClosesMinutesAfter", min: 0, max: 720, unit: "policy.unit.minutes" },
];

export function PolicyVersionModal({ open, base, onClose, onSaved }: { open: boolean; base: PolicyVersionView | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<PolicyForm>();
  const [saving, setSaving] = useState(false);
  const criteria = (Form.useWatch("reviewCriteria", form) ?? []) as Partial<ReviewCriterion>[];
  const weightSum = criteria.reduce((s, c) => s + (Number(c?.weight) || 0), 0);
  const today = todayInShanghai();

  useEffect(() => {
    if (!open || !base) return;
    form.resetFields();
    const p = base.params;
    form.setFieldsValue({
      ...p,
      professionalShare: toPercent(p.professionalShare),
      completionAttendance: toPercent(p.completionAttendance),
      effectiveFrom: dayjs(today),
      // a new version states its own term; the one it follows may have run out
      validUntil: null,
      note: "",
    });
  }, [open, base, form, today]);

  const publish = async (v: PolicyForm) => {
    if (!base) return;
    const { effectiveFrom, note, validUntil, ...rest } = v;
    const params: PolicyParams = {
      ...rest,
      ...(validUntil ? { validUntil: validUntil.format("YYYY-MM-DD") } : {}),
      professionalShare: toRatio(v.professionalShare, base.params.professionalShare),
      completionAttendance: toRatio(v.completionAttendance, base.params.completionAttendance),
      reviewCriteria: v.reviewCriteria.map((c) => ({ key: c.key.trim(), label: c.label.trim(), weight: c.weight, max: c.max })),
    };
    setSaving(true);
    try {
      await policyApi.create({ effectiveFrom: effectiveFrom.format("YYYY-MM-DD"), params, note: note.trim() });
      void message.success(t("policy.published"));
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t("policy.confirmTitle"),
      content: t("policy.confirmContent", { date: v.effectiveFrom.format("YYYY-MM-DD") }),
      okText: t("policy.publish"),
      cancelText: t("common.cancel"),
      onOk: () => publish(v),
    });
  };

  const num = (name: keyof PolicyParams, min: number, max: number, unit?: string) => (
    <Col xs={24} md={8} key={name}>
      <Form.Item label={t(`policy.params.${name}`)} name={name} rules={[{ required: true }, { type: "number", min, max }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: "100%" }} suffix={unit ? t(unit) : undefined} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={open}
      title={t("policy.createTitle")}
      okText={t("policy.publish")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={900}
      forceRender
    >
      <Form<PolicyForm> form={form} name="policyVersion" layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t("policy.effectiveFrom")} name="effectiveFrom" rules={[{ required: true, message: t("policy.effectiveFromRequired") }]} extra={t("policy.effectiveFromHint")}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") < today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t("supervision.policyTerm.validUntil")}
              name="validUntil"
              extra={t("supervision.policyTerm.validUntilHint")}
              dependencies={["effectiveFrom"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | null | undefined) => {
                    const from = getFieldValue("effectiveFrom") as Dayjs | undefined;
                    if (value && from && value.isBefore(from, "day")) throw new Error(t("supervision.policyTerm.validUntilAfter"));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: "100%" }} allowClear placeholder={t("supervision.policyTerm.openEnded")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t("policy.note")} name="note" rules={[{ required: true, whitespace: true, message: t("policy.noteRequired") }, { max: 200 }]}>
              <Input.TextArea rows={1} maxLength={200} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t("policy.params.cityName")} name="cityName" rules={[{ required: true, whitespace: true }, { max: 20 }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t("policy.params.docPrefix")} name="docPrefix" rules={[{ required: true, whitespace: true }, { max: 20 }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t("policy.params.annualPlanDue")}
              name="annualPlanDue"
              extra={t("policy.annualPlanDueHint")}
              rules={[{ required: true }, { pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, message: t("policy.annualPlanDueInvalid") }]}
            >
              <Input maxLength={5} placeholder="12-31" />
            </Form.Item>
          </Col>
          {NUMBER_FIELDS.map((f) => num(f.name, f.min, f.max, f.unit))}
          {(["professionalShare", "completionAttendance"] as const).map((name) => (
            <Col xs={24} md={8} key={name}>
              <Form.Item
                label={t(`policy.params.${name}`)}
                name={name}
                rules={[{ required: true }, { type: "number", min: name === "completionAttendance" ? 1 : 0, max: 100 }]}
              >
                <InputNumber min={0} max={100} precision={2} style={{ width: "100%" }} suffix="%" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          {t("policy.params.reviewCriteria")}
        </Typography.Title>
        <Form.List
          name="reviewCriteria"
          rules={[
            {
              validator: async (_, list: Partial<ReviewCriterion>[] | undefined) => {
                if (!list || list.length < 1) throw new Error(t("policy.criteriaRequired"));
                const sum = list.reduce((s, c) => s + (Number(c?.weight) || 0), 0);
                if (sum !== 100) throw new Error(t("policy.weightSumInvalid", { sum }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="baseline" wrap style={{ display: "flex", marginBottom: 4 }}>
                  <Form.Item label={t("policy.criterion.key")} name={[name, "key"]} rules={[{ required: true }, { pattern: /^[a-z][a-zA-Z0-9]{0,31}$/, message: t("policy.criterionKeyInvalid") }]}>
                    <Input maxLength={32} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item label={t("policy.criterion.label")} name={[name, "label"]} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
                    <Input maxLength={50} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item label={t("policy.criterion.weight")} name={[name, "weight"]} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  <Form.Item label={t("policy.criterion.max")} name={[name, "max"]} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(name)} disabled={fields.length <= 1}>
                    {t("common.delete")}
                  </Button>
                </Space>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ key: "", label: "", weight: 10, max: 10 })} disabled={fields.length >= 20}>
                  {t("policy.addCriterion")}
                </Button>
                <Typography.Text type={weightSum === 100 ? "success" : "danger"}>{t("policy.weightSum", { sum: weightSum })}</Typography.Text>
              </Space>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
