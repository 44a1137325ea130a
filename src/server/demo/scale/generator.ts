// The people of the scale load are generated in a worker thread (sealing and signing are most of the
// work) while the main thread writes the previous chunk: one generator, chunks in order, so the seed
// alone decides every row. Under tsx and vitest the worker loads this TypeScript through tsx's loader.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { loadSecrets } from "../../platform/secrets.js";
import { peopleRows, type PeopleSpec, type Rows } from "./people.js";
import { idMaker, seeded } from "./random.js";

export interface GeneratorData {
  spec: PeopleSpec;
  secrets: { dataDir: string; secretKey?: string; signing: number; sealing: number };
  startMs: number;
}

export interface Chunk {
  rows: Rows;
  certificateLast: Record<string, number>;
}

if (!isMainThread && parentPort && (workerData as { scaleGenerator?: GeneratorData })?.scaleGenerator) {
  const data = (workerData as { scaleGenerator: GeneratorData }).scaleGenerator;
  const secrets = loadSecrets(data.secrets);
  secrets.useVersions({ signing: data.secrets.signing, sealing: data.secrets.sealing });
  const load = { ...data.spec, secrets, rand: seeded(data.spec.seed + 1), id: idMaker(seeded(data.spec.seed ^ 0x5eed), data.startMs) };
  const port = parentPort;
  port.on("message", (m: { from: number; to: number }) => {
    const rows = peopleRows(load, m.from, m.to);
    port.postMessage({ rows, certificateLast: load.certificateLast } satisfies Chunk);
  });
}

export interface Generator {
  chunk(from: number, to: number): Promise<Chunk>;
  terminate(): Promise<number>;
}

/** A generator thread: `chunk(from, to)` answers the rows of those people; requests are answered in order. */
export function startGenerator(data: GeneratorData): Generator {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const filename = path.join(path.dirname(here), `generator${ext}`);
  if (!fs.existsSync(filename)) throw new Error(`generator missing: ${filename}`);
  const options = { workerData: { scaleGenerator: data } };
  // TypeScript (tsx, vitest): the thread registers tsx's loader, then imports this file.
  const api = ext === ".ts" ? import.meta.resolve("tsx/esm/api") : null;
  const worker = api
    ? new Worker(`import(${JSON.stringify(api)}).then((m) => m.register()).then(() => import(${JSON.stringify(pathToFileURL(filename).href)}))`, { ...options, eval: true })
    : new Worker(filename, options);
  const waiting: { resolve(c: Chunk): void; reject(e: unknown): void }[] = [];
  worker.on("message", (c: Chunk) => waiting.shift()?.resolve(c));
  worker.on("error", (e) => waiting.splice(0).forEach((w) => w.reject(e)));
  return {
    chunk: (from: number, to: number) =>
      new Promise<Chunk>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ from, to });
      }),
    terminate: () => worker.terminate(),
  };
}
