// Excel files of delivery (the certificate register, the evaluation summary): described as plain sheets,
// built into bytes by a document worker, so the same workbook is downloaded on its own or packed into a
// project's archive.
import type { FastifyReply } from "fastify";
import type { PlainSheet } from "../../platform/document-jobs.js";
import { plainSheet as sheetOf, type SheetColumn } from "../../platform/excel.js";
import { contentDisposition } from "../../platform/http.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface Sheet<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: T[];
}

/** A sheet's column functions applied here, so the values travel to a document worker as plain data. */
export function plainSheet<T>(s: Sheet<T>): PlainSheet {
  return sheetOf(s.name, s.columns, s.rows);
}

/** A download with a Chinese file name (RFC 6266 filename*, as the other downloads of the platform). */
export function sendFile(reply: FastifyReply, type: string, filename: string, bytes: Uint8Array, disposition: "inline" | "attachment" = "attachment") {
  return reply
    .type(type)
    .header("Content-Disposition", contentDisposition(filename, disposition))
    .send(Buffer.from(bytes));
}
