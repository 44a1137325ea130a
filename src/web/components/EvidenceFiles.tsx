// Files attached as evidence (佐证材料, 证明材料, 证据材料) to a score, an answer, a report or a violation:
// uploaded one by one, kept as { fileId, name } and shown as removable tags or, where the files are the
// point of the form, as a list with a remove button each. Works as a controlled antd Form field.
import { Button, List, Space, Tag, Typography, Upload } from "antd";
import { DeleteOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useFileUploads } from "./useFileUploads";

export interface EvidenceFile {
  fileId: string;
  name: string;
}

interface Props {
  id?: string;
  value?: EvidenceFile[];
  onChange?(value: EvidenceFile[]): void;
  /** the upload button's text */
  uploadText: string;
  /** the upload button's accessible name, where several stand on one page */
  label?: string;
  max?: number;
  /** "tags" (compact, the default) or "list" (with the accepted types and a remove button per file) */
  display?: "tags" | "list";
  size?: "small";
}

const TEXTS = { badType: "evidence.badType", tooLarge: "evidence.tooLarge", tooMany: "evidence.tooMany", uploaded: "evidence.uploaded" };

export function EvidenceFiles({ id, value = [], onChange, uploadText, label, max = 20, display = "tags", size }: Props) {
  const { t } = useTranslation();
  const { uploading, accept, upload, change, latest, acceptAttribute } = useFileUploads<EvidenceFile>({
    value,
    onChange,
    max,
    texts: TEXTS,
    toItem: (saved) => ({ fileId: saved.fileId, name: saved.name }),
  });
  const remove = (fileId: string) => change(latest.current.filter((f) => f.fileId !== fileId));

  const button = (
    <Upload
      // the form's label names the file input, unless the button has a name of its own (one name, one element)
      id={label ? undefined : id}
      multiple
      showUploadList={false}
      accept={acceptAttribute}
      beforeUpload={(file) => (accept(file) ? true : Upload.LIST_IGNORE)}
      customRequest={({ file }) => void upload(file as File)}
    >
      <Button size={size} icon={<UploadOutlined />} loading={uploading} aria-label={label}>
        {uploadText}
      </Button>
    </Upload>
  );

  if (display === "tags") {
    return (
      <Space wrap size={[4, 4]}>
        {value.map((f) => (
          <Tag key={f.fileId} closable onClose={() => remove(f.fileId)}>
            {f.name}
          </Tag>
        ))}
        {value.length < max && button}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {button}
      <Typography.Text type="secondary">{t("evidence.hint")}</Typography.Text>
      {value.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={value}
          renderItem={(f) => (
            <List.Item
              actions={[<Button key="remove" type="link" danger icon={<DeleteOutlined />} aria-label={t("evidence.remove", { name: f.name })} onClick={() => remove(f.fileId)} />]}
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
