// 新建检查 (第十八条): the supervising unit chooses one of its bases and the year; the server opens the
// draft prefilled with the platform's facts. Bases already inspected for the year cannot be chosen.
import { useEffect, useState } from "react";
import { Alert, Form, InputNumber, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { reviewYearOf } from "../../../../shared/supervision/inspections.js";
import { inspectionApi, type InspectableBase } from "../../../api/supervision/inspections";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { useRefusal } from "../../../components/useRefusal";
import { useBusinessToday } from "../../filing/useFilingData";

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(id: string): void;
}

export function NewInspectionModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ year: number; baseId: string }>();
  const today = useBusinessToday();
  const defaultYear = reviewYearOf(today);
  const year = Form.useWatch("year", form) ?? defaultYear;
  const [bases, setBases] = useState<InspectableBase[] | null>(null);
  const { busy, refusal, attempt, clear } = useRefusal();

  useEffect(() => {
    if (!open) return;
    let live = true;
    setBases(null);
    inspectionApi
      .candidates(year)
      .then((r) => live && setBases(r.items))
      .catch(() => live && setBases([]));
    return () => {
      live = false;
    };
  }, [open, year]);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ year: defaultYear, baseId: undefined });
      clear();
    }
  }, [open, form, defaultYear, clear]);

  const ok = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      const created = await inspectionApi.create(v.baseId, v.year);
      onClose();
      onCreated(created.id);
    });
  };

  return (
    <Modal
      open={open}
      title={t("supervision.inspections.newTitle")}
      okText={t("supervision.inspections.new")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("supervision.inspections.newExplain")}</Typography.Paragraph>
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="newInspection" layout="vertical" initialValues={{ year: defaultYear }}>
        <Form.Item label={t("supervision.inspections.year")} name="year" rules={[{ required: true }]}>
          <InputNumber min={2019} max={Number(today.slice(0, 4))} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t("supervision.inspections.base")} name="baseId" rules={[{ required: true, message: t("supervision.inspections.chooseBase") }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={bases === null}
            placeholder={t("supervision.inspections.chooseBase")}
            notFoundContent={t("supervision.inspections.noBases")}
            options={(bases ?? []).map((b) => ({
              value: b.id,
              label: b.inspectionId ? `${b.name}${t("supervision.inspections.alreadyInspected")}` : b.name,
              disabled: !!b.inspectionId,
            }))}
          />
        </Form.Item>
      </Form>
      {bases !== null && bases.length > 0 && bases.every((b) => b.inspectionId) && <Alert type="info" showIcon title={t("supervision.inspections.noBases")} />}
    </Modal>
  );
}
