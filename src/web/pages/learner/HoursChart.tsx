// Hours per year against the requirement (第二十四条; 人社部令第25号 第八条: 90 a year): stacked bars of
// general and professional hours with the required total as a dashed line. Only the ECharts parts used
// are imported, to keep the bundle small. Screen readers get the same facts as a sentence per year.
import { useEffect, useId, useRef } from "react";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { LearningYearSummary } from "../../../shared/delivery.js";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = { general: "#0958d9", professional: "#08979c", required: "#cf1322" };

interface Props {
  years: LearningYearSummary[];
  selectedYear: number;
  onSelectYear(year: number): void;
}

export function HoursChart({ years, selectedYear, onSelectYear }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const captionId = useId();
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelectYear);
  select.current = onSelectYear;

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { renderer: "svg" });
    chart.current = c;
    c.on("click", (p) => {
      const year = Number(p.name);
      if (Number.isInteger(year)) select.current(year);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    const highlight = (y: number) => (y === selectedYear ? 1 : 0.55);
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 40, right: 16, top: 40, bottom: 28 },
        legend: { top: 0, textStyle: { color: "rgba(0, 0, 0, 0.88)" } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "category", data: sorted.map((y) => String(y.year)), axisLabel: { color: "rgba(0, 0, 0, 0.88)" } },
        yAxis: { type: "value", name: t("learner.record.hoursUnit"), axisLabel: { color: "rgba(0, 0, 0, 0.88)" } },
        series: [
          {
            name: t("subjectType.general"),
            type: "bar",
            stack: "hours",
            barMaxWidth: 48,
            color: COLORS.general,
            data: sorted.map((y) => ({ value: y.generalHours, itemStyle: { opacity: highlight(y.year) } })),
          },
          {
            name: t("subjectType.professional"),
            type: "bar",
            stack: "hours",
            barMaxWidth: 48,
            color: COLORS.professional,
            data: sorted.map((y) => ({ value: y.professionalHours, itemStyle: { opacity: highlight(y.year) } })),
          },
          {
            name: t("learner.record.required"),
            type: "line",
            step: "middle",
            symbol: "none",
            color: COLORS.required,
            lineStyle: { type: "dashed", width: 2 },
            data: sorted.map((y) => y.requiredHours),
          },
        ],
      },
      true,
    );
  }, [years, selectedYear, t]);

  const summary = [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) =>
      t("learner.record.yearSummary", {
        year: y.year,
        general: y.generalHours,
        professional: y.professionalHours,
        total: y.totalHours,
        required: y.requiredHours,
        state: t(y.compliant ? "learner.record.compliant" : "learner.record.notCompliant"),
      }),
    )
    .join(t("learner.record.summarySeparator"));

  return (
    <figure style={{ margin: 0 }}>
      <div ref={ref} role="img" aria-label={t("learner.record.chartLabel")} aria-describedby={captionId} style={{ width: "100%", height: 280 }} />
      <figcaption id={captionId}>
        <Typography.Text type="secondary">{summary || t("learner.record.noYears")}</Typography.Text>
      </figcaption>
    </figure>
  );
}
