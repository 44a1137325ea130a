// 登记收费标准 (第二十五条): a base records its fee per person for one kind of training, with its basis.
// Lowering takes effect at once; raising it (or a first standard) waits for the bureau's approval, and
// the dialog says so and asks for confirmation before anything is sent.
import { useEffect, useState } from "react";
import { App, Form, Input, InputNumber, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { SUBJECT_TYPES } from "../../../shared/filing.js";
import { feeStandardApi } from "../../api/endpoints";
import type { BaseView, SubjectType } from "../../api/types";
import { formatFen, yuanToFen } from "../../format";
import { refusalOf, type Refusal } from "../../components/refusals";
import { RefusalAlert } from "../../components/RefusalAlert";

interface FeeForm {
  baseId: string;
  kind: SubjectType;
  amountYuan: number;
  basis: string;
}

interface Props {
  open: boolean;
  bases: BaseView[];
  onClose(): void;
  onDone(): void;
}

export function FeeStandardModal({ open, bases, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<FeeForm>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (bases.length === 1) form.setFieldValue("baseId", bases[0].id);
    setRefusal(null);
  }, [open, bases, form]);

  const send = async (v: FeeForm, amountFen: number) => {
    setBusy(true);
    setRefusal(null);
    try {
      const created = await feeStandardApi.create(v.baseId, { kind: v.kind, amountFen, basis: v.basis.trim() });
      void message.success(t(created.status === "pending" ? "feeStandard.sentForApproval" : "feeStandard.inForce"));
      onDone();
    } catch (err) {
      setRefusal(refusalOf(t, err));
    } finally {
      setBusy(false);
    }
  };

  const ok = async () => {
    const v = await form.validateFields();
    const amountFen = yuanToFen(v.amountYuan) ?? 0;
    setBusy(true);
    let currentFen: number | null = null;
    try {
      const current = await feeStandardApi.list({ baseId: v.baseId, status: "approved", pageSize: 50 });
      currentFen = current.items.find((s) => s.kind === v.kind)?.amountFen ?? null;
    } catch (err) {
      setRefusal(refusalOf(t, err));
      setBusy(false);
      return;
    }
    setBusy(false);
    // 第二十五条: no base raises its own ceiling; a first standard is a rise from nothing.
    const isRise = amountFen > (currentFen ?? 0);
    const kindName = t(`subjectType.${v.kind}`);
    const currentText = currentFen === null ? t("feeStandard.noneOnFile") : formatFen(currentFen);
    modal.confirm({
      title: t(isRise ? "feeStandard.confirmRiseTitle" : "feeStandard.confirmTitle"),
      content: t(isRise ? "feeStandard.confirmRise" : "feeStandard.confirmLower", { kind: kindName, current: currentText, amount: formatFen(amountFen) }),
      okText: t(isRise ? "feeStandard.sendForApproval" : "feeStandard.record"),
      cancelText: t("common.cancel"),
      onOk: () => send(v, amountFen),
    });
  };

  return (
    <Modal
      open={open}
      title={t("feeStandard.createTitle")}
      okText={t("feeStandard.record")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form<FeeForm> form={form} name="feeStandard" layout="vertical" initialValues={{ kind: "professional" }}>
        <Form.Item label={t("filing.base")} name="baseId" rules={[{ required: true, message: t("filing.baseRequired") }]}>
          <Select options={bases.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item label={t("feeStandard.kind")} name="kind" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={SUBJECT_TYPES.map((k) => ({ value: k, label: t(`subjectType.${k}`) }))} />
        </Form.Item>
        <Form.Item
          label={t("feeStandard.amountYuan")}
          name="amountYuan"
          extra={t("feeStandard.amountHint")}
          rules={[{ required: true, message: t("feeStandard.amountRequired") }]}
        >
          <InputNumber min={0} max={1_000_000} precision={2} step={10} style={{ width: 200 }} suffix={t("filing.yuanPerPerson")} />
        </Form.Item>
        <Form.Item
          label={t("feeStandard.basis")}
          name="basis"
          extra={t("feeStandard.basisHint")}
          rules={[{ required: true, whitespace: true, message: t("feeStandard.basisRequired") }, { min: 2, max: 500 }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
