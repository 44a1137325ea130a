// The entry of an export worker thread (piscina): one streamed export per task, its bytes posted over the
// task's MessagePort (export-stream.ts); or, as the task named "read", one long read's rows (long-reads.ts).
// Loaded compiled or, under vitest and tsx, through tsx's loader.
import { readRows, runExport, type ExportJob, type ReadJob } from "./export-stream.js";

export default function exportInWorker(job: ExportJob): Promise<{ rows: number }> {
  return runExport(job);
}

export function read(job: ReadJob): Promise<Record<string, unknown>[]> {
  return readRows(job);
}
