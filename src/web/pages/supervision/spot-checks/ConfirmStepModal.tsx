// Confirms a step of a review (发布, 办结) with what it will do, and an optional note for the history.
import { useEffect, type ReactNode } from "react";
import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../filing/RefusalAlert";

interface Props {
  /** null: closed */
  step: { label: string; explain: ReactNode; danger?: boolean } | null;
  onClose(): void;
  run(comment: string | undefined): Promise<void>;
}

export function ConfirmStepModal({ step, onClose, run }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, refusal, attempt, clear } = useRefusal();
  useEffect(() => {
    if (!step) return;
    form.resetFields();
    clear();
  }, [step, form, clear]);

  const ok = async () => {
    const { comment } = await form.validateFields();
    await attempt(() => run(comment?.trim() || undefined));
  };

  return (
    <Modal
      open={!!step}
      title={step ? t("supervision.spotChecks.confirmTitle", { action: step.label }) : ""}
      okText={step?.label}
      okButtonProps={{ danger: !!step?.danger }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <div style={{ marginBottom: 16 }}>{step?.explain}</div>
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="spotCheckStep" layout="vertical">
        <Form.Item label={t("supervision.spotChecks.commentOptional")} name="comment" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
