// 证明材料 of one item of the base's rectification report: files uploaded one by one (POST /files), PDF,
// images and Office documents of at most 20 MB; the server checks the bytes again.
import { useRef, useState } from "react";
import { App, Button, Space, Tag, Upload } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi } from "../../../api/endpoints";
import { useShowError } from "../../../components/useShowError";

export interface Evidence {
  id: string;
  name: string;
}

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const extensionOf = (name: string) => name.split(".").pop()?.toLowerCase() ?? "";
const MAX_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 20;

export function EvidenceField({ value = [], onChange, label }: { value?: Evidence[]; onChange?(v: Evidence[]): void; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  const latest = useRef(value);
  latest.current = value;

  const upload = async (file: File) => {
    if (!MIME[extensionOf(file.name)]) return void message.error(t("supervision.rectification.badType", { name: file.name }));
    if (file.size > MAX_BYTES) return void message.error(t("supervision.rectification.tooLarge", { name: file.name }));
    setUploading((n) => n + 1);
    try {
      const saved = await fileApi.upload(file, MIME[extensionOf(file.name)]);
      if (!latest.current.some((e) => e.id === saved.fileId)) {
        const next = [...latest.current, { id: saved.fileId, name: saved.name }];
        latest.current = next;
        onChange?.(next);
      }
      void message.success(t("supervision.rectification.uploaded", { name: saved.name }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {value.length > 0 && (
        <Space wrap>
          {value.map((e) => (
            <Tag key={e.id} closable onClose={() => onChange?.(value.filter((x) => x.id !== e.id))}>
              {e.name}
            </Tag>
          ))}
        </Space>
      )}
      {value.length < MAX_FILES && (
        <Upload
          multiple
          showUploadList={false}
          accept={Object.keys(MIME)
            .map((x) => `.${x}`)
            .join(",")}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0} aria-label={label}>
            {t("supervision.rectification.uploadEvidence")}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
