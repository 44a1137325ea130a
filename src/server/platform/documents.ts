// Heavy documents off the request path (issue 10 item 5; DESIGN.md "Heavy work … runs off the request
// thread, with per-user limits"). One project archive once held the event loop for seconds; now the
// request thread only reads the database and describes the job (document-jobs.ts), and a pool of worker
// threads (piscina) draws the PDFs, packs the ZIP or writes the workbook and hands the bytes back.
// Each signed-in user may hold a few document jobs at once; one more is refused with 429 and
// Retry-After. A slot is released when its job ends, fails or its client goes away.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FastifyReply } from "fastify";
import { Piscina } from "piscina";
import { buildDocument, type DocumentJob } from "./document-jobs.js";
import { DomainError } from "./errors.js";

export interface DocumentConfig {
  /** Worker threads; 0 builds every document on the request thread (the benchmark's "before"). */
  documentThreads: number;
  /** Document jobs one user may run at once. */
  documentJobsPerUser: number;
  /** A job running longer is stopped (its thread ends) and answered DOCUMENT_FAILED. */
  documentTimeoutMs: number;
  /** Excel exports of more rows than this are written by a worker; smaller ones inline, where a thread hop costs more than it saves. */
  excelInlineRows: number;
  /** Streamed exports (issue 13 item 4) the whole server runs at once, each on its own worker thread and read connection; one more is refused 429. */
  heavyJobs?: number;
  /** PostgreSQL statement timeout of an export's own connection (a batch of a large export may read long). */
  exportStatementTimeoutMs?: number;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The platform's document jobs, for helpers that see only the reply (platform/excel.ts). */
    documents: DocumentJobs;
  }
}

/** Seconds a refused caller is told to wait: about one archive's build. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The worker entry beside this file: compiled JavaScript when the server runs from dist/node, otherwise
 * (vitest, tsx: this module is TypeScript) the .ts source loaded through tsx's loader in the worker.
 */
export function workerEntry(moduleUrl = import.meta.url, name = "document-worker"): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(moduleUrl);
  const ext = path.extname(here);
  const filename = path.join(path.dirname(here), `${name}${ext}`);
  if (!fs.existsSync(filename)) throw new Error(`document worker missing: ${filename}`);
  if (ext !== ".ts") return { filename, execArgv: [] };
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve("tsx")).href;
  return { filename, execArgv: ["--import", tsx] };
}

interface JobScope {
  signal: AbortSignal;
}

export class DocumentJobs {
  private pool: Piscina | null = null;
  private closed = false;
  private readonly running = new Map<string, number>();
  private readonly scope = new AsyncLocalStorage<JobScope>();
  private abandoned = 0;
  private heavy = 0;
  private exports: Piscina | null = null;
  private reads: Piscina | null = null;

  /** Where failed jobs are reported (the server's log, once it exists). */
  log: { error(obj: object, msg: string): void } = { error: () => undefined };

  constructor(readonly config: DocumentConfig) {}

  /** Jobs `userKey` holds now. */
  active(userKey: string): number {
    return this.running.get(userKey) ?? 0;
  }

