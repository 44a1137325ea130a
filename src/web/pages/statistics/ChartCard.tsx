// One dashboard chart (issue 12 item 2): an ECharts bar chart in a card, a click on a bar opening the
// list behind it, the picture as PNG and the figures as Excel. Only the ECharts parts used are imported.
import { useEffect, useRef } from "react";
import { Button, Card, Space } from "antd";
import { DownloadOutlined, PictureOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  data: number[];
  color?: string;
  type?: "bar" | "line";
}

interface Props {
  title: string;
  /** the file name of the PNG, without extension */
  fileName: string;
  categories: string[];
  series: Series[];
  /** Excel of the figures (the dashboard's workbook, this table a sheet of it) */
  excelHref: string;
  /** the bar clicked, by its index among the categories */
  onSelect?(index: number): void;
  horizontal?: boolean;
}

export function ChartCard({ title, fileName, categories, series, excelHref, onSelect, horizontal }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const shape = useRef({ horizontal: !!horizontal, count: categories.length });
  shape.current = { horizontal: !!horizontal, count: categories.length };

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    // A click anywhere in a category's band of the plot opens it, not only on its bar: a month of few
    // projects has a bar too thin to hit (and none at all when it had none).
    c.getZr().on("click", (e) => {
      if (!select.current || !c.containPixel("grid", [e.offsetX, e.offsetY])) return;
      const [x, y] = c.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
      const index = Math.round(shape.current.horizontal ? y : x);
      if (index >= 0 && index < shape.current.count) select.current(index);
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
    const category = { type: "category" as const, data: categories, axisLabel: { color: "rgba(0, 0, 0, 0.88)", interval: 0, hideOverlap: true } };
    const value = { type: "value" as const, minInterval: 1, axisLabel: { color: "rgba(0, 0, 0, 0.88)" } };
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: horizontal ? 96 : 40, right: 16, top: series.length > 1 ? 36 : 16, bottom: 28 },
        legend: series.length > 1 ? { top: 0 } : undefined,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: series.map((s) => ({ name: s.name, type: s.type ?? "bar", barMaxWidth: 24, data: s.data, itemStyle: s.color ? { color: s.color } : undefined, cursor: onSelect ? "pointer" : "default" })),
      },
      true,
    );
  }, [categories, series, horizontal, onSelect]);

  const downloadPng = () => {
    const url = chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `${fileName}.png`;
    a.click();
  };

  return (
    <Card
      title={title}
      size="small"
      extra={
        <Space size={4}>
          <Button size="small" icon={<PictureOutlined />} onClick={downloadPng} aria-label={t("statistics.exportPng", { title })}>
            PNG
          </Button>
          <Button size="small" icon={<DownloadOutlined />} href={excelHref} download aria-label={t("statistics.exportExcel", { title })}>
            Excel
          </Button>
        </Space>
      }
    >
      <div ref={ref} role="img" aria-label={title} style={{ width: "100%", height: Math.max(240, horizontal ? categories.length * 28 + 48 : 260) }} />
    </Card>
  );
}
