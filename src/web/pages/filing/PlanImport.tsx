// 从 Excel 导入计划项目: the platform's template for download, then an .xlsx whose rows are appended to
// the planned projects or replace them. Any bad row refuses the whole file (nothing changes), and the
// error report lists each bad row and column with what is wrong (422 IMPORT_ROWS_INVALID).
import { useState } from "react";
import { Radio } from "antd";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import type { AnnualPlanView } from "../../api/types";
import { ExcelImport } from "../../components/ExcelImport";

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

  return (
    <ExcelImport
      templateHref={annualPlanApi.templateUrl(year)}
      templateLabel={t("plan.import.template")}
      buttonLabel={t("plan.import.button")}
      reportKeys="plan.import"
      spacing="after"
      disabled={disabled}
      upload={async (file) => {
        const saved = await ensureSaved();
        if (!saved) return;
        const view = await annualPlanApi.importItems(saved.id, file, mode, saved.version);
        onImported(view);
      }}
    >
      <Radio.Group
        aria-label={t("plan.import.mode")}
        value={mode}
        onChange={(e) => setMode(e.target.value as "append" | "replace")}
        options={[
          { value: "append", label: t("plan.import.append") },
          { value: "replace", label: t("plan.import.replace") },
        ]}
      />
    </ExcelImport>
  );
}
