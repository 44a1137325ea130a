// The dishonesty records as files for the credit platform (第二十条 纳入社会信用体系): CSV, Excel and
// JSON in the columns of the national double-publicity data standard for administrative sanctions, in
// its order (DISHONESTY_COLUMNS). Each streams in keyset batches and never truncates; a failure half way
// aborts the download rather than ending it as if it were whole. Format: docs/dishonesty-export.md.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import { DISHONESTY_COLUMNS, type DishonestyRecordView } from "../../../shared/supervision/violations.js";
import type { Ctx } from "../../platform/context.js";
import { beijingCell, DATE_FORMATS, displayWidth } from "../../platform/excel-sheet.js";
import { contentDisposition } from "../../platform/http.js";
import { allDishonestyRecords, type DishonestyFilter } from "./dishonesty-records.js";

const FILE_STEM = "失信信息-行政处罚";
/** The two calendar dates of the standard, written as date cells in Excel. */
const DATE_FIELDS = new Set<string>(["decisionDate", "publicityUntil"]);
const WIDTHS: Record<string, number> = { orgName: 32, creditCode: 22, decisionNo: 22, facts: 48, basis: 40, penaltyContent: 40, authority: 26, dataSource: 26, remark: 24 };

const valueOf = (r: DishonestyRecordView, field: (typeof DISHONESTY_COLUMNS)[number]["field"]) => r[field];

/** RFC 4180 field; a cell a spreadsheet would run as a formula (=, +, -, @) is kept text with a leading '. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: string[]) => `${cells.map(csvField).join(",")}\r\n`;

async function* csvChunks(records: AsyncIterable<DishonestyRecordView>): AsyncGenerator<string> {
  // UTF-8 with a byte-order mark, so Excel on Windows opens the Chinese text as UTF-8.
  yield `\uFEFF${csvLine(DISHONESTY_COLUMNS.map((c) => c.header))}`;
  for await (const r of records) yield csvLine(DISHONESTY_COLUMNS.map((c) => valueOf(r, c.field)));
}

async function* jsonChunks(records: AsyncIterable<DishonestyRecordView>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const r of records) {
    const row = Object.fromEntries(DISHONESTY_COLUMNS.map((c) => [c.header, valueOf(r, c.field)]));
    yield `${first ? "" : ","}\n${JSON.stringify(row)}`;
    first = false;
  }
  yield "\n]\n";
}


async function writeWorkbook(out: PassThrough, records: AsyncIterable<DishonestyRecordView>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "cebase";
  // Rows stream out, so columns cannot be fitted to what follows: each is as wide as its header or the
  // usual width of its content, whichever is more; the header is frozen and filtered as in every export.
  const ws = wb.addWorksheet("失信信息", { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DISHONESTY_COLUMNS.length } };
  ws.columns = DISHONESTY_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(WIDTHS[c.field] ?? 12, displayWidth(c.header) + 2),
    style: DATE_FIELDS.has(c.field) ? { numFmt: DATE_FORMATS.date } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const r of records) {
    ws.addRow(DISHONESTY_COLUMNS.map((c) => (DATE_FIELDS.has(c.field) ? beijingCell(valueOf(r, c.field), "date") : valueOf(r, c.field)))).commit();
  }
  ws.commit();
  await wb.commit();
}

function attachment(reply: FastifyReply, type: string, ext: string, today: string) {
  return reply
    .type(type)
    .header("Content-Disposition", contentDisposition(`${FILE_STEM}-${today}.${ext}`))
    .header("Cache-Control", "no-store");
}

/**
 * The first batch is read before the answer starts, so a refusal (no grant) still answers as JSON;
 * after that the rows stream.
 */
async function started(ctx: Ctx, f: DishonestyFilter): Promise<AsyncIterable<DishonestyRecordView>> {
  const it = allDishonestyRecords(ctx, f);
  const head = await it.next();
  return (async function* () {
    if (head.done) return;
    yield head.value;
    yield* it;
  })();
}

export async function sendDishonestyCsv(ctx: Ctx, reply: FastifyReply, f: DishonestyFilter) {
  const records = await started(ctx, f);
  return attachment(reply, "text/csv; charset=utf-8", "csv", ctx.clock.today()).send(Readable.from(csvChunks(records)));
}

export async function sendDishonestyJson(ctx: Ctx, reply: FastifyReply, f: DishonestyFilter) {
  const records = await started(ctx, f);
  return attachment(reply, "application/json; charset=utf-8", "json", ctx.clock.today()).send(Readable.from(jsonChunks(records)));
}

export async function sendDishonestyXlsx(ctx: Ctx, reply: FastifyReply, f: DishonestyFilter) {
  const records = await started(ctx, f);
  const out = new PassThrough();
  writeWorkbook(out, records).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return attachment(reply, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", ctx.clock.today()).send(out);
}
