// 编制年度计划: the base and the plan year (next year by default: the plan for Y+1 is due by 31
// December of Y, 第十六条). A base has one plan a year: if it exists, the modal opens it instead.
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { App, Form, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import { useShowError } from "../../components/useShowError";
import { useBases, useBusinessToday } from "./useFilingData";

interface NewPlanForm {
  baseId: string;
  year: number;
}

export function NewPlanModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const bases = useBases();
  const [form] = Form.useForm<NewPlanForm>();
  const [busy, setBusy] = useState(false);
  const thisYear = Number(useBusinessToday().slice(0, 4));
  const active = (bases ?? []).filter((b) => b.status === "active");

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ year: thisYear + 1, ...(active.length === 1 ? { baseId: active[0].id } : {}) });
    // the defaults follow the business clock and the bases once they are known
  }, [open, thisYear, active.length, form]); // eslint-disable-line react-hooks/exhaustive-deps

  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const existing = await annualPlanApi.list({ baseId: v.baseId, year: v.year, pageSize: 1 });
      if (existing.items.length > 0) {
        void message.info(t("plan.alreadyExists", { year: v.year }));
        navigate(`/annual-plans/${existing.items[0].id}`);
        return;
      }
      navigate(`/annual-plans/new?baseId=${encodeURIComponent(v.baseId)}&year=${v.year}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("plan.createTitle")}
      okText={t("plan.createOk")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("plan.createIntro")}</Typography.Paragraph>
      <Form<NewPlanForm> form={form} name="newPlan" layout="vertical">
        <Form.Item label={t("filing.base")} name="baseId" rules={[{ required: true, message: t("filing.baseRequired") }]}>
          <Select loading={bases === null} options={active.map((b) => ({ value: b.id, label: b.name }))} notFoundContent={t("filing.noActiveBase")} />
        </Form.Item>
        <Form.Item label={t("plan.year")} name="year" rules={[{ required: true }]}>
          <Select options={[thisYear + 1, thisYear, thisYear - 1].map((y) => ({ value: y, label: t("plan.yearOption", { year: y }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
