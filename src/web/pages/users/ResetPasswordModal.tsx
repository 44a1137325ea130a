// 重置密码: the bureau sets a temporary password; the user must change it at the next sign-in.
import { useEffect, useState } from "react";
import { Alert, App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { userApi } from "../../api/endpoints";
import type { UserView } from "../../api/types";
import { passwordRules } from "../../components/passwordPolicy";
import { useShowError } from "../../components/useShowError";

export function ResetPasswordModal({ user, onClose, onDone }: { user: UserView | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    setSaving(true);
    try {
      await userApi.resetPassword(user.id, password);
      void message.success(t("user.resetDone", { name: user.displayName }));
      onDone();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={t("user.resetTitle", { name: user?.displayName ?? "" })}
      okText={t("user.resetPassword")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Alert type="info" showIcon title={t("user.resetExplain")} style={{ marginBottom: 16 }} />
      <Form form={form} name="resetPassword" layout="vertical">
        <Form.Item label={t("user.temporaryPassword")} name="password" rules={passwordRules(t, () => user?.username)}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
