// One workflow step (of a plan, project, fee standard, enrolment, spot check, change report, …) confirmed
// in a dialog "确认<step>？": what the step does, and a comment where it takes one (退回 and 不予批准
// need a reason). A refusal stays in the dialog with the server's message and, for a submit that broke
// several rules, each rule's message.
import { useEffect, type ReactNode } from "react";
import { Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { RefusalAlert } from "./RefusalAlert";
import { useRefusal } from "./useRefusal";

export type CommentMode = "none" | "optional" | "required";

export interface StepSpec {
  /** the button's and the dialog's name of the step, e.g. 提交备案 */
  label: string;
  /** what the step does, shown above the comment: a sentence, or a summary of its own */
  explain?: ReactNode;
  comment: CommentMode;
  /** label of the comment box (退回理由, 撤销原因, 意见) */
  commentLabel?: string;
  /** the longest comment the server takes (1000 unless said) */
  commentMax?: number;
  danger?: boolean;
}

interface Props {
  /** null: closed */
  step: StepSpec | null;
  onClose(): void;
  /** runs the step; a thrown error is shown in the dialog */
  run(comment: string | undefined): Promise<void>;
}

export function StepModal({ step, onClose, run }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!step) return;
    form.resetFields();
    clear();
  }, [step, form, clear]);

  const ok = async () => {
    if (!step) return;
    const { comment } = await form.validateFields();
    await attempt(() => run(comment?.trim() || undefined));
  };

  return (
    <Modal
      open={!!step}
      title={step ? t("filing.confirmTitle", { action: step.label }) : ""}
      okText={step?.label}
      okButtonProps={{ danger: !!step?.danger }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {typeof step?.explain === "string" ? <Typography.Paragraph>{step.explain}</Typography.Paragraph> : step?.explain && <div style={{ marginBottom: 16 }}>{step.explain}</div>}
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="filingStep" layout="vertical">
        {step && step.comment !== "none" && (
          <Form.Item
            label={step.commentLabel ?? t("filing.commentOptional")}
            name="comment"
            rules={[{ required: step.comment === "required", whitespace: true, message: t("filing.commentRequired") }, { max: step.commentMax ?? 1000 }]}
          >
            <Input.TextArea rows={4} maxLength={step.commentMax ?? 1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
