// 新建申报: the applicant chooses its 主管部门 or 区市人社部门 (第五条（一）) and may name the base; the
// draft is created at once and opens in the form editor.
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { applicationApi } from "../../api/endpoints";
import type { SupervisingUnit } from "../../api/types";
import { useShowError } from "../../components/useShowError";

interface NewForm {
  supervisorOrgId: string;
  baseName?: string;
}

export function NewApplicationModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewForm>();
  const [units, setUnits] = useState<SupervisingUnit[] | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open || units) return;
    applicationApi
      .supervisingUnits()
      .then((r) => setUnits(r.items))
      .catch((err: unknown) => {
        setUnits([]);
        showError(err);
      });
  }, [open, units, showError]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const baseName = v.baseName?.trim();
      const created = await applicationApi.create(v.supervisorOrgId, baseName ? { basics: { baseName } } : {});
      void message.success(t("application.created"));
      navigate(`/applications/${created.id}/edit`);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("application.createTitle")}
      okText={t("application.createOk")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form<NewForm> form={form} name="newApplication" layout="vertical">
        <Form.Item
          label={t("application.supervisorChoice")}
          name="supervisorOrgId"
          extra={t("application.supervisorChoiceHint")}
          rules={[{ required: true, message: t("application.supervisorRequired") }]}
        >
          <Select
            loading={units === null}
            showSearch={{ optionFilterProp: "label" }}
            options={(units ?? []).map((u) => ({ value: u.id, label: `${u.name}（${t(`orgTypes.${u.type}`, { defaultValue: u.type })}）` }))}
          />
        </Form.Item>
        <Form.Item label={t("application.fields.basics.baseName")} name="baseName" rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
