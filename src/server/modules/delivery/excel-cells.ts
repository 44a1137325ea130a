// Reading the cells of the platform's delivery templates (enrolment list, sign-in sheet) as text. The
// writing side (date cells in Beijing time, frozen header, fitted columns) is platform/excel-sheet.ts.
import type ExcelJS from "exceljs";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A cell's text as a person typed it: rich text joined, formulas by their result, numbers as written, errors empty. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  // A date cell holds the wall time it shows as if it were UTC (excel-sheet.ts `beijingCell`): read it back as shown.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : shownDate(v);
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("").trim();
  if (typeof v === "object" && "result" in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === "object" && "text" in v) return String(v.text).trim();
  // An error value (#N/A, #REF!) or anything else unknown reads as an empty cell, so required columns report it.
  if (typeof v === "object") return "";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
  return String(v).trim();
}

/** A date cell as its sheet shows it: the day, and the time of day when it has one (a time written by the platform). */
function shownDate(d: Date): string {
  const iso = d.toISOString();
  return iso.slice(11, 16) === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The first row (within the first 10) whose cells include every one of these headers; 0 when none does. */
export function findHeaderRow(ws: ExcelJS.Worksheet, headers: readonly string[]): number {
  for (let n = 1; n <= Math.min(10, ws.rowCount); n++) {
    const cells = new Set<string>();
    ws.getRow(n).eachCell((c) => cells.add(cellText(c.value)));
    if (headers.every((h) => cells.has(h))) return n;
  }
  return 0;
}

/** Column numbers (1-based) of each header in that row. */
export function columnsOf(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell((c, col) => {
    const t = cellText(c.value);
    if (t && !out.has(t)) out.set(t, col);
  });
  return out;
}
