// 申辩 (第十八条): within 5 working days of the result the base answers, in writing, with files if it
// has them; confirmed here, it cannot be withdrawn. A refusal (the window closed) stays in the dialog.
import { useEffect, useState } from "react";
import { Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";

interface Props {
  open: boolean;
  onClose(): void;
  run(comment: string, fileIds: string[]): Promise<void>;
}

export function AnswerModal({ open, onClose, run }: Props) {
  const { t } = useTranslation();
  const tx = (k: string, o?: Record<string, unknown>) => t(`supervision.inspections.${k}`, o);
  const [form] = Form.useForm<{ comment: string }>();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFiles([]);
    clear();
  }, [open, form, clear]);

  const ok = async () => {
    const { comment } = await form.validateFields();
    await attempt(() => run(comment.trim(), files.map((f) => f.fileId)));
  };

  return (
    <Modal
      open={open}
      title={tx("confirmTitle", { action: tx("action.answer") })}
      okText={tx("action.answer")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph>{tx("confirm.answer")}</Typography.Paragraph>
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="inspectionAnswer" layout="vertical">
        <Form.Item label={tx("answerText")} name="comment" rules={[{ required: true, whitespace: true, message: t("filing.commentRequired") }, { max: 5000 }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={tx("answerFiles")}>
          <EvidenceFiles uploadText={tx("upload")} label={tx("answerFiles")} size="small" value={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
