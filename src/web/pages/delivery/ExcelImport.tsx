// 从 Excel 导入 (the enrolment list, a session's sign-in sheet): the platform's template to download,
// then an .xlsx upload. Any bad row refuses the whole file, nothing changes, and the report lists each
// bad row and column with what is wrong (422 IMPORT_ROWS_INVALID details.rows).
import { useState } from "react";
import { Alert, Button, Space, Table, Upload } from "antd";
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ScrollRegion } from "../../components/ScrollRegion";
import { importRowsOf, refusalOf, type ImportRowProblem } from "../filing/filingErrors";

interface Props {
  /** the template (or the current sheet) to fill in */
  templateHref: string;
  templateLabel: string;
  buttonLabel: string;
  upload(file: File): Promise<void>;
  disabled?: boolean;
}

const XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ExcelImport({ templateHref, templateLabel, buttonLabel, upload, disabled }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<ImportRowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={templateHref} download>
          {templateLabel}
        </Button>
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
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} closable={{ onClose: clear }} />}
      {rows && rows.length > 0 && (
        <ScrollRegion label={t("delivery.import.reportTitle")}>
          <Table<ImportRowProblem>
            size="small"
            style={{ marginTop: 12 }}
            title={() => t("delivery.import.reportTitle")}
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows}
            columns={[
              { title: t("delivery.import.row"), dataIndex: "row", width: 80 },
              { title: t("delivery.import.column"), dataIndex: "column", width: 160 },
              { title: t("delivery.import.problem"), dataIndex: "message" },
            ]}
          />
        </ScrollRegion>
      )}
    </>
  );
}
