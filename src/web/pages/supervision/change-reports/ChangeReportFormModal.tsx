// 报告变更 (第二十七条): the base's staff fill in only what changed — name, host organization name,
// supervising unit, address, contacts, legal representative — each field showing what is recorded now,
// with the reason and evidence. Also the form of 重新报告 after the bureau asked for more material.
import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { applicationApi, baseApi } from "../../../api/endpoints";
import type { BaseView } from "../../../api/types";
import { CHANGE_FIELDS, changeReportApi, type ChangeReportView, type ChangeValues } from "../../../api/supervision/change-reports";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";
import { useRefusal } from "../../../components/useRefusal";
import { useShowError } from "../../../components/useShowError";
import { RefusalAlert } from "../../../components/RefusalAlert";

type TextField = Exclude<(typeof CHANGE_FIELDS)[number], "supervisorOrgId">;
const TEXT_FIELDS: Array<{ field: TextField; max: number }> = [
  { field: "name", max: 100 },
  { field: "hostOrgName", max: 100 },
  { field: "address", max: 200 },
  { field: "contactName", max: 50 },
  { field: "contactPhone", max: 20 },
  { field: "legalRepresentative", max: 50 },
];

type Values = Partial<Record<TextField | "supervisorOrgId", string>> & { baseId?: string; reason: string; evidence?: EvidenceFile[] };

interface Props {
  open: boolean;
  /** resubmitting a returned report: its base is fixed and its content prefilled */
  report?: ChangeReportView | null;
  onClose(): void;
  onDone(report: ChangeReportView): void;
}

function changesOf(v: Values): Partial<Record<(typeof CHANGE_FIELDS)[number], string>> {
  const out: Partial<Record<(typeof CHANGE_FIELDS)[number], string>> = {};
  for (const f of CHANGE_FIELDS) {
    const x = v[f]?.trim();
    if (x) out[f] = x;
  }
  return out;
}

export function ChangeReportFormModal({ open, report, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const { busy, refusal, attempt, clear } = useRefusal();
  // on a phone the dialog scrolls: bring the server's refusal into view when it comes
  const refusalRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal) refusalRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [refusal]);
  const [bases, setBases] = useState<BaseView[]>([]);
  const [units, setUnits] = useState<Array<{ id: string; name: string }>>([]);
  const baseId = Form.useWatch("baseId", form) ?? report?.baseId;
  const base = useMemo(() => bases.find((b) => b.id === baseId), [bases, baseId]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([baseApi.list({ pageSize: 100 }), applicationApi.supervisingUnits()])
      .then(([b, u]) => {
        if (!live) return;
        const inForce = b.items.filter((x) => x.status !== "revoked");
        setBases(inForce);
        setUnits(u.items);
        if (!report && inForce.length === 1) form.setFieldValue("baseId", inForce[0].id);
      })
      .catch(showError);
    return () => {
      live = false;
    };
  }, [open, report, form, showError]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
    if (report) {
      const c: ChangeValues = report.changes;
      form.setFieldsValue({
        ...Object.fromEntries(CHANGE_FIELDS.map((f) => [f, c[f] ?? undefined])),
        reason: report.reason,
        evidence: report.evidence.map((e) => ({ fileId: e.id, name: e.name })),
      });
    }
  }, [open, report, form, clear]);

  const current = (f: (typeof CHANGE_FIELDS)[number]): string | null | undefined => (f === "supervisorOrgId" ? base?.supervisorOrgName : f === "hostOrgName" ? base?.hostOrgName : base?.[f]);
  const extra = (f: (typeof CHANGE_FIELDS)[number]) => (base ? t("supervision.changeReports.currentValue", { value: current(f) || t("supervision.changeReports.notRecorded") }) : undefined);

  const ok = async () => {
    const v = await form.validateFields();
    const changes = changesOf(v);
    if (Object.keys(changes).length === 0) {
      form.setFields([{ name: "name", errors: [t("supervision.changeReports.noChanges")] }]);
      return;
    }
    const evidenceFileIds = (v.evidence ?? []).map((e) => e.fileId);
    await attempt(async () => {
      const done = report
        ? await changeReportApi.act(report.id, "resubmit", { version: report.version, payload: { changes, reason: v.reason.trim(), evidenceFileIds } })
        : await changeReportApi.create(v.baseId!, { changes, reason: v.reason.trim(), evidenceFileIds });
      onDone(done);
    });
  };

  return (
    <Modal
      open={open}
      title={t(report ? "supervision.changeReports.resubmitTitle" : "supervision.changeReports.createTitle")}
      okText={t(report ? "supervision.changeReports.action.resubmit" : "supervision.changeReports.action.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.createHint")} />
      <div ref={refusalRef}>
        <RefusalAlert refusal={refusal} />
      </div>
      <Form<Values> form={form} name="changeReport" layout="vertical">
        {report ? (
          <Form.Item label={t("supervision.changeReports.base")}>
            <strong>{report.baseName}</strong>
          </Form.Item>
        ) : (
          <Form.Item name="baseId" label={t("supervision.changeReports.base")} rules={[{ required: true, message: t("supervision.changeReports.baseRequired") }]}>
            <Select options={bases.map((b) => ({ value: b.id, label: b.name }))} placeholder={t("supervision.changeReports.baseRequired")} />
          </Form.Item>
        )}
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("supervision.changeReports.fieldsHint")} description={t("supervision.changeReports.renameHint")} />
        {TEXT_FIELDS.slice(0, 2).map(({ field, max }) => (
          <Form.Item key={field} name={field} label={t(`supervision.changeReports.field.${field}`)} extra={extra(field)} rules={[{ max }]}>
            <Input maxLength={max} allowClear />
          </Form.Item>
        ))}
        <Form.Item name="supervisorOrgId" label={t("supervision.changeReports.field.supervisorOrgId")} extra={base ? `${extra("supervisorOrgId")}。${t("supervision.changeReports.moveHint")}` : undefined}>
          <Select allowClear showSearch optionFilterProp="label" options={units.filter((u) => u.id !== base?.hostOrgId).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        {TEXT_FIELDS.slice(2).map(({ field, max }) => (
          <Form.Item
            key={field}
            name={field}
            label={t(`supervision.changeReports.field.${field}`)}
            extra={extra(field)}
            rules={field === "contactPhone" ? [{ pattern: /^[0-9+\- ]{5,20}$/, message: t("supervision.changeReports.phonePattern") }] : [{ max }]}
          >
            <Input maxLength={max} allowClear />
          </Form.Item>
        ))}
        <Form.Item name="reason" label={t("supervision.changeReports.reason")} rules={[{ required: true, whitespace: true, message: t("supervision.changeReports.reasonRequired") }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t("supervision.changeReports.reasonPlaceholder")} />
        </Form.Item>
        <Form.Item name="evidence" label={t("supervision.changeReports.evidence")}>
          <EvidenceFiles uploadText={t("supervision.changeReports.uploadEvidence")} label={t("supervision.changeReports.evidence")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
