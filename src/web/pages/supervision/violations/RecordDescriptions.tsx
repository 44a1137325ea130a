// One dishonesty record in the fifteen columns of the double-publicity sanction standard, in order.
import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { DISHONESTY_COLUMNS, type PublicDishonestyRecordView } from "../../../../shared/supervision/violations.js";
import { formatDate } from "../../../format";

const DATES = new Set<string>(["decisionDate", "publicityUntil"]);

export function RecordDescriptions({ record, size }: { record: PublicDishonestyRecordView; size?: "small" | "middle" }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size={size}
      column={{ xs: 1, md: 2 }}
      items={DISHONESTY_COLUMNS.map((c) => ({
        key: c.field,
        label: t(`supervision.violations.column.${c.field}`),
        span: c.field === "facts" || c.field === "penaltyContent" ? ("filled" as const) : undefined,
        children: <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{(DATES.has(c.field) ? formatDate(record[c.field]) : record[c.field]) || "—"}</span>,
      }))}
    />
  );
}
