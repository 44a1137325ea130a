// One workflow step of the application, confirmed in a dialog: what the step does, and a comment where
// it takes one (退回修改 and 不予通过 require a reason). The action comes from availableActions only.
import { useEffect, useState } from "react";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationView } from "../../api/types";
import { actionErrorText } from "./actionErrors";

type CommentMode = "none" | "optional" | "required";
const COMMENT: Record<string, CommentMode> = {
  submit: "none",
  return: "required",
  recommend: "optional",
  reject: "required",
  accept: "optional",
  approve: "optional",
  publish: "none",
};
const DANGER = new Set(["return", "reject"]);

interface Props {
  view: ApplicationView;
  /** the action being confirmed; null: closed */
  action: string | null;
  onClose(): void;
  onDone(view: ApplicationView, action: string): void;
  /** a refusal the page shows itself (missing parts, stale version) */
  onRefused(err: unknown): boolean;
}

export function ActionModal({ view, action, onClose, onDone, onRefused }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode: CommentMode = action ? (COMMENT[action] ?? "optional") : "none";
  const label = action ? t(`appAction.${action}`, { defaultValue: action }) : "";

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
  }, [action, form]);

  const run = async () => {
    if (!action) return;
    const { comment } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const next = await applicationApi.act(view.id, action, { version: view.version, ...(comment?.trim() ? { comment: comment.trim() } : {}) });
      onDone(next, action);
    } catch (err) {
      if (!onRefused(err)) setError(actionErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const explainKey = `application.confirm.${action}`;
  return (
    <Modal
      open={!!action}
      title={t("application.confirm.title", { action: label })}
      okText={label}
      okButtonProps={{ danger: !!action && DANGER.has(action) }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void run().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {i18n.exists(explainKey) && (
        <Typography.Paragraph>{t(explainKey, { supervisor: view.supervisorOrgName })}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="applicationAction" layout="vertical">
        {mode !== "none" && (
          <Form.Item
            label={t(mode === "required" ? `application.commentLabel.${action === "reject" ? "reason" : "return"}` : "application.commentLabel.optional")}
            name="comment"
            rules={[{ required: mode === "required", whitespace: true, message: t("application.commentRequired") }, { max: 1000 }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
