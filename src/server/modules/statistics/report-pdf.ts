// 《<city>专业技术人员继续教育基地年度统计报告》 (issue 12 item 3; 第十九条): the year's tables with a
// bar chart beside those that have one, drawn with pdf-lib and the embedded Chinese font. A pure function
// of plain data, run by the document worker.
import { rgb } from "pdf-lib";
import type { StatisticsOverview } from "../../../shared/statistics.js";
import { chineseDate, createDocument, GRAY, PageFlow, stampPageNumbers, wrapText, type PdfKit } from "../../platform/pdf.js";
import { reportTables, type ReportTable } from "./report-tables.js";

export interface YearlyReportMeta {
  cityName: string;
  /** What the figures cover: the city, or a supervising unit's bases. */
  scopeName: string;
  generatedAt: string;
}

export const yearlyReportTitle = (cityName: string) => `${cityName}专业技术人员继续教育基地年度统计报告`;

const BAR = rgb(0.2, 0.45, 0.75);
const LAST_YEAR = rgb(0.75, 0.75, 0.75);
const cellText = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** Horizontal bars of one column against the row labels, with last year's beside them when the table has it. */
function barChart(flow: PageFlow, kit: PdfKit, t: ReportTable): void {
  const col = t.chartColumn!;
  const cmp = t.compareColumn;
  const num = (v: unknown) => (Number.isFinite(Number(v)) ? Number(v ?? 0) : 0);
  const bars = t.rows.map((r) => ({ label: cellText(r[0]), value: num(r[col]), before: cmp === undefined ? null : num(r[cmp]) }));
  if (!bars.length) return;
  const max = Math.max(...bars.flatMap((b) => [b.value, b.before ?? 0]), 1);
  const labelWidth = 110;
  const barRoom = flow.width - labelWidth - 50;
  const rowHeight = cmp === undefined ? 14 : 20;
  flow.keep(rowHeight * Math.min(bars.length, 6) + 16);
  flow.text(`图：${t.columns[col]}${cmp === undefined ? "" : `（灰色：${t.columns[cmp]}）`}`, { font: kit.font, size: 9, color: GRAY });
  const bar = (y: number, value: number, height: number, color: typeof BAR) => {
    const w = Math.max((value / max) * barRoom, value > 0 ? 1 : 0);
    if (w > 0) flow.page.drawRectangle({ x: flow.left + labelWidth, y, width: w, height, color });
    flow.page.drawText(String(value), { x: flow.left + labelWidth + w + 4, y: y + 1, size: 7.5, font: kit.font, color: GRAY });
  };
  for (const b of bars) {
    flow.keep(rowHeight);
    const y = flow.y - rowHeight + 3;
    const label = wrapText(b.label, kit.font, 8.5, labelWidth - 6)[0] ?? "";
    flow.page.drawText(label, { x: flow.left, y: y + (cmp === undefined ? 2 : 6), size: 8.5, font: kit.font });
    if (b.before === null) bar(y, b.value, rowHeight - 5, BAR);
    else {
      bar(y + 8, b.value, 7, BAR);
      bar(y, b.before, 7, LAST_YEAR);
    }
    flow.y -= rowHeight;
  }
  flow.gap(6);
}

export async function renderYearlyReportPdf(o: StatisticsOverview, meta: YearlyReportMeta): Promise<Uint8Array> {
  const title = yearlyReportTitle(meta.cityName);
  const kit = await createDocument({ title: `${title}（${o.year}年度）`, subject: meta.scopeName });
  const flow = new PageFlow(kit);
  flow.text(title, { font: kit.boldFont, size: 17, align: "center", leading: 1.6 });
  flow.text(`${o.year} 年度\u3000${meta.scopeName}`, { font: kit.font, size: 11, align: "center", color: GRAY });
  const filters = [o.filters.district && `区市：${o.filters.district}`, o.filters.specialty && `专业：${o.filters.specialty}`].filter(Boolean).join("；");
  flow.text(`生成于 ${chineseDate(meta.generatedAt)}${filters ? `；${filters}` : ""}`, { font: kit.font, size: 9, align: "center", color: GRAY });
  flow.gap(12);
  reportTables(o).forEach((t, i) => {
    flow.keep(70);
    flow.text(`${i + 1}. ${t.title}`, { font: kit.boldFont, size: 12, leading: 1.8 });
    if (t.rows.length === 0) flow.text("本年度无数据。", { font: kit.font, size: 10, color: GRAY });
    else {
      const weights = t.columns.map((_, c) => (c === 0 ? 2.4 : 1));
      flow.table(
        t.columns.map((title, c) => ({ title, weight: weights[c], align: c === 0 ? "left" : "center" })),
        t.rows.map((r) => r.map(cellText)),
        { size: t.columns.length > 6 ? 7.5 : 9.5 },
      );
      if (t.chartColumn !== undefined) {
        flow.gap(6);
        barChart(flow, kit, t);
      }
    }
    flow.gap(10);
  });
  flow.text("说明：项目为已备案（含进行中、已结业）且开班日期在本年度的培训项目；参训人次为其有效报名；登记学时为计入学习档案的学时；平均分不足最少问卷份数时不计算。", {
    font: kit.font,
    size: 8.5,
    color: GRAY,
  });
  stampPageNumbers(kit);
  return kit.doc.save();
}
