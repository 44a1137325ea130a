// A date range for a filter form: antd's RangePicker on a desktop; on a phone (issue 11 item 8) two
// single-month pickers, one above the other, since the range's two-month panel is wider than the screen.
import { DatePicker, Flex } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "./ResponsiveTable";

export type DateRange = [Dayjs | null, Dayjs | null] | null;

/** A form control (value/onChange from Form.Item); either end may stay empty. */
export function DateRangeInput({ value, onChange, id }: { value?: DateRange; onChange?: (v: DateRange) => void; id?: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  if (!isPhone) return <DatePicker.RangePicker id={id} allowEmpty={[true, true]} value={value ?? null} onChange={(v) => onChange?.(v ? [v[0], v[1]] : null)} />;
  const [from, to] = value ?? [null, null];
  return (
    <Flex vertical gap={8} style={{ width: "100%" }}>
      <DatePicker id={id} style={{ width: "100%" }} inputReadOnly aria-label={t("training.rangeFrom")} placeholder={t("training.rangeFrom")} value={from} onChange={(d) => onChange?.([d, to])} />
      <DatePicker style={{ width: "100%" }} inputReadOnly aria-label={t("training.rangeTo")} placeholder={t("training.rangeTo")} value={to} onChange={(d) => onChange?.([from, d])} />
    </Flex>
  );
}
