// 附件材料: files uploaded one by one (POST /files, raw body) and listed with their kind. PDF, PNG/JPEG
// images and Office documents only, at most 20 MB each — checked here for a quick answer; the server
// checks the bytes again. The type is sent from the extension, as browsers name Office files unevenly.
import { useRef, useState } from "react";
import { App, Button, Select, Space, Table, Typography, Upload, type TableColumnsType } from "antd";
import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi } from "../../../api/endpoints";
import type { ApplicationForm } from "../../../api/types";
import { useShowError } from "../../../components/useShowError";

type Attachment = NonNullable<ApplicationForm["attachments"]>[number];

export const ATTACHMENT_KINDS = ["license", "teachers", "systems", "funding", "facilities", "projects", "other"] as const;
const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
const EXTENSIONS = Object.keys(MIME_BY_EXTENSION);
const extensionOf = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 50;

interface Props {
  id?: string;
  value?: Attachment[];
  onChange?(value: Attachment[]): void;
}

export function AttachmentsField({ id, value = [], onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  // Several files may finish at once: each appends to the latest list, not to the one it started with.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: Attachment[]) => {
    latest.current = next;
    onChange?.(next);
  };

  const accept = (file: File): boolean => {
    if (!EXTENSIONS.includes(extensionOf(file.name))) {
      void message.error(t("application.attachments.badType", { name: file.name }));
      return false;
    }
    if (file.size > MAX_BYTES) {
      void message.error(t("application.attachments.tooLarge", { name: file.name }));
      return false;
    }
    if (latest.current.length + uploading >= MAX_FILES) {
      void message.error(t("application.attachments.tooMany", { max: MAX_FILES }));
      return false;
    }
    return true;
  };

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const saved = await fileApi.upload(file, MIME_BY_EXTENSION[extensionOf(file.name)]);
      if (latest.current.some((a) => a.fileId === saved.fileId)) {
        void message.info(t("application.attachments.duplicate", { name: saved.name }));
        return;
      }
      change([...latest.current, { fileId: saved.fileId, name: saved.name.slice(0, 120), kind: "other" }]);
      void message.success(t("application.attachments.uploaded", { name: saved.name }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const columns: TableColumnsType<Attachment> = [
    {
      title: t("application.attachments.name"),
      dataIndex: "name",
      render: (name: string, r) => (
        <a href={fileApi.url(r.fileId)} target="_blank" rel="noreferrer">
          {name}
        </a>
      ),
    },
    {
      title: t("application.attachments.kind"),
      dataIndex: "kind",
      width: 220,
      render: (kind: string | undefined, r, index) => (
        <Select
          aria-label={t("application.attachments.kindOf", { name: r.name })}
          value={kind ?? "other"}
          style={{ width: 200 }}
          options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`application.attachments.kinds.${k}`) }))}
          onChange={(k: string) => change(latest.current.map((a, i) => (i === index ? { ...a, kind: k } : a)))}
        />
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r, index) => (
        <Button
          type="link"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("application.attachments.removeOf", { name: r.name })}
          onClick={() => change(latest.current.filter((_a, i) => i !== index))}
        >
          {t("common.delete")}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Upload
        id={id}
        multiple
        showUploadList={false}
        accept={EXTENSIONS.map((e) => `.${e}`).join(",")}
        beforeUpload={(file) => (accept(file) ? true : Upload.LIST_IGNORE)}
        customRequest={({ file }) => void upload(file as File)}
      >
        <Button icon={<UploadOutlined />} loading={uploading > 0}>
          {t("application.attachments.upload")}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t("application.attachments.hint")}</Typography.Text>
      <Table<Attachment> rowKey={(r) => r.fileId} columns={columns} dataSource={value} pagination={false} size="small" />
    </Space>
  );
}
