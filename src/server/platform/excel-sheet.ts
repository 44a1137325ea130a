// How every workbook the platform writes looks (issue 11 item 10): dates and times are real date cells
// showing Beijing wall time, the header row is frozen and filtered, and columns are as wide as their
// content. Pure functions of an exceljs worksheet, so the document worker and the streaming export share them.
import type ExcelJS from "exceljs";

export type DateKind = "date" | "datetime";
export const DATE_FORMATS: Record<DateKind, string> = { date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm" };

const BEIJING_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: UTC+8, no daylight saving
const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO timestamp or calendar date as the Date to hand exceljs. Excel has no time zones and exceljs
 * writes a Date as its UTC serial, so a timestamp is shifted by +8h to show the Beijing wall time; a
 * calendar date is already a Beijing day. Text that is no date stays text rather than being lost.
 */
export function beijingCell(value: string | null | undefined, kind: DateKind): Date | string | null {
  if (value === null || value === undefined || value === "") return null;
  if (CALENDAR_DATE.test(value)) return new Date(`${value}T00:00:00Z`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const wall = ms + BEIJING_OFFSET_MS;
  return new Date(kind === "date" ? wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS) : wall);
}

/** Columns a person reads as "wide": CJK and full-width characters take about two Latin ones. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function cellWidth(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (v === null || v === undefined) return 0;
  if (v instanceof Date) return String(cell.numFmt ?? DATE_FORMATS.date).length;
  const text = typeof v === "object" ? cell.text : String(v);
  return Math.max(0, ...text.split("\n").map(displayWidth));
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/**
 * The finishing every sheet gets: the header row frozen and carrying the autofilter, and each column
 * fitted to its widest cell from the header down (a title above the header does not widen a column).
 * `maxWidths` lets a column of long text (remarks) stay wider than the usual cap, wrapping beyond it;
 * `minWidths` keeps a template's empty columns wide enough for what will be typed into them.
 */
export function finishSheet(
  ws: ExcelJS.Worksheet,
  opts: { headerRow?: number; columnCount?: number; maxWidths?: (number | undefined)[]; minWidths?: (number | undefined)[] } = {},
): void {
  const headerRow = opts.headerRow ?? 1;
  const columnCount = opts.columnCount ?? ws.getRow(headerRow).cellCount;
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerRow }];
  if (columnCount > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columnCount } };
  ws.getRow(headerRow).font = { bold: true };
  for (let c = 1; c <= columnCount; c++) {
    let widest = 0;
    for (let r = headerRow; r <= ws.rowCount; r++) widest = Math.max(widest, cellWidth(ws.getRow(r).getCell(c)));
    const cap = Math.max(MAX_WIDTH, opts.maxWidths?.[c - 1] ?? 0);
    ws.getColumn(c).width = Math.min(cap, Math.max(MIN_WIDTH, opts.minWidths?.[c - 1] ?? 0, widest + 2));
    if (widest + 2 > cap) ws.getColumn(c).alignment = { wrapText: true, vertical: "top" };
  }
}
