// Create or edit a user account. A professional (专业技术人员) needs an ID number (GB 11643), checked
// before submit; phone and ID number come back masked, so editing leaves them as they are unless retyped.
import { useEffect, useState } from "react";
import { App, Col, Form, Input, Modal, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../shared/roles.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { userApi } from "../../api/endpoints";
import type { Role, UserView } from "../../api/types";
import { passwordRules } from "../../components/passwordPolicy";
import { RemoteSelect, searchOrganizations } from "../../components/RemoteSelect";
import { useShowError } from "../../components/useShowError";

interface UserForm {
  username: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password: string;
  phone?: string;
  idNumber?: string;
}

const USERNAME = /^[A-Za-z0-9_.-]+$/;
const PHONE = /^[0-9+\- ]{5,20}$/;

interface Props {
  open: boolean;
  /** null: create */
  user: UserView | null;
  onClose(): void;
  onSaved(): void;
}

export function UserFormModal({ open, user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<UserForm>();
  const [saving, setSaving] = useState(false);
  const roles = Form.useWatch("roles", form) ?? [];
  const idRequired = roles.includes("professional") && !user?.idNumber;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ displayName: user.displayName, orgId: user.orgId, roles: user.roles });
  }, [open, user, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const phone = v.phone?.trim() || undefined;
    const idNumber = v.idNumber?.trim().toUpperCase() || undefined;
    setSaving(true);
    try {
      if (user) {
        await userApi.update(user.id, {
          version: user.version,
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          roles: v.roles,
          ...(phone ? { phone } : {}),
          ...(idNumber ? { idNumber } : {}),
        });
      } else {
        await userApi.create({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          roles: v.roles,
          password: v.password,
          phone: phone ?? null,
          idNumber: idNumber ?? null,
        });
      }
      void message.success(t("common.saved"));
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const keepHint = (masked: string | null | undefined) => (user && masked ? t("user.keepMasked", { value: masked }) : undefined);

  return (
    <Modal
      open={open}
      title={user ? t("user.editTitle") : t("user.createTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Form<UserForm> form={form} name="user" layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {user ? (
              <Form.Item label={t("user.username")} htmlFor="user_username_fixed">
                <Input id="user_username_fixed" value={user.username} disabled />
              </Form.Item>
            ) : (
              <Form.Item
                label={t("user.username")}
                name="username"
                rules={[
                  { required: true, message: t("user.usernameRequired") },
                  { min: 3, max: 32 },
                  { pattern: USERNAME, message: t("user.usernamePattern") },
                ]}
              >
                <Input maxLength={32} autoComplete="off" />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("user.displayName")} name="displayName" rules={[{ required: true, whitespace: true, message: t("user.displayNameRequired") }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("user.org")} name="orgId" rules={[{ required: true, message: t("user.orgRequired") }]}>
              <RemoteSelect
                key={user?.id ?? "new"}
                search={searchOrganizations}
                initialOptions={user ? [{ value: user.orgId, label: user.orgName }] : []}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("user.roles")}
              name="roles"
              rules={[{ required: true, type: "array", min: 1, message: t("user.rolesRequired") }, { type: "array", max: 5 }]}
            >
              <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          </Col>
          {!user && (
            <Col xs={24} md={12}>
              <Form.Item
                label={t("user.initialPassword")}
                name="password"
                dependencies={["username"]}
                extra={t("user.initialPasswordHint")}
                rules={passwordRules(t, () => form.getFieldValue("username") as string | undefined)}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item label={t("user.phone")} name="phone" extra={keepHint(user?.phone)} rules={[{ pattern: PHONE, message: t("common.phoneInvalid") }]}>
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("user.idNumber")}
              name="idNumber"
              dependencies={["roles"]}
              extra={keepHint(user?.idNumber) ?? t("user.idNumberHint")}
              rules={[
                { required: idRequired, message: t("user.idNumberRequired") },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value && !isValidIdNumber(value.trim())) throw new Error(t("user.idNumberInvalid"));
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
