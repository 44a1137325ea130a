// 项目信息: title, subject type (公需/专业), specialty, class dates (with the latest filing date as soon
// as the start is chosen), credit hours, mode, venue, capacity and the fee per person in 元 — next to
// the base's current fee standard for that kind of training (第二十五条), which it may not exceed — and
// the completion attendance (结业出勤要求, 第十七条): empty follows the policy in force at the end date,
// a project may set it lower, never higher.
import { useEffect, useState } from "react";
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SUBJECT_TYPES, TRAINING_MODES } from "../../../shared/filing.js";
import { feeStandardApi } from "../../api/endpoints";
import type { FeeStandardView, FilingDateView } from "../../api/types";
import { formatFen, formatPercent, yuanToFen } from "../../format";
import { FilingDateHint } from "./FilingDateHint";
import { ymd, type ProjectValues } from "./projectValues";
import { usePolicyAttendance } from "./usePolicyAttendance";
import { useCategoryOptions } from "./filingTags";

function FeeHint() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectValues>();
  const baseId = Form.useWatch("baseId", form);
  const kind = Form.useWatch("subjectType", form);
  const feeYuan = Form.useWatch("feeYuan", form);
  const [standards, setStandards] = useState<FeeStandardView[] | null>(null);

  useEffect(() => {
    setStandards(null);
    if (!baseId) return;
    let live = true;
    feeStandardApi
      .list({ baseId, status: "approved", pageSize: 50 })
      .then((r) => live && setStandards(r.items))
      .catch(() => live && setStandards([]));
    return () => {
      live = false;
    };
  }, [baseId]);

  if (!standards || !kind) return null;
  const current = standards.find((s) => s.kind === kind);
  const fee = yuanToFen(feeYuan) ?? 0;
  const above = fee > (current?.amountFen ?? 0);
  const kindName = t(`subjectType.${kind}`);
  return (
    <Typography.Text type={above ? "danger" : "secondary"}>
      {current ? t("project.feeStandard", { kind: kindName, amount: formatFen(current.amountFen) }) : t("project.noFeeStandard", { kind: kindName })}
      {above && current && ` ${t("project.feeAbove")}`}
    </Typography.Text>
  );
}

function CompletionAttendanceField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectValues>();
  const end = Form.useWatch("endDate", form);
  const policy = usePolicyAttendance(ymd(end));
  const max = policy == null ? 100 : Number((policy * 100).toFixed(2));
  return (
    <Form.Item
      label={t("project.completionAttendance")}
      name="completionPercent"
      extra={policy == null ? t("project.completionAttendanceHint") : t("project.completionAttendancePolicy", { percent: formatPercent(policy) })}
      rules={[{ type: "number", min: 50, max, message: t("project.completionAttendanceRange", { max: `${max}%` }) }]}
    >
      <InputNumber min={50} max={100} precision={0} addonAfter="%" placeholder={t("project.completionAttendanceDefault")} style={{ width: "100%" }} />
    </Form.Item>
  );
}

export function ProjectInfoFields({ onFilingDate }: { onFilingDate?: (view: FilingDateView | null) => void } = {}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectValues>();
  const start = Form.useWatch("startDate", form);
  const categoryOptions = useCategoryOptions();

  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item label={t("project.title")} name="title" rules={[{ required: true, whitespace: true, message: t("project.titleRequired") }, { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t("project.subjectType")} name="subjectType" rules={[{ required: true, message: t("filing.subjectTypeRequired") }]}>
          <Radio.Group optionType="button" options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subjectType.${s}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t("filing.category.label")} name="category" rules={[{ required: true, message: t("filing.category.required") }]}>
          <Select options={categoryOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t("project.specialty")} name="specialty" rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item label={t("project.startDate")} name="startDate" rules={[{ required: true, message: t("project.startDateRequired") }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          label={t("project.endDate")}
          name="endDate"
          dependencies={["startDate"]}
          rules={[
            { required: true, message: t("project.endDateRequired") },
            ({ getFieldValue }) => ({
              validator: async (_, value: ProjectValues["endDate"]) => {
                const from = getFieldValue("startDate") as ProjectValues["startDate"];
                if (value && from && value.isBefore(from, "day")) throw new Error(t("project.endBeforeStart"));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => !!start && d.isBefore(start, "day")} defaultPickerValue={start ?? undefined} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <FilingDateHint startDate={ymd(start)} onView={onFilingDate} />
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label={t("project.hours")} name="hours" extra={t("project.hoursHint")} rules={[{ required: true, message: t("filing.numberRequired") }]}>
          <InputNumber min={0.5} max={1000} step={0.5} precision={1} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label={t("project.mode")} name="mode" rules={[{ required: true }]}>
          <Select options={TRAINING_MODES.map((m) => ({ value: m, label: t(`trainingMode.${m}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label={t("project.capacity")} name="capacity" rules={[{ required: true, message: t("filing.numberRequired") }]}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label={t("project.feeYuan")} name="feeYuan" extra={<FeeHint />} rules={[{ required: true, message: t("filing.numberRequired") }]}>
          <InputNumber min={0} max={1_000_000} precision={2} step={10} style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <CompletionAttendanceField />
      </Col>
      <Col xs={24}>
        <Form.Item label={t("project.venue")} name="venue" rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t("project.description")} name="description" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
