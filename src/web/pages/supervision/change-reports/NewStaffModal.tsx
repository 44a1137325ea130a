// 新增基地工作人员 (第十五条): a base staff account of the signed-in person's own organization, with a
// temporary password the new colleague changes at first sign-in.
import { useEffect } from "react";
import { Alert, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { userApi } from "../../../api/endpoints";
import type { UserView } from "../../../api/types";
import { passwordRules } from "../../../components/passwordPolicy";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  password: string;
}

export function NewStaffModal({ open, orgId, onClose, onDone }: { open: boolean; orgId: string; onClose(): void; onDone(u: UserView): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
  }, [open, form, clear]);

  const ok = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      onDone(await userApi.create({ username: v.username.trim(), displayName: v.displayName.trim(), orgId, roles: ["base_staff"], password: v.password, phone: v.phone?.trim() || null }));
    });
  };

  return (
    <Modal
      open={open}
      title={t("supervision.staff.createTitle")}
      okText={t("supervision.staff.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("user.initialPasswordHint")} />
      <RefusalAlert refusal={refusal} />
      <Form<Values> form={form} name="newStaff" layout="vertical">
        <Form.Item
          name="username"
          label={t("user.username")}
          rules={[
            { required: true, message: t("user.usernameRequired") },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t("user.usernamePattern") },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("user.displayName")} rules={[{ required: true, whitespace: true, message: t("user.displayNameRequired") }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t("user.phone")} extra={t("supervision.staff.phoneHint")} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("supervision.staff.phonePattern") }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="password" label={t("user.initialPassword")} rules={passwordRules(t, () => form.getFieldValue("username") as string | undefined)}>
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
