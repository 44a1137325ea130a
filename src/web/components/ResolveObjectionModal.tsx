// 异议处理 (第五条（三）): the bureau answers an objection in writing and says whether it is upheld; an
// upheld objection sends the application back for revision or rejects it.
import { useEffect, useState } from "react";
import { Alert, Descriptions, Form, Input, Modal, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { objectionApi } from "../api/endpoints";
import type { ObjectionView, ResolveObjectionBody } from "../api/types";
import { formatInstant } from "../format";
import { ApiError } from "../api/client";

interface ResolveForm {
  answer: string;
  upheld: boolean;
  outcome?: "return" | "reject";
}

interface Props {
  objection: ObjectionView | null;
  onClose(): void;
  onDone(): void;
}

export function ResolveObjectionModal({ objection, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResolveForm>();
  const upheld = Form.useWatch("upheld", form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!objection) return;
    form.resetFields();
    setError(null);
  }, [objection, form]);

  const run = async () => {
    if (!objection) return;
    const v = await form.validateFields();
    const body: ResolveObjectionBody = { answer: v.answer.trim(), upheld: v.upheld, ...(v.upheld ? { outcome: v.outcome } : {}) };
    setBusy(true);
    setError(null);
    try {
      await objectionApi.resolve(objection.id, body);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("errors.unexpected"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!objection}
      title={t("objection.resolveTitle", { receiptNo: objection?.receiptNo ?? "" })}
      okText={t("objection.resolve")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void run().catch(() => undefined)}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      forceRender
    >
      {objection && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: "name", label: t("objection.name"), children: objection.name },
            { key: "contact", label: t("objection.contact"), children: objection.contact },
            { key: "at", label: t("objection.createdAt"), children: formatInstant(objection.createdAt) },
            { key: "content", label: t("objection.content"), children: <span style={{ whiteSpace: "pre-wrap" }}>{objection.content}</span> },
          ]}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ResolveForm> form={form} name="resolveObjection" layout="vertical">
        <Form.Item label={t("objection.answer")} name="answer" rules={[{ required: true, whitespace: true, message: t("objection.answerRequired") }, { max: 2000 }]}>
          <Input.TextArea rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t("objection.upheld")} name="upheld" rules={[{ required: true, message: t("objection.upheldRequired") }]}>
          <Radio.Group
            options={[
              { value: false, label: t("objection.upheldNoLong") },
              { value: true, label: t("objection.upheldYesLong") },
            ]}
          />
        </Form.Item>
        {upheld === true && (
          <Form.Item label={t("objection.outcome")} name="outcome" rules={[{ required: true, message: t("objection.outcomeRequired") }]} extra={t("objection.outcomeHint")}>
            <Radio.Group
              options={(["return", "reject"] as const).map((o) => ({ value: o, label: t(`objection.outcomes.${o}`) }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
