// The streamed export (issue 13 items 4 and 5) as it runs inside an export worker thread: its own read
// connection (a read-only better-sqlite3 handle on the same file, or a pg client from the same URL with a
// longer statement timeout), the route's compiled query read in keyset batches and written row by row
// with exceljs's streaming writer, the bytes posted back over a MessagePort with back-pressure. Memory
// holds one batch and the writer's current zip block, whatever the export's size.
import type { MessagePort } from "node:worker_threads";
import { Writable } from "node:stream";
import SQLite from "better-sqlite3";
import ExcelJS from "exceljs";
import pg from "pg";
import { beijingCell, DATE_FORMATS, displayWidth } from "./excel-sheet.js";

/** One column as data (no closures cross threads): which output column, how it is shown. */
export interface StreamColumn {
  header: string;
  /** The query's output column (as the compiled SQL names it, snake_case). */
  field: string;
  /** date / datetime: a real date cell in Beijing time; number: numeric text from PostgreSQL made a number. */
  kind?: "date" | "datetime" | "number";
  /** Stored codes shown as their labels (statuses, categories); codes without a label stay as they are. */
  labels?: Record<string, string>;
  width?: number;
}

export interface ExportConnection {
  dialect: "sqlite" | "postgres";
  sqliteFile?: string;
  databaseUrl?: string;
  pgSchema?: string;
  statementTimeoutMs: number;
}

export interface ExportJob {
  connection: ExportConnection;
  /** The filtered, selected query without order or limit, compiled on the request thread. */
  sql: string;
  parameters: readonly unknown[];
  /** Output columns making a total ascending order (the last one unique). */
  keys: string[];
  sheetName: string;
  columns: StreamColumn[];
  batchSize: number;
  port: MessagePort;
}

/** Port messages, worker → request thread. */
export type ExportMessage = { type: "ready" } | { type: "chunk"; chunk: Uint8Array } | { type: "progress"; rows: number } | { type: "end"; rows: number };
/** Port messages, request thread → worker. */
export type ExportControl = { type: "pause" } | { type: "resume" } | { type: "cancel" };

type Row = Record<string, unknown>;
type Reader = (sql: string, parameters: readonly unknown[]) => Promise<Row[]>;

pg.types.setTypeParser(20, (v) => Number(v));
const readers = new Map<string, Reader>();

