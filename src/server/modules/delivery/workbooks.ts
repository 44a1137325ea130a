// Excel files of delivery (the certificate register, the evaluation summary): built as bytes, so the
// same workbook is downloaded on its own or packed into a project's archive.
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import type { SheetColumn } from "../../platform/excel.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface Sheet<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: T[];
}

export async function workbookBytes(sheets: Sheet<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => c.value(r)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A download with a Chinese file name (RFC 6266 filename*, as the other downloads of the platform). */
export function sendFile(reply: FastifyReply, type: string, filename: string, bytes: Uint8Array, disposition: "inline" | "attachment" = "attachment") {
  return reply
    .type(type)
    .header("Content-Disposition", `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(Buffer.from(bytes));
}
