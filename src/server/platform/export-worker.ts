// The entry of an export worker thread (piscina): one streamed export per task, its bytes posted over the
// task's MessagePort (export-stream.ts). Loaded compiled or, under vitest and tsx, through tsx's loader.
import { runExport, type ExportJob } from "./export-stream.js";

export default function exportInWorker(job: ExportJob): Promise<{ rows: number }> {
  return runExport(job);
}
