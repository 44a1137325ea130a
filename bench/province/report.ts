// The benchmark's figures: one line per path as it is measured, the whole table as Markdown at the end
// (for docs/performance.md) and as JSON in bench/results/<dialect>.json.
import fs from "node:fs";
import path from "node:path";
import { root } from "./server.js";

export interface Row {
  /** stable key, e.g. "lists.professionals.page1" */
  id: string;
  group: string;
  path: string;
  perSecond?: number;
  p50?: number;
  p99?: number;
  /** errors and non-2xx answers */
  errors?: number;
  non2xx?: number;
  rssMb?: number;
  /** the measured figure of a path that is not a rate (seconds, bytes …), in words */
  figure?: string;
  aim: string;
  /** true: aim met; false: missed; null: no aim, or not measured */
  ok: boolean | null;
  note?: string;
}

const mark = (ok: boolean | null) => (ok === true ? "✓" : ok === false ? "✗" : "–");
const num = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "" : n.toFixed(digits));

export function printRow(r: Row): void {
  const rate = r.perSecond !== undefined ? `${num(r.perSecond).padStart(7)} req/s` : "".padStart(13);
  const lat = r.p99 !== undefined ? `p50 ${num(r.p50).padStart(5)} ms  p99 ${num(r.p99).padStart(6)} ms` : "".padStart(29);
  const errs = r.errors !== undefined || r.non2xx !== undefined ? `err ${r.errors ?? 0}/non-2xx ${r.non2xx ?? 0}` : "";
  const rss = r.rssMb !== undefined ? `RSS ${r.rssMb} MB` : "";
  console.log(`${mark(r.ok)} ${r.path.padEnd(52)} ${rate}  ${lat}  ${errs.padEnd(20)} ${rss.padEnd(12)} ${r.figure ?? ""}  [aim: ${r.aim}]${r.note ? `  ${r.note}` : ""}`);
}

export function markdown(rows: Row[], heading: string): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    heading,
    "",
    "| path | req/s | p50 ms | p99 ms | errors / non-2xx | server peak RSS MB | figure | aim | |",
    "|---|---:|---:|---:|---:|---:|---|---|---|",
    ...rows.map((r) =>
      [
        cell(r.path),
        num(r.perSecond),
        num(r.p50),
        num(r.p99),
        r.errors !== undefined || r.non2xx !== undefined ? `${r.errors ?? 0} / ${r.non2xx ?? 0}` : "",
        num(r.rssMb),
        cell([r.figure, r.note].filter(Boolean).join("; ")),
        cell(r.aim),
        mark(r.ok),
      ].join(" | "),
    ).map((l) => `| ${l} |`),
  ];
  return lines.join("\n");
}

/** Rows of this run replace those of the same id in bench/results/<dialect>.json; the others stay (single groups). */
export function writeJson(dialect: string, meta: Record<string, unknown>, rows: Row[]): string {
  const dir = path.join(root, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${dialect}.json`);
  let earlier: Row[] = [];
  try {
    earlier = (JSON.parse(fs.readFileSync(file, "utf8")) as { rows: Row[] }).rows ?? [];
  } catch {
    earlier = [];
  }
  const ids = new Set(rows.map((r) => r.id));
  const merged = [...earlier.filter((r) => !ids.has(r.id)), ...rows];
  fs.writeFileSync(file, JSON.stringify({ ...meta, rows: merged }, null, 2) + "\n");
  return file;
}