  /**
   * Runs a download within one of the user's document slots (429 DOCUMENT_JOBS_BUSY when all are taken):
   * every `build` inside is aborted if the client goes away, and the slot is free again when it returns or throws.
   */
  async forRequest<T>(reply: FastifyReply, userKey: string, fn: () => Promise<T>): Promise<T> {
    const release = this.acquire(reply, userKey, false);
    const aborted = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) aborted.abort();
    };
    reply.raw.once("close", onClose);
    try {
      return await this.scope.run({ signal: aborted.signal }, fn);
    } finally {
      reply.raw.off("close", onClose);
      release();
    }
  }

  private get heavyLimit(): number {
    return Math.max(1, this.config.heavyJobs ?? 2);
  }

  /** Streamed exports running now, server-wide. */
  heavyActive(): number {
    return this.heavy;
  }

  /**
   * Takes one of the user's document slots and, for a streamed export (`heavy`), one of the server's
   * heavy slots; 429 with Retry-After when either is full. The returned function frees them (once).
   */
  acquire(reply: FastifyReply, userKey: string, heavy: boolean): () => void {
    const held = this.active(userKey);
    if (held >= this.config.documentJobsPerUser) {
      reply.header("Retry-After", String(RETRY_AFTER_SECONDS));
      throw new DomainError("DOCUMENT_JOBS_BUSY", { limit: this.config.documentJobsPerUser, retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    if (heavy && this.heavy >= this.heavyLimit) {
      reply.header("Retry-After", String(RETRY_AFTER_SECONDS));
      throw new DomainError("EXPORT_JOBS_BUSY", { limit: this.heavyLimit, retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    this.running.set(userKey, held + 1);
    if (heavy) this.heavy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (heavy) this.heavy--;
      const left = this.active(userKey) - 1;
      if (left > 0) this.running.set(userKey, left);
      else this.running.delete(userKey);
    };
  }

  /** The pool of export threads (one per heavy slot), each keeping its own read connection. */
  exportPool(): Piscina {
    if (this.closed) throw new Error("document pool closed");
    if (!this.exports) {
      const { filename, execArgv } = workerEntry(import.meta.url, "export-worker");
      const threads = this.heavyLimit;
      this.exports = new Piscina({ filename, execArgv, minThreads: 0, maxThreads: threads, idleTimeout: 60_000 });
    }
    return this.exports;
  }

  /**
   * The threads that run long reads (long-reads.ts) on their own read connections: apart from the export
   * threads, so a dashboard does not wait behind a million-row export, and as many as the heavy slots.
   */
  readPool(): Piscina {
    if (this.closed) throw new Error("document pool closed");
    if (!this.reads) {
      const { filename, execArgv } = workerEntry(import.meta.url, "export-worker");
      this.reads = new Piscina({ filename, execArgv, name: "read", minThreads: 0, maxThreads: this.heavyLimit, idleTimeout: 60_000 });
    }
    return this.reads;
  }

  /** The bytes of one document, built by a worker thread (or inline when the pool is off). */
  async build(job: DocumentJob): Promise<Uint8Array> {
    const signal = this.scope.getStore()?.signal;
    try {
      if (signal?.aborted) throw signal.reason;
      if (this.config.documentThreads <= 0) return await buildDocument(job);
      const timeout = AbortSignal.timeout(this.config.documentTimeoutMs);
      return (await this.poolOf().run(job, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout })) as Uint8Array;
    } catch (err) {
      // Never the worker's stack or message to the client, nor to the log (it may quote personal data).
      const e = err as Error;
      if (signal?.aborted) this.abandoned++;
      else this.log.error({ job: job.kind, errName: e?.name, stack: e?.stack?.split("\n").slice(1, 4).join("\n") }, "document job failed");
      throw new DomainError("DOCUMENT_FAILED", { document: job.kind });
    }
  }

  private poolOf(): Piscina {
    if (this.closed) throw new Error("document pool closed");
    if (!this.pool) {
      const { filename, execArgv } = workerEntry();
      this.pool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: this.config.documentThreads, idleTimeout: 60_000 });
    }
    return this.pool;
  }

  /** Jobs the worker threads have finished, jobs stopped because their client went away, threads alive: for tests and the benchmark. */
  stats(): { completed: number; abandoned: number; threads: number } {
    return { completed: (this.pool?.completed ?? 0) + (this.exports?.completed ?? 0), abandoned: this.abandoned, threads: this.pool?.threads.length ?? 0 };
  }

  /** Stops the worker threads (with the server). */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [this.pool, this.exports, this.reads];
    this.pool = null;
    this.exports = null;
    this.reads = null;
    await Promise.all(pools.map((p) => p?.destroy()));
  }
}
