// Excel out: every list a government user works from can be exported with the same filters. A large
// export is written by a document worker within the user's document slots (issue 10 item 5); a small one
// inline, where handing it to a thread would cost more than writing it.
import type { FastifyReply } from "fastify";
import { buildDocument, type DocumentJob } from "./document-jobs.js";

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

export async function sendWorkbook<T>(reply: FastifyReply, filename: string, sheetName: string, columns: SheetColumn<T>[], rows: T[]) {
  const job: DocumentJob = {
    kind: "workbook",
    sheets: [{ name: sheetName, columns: columns.map((c) => ({ header: c.header, width: c.width })), rows: rows.map((r) => columns.map((c) => c.value(r))) }],
  };
  const documents = reply.server.documents;
  const req = reply.request;
  const userKey = req.session?.actor.id ?? `ip:${req.ip}`;
  const bytes =
    rows.length > documents.config.excelInlineRows ? await documents.forRequest(reply, userKey, () => documents.build(job)) : await buildDocument(job);
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
