// 从 Excel 导入 (a plan's projects, a project's enrolment list, a session's sign-in sheet): the
// platform's template to download, then an .xlsx upload. Any bad row refuses the whole file, nothing
// changes, and the report lists each bad row and column with what is wrong (422 IMPORT_ROWS_INVALID
// details.rows).
import { useState, type ReactNode } from "react";
import { Alert, Button, Space, Table, Upload } from "antd";
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { importRowsOf, refusalOf, type ImportRowProblem } from "./refusals";
import { ScrollRegion } from "./ScrollRegion";

interface Props {
  /** the template (or the current sheet) to fill in */
  templateHref: string;
  templateLabel: string;
  buttonLabel: string;
  /** sends the file; a refusal is shown with its row report */
  upload(file: File): Promise<void>;
  disabled?: boolean;
  /** where the report's texts are: `${reportKeys}.reportTitle`, `.row`, `.column`, `.problem` */
  reportKeys: "delivery.import" | "plan.import";
  /** "after": space below each part, for an import above other content; "before" (default): space above the error and report */
  spacing?: "before" | "after";
  /** more controls between the template and the upload button */
  children?: ReactNode;
}

const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ExcelImport({ templateHref, templateLabel, buttonLabel, upload, disabled, reportKeys, spacing = "before", children }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<ImportRowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const after = spacing === "after";

  const clear = () => {
    setRows(null);
    setError(null);
  };

  const importFile = async (file: File) => {
    clear();
    setBusy(true);
    try {
      await upload(file);
    } catch (err) {
      setError(refusalOf(t, err).message);
      setRows(importRowsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={after ? { marginBottom: 12 } : undefined}>
        <Button icon={<DownloadOutlined />} href={templateHref} download>
          {templateLabel}
        </Button>
        {children}
        <Upload
          accept={XLSX_ACCEPT}
          showUploadList={false}
          disabled={disabled || busy}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} disabled={disabled}>
            {buttonLabel}
          </Button>
        </Upload>
      </Space>
      {error && <Alert type="error" showIcon style={after ? { marginBottom: 12 } : { marginTop: 12 }} title={error} closable={{ onClose: clear }} />}
      {rows && rows.length > 0 && (
        <ScrollRegion label={t(`${reportKeys}.reportTitle`)}>
          <Table<ImportRowProblem>
            size="small"
            style={after ? { marginBottom: 16 } : { marginTop: 12 }}
            title={() => t(`${reportKeys}.reportTitle`)}
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows}
            columns={[
              { title: t(`${reportKeys}.row`), dataIndex: "row", width: 80 },
              { title: t(`${reportKeys}.column`), dataIndex: "column", width: 160 },
              { title: t(`${reportKeys}.problem`), dataIndex: "message" },
            ]}
          />
        </ScrollRegion>
      )}
    </>
  );
}
