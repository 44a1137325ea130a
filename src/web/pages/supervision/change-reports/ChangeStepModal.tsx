// One step of the bureau or the base on a change report, confirmed in a dialog: what it does, and a
// comment where it takes one (要求补充材料 needs it).
import { useEffect } from "react";
import { Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../filing/RefusalAlert";

export const STEP_COMMENT: Record<string, "optional" | "required"> = { accept: "optional", return: "required", withdraw: "optional" };
const DANGER = new Set(["return", "withdraw"]);

interface Props {
  action: string | null;
  onClose(): void;
  run(comment: string | undefined): Promise<void>;
}

export function ChangeStepModal({ action, onClose, run }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    clear();
  }, [action, form, clear]);

  const label = action ? t(`supervision.changeReports.action.${action}`) : "";
  const ok = async () => {
    const v = await form.validateFields();
    await attempt(() => run(v.comment?.trim() || undefined));
  };

  return (
    <Modal
      open={!!action}
      title={t("supervision.changeReports.confirmTitle", { action: label })}
      okText={label}
      okButtonProps={{ danger: !!action && DANGER.has(action) }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {action && <Typography.Paragraph>{t(`supervision.changeReports.explain.${action}`)}</Typography.Paragraph>}
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="changeReportStep" layout="vertical">
        {action && STEP_COMMENT[action] && (
          <Form.Item
            name="comment"
            label={t(`supervision.changeReports.commentLabel.${action}`)}
            rules={[{ required: STEP_COMMENT[action] === "required", whitespace: true, message: t("filing.commentRequired") }, { max: 2000 }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
