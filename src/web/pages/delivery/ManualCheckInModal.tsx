// 补签: checking a person in by hand needs a reason, which the server records and audits.
import { useEffect } from "react";
import { Descriptions, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useRefusal } from "../../components/useRefusal";
import { RefusalAlert } from "../../components/RefusalAlert";
import type { AttendanceRow } from "./AttendanceTable";

interface Props {
  /** null: closed */
  person: AttendanceRow | null;
  onClose(): void;
  run(reason: string): Promise<void>;
}

export function ManualCheckInModal({ person, onClose, run }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!person) return;
    form.resetFields();
    clear();
  }, [person, form, clear]);

  const ok = async () => {
    const { reason } = await form.validateFields();
    await attempt(() => run(reason.trim()));
  };

  return (
    <Modal
      open={!!person}
      title={t("delivery.checkIn.manualTitle")}
      okText={t("delivery.checkIn.manual")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      {person && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "name", label: t("delivery.person.name"), children: person.name },
            { key: "id", label: t("delivery.person.idNumber"), children: person.idNumber },
            { key: "employer", label: t("delivery.person.employer"), children: person.employer },
          ]}
        />
      )}
      <Form form={form} name="manualCheckIn" layout="vertical">
        <Form.Item
          label={t("delivery.checkIn.manualReason")}
          name="reason"
          extra={t("delivery.checkIn.manualReasonHint")}
          rules={[{ required: true, whitespace: true, message: t("delivery.checkIn.manualReasonRequired") }, { min: 2, max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
