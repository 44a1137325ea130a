// 从 Excel 导入计划项目: the platform's template for download, then an .xlsx whose rows are appended to
// the planned projects or replace them. Any bad row refuses the whole file (nothing changes), and the
// error report lists each bad row and column with what is wrong (422 IMPORT_ROWS_INVALID).
import { useState } from "react";
import { Alert, Button, Radio, Space, Table, Upload } from "antd";
import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import type { AnnualPlanView } from "../../api/types";
import { ScrollRegion } from "../../components/ScrollRegion";
import { importRowsOf, refusalOf, type ImportRowProblem } from "./filingErrors";

interface Props {
  /** the plan year: the template's dates are of that year */
  year: number;
  /** saves the plan first when needed; null when it could not be saved */
  ensureSaved(): Promise<AnnualPlanView | null>;
  onImported(view: AnnualPlanView): void;
  disabled?: boolean;
}

export function PlanImport({ year, ensureSaved, onImported, disabled }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"append" | "replace">("append");
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
      const saved = await ensureSaved();
      if (!saved) return;
      const view = await annualPlanApi.importItems(saved.id, file, mode, saved.version);
      onImported(view);
    } catch (err) {
      const bad = importRowsOf(err);
      setError(refusalOf(t, err).message);
      if (bad) setRows(bad);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={annualPlanApi.templateUrl(year)} download>
          {t("plan.import.template")}
        </Button>
        <Radio.Group
          aria-label={t("plan.import.mode")}
          value={mode}
          onChange={(e) => setMode(e.target.value as "append" | "replace")}
          options={[
            { value: "append", label: t("plan.import.append") },
            { value: "replace", label: t("plan.import.replace") },
          ]}
        />
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={disabled || busy}
          beforeUpload={(file) => {
            void importFile(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} disabled={disabled}>
            {t("plan.import.button")}
          </Button>
        </Upload>
      </Space>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} closable={{ onClose: clear }} />}
      {rows && rows.length > 0 && (
        <ScrollRegion label={t("plan.import.reportTitle")}>
          <Table<ImportRowProblem>
            size="small"
            style={{ marginBottom: 16 }}
            title={() => t("plan.import.reportTitle")}
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            dataSource={rows}
            columns={[
              { title: t("plan.import.row"), dataIndex: "row", width: 80 },
              { title: t("plan.import.column"), dataIndex: "column", width: 160 },
              { title: t("plan.import.problem"), dataIndex: "message" },
            ]}
          />
        </ScrollRegion>
      )}
    </>
  );
}
