// Streamed Excel exports of any size (issue 13 items 4 and 5; DESIGN.md "Exports stream and never
// truncate silently"). The request thread only compiles the route's filtered, selected query (Kysely's
// `.compile()`: SQL and parameters, the actor's scope already in its where) and relays bytes; an export
// worker with its own read connection reads it in keyset batches and writes the workbook with exceljs's
// streaming writer (export-stream.ts). Each export holds one of the user's document slots and one of the
// server's heavy slots until it ends, fails or its client goes away, which stops the worker's reading.
import { MessageChannel } from "node:worker_threads";
import path from "node:path";
import { PassThrough } from "node:stream";
import { CamelCasePlugin, type Compilable } from "kysely";
import type { FastifyReply } from "fastify";
import type { Platform } from "./context.js";
import { DomainError } from "./errors.js";
import type { ExportConnection, ExportJob, ExportMessage, StreamColumn } from "./export-stream.js";
import { contentDisposition } from "./http.js";

export type { StreamColumn } from "./export-stream.js";

/** Rows read per query of an export. */
export const EXPORT_BATCH = 2000;

/** A column as the route names it: `field` is the query's output alias in camelCase, as rows read elsewhere in the app. */
export type ExportColumn = Omit<StreamColumn, "field"> & { field: string };

export interface StreamedExport {
  filename: string;
  sheetName: string;
  /** Filtered and selected, no order or limit; its output must include the key columns. */
  query: Compilable<unknown>;
  /** Output aliases (camelCase) making a total ascending order, the last unique (an id). */
  keys: string[];
  columns: ExportColumn[];
  /** Called once the export ends, however it ends, with the rows handed over (the personal-data audit). */
  onDone?: (rows: number) => Promise<void>;
}

// The compiled SQL names columns as the CamelCasePlugin wrote them: snake_case.
const casing = new CamelCasePlugin() as unknown as { snakeCase(s: string): string };
const snake = (name: string) => casing.snakeCase(name);

export function connectionOf(p: Platform): ExportConnection {
  const { config } = p;
  if (p.dialect === "postgres") return { dialect: "postgres", databaseUrl: config.databaseUrl, pgSchema: config.pgSchema, statementTimeoutMs: config.exportStatementTimeoutMs ?? 600_000 };
  return { dialect: "sqlite", sqliteFile: path.join(config.dataDir, "cebase.sqlite"), statementTimeoutMs: config.exportStatementTimeoutMs ?? 600_000 };
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A download whose client has read nothing for this long is ended and its slots freed. */
const EXPORT_STALL_MS = 60_000;

/**
 * Answers the export as a streamed xlsx. Refusals (slots full) and a first batch that fails answer as JSON;
 * once bytes flow, a failure aborts the download rather than ending it as if it were whole.
 */
export async function sendStreamedExport(p: Platform, reply: FastifyReply, spec: StreamedExport): Promise<FastifyReply> {
  const documents = p.documents;
  const req = reply.request;
  // HEAD (which Fastify answers for every GET) names the file without writing it, holding a slot or auditing.
  if (req.method === "HEAD") return reply.type(XLSX).header("Content-Disposition", contentDisposition(spec.filename)).header("Cache-Control", "no-store").send();
  const compiled = spec.query.compile();
  const release = documents.acquire(reply, req.session?.actor.id ?? `ip:${req.ip}`, true);
  const { port1, port2 } = new MessageChannel();
  const job: ExportJob = {
    connection: connectionOf(p),
    sql: compiled.sql,
    parameters: compiled.parameters,
    keys: spec.keys.map(snake),
    sheetName: spec.sheetName,
    columns: spec.columns.map((c) => ({ ...c, field: snake(c.field) })),
    batchSize: EXPORT_BATCH,
    port: port2,
  };
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  // ended by abort() before or after the reply took it: the reply's own handling reports it, never an uncaught error
  out.on("error", () => undefined);
  let rows = 0;
  let ended = false;
  let isStarted = false;
  let paused = false;
  let audited = false;
  const audit = async () => {
    if (audited) return;
    audited = true;
    await spec.onDone?.(rows).catch((err: unknown) => documents.log.error({ job: "export", errName: (err as Error)?.name }, "export audit failed"));
  };
  let ready!: () => void;
  let sawEnd!: () => void;
  const endSeen = new Promise<void>((resolve) => (sawEnd = resolve));
  const started = new Promise<void>((resolve) => (ready = resolve));
  // A download the client stops reading (its socket open, its window full) or one that has produced nothing
  // for the document timeout gives its slots back: without this, two stalled downloads would refuse every
  // export. A million-row export that keeps writing runs as long as it needs (the read's own statement
  // timeout bounds a query that hangs).
  const abort = () => {
    port1.postMessage({ type: "cancel" });
    out.destroy(new Error("export stalled or timed out"));
    reply.raw.destroy();
  };
  let stall: NodeJS.Timeout | undefined;
  const deadline = setTimeout(abort, documents.config.documentTimeoutMs);
  deadline.unref();
  port1.on("message", (m: ExportMessage) => {
    if (m.type === "ready") {
      isStarted = true;
      ready();
    }
    else if (m.type === "progress") {
      rows = m.rows;
      deadline.refresh();
    } else if (m.type === "chunk") {
      if (!out.write(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength)) && !paused) {
        paused = true;
        port1.postMessage({ type: "pause" });
        stall = setTimeout(abort, EXPORT_STALL_MS);
        stall.unref();
      }
    } else if (m.type === "end") {
      ended = true;
      rows = m.rows;
      // the hand-over is audited before the last bytes go: a client holding the whole file finds it in the trail
      void audit().finally(() => {
        out.end();
        sawEnd();
      });
    }
  });
  out.on("drain", () => {
    clearTimeout(stall);
    paused = false;
    port1.postMessage({ type: "resume" });
  });
  const cancel = () => {
    if (!reply.raw.writableFinished) port1.postMessage({ type: "cancel" });
  };
  reply.raw.once("close", cancel);
  let running: Promise<number>;
  try {
    running = documents
      .exportPool()
      .run(job, { transferList: [port2] })
      .then((r: { rows: number }) => (rows = r.rows));
  } catch (err) {
    reply.raw.off("close", cancel);
    port1.close();
    release();
    throw err;
  }
  // The task's result and the port's messages travel apart: the last chunks and "end" may still be on
  // their way when the task resolves, so the port stays open until "end" (or the worker's side closes).
  const portClosed = new Promise<void>((resolve) => port1.once("close", resolve));
  const finished = running.then(
    async () => {
      await Promise.race([endSeen, portClosed]);
      if (!ended) out.destroy(new Error("export ended without its last bytes"));
    },
    (err: unknown) => {
      const e = err as Error;
      if (!reply.raw.destroyed) documents.log.error({ job: "export", errName: e?.name, stack: e?.stack?.split("\n").slice(1, 4).join("\n") }, "export failed");
      if (!ended) out.destroy(new Error("export failed"));
    },
  );
  void finished.finally(async () => {
    clearTimeout(stall);
    clearTimeout(deadline);
    reply.raw.off("close", cancel);
    port1.close();
    release();
    // an export that never started handed nothing over: nothing to audit
    if (isStarted) await audit();
  });
  // the first batch is read before the answer starts, so a query that fails still answers as JSON
  const first = await Promise.race([started.then(() => true), running.then(() => true, () => false)]);
  if (!first) throw new DomainError("DOCUMENT_FAILED", { document: "export" });
  return reply
    .type(XLSX)
    .header("Content-Disposition", contentDisposition(spec.filename))
    .header("Cache-Control", "no-store")
    .send(out);
}