/** One connection per worker thread and database, kept for the thread's life. */
function readerOf(c: ExportConnection): Reader {
  const key = JSON.stringify(c);
  let reader = readers.get(key);
  if (reader) return reader;
  if (c.dialect === "sqlite") {
    const db = new SQLite(c.sqliteFile!, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    const cache = new Map<string, SQLite.Statement>();
    reader = async (sql, parameters) => {
      let stmt = cache.get(sql);
      if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
      return stmt.all(...(parameters as unknown[])) as Row[];
    };
  } else {
    const settings = [`statement_timeout=${Math.round(c.statementTimeoutMs)}`, "default_transaction_read_only=on", ...(c.pgSchema ? [`search_path=${c.pgSchema}`] : [])];
    const pool = new pg.Pool({ connectionString: c.databaseUrl, max: 1, options: settings.map((s) => `-c ${s}`).join(" ") });
    pool.on("error", () => undefined);
    reader = async (sql, parameters) => (await pool.query(sql, parameters as unknown[])).rows as Row[];
  }
  readers.set(key, reader);
  return reader;
}

/** A read run on this thread's own connection (issue 13 item 4: long reads off the request thread). */
export interface ReadJob {
  connection: ExportConnection;
  sql: string;
  parameters: readonly unknown[];
}

/** The rows of one compiled select, read on the worker thread's own read-only connection. */
export function readRows(job: ReadJob): Promise<Row[]> {
  return readerOf(job.connection)(job.sql, job.parameters);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `select * from (<query>) t where (keys) > (last) order by keys limit n`, its parameters numbered $1… for PostgreSQL, ? for SQLite. */
export function batchSql(job: Pick<ExportJob, "sql" | "parameters" | "keys" | "batchSize" | "connection">, after: boolean): string {
  const cols = job.keys.map((k) => `t.${quote(k)}`);
  const place = (i: number) => (job.connection.dialect === "postgres" ? `$${job.parameters.length + i + 1}` : "?");
  const where = after ? ` where (${cols.join(", ")}) > (${job.keys.map((_, i) => place(i)).join(", ")})` : "";
  return `select * from (${job.sql}) as t${where} order by ${cols.join(", ")} limit ${Math.floor(job.batchSize)}`;
}

function cellOf(c: StreamColumn, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (c.labels) return c.labels[String(v)] ?? String(v);
  if (c.kind === "date" || c.kind === "datetime") return beijingCell(String(v), c.kind);
  if (c.kind === "number") return Number(v);
  return typeof v === "number" || typeof v === "string" ? v : String(v);
}

/** Runs one export; resolves with the rows written. A "cancel" from the request thread stops it between batches. */
export async function runExport(job: ExportJob): Promise<{ rows: number }> {
  const port = job.port;
  let paused = false;
  let cancelled = false;
  let waiting: (() => void) | null = null;
  let resumed: (() => void) | null = null;
  const wake = () => {
    const w = waiting;
    const r = resumed;
    waiting = resumed = null;
    w?.();
    r?.();
  };
  let stop!: (err: Error) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => undefined);
  port.on("message", (m: ExportControl) => {
    if (m.type === "pause") paused = true;
    else {
      paused = false;
      if (m.type === "cancel") {
        cancelled = true;
        stop(new Error("export cancelled"));
      }
      wake();
    }
  });
  /** Between batches: the zip writer's bytes flushed and the client keeping up, so memory holds about one batch. */
  const flowing = async () => {
    await new Promise((r) => setImmediate(r));
    while (paused && !cancelled) await new Promise<void>((r) => (resumed = r));
  };
  const post = (m: ExportMessage, transfer?: ArrayBuffer[]) => {
    if (!cancelled) port.postMessage(m, transfer);
  };
  const out = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, cb) {
      // once cancelled, bytes are dropped rather than the stream failed: the abandoned writer winds down quietly
      if (cancelled) return cb();
      const own = new Uint8Array(chunk); // a copy of its own, so it can be transferred
      post({ type: "chunk", chunk: own }, [own.buffer]);
      if (!paused) return cb();
      waiting = () => cb();
    },
  });
  out.on("error", () => undefined);
  try {
    const read = readerOf(job.connection);
    let batch = await read(batchSql(job, false), job.parameters);
    post({ type: "ready" });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = "cebase";
    // Rows stream out, so each column is as wide as its header or its usual content, whichever is more.
    const ws = wb.addWorksheet(job.sheetName, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: job.columns.length } };
    ws.columns = job.columns.map((c, i) => ({
      header: c.header,
      key: String(i),
      width: Math.max(c.width ?? 10, displayWidth(c.header) + 2),
      style: c.kind === "date" || c.kind === "datetime" ? { numFmt: DATE_FORMATS[c.kind] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let rows = 0;
    for (;;) {
      for (const r of batch) ws.addRow(job.columns.map((c) => cellOf(c, r[c.field]))).commit();
      rows += batch.length;
      // the rows written so far: the request thread's sign of progress, and the count its audit gives if the client goes
      post({ type: "progress", rows });
      await Promise.race([flowing(), stopped]);
      if (batch.length < job.batchSize) break;
      const last = batch[batch.length - 1];
      batch = await read(batchSql(job, true), [...job.parameters, ...job.keys.map((k) => last[k])]);
    }
    ws.commit();
    await Promise.race([wb.commit(), stopped]);
    await Promise.race([new Promise<void>((resolve, reject) => (out.writableFinished ? resolve() : out.once("finish", resolve).once("error", reject))), stopped]);
    post({ type: "end", rows });
    return { rows };
  } finally {
    port.close();
  }
}
