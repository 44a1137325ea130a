// The bureau's list of people likely to miss the year as an Excel workbook, streamed in keyset batches
// so it never truncates (issue 12 item 5); ID numbers masked as on the page.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import type { AtRiskProfessionalView } from "../../../shared/forecast.js";
import type { Ctx } from "../../platform/context.js";
import { displayWidth } from "../../platform/excel-sheet.js";
import { contentDisposition } from "../../platform/http.js";
import { allAtRisk } from "./service.js";

const COLUMNS: { header: string; width: number; value: (r: AtRiskProfessionalView) => string | number }[] = [
  { header: "姓名", width: 10, value: (r) => r.name },
  { header: "身份证号（脱敏）", width: 22, value: (r) => r.idNumber ?? "" },
  { header: "工作单位", width: 32, value: (r) => r.employer },
  { header: "专业", width: 14, value: (r) => r.specialty },
  { header: "区市", width: 10, value: (r) => r.district },
  { header: "已获公需科目学时", width: 10, value: (r) => r.earned.generalHours },
  { header: "已获专业科目学时", width: 10, value: (r) => r.earned.professionalHours },
  { header: "已获总学时", width: 10, value: (r) => r.earned.totalHours },
  { header: "已报名待完成学时", width: 10, value: (r) => r.enrolledHours },
  { header: "尚缺公需科目学时", width: 10, value: (r) => r.shortfall.generalHours },
  { header: "尚缺专业科目学时", width: 10, value: (r) => r.shortfall.professionalHours },
  { header: "尚缺总学时", width: 10, value: (r) => r.shortfall.totalHours },
];

async function writeWorkbook(out: PassThrough, rows: AsyncIterable<AtRiskProfessionalView>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "cebase";
  // Rows stream out, so each column is as wide as its header or its usual content, whichever is more.
  const ws = wb.addWorksheet("学时未达标风险人员", { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  ws.columns = COLUMNS.map((c, i) => ({ header: c.header, key: String(i), width: Math.max(c.width, displayWidth(c.header) + 2) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const r of rows) {
    // the client went away: stop reading (the generator's finally audits what was handed over)
    if (out.destroyed) return;
    ws.addRow(COLUMNS.map((c) => c.value(r))).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The first batch is read before the answer starts, so a refusal still answers as JSON; then rows stream. */
export async function sendAtRiskXlsx(ctx: Ctx, reply: FastifyReply, f: Parameters<typeof allAtRisk>[1]) {
  // issue 13 item 4: within the user's document slots and the server's heavy slots, freed when the download ends or is abandoned
  const release = ctx.documents.acquire(reply, ctx.actor?.id ?? `ip:${ctx.ip}`, true);
  reply.raw.once("close", release);
  const it = allAtRisk(ctx, f);
  let head: IteratorResult<AtRiskProfessionalView>;
  try {
    head = await it.next();
  } catch (err) {
    release();
    throw err;
  }
  const rows = (async function* () {
    if (head.done) return;
    yield head.value;
    yield* it;
  })();
  const out = new PassThrough();
  writeWorkbook(out, rows).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  const year = f.year ?? Number(ctx.clock.today().slice(0, 4));
  return reply
    .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("Content-Disposition", contentDisposition(`学时未达标风险人员-${year}.xlsx`))
    .header("Cache-Control", "no-store")
    .send(out);
}
