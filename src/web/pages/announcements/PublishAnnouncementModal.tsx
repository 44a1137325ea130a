// 发布通知公告: title, text, audience (the bureau: all bases or the public; a supervising unit: its own
// bases or the public) and attachments uploaded one by one. The server decides again what is allowed.
import { useState } from "react";
import { App, Button, Form, Input, List, Modal, Radio, Space, Typography, Upload } from "antd";
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AnnouncementAudience, AnnouncementView } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import { useFileUploads } from "../../components/useFileUploads";
import { useShowError } from "../../components/useShowError";
import { useSession } from "../../session/SessionContext";

interface Attached {
  fileId: string;
  name: string;
}

export function audiencesFor(roles: readonly string[]): AnnouncementAudience[] {
  const out: AnnouncementAudience[] = [];
  if (roles.includes("bureau")) out.push("all_bases");
  if (roles.includes("supervisor")) out.push("my_bases");
  if (out.length) out.push("public");
  return out;
}

export function PublishAnnouncementModal({ open, onClose, onPublished }: { open: boolean; onClose(): void; onPublished(a: AnnouncementView): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { session } = useSession();
  const audiences = audiencesFor(session?.roles ?? []);
  const [form] = Form.useForm<{ title: string; body: string; audience: AnnouncementAudience }>();
  const [files, setFiles] = useState<Attached[]>([]);
  const [saving, setSaving] = useState(false);
  const uploads = useFileUploads<Attached>({
    value: files,
    onChange: setFiles,
    max: 20,
    texts: { badType: "evidence.badType", tooLarge: "evidence.tooLarge", tooMany: "evidence.tooMany", uploaded: "evidence.uploaded" },
    toItem: (f) => ({ fileId: f.fileId, name: f.name }),
  });

  const submit = async (v: { title: string; body: string; audience: AnnouncementAudience }) => {
    setSaving(true);
    try {
      const made = await announcementApi.publish({ title: v.title.trim(), body: v.body.trim(), audience: v.audience, attachments: files.map((f) => f.fileId) });
      void message.success(t("announcements.publishDone"));
      form.resetFields();
      setFiles([]);
      onPublished(made);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("announcements.publish")}
      onCancel={onClose}
      okText={t("announcements.publish")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: saving, disabled: uploads.uploading }}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Form form={form} name="announcementForm" layout="vertical" initialValues={{ audience: audiences[0] }} onFinish={submit}>
        <Form.Item label={t("announcements.field.title")} name="title" rules={[{ required: true, whitespace: true }, { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t("announcements.field.audience")} name="audience" rules={[{ required: true }]}>
          <Radio.Group options={audiences.map((a) => ({ value: a, label: t(`announcements.audience.${a}`) }))} />
        </Form.Item>
        <Form.Item label={t("announcements.field.body")} name="body" rules={[{ required: true, whitespace: true }, { max: 20000 }]}>
          <Input.TextArea rows={8} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item label={t("announcements.field.attachments")} extra={t("announcements.uploadHint")}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <Upload accept={uploads.acceptAttribute} showUploadList={false} multiple beforeUpload={(file) => { if (uploads.accept(file)) void uploads.upload(file); return false; }}>
              <Button icon={<UploadOutlined />} loading={uploads.uploading}>
                {t("announcements.upload")}
              </Button>
            </Upload>
            {files.length > 0 && (
              <List
                size="small"
                dataSource={files}
                renderItem={(f) => (
                  <List.Item
                    actions={[
                      <Button key="remove" type="link" danger icon={<DeleteOutlined />} aria-label={`${t("common.delete")}：${f.name}`} onClick={() => setFiles(files.filter((x) => x.fileId !== f.fileId))} />,
                    ]}
                  >
                    <Typography.Text>
                      <PaperClipOutlined /> {f.name}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
