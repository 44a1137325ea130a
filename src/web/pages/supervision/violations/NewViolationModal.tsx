// 登记违规 (第二十条): the base (the bureau: any; a supervising unit: its own), the kind, the facts, the
// evidence, the persons responsible (rows of name and post) and, optionally, the training project
// concerned. Saved, it waits for the bureau's decision; the new record opens.
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { App, Button, Form, Input, Modal, Select, Space } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { VIOLATION_KINDS, type ViolationKind } from "../../../../shared/supervision/violations.js";
import { projectApi } from "../../../api/endpoints";
import { violationApi } from "../../../api/supervision/violations";
import type { BaseView, ProjectListItem } from "../../../api/types";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";
import { useRefusal } from "../../../components/useRefusal";
import { RefusalAlert } from "../../../components/RefusalAlert";

interface ViolationForm {
  baseId: string;
  kind: ViolationKind;
  facts: string;
  projectId?: string;
  evidence?: EvidenceFile[];
  responsiblePersons?: Array<{ name?: string; post?: string }>;
}

export function NewViolationModal({ open, bases, onClose }: { open: boolean; bases: BaseView[]; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ViolationForm>();
  const { busy, refusal, attempt, clear } = useRefusal();
  const baseId = Form.useWatch("baseId", form);
  const [projects, setProjects] = useState<ProjectListItem[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    clear();
  }, [open, form, clear]);

  useEffect(() => {
    setProjects([]);
    form.setFieldValue("projectId", undefined);
    if (!baseId) return;
    let live = true;
    projectApi
      .list({ baseId, pageSize: 200 })
      .then((r) => live && setProjects(r.items))
      .catch(() => live && setProjects([]));
    return () => {
      live = false;
    };
  }, [baseId, form]);

  const ok = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      const created = await violationApi.create({
        baseId: v.baseId,
        kind: v.kind,
        facts: v.facts.trim(),
        projectId: v.projectId ?? null,
        evidenceFileIds: (v.evidence ?? []).map((f) => f.fileId),
        responsiblePersons: (v.responsiblePersons ?? []).filter((p) => p.name?.trim()).map((p) => ({ name: p.name!.trim(), post: p.post?.trim() ?? "" })),
      });
      void message.success(t("supervision.violations.created"));
      onClose();
      navigate(`/violations/${created.id}`);
    });
  };

  return (
    <Modal
      open={open}
      title={t("supervision.violations.createTitle")}
      okText={t("supervision.violations.create")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      forceRender
    >
      <RefusalAlert refusal={refusal} />
      <Form form={form} name="newViolation" layout="vertical" initialValues={{ responsiblePersons: [{}] }}>
        <Form.Item label={t("supervision.violations.field.base")} name="baseId" rules={[{ required: true, message: t("supervision.violations.baseRequired") }]}>
          <Select showSearch={{ optionFilterProp: "label" }} options={bases.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.kind")} name="kind" rules={[{ required: true, message: t("supervision.violations.kindRequired") }]}>
          <Select options={VIOLATION_KINDS.map((k) => ({ value: k, label: t(`supervision.violations.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          label={t("supervision.violations.field.facts")}
          name="facts"
          extra={t("supervision.violations.hint.facts")}
          rules={[{ required: true, whitespace: true, min: 5, message: t("supervision.violations.factsRequired") }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.project")} name="projectId" extra={t("supervision.violations.hint.project")}>
          <Select
            allowClear
            disabled={!baseId}
            showSearch={{ optionFilterProp: "label" }}
            options={projects.map((p) => ({ value: p.id, label: p.filingNo ? `${p.title}（${p.filingNo}）` : p.title }))}
          />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.evidence")} name="evidence">
          <EvidenceFiles display="list" uploadText={t("supervision.violations.upload")} />
        </Form.Item>
        <Form.Item label={t("supervision.violations.field.responsiblePersons")}>
          <Form.List name="responsiblePersons">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: "flex", marginBottom: 4 }}>
                    <Form.Item name={[f.name, "name"]} noStyle rules={[{ max: 50 }]}>
                      <Input placeholder={t("supervision.violations.field.personName")} aria-label={`${t("supervision.violations.field.personName")} ${i + 1}`} style={{ width: 140 }} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[f.name, "post"]} noStyle rules={[{ max: 100 }]}>
                      <Input placeholder={t("supervision.violations.field.personPost")} aria-label={`${t("supervision.violations.field.personPost")} ${i + 1}`} style={{ width: 200 }} maxLength={100} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("supervision.violations.removePerson", { index: i + 1 })} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                  {t("supervision.violations.addPerson")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
