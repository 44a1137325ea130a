// 证据材料: files uploaded one by one (POST /files, raw body) and listed by name, each removable. PDF,
// PNG/JPEG images and Office documents only, at most 20 MB each; the server checks the bytes again.
import { useRef, useState } from "react";
import { App, Button, List, Space, Typography, Upload } from "antd";
import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi } from "../../../api/endpoints";
import { useShowError } from "../../../components/useShowError";

export interface EvidenceFile {
  fileId: string;
  name: string;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const EXTENSIONS = Object.keys(MIME_BY_EXTENSION);
const extensionOf = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 20;

export function EvidenceField({ id, value = [], onChange }: { id?: string; value?: EvidenceFile[]; onChange?(v: EvidenceFile[]): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  const latest = useRef(value);
  latest.current = value;
  const change = (next: EvidenceFile[]) => {
    latest.current = next;
    onChange?.(next);
  };

  const accept = (file: File) =>
    EXTENSIONS.includes(extensionOf(file.name)) && file.size <= MAX_BYTES && latest.current.length + uploading < MAX_FILES;

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const saved = await fileApi.upload(file, MIME_BY_EXTENSION[extensionOf(file.name)]);
      if (!latest.current.some((f) => f.fileId === saved.fileId)) change([...latest.current, { fileId: saved.fileId, name: saved.name }]);
      void message.success(t("supervision.violations.uploaded", { name: saved.name }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

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
          {t("supervision.violations.upload")}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t("supervision.violations.hint.evidence")}</Typography.Text>
      {value.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={value}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  type="link"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("supervision.violations.removeFile", { name: f.name })}
                  onClick={() => change(latest.current.filter((x) => x.fileId !== f.fileId))}
                />,
              ]}
            >
              <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                {f.name}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
