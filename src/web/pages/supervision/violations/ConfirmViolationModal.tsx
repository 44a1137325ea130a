// 认定违规 (第二十条), confirmed twice: the dialog says the base will be revoked and a dishonesty record
// of its host organization published; the bureau gives the basis (第二十条 by default), the sanction's
// content, how long it is published and an opinion (each defaulted by the server when left empty); a
// second confirmation precedes the step.
import { useEffect } from "react";
import { Alert, App, Form, Input, InputNumber, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ViolationConfirmPayload, ViolationView } from "../../../../shared/supervision/violations.js";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";

interface ConfirmForm {
  basis?: string;
  legalRepresentative?: string;
  penaltyContent?: string;
  publicityDays?: number | null;
  remark?: string;
  comment?: string;
}

interface Props {
  view: ViolationView;
  open: boolean;
  onClose(): void;
  run(body: { comment?: string; payload: ViolationConfirmPayload }): Promise<void>;
}

export function ConfirmViolationModal({ view, open, onClose, run }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<ConfirmForm>();
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
  }, [open, form, clear]);

  const ok = async () => {
    const v = await form.validateFields();
    const payload: ViolationConfirmPayload = {
      ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
      ...(v.legalRepresentative?.trim() ? { legalRepresentative: v.legalRepresentative.trim() } : {}),
      ...(v.penaltyContent?.trim() ? { penaltyContent: v.penaltyContent.trim() } : {}),
      ...(v.publicityDays ? { publicityDays: v.publicityDays } : {}),
      ...(v.remark?.trim() ? { remark: v.remark.trim() } : {}),
    };
    modal.confirm({
      title: t("supervision.violations.secondConfirmTitle"),
      content: t("supervision.violations.secondConfirmContent", { base: view.baseName, org: view.hostOrgName }),
      okText: t("supervision.violations.secondConfirmOk"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => attempt(() => run({ comment: v.comment?.trim() || undefined, payload })),
    });
  };

  return (
    <Modal
      open={open}
      title={t("supervision.violations.confirmTitle")}
      okText={t("supervision.violations.action.confirm")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("supervision.violations.confirmWarning")}
        description={t("supervision.violations.confirmExplain", { base: view.baseName, org: view.hostOrgName })}
      />
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="confirmViolation" layout="vertical">
        {/* Left empty, the server cites 第二十条 of the measures of the city in the policy. */}
        <Form.Item label={t("supervision.violations.field.basis")} name="basis" extra={t("supervision.violations.hint.basis")} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.legalRepresentative")} name="legalRepresentative" extra={t("supervision.violations.hint.legalRepresentative")} rules={[{ max: 50 }]}>
          <Input maxLength={50} style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.penaltyContent")} name="penaltyContent" extra={t("supervision.violations.hint.penaltyContent")} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.publicityDays")} name="publicityDays" extra={t("supervision.violations.hint.publicityDays")}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.remark")} name="remark" rules={[{ max: 500 }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.decisionComment")} name="comment" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t("supervision.violations.intro")}</Typography.Text>
    </Modal>
  );
}
