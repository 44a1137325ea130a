// Excel out: every list a government user works from can be exported with the same filters. A large
// export is written by a document worker within the user's document slots (issue 10 item 5); a small one
// inline, where handing it to a thread would cost more than writing it.
import type { FastifyReply } from "fastify";
import { buildDocument, type DocumentJob, type PlainSheet } from "./document-jobs.js";
import { beijingCell, DATE_FORMATS, type DateKind } from "./excel-sheet.js";
import { contentDisposition } from "./http.js";

export interface SheetColumn<T> {
  header: string;
  /** The most a column of long text may widen to before it wraps; otherwise columns fit their content. */
  width?: number;
  /** A date or a time: `value` gives the ISO calendar date or timestamp and the cell is a real date cell in Beijing time. */
  kind?: DateKind;
  /** A Date, in a column of mixed values, must already be Beijing wall time (`beijingCell`). */
  value: (row: T) => string | number | Date | null;
}

/** A sheet's column functions applied here, on the request thread, so the values travel to a document worker as plain data. */
export function plainSheet<T>(name: string, columns: SheetColumn<T>[], rows: T[]): PlainSheet {
  return {
    name,
    columns: columns.map((c) => ({ header: c.header, width: c.width, numFmt: c.kind ? DATE_FORMATS[c.kind] : undefined })),
    rows: rows.map((r) =>
      columns.map((c) => {
        const v = c.value(r);
        return c.kind && typeof v === "string" ? beijingCell(v, c.kind) : v;
      }),
    ),
  };
}

export async function sendWorkbook<T>(reply: FastifyReply, filename: string, sheetName: string, columns: SheetColumn<T>[], rows: T[]) {
  const job: DocumentJob = {
    kind: "workbook",
    sheets: [plainSheet(sheetName, columns, rows)],
  };
  const documents = reply.server.documents;
  const req = reply.request;
  const userKey = req.session?.actor.id ?? `ip:${req.ip}`;
  const bytes =
    rows.length > documents.config.excelInlineRows ? await documents.forRequest(reply, userKey, () => documents.build(job)) : await buildDocument(job);
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("Content-Disposition", contentDisposition(filename))
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
