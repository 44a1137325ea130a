// Excel out: every list a government user works from can be exported with the same filters.
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

export async function sendWorkbook<T>(reply: FastifyReply, filename: string, sheetName: string, columns: SheetColumn<T>[], rows: T[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cebase";
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buf);
}
