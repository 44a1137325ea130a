// The entry of a document worker thread (piscina): one job in, its bytes out, the buffer transferred
// rather than copied. Loaded compiled (dist/node/…/document-worker.js) or, under vitest and tsx, as
// TypeScript through tsx's loader (documents.ts decides which).
import { Piscina } from "piscina";
import { buildDocument, type DocumentJob } from "./document-jobs.js";

export default async function buildInWorker(job: DocumentJob): Promise<Uint8Array> {
  const bytes = await buildDocument(job);
  // A view over part of a shared buffer cannot be transferred alone: copy it into its own first.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return Piscina.move(own) as Uint8Array;
}
