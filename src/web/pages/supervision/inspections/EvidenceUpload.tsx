// Files attached to a criterion's score or to the base's answer: uploaded one by one (POST /files; PDF,
// images, Office, at most 20 MB; the server checks the bytes again), shown as removable tags.
import { useRef, useState } from "react";
import { App, Button, Space, Tag, Upload } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi } from "../../../api/endpoints";
import { useShowError } from "../../../components/useShowError";

export interface Attached {
  fileId: string;
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

export function EvidenceUpload({ value, onChange, label, max = 20 }: { value: Attached[]; onChange(v: Attached[]): void; label: string; max?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [uploading, setUploading] = useState(0);
  const latest = useRef(value);
  latest.current = value;

  const upload = async (file: File) => {
    const mime = MIME[extensionOf(file.name)];
    if (!mime) return void message.error(t("supervision.inspections.badType", { name: file.name }));
    if (file.size > MAX_BYTES) return void message.error(t("supervision.inspections.tooLarge", { name: file.name }));
    setUploading((n) => n + 1);
    try {
      const saved = await fileApi.upload(file, mime);
      if (!latest.current.some((e) => e.fileId === saved.fileId)) {
        const next = [...latest.current, { fileId: saved.fileId, name: saved.name }];
        latest.current = next;
        onChange(next);
      }
      void message.success(t("supervision.inspections.uploaded", { name: saved.name }));
    } catch (err) {
      showError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Space wrap size={[4, 4]}>
      {value.map((e) => (
        <Tag key={e.fileId} closable onClose={() => onChange(value.filter((x) => x.fileId !== e.fileId))}>
          {e.name}
        </Tag>
      ))}
      {value.length < max && (
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
          <Button size="small" icon={<UploadOutlined />} loading={uploading > 0} aria-label={label}>
            {t("supervision.inspections.upload")}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
