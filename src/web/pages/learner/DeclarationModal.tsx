// 申报其他形式学时: hours from forms that 人社部令第25号 第十条 recognises besides a base's course (学历教育,
// 学术会议, 科研项目, 论文著作, 网络培训), with the evidence as an uploaded file. They count only once the
// bureau accepts them.
import { useState } from "react";
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography, Upload } from "antd";
import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { DECLARATION_FORMS, type DeclarationInput } from "../../../shared/delivery.js";
import { SUBJECT_TYPES } from "../../../shared/filing.js";
import { fileApi, myRecordApi } from "../../api/endpoints";
import type { UploadedFile } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { useSubmit } from "../../components/useSubmit";

interface DeclarationForm {
  form: DeclarationInput["form"];
  subjectType: DeclarationInput["subjectType"];
  title: string;
  hours: number;
  earnedOn: Dayjs;
  evidence: UploadedFile;
}

const MIME_BY_EXTENSION: Record<string, string> = { pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg" };
const extensionOf = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";
const MAX_BYTES = 20 * 1024 * 1024;

function EvidenceInput({ id, value, onChange }: { id?: string; value?: UploadedFile; onChange?(v: UploadedFile | undefined): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      onChange?.(await fileApi.upload(file, MIME_BY_EXTENSION[extensionOf(file.name)]));
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical">
      <Upload
        id={id}
        showUploadList={false}
        accept={Object.keys(MIME_BY_EXTENSION).map((e) => `.${e}`).join(",")}
        beforeUpload={(file) => {
          if (!MIME_BY_EXTENSION[extensionOf(file.name)] || file.size > MAX_BYTES) {
            void message.error(t("learner.declaration.badFile", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file }) => void upload(file as File)}
      >
        <Button icon={<UploadOutlined />} loading={uploading}>
          {value ? t("learner.declaration.replaceEvidence") : t("learner.declaration.uploadEvidence")}
        </Button>
      </Upload>
      {value && (
        <Typography.Text>
          <PaperClipOutlined aria-hidden /> {value.name}
        </Typography.Text>
      )}
    </Space>
  );
}

/** `today` is the platform's (the test clock when one is set): hours are declared for days up to it. */
export function DeclarationModal({ year, today, onClose }: { year: number; today: string; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeclarationForm>();
  const { submitting, submit: send } = useSubmit();

  const submit = (v: DeclarationForm) =>
    send(async () => {
      await myRecordApi.declare({
        form: v.form,
        subjectType: v.subjectType,
        title: v.title.trim(),
        hours: v.hours,
        earnedOn: v.earnedOn.format("YYYY-MM-DD"),
        evidenceFileId: v.evidence.fileId,
      });
      void message.success(t("learner.declaration.submitted"));
      onClose(true);
    });

  return (
    <Modal
      open
      title={t("learner.declaration.title")}
      okText={t("learner.declaration.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: submitting }}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary">{t("learner.declaration.intro")}</Typography.Paragraph>
      <Form<DeclarationForm>
        form={form}
        name="declaration"
        layout="vertical"
        onFinish={submit}
        disabled={submitting}
        initialValues={{ subjectType: "professional", earnedOn: today.startsWith(String(year)) ? dayjs(today) : dayjs(`${year}-12-31`) }}
      >
        <Form.Item label={t("learner.declaration.form")} name="form" rules={[{ required: true, message: t("learner.declaration.formRequired") }]}>
          <Select options={DECLARATION_FORMS.map((f) => ({ value: f, label: t(`learner.source.${f}`) }))} />
        </Form.Item>
        <Form.Item label={t("project.subjectType")} name="subjectType" rules={[{ required: true }]}>
          <Radio.Group options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`subjectType.${s}`) }))} />
        </Form.Item>
        <Form.Item
          label={t("learner.declaration.itemTitle")}
          name="title"
          extra={t("learner.declaration.itemTitleHint")}
          rules={[{ required: true, whitespace: true, message: t("learner.declaration.itemTitleRequired") }, { min: 2, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t("learner.record.hours")} name="hours" rules={[
            { required: true, message: t("learner.declaration.hoursRequired") },
            { validator: async (_, v: number | null | undefined) => { if (v != null && !Number.isInteger(v * 2)) throw new Error(t("learner.declaration.hoursHalf")); } },
          ]}
          extra={t("learner.declaration.hoursHint")}>
          <InputNumber min={0.5} max={200} step={0.5} precision={1} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t("learner.declaration.earnedOn")} name="earnedOn" rules={[{ required: true, message: t("learner.declaration.earnedOnRequired") }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(today), "day")} />
        </Form.Item>
        <Form.Item
          label={t("learner.declaration.evidence")}
          name="evidence"
          extra={t("learner.declaration.evidenceHint")}
          rules={[{ required: true, message: t("learner.declaration.evidenceRequired") }]}
        >
          <EvidenceInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
