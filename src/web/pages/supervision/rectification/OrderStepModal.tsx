// One step of a rectification order confirmed in a dialog: what it does, a comment where it takes one
// (退回 and 出具意见 need it), and a deadline for 确认下达 (optional) and 延长期限 (required).
import { useEffect } from "react";
import { DatePicker, Form, Input, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { useBusinessToday } from "../../filing/useFilingData";

export interface OrderStep {
  action: string;
  comment: "none" | "optional" | "required";
  deadline: "none" | "optional" | "required";
  danger?: boolean;
}

export const ORDER_STEPS: Record<string, OrderStep> = {
  confirm: { action: "confirm", comment: "optional", deadline: "optional" },
  withdraw: { action: "withdraw", comment: "optional", deadline: "none", danger: true },
  opine: { action: "opine", comment: "required", deadline: "none" },
  accept: { action: "accept", comment: "optional", deadline: "none" },
  return: { action: "return", comment: "required", deadline: "none", danger: true },
  extend: { action: "extend", comment: "optional", deadline: "required" },
};

interface Props {
  step: OrderStep | null;
  currentDeadline: string;
  onClose(): void;
  run(input: { comment?: string; deadline?: string }): Promise<void>;
}

export function OrderStepModal({ step, currentDeadline, onClose, run }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string; deadline?: Dayjs }>();
  const today = useBusinessToday();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!step) return;
    form.resetFields();
    if (step.deadline === "optional") form.setFieldValue("deadline", dayjs(currentDeadline));
    clear();
  }, [step, form, clear, currentDeadline]);

  const label = step ? t(`supervision.rectification.action.${step.action}`) : "";
  const ok = async () => {
    if (!step) return;
    const v = await form.validateFields();
    await attempt(() => run({ comment: v.comment?.trim() || undefined, deadline: v.deadline?.format("YYYY-MM-DD") }));
  };

  return (
    <Modal
      open={!!step}
      title={t("filing.confirmTitle", { action: label })}
      okText={label}
      okButtonProps={{ danger: !!step?.danger }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {step && <Typography.Paragraph>{t(`supervision.rectification.explain.${step.action}`)}</Typography.Paragraph>}
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="rectificationStep" layout="vertical">
        {step && step.deadline !== "none" && (
          <Form.Item
            name="deadline"
            label={t(step.action === "extend" ? "supervision.rectification.newDeadline" : "supervision.rectification.deadline")}
            rules={[{ required: true, message: t("supervision.rectification.deadlineRequired") }]}
          >
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") <= today} />
          </Form.Item>
        )}
        {step && step.comment !== "none" && (
          <Form.Item
            name="comment"
            label={t(`supervision.rectification.commentLabel.${step.action}`)}
            rules={[{ required: step.comment === "required", whitespace: true, message: t("filing.commentRequired") }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
