// 附件材料: files uploaded one by one (POST /files; PDF, PNG/JPEG images and Office documents, at most 20 MB
// each) and listed with their kind.
import { Button, Select, Space, Table, Typography, Upload, type TableColumnsType } from "antd";
import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi } from "../../../api/endpoints";
import type { ApplicationForm } from "../../../api/types";
import { DOCUMENT_TYPES, useFileUploads } from "../../../components/useFileUploads";

type Attachment = NonNullable<ApplicationForm["attachments"]>[number];

export const ATTACHMENT_KINDS = ["license", "teachers", "systems", "funding", "facilities", "projects", "other"] as const;
const TYPES = {
  ...DOCUMENT_TYPES,
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
const TEXTS = {
  badType: "application.attachments.badType",
  tooLarge: "application.attachments.tooLarge",
  tooMany: "application.attachments.tooMany",
  uploaded: "application.attachments.uploaded",
  duplicate: "application.attachments.duplicate",
};

interface Props {
  id?: string;
  value?: Attachment[];
  onChange?(value: Attachment[]): void;
}

export function AttachmentsField({ id, value = [], onChange }: Props) {
  const { t } = useTranslation();
  const { uploading, accept, upload, change, latest, acceptAttribute } = useFileUploads<Attachment>({
    value,
    onChange,
    max: 50,
    types: TYPES,
    texts: TEXTS,
    toItem: (saved) => ({ fileId: saved.fileId, name: saved.name.slice(0, 120), kind: "other" }),
  });

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
        accept={acceptAttribute}
        beforeUpload={(file) => (accept(file) ? true : Upload.LIST_IGNORE)}
        customRequest={({ file }) => void upload(file as File)}
      >
        <Button icon={<UploadOutlined />} loading={uploading}>
          {t("application.attachments.upload")}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t("application.attachments.hint")}</Typography.Text>
      <Table<Attachment> rowKey={(r) => r.fileId} columns={columns} dataSource={value} pagination={false} size="small" />
    </Space>
  );
}
