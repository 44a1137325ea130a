// Create or edit an organization (第三条, 第十四条). The unified social credit code is checked against
// GB 32100 before submit; the bureau may still record an early code that fails the check, explicitly.
import { useEffect, useState } from "react";
import { App, Checkbox, Col, Form, Input, Modal, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ORG_TYPES } from "../../../shared/roles.js";
import { isValidCreditCode } from "../../../shared/identifiers.js";
import { organizationApi } from "../../api/endpoints";
import type { OrganizationView, OrgType } from "../../api/types";
import { RemoteSelect, searchOrganizations } from "../../components/RemoteSelect";
import { useShowError } from "../../components/useShowError";

interface OrgForm {
  name: string;
  type: OrgType;
  parentId?: string | null;
  region: string;
  creditCode: string;
  creditCodeOverride?: boolean;
  contactName: string;
  contactPhone: string;
  address?: string;
}

const PHONE = /^[0-9+\- ]{5,20}$/;

interface Props {
  open: boolean;
  /** null: create */
  org: OrganizationView | null;
  onClose(): void;
  onSaved(org: OrganizationView): void;
}

export function OrganizationFormModal({ open, org, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<OrgForm>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) form.setFieldsValue({ ...org, address: org.address ?? "" });
  }, [open, org, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const creditCode = v.creditCode.trim().toUpperCase();
    const fields = {
      name: v.name.trim(),
      type: v.type,
      parentId: v.parentId ?? null,
      region: v.region.trim(),
      creditCode,
      creditCodeOverride: !!v.creditCodeOverride && !isValidCreditCode(creditCode),
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      address: v.address?.trim() ?? "",
    };
    setSaving(true);
    try {
      const saved = org
        ? await organizationApi.update(org.id, { version: org.version, ...fields })
        : await organizationApi.create(fields);
      void message.success(t("common.saved"));
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={org ? t("org.editTitle") : t("org.createTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Form<OrgForm> form={form} name="organization" layout="vertical" initialValues={{ creditCodeOverride: false }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t("org.name")} name="name" rules={[{ required: true, whitespace: true, message: t("org.nameRequired") }, { min: 2, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("org.type")} name="type" rules={[{ required: true, message: t("org.typeRequired") }]}>
              <Select options={ORG_TYPES.map((v) => ({ value: v, label: t(`orgTypes.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("org.parent")} name="parentId">
              <RemoteSelect
                key={org?.id ?? "new"}
                allowClear
                search={async (q) => (await searchOrganizations(q)).filter((o) => o.value !== org?.id)}
                initialOptions={org?.parentId ? [{ value: org.parentId, label: org.parentName ?? org.parentId }] : []}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("org.region")} name="region" rules={[{ required: true, whitespace: true, message: t("org.regionRequired") }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("org.creditCode")}
              name="creditCode"
              dependencies={["creditCodeOverride"]}
              normalize={(v: string) => v?.toUpperCase()}
              rules={[
                { required: true, message: t("org.creditCodeRequired") },
                { len: 18, message: t("org.creditCodeLength") },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (!value || value.length !== 18 || isValidCreditCode(value) || getFieldValue("creditCodeOverride")) return;
                    throw new Error(t("org.creditCodeInvalid"));
                  },
                }),
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCodeOverride" valuePropName="checked" label={t("org.creditCodeOverrideLabel")} extra={t("org.creditCodeOverrideHint")}>
              <Checkbox>{t("org.creditCodeOverride")}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("org.contactName")} name="contactName" rules={[{ required: true, whitespace: true, message: t("org.contactNameRequired") }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("org.contactPhone")}
              name="contactPhone"
              rules={[{ required: true, message: t("org.contactPhoneRequired") }, { pattern: PHONE, message: t("common.phoneInvalid") }]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t("org.address")} name="address" rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
